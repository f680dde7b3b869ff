"""Issue 16, second pass: framing (fiction, news, public events) and the high-place class.

Sentences here are written from the issue's classes and are not copied from any held-out set.
"""

from __future__ import annotations

import pytest

from moderation.lexicon import LexiconError, parse_lexicon
from moderation.normalize import default_normalizer

# Each text is a hit without its frame (test_each_frame_is_what_drops_the_hit checks that).
FRAMED = [
    ("in the film the hero says goodbye and the rope is ready", "the rope is ready, goodbye"),
    ("in that movie he took all the pills tonight", "he took all the pills tonight"),
    ("news: soldiers are at the door of the village head", "soldiers are at the door of the village head"),
    ("in the game, jump off the bridge at 11pm for the loot", "jump off the bridge at 11pm"),
    ("ဇာတ်ကောင်က တံတားပေါ်က ခုန်ချတယ်", "တံတားပေါ်က ခုန်ချတယ်"),
]


@pytest.mark.parametrize(("framed", "bare"), FRAMED)
def test_each_frame_is_what_drops_the_hit(detector, framed, bare):
    assert detector.scan(bare).tier >= 3
    v = detector.scan(framed)
    assert v.tier == 0, v.matches
    assert detector._scan_full(framed) == v


@pytest.mark.parametrize(
    "text",
    [
        "the police are outside the building for the new year fireworks",
        "soldiers everywhere in town for the national day parade",
    ],
)
def test_public_events_drop_danger_hits(detector, text):
    assert detector.scan(text).tier == 0


def test_without_the_event_the_danger_hit_stands(detector):
    assert detector.scan("the police are outside the building now").tier >= 3


@pytest.mark.parametrize(
    "text",
    [
        "the film made me want to kill myself",  # first person inside the hit: the writer's own
        "after the news i took all my pills",
        "soldiers are at my door, they came during the festival",
    ],
)
def test_a_first_person_hit_is_not_dropped_by_a_frame(detector, text):
    assert detector.scan(text).tier >= 1


def test_a_frame_in_another_sentence_does_not_drop(detector):
    assert detector.scan("watched a movie last night. the rope is ready, goodbye").tier >= 3


def test_event_frames_leave_other_categories_alone(detector):
    # A public event names where danger is not; it says nothing about suicide.
    assert detector.scan("during the parade i will jump off the bridge").tier >= 3


@pytest.mark.parametrize(
    "text",
    [
        "i am on the bridge again, i dont want to come back home",
        "on the rooftop of my work now. not coming down",
        "at the river bank, tell my mum sorry",
        "အခု တိုက်ပေါ်မှာ ပြန်မဆင်းချင်တော့ဘူး",
    ],
)
def test_a_high_place_with_no_return_is_imminent(detector, text):
    assert detector.scan(text).tier == 4


@pytest.mark.parametrize(
    "text",
    [
        "we are on the roof, come up, the view is great",
        "on the bridge now, almost home",
        "at the river bank for a picnic",
    ],
)
def test_a_high_place_alone_stays_quiet(detector, text):
    assert detector.scan(text).tier == 0


def test_new_cue_kinds_and_positions_are_validated():
    normalizer = default_normalizer()
    head = '[meta]\nlanguage = "xx"\nname = "X"\nversion = "1"\n'
    head += '[[terms]]\ncategory = "suicide"\ntier = 2\nphrases = ["die"]\n'
    parse_lexicon(
        head + '[[cues]]\nkind = "fiction"\nposition = "sentence"\nphrases = ["film"]\n', "x.toml", normalizer
    )
    with pytest.raises(LexiconError, match="cue position"):
        parse_lexicon(
            head + '[[cues]]\nkind = "fiction"\nposition = "anywhere"\nphrases = ["film"]\n', "x.toml", normalizer
        )


def test_romanised_fiction_frame_drops_a_hit_unless_first_person(detector):
    assert detector.scan("ko ko thay chin tal tae").tier == 2
    assert detector.scan("yote shin htae mhar ko ko thay chin tal tae").tier == 0
    # "nga" (I) just before the hit: the writer's own, whatever the film.
    assert detector.scan("yote shin kyi pyi nga thay chin tal").tier == 2


def test_breaking_down_a_door_is_not_a_news_frame(detector):
    # "breaking" alone was a fiction cue at first and dropped this training message to 0.
    assert detector.scan("they're breaking the door down").tier >= 3


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("my roommate drank insecticide hour ago, please help", 4),  # "hour ago" without "an"
        ("a comrade drank all her pills, please help", 3),  # "a"/"the" before the person
        ("standing at edge of the bridge in hour, goodbye", 4),  # "in hour": a delay without its count
        ("my name is on their list", 2),
    ],
)
def test_validation_misses_of_the_second_pass(detector, text, tier):
    assert detector.scan(text).tier >= tier


def test_burmese_worthlessness_with_words_in_between(detector):
    # "I am of no use to anyone": a recipient between the subject and the phrase.
    assert detector.scan("ငါ ဘယ်သူ့အတွက်မှ အသုံးမဝင်ဘူး").tier >= 1
