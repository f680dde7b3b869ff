"""The rule bugs of issue 16 (item 7), one test each; every one failed before its fix."""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.lexicon import parse_lexicon
from moderation.normalize import default_normalizer


def _small(lexicon: str) -> Detector:
    normalizer = default_normalizer()
    return Detector([parse_lexicon(lexicon, "test.toml", normalizer)], normalizer)


def test_allow_listed_killer_no_longer_deletes_weed_killer(detector):
    # The idiom "killer" lies inside the longer, more specific "drank weed killer".
    v = detector.scan("I drank weed killer")
    assert v.tier >= 3 and "suicide" in v.categories
    assert detector.scan("what a killer workout").tier == 0  # the idiom itself still silences


def test_a_longer_lower_tier_phrase_does_not_hide_a_shorter_higher_one():
    detector = _small(
        """
[meta]
language = "en"
name = "test"
version = "1"

[[terms]]
category = "suicide"
tier = 4
phrases = ["took all my pills"]

[[terms]]
category = "suicide"
tier = 1
phrases = ["i took all my pills yesterday and talked about it"]
"""
    )
    assert detector.scan("i took all my pills yesterday and talked about it").tier == 4


def test_an_affix_still_makes_the_longer_phrase_win(detector):
    # The noun "suicide" (tier 1) adds the affix မှု to the verb "kill oneself" (tier 2).
    v = detector.scan("သတ်သေမှု အကြောင်း သတင်း")
    assert v.tier <= 1


def test_a_tier_three_combo_does_not_swallow_a_tier_four_combo():
    detector = _small(
        """
[meta]
language = "en"
name = "test"
version = "1"

[[terms]]
category = "distress"
tier = 1
phrases = ["unrelated filler phrase"]

[[combo]]
category = "danger"
tier = 4
window = 20
first = ["soldiers"]
second = ["at the door"]

[[combo]]
category = "danger"
tier = 3
window = 40
first = ["village"]
second = ["at the door"]
"""
    )
    v = detector.scan("village news: soldiers at the door")
    assert v.tier == 4


@pytest.mark.parametrize("text", ["I used to cut myself", "I used to cut myself every night"])
def test_used_to_is_not_negation(detector, text):
    v = detector.scan(text)
    assert v.tier >= 2
    assert not any("lowered:negation" in m.reasons for m in v.matches)


@pytest.mark.parametrize(
    "text",
    [
        "I tried to kill myself last year, now it's a funny story",
        "I was standing on the bridge ready to jump, now it's a funny story",
    ],
)
def test_now_in_a_retrospective_does_not_make_a_past_event_imminent(detector, text):
    v = detector.scan(text)
    assert 1 <= v.tier <= 3


def test_now_still_raises_the_present(detector):
    assert detector.scan("I'm going to kill myself now").tier == 4


def test_burmese_now_inside_until_now_is_not_a_time(detector):
    # အခုထိ = "until now, still": a lasting wish, not an imminent act.
    assert detector.scan("အခုထိ ငါ သေချင်တုန်းပဲ").tier == 2
    assert detector.scan("ငါ အခု သေတော့မယ်").tier == 4


def test_a_reassurance_that_follows_lowers_danger(detector):
    assert detector.scan("soldiers came to my village").tier == 3
    v = detector.scan("soldiers came to my village but my brother is safe")
    assert v.tier == 2 and "lowered:reassurance" in v.matches[0].reasons
    # ... but never an overdose, and never a phrase imminent by itself.
    assert detector.scan("I took all my pills but I'm fine").tier == 4
    assert detector.scan("soldiers are at my door but my brother is safe").tier == 4


@pytest.mark.parametrize(
    "text",
    [
        "she'll kill me if I forget her birthday lol",
        "she will kill me if I forget her birthday lol",
        "my girlfriend is going to kill me if i forget her birthday",
    ],
)
def test_trivial_hyperbole_is_not_a_threat(detector, text):
    assert detector.scan(text).tier == 0


def test_real_conditional_threat_stays(detector):
    assert detector.scan("they will kill me if i go back").tier >= 3


@pytest.mark.parametrize("text", ["မင်းကို တွေ့ချင်လွန်းလို့ သေတော့မယ်", "မင်းကို တွေ့ချင်လို့သေချင်နေပြီ", "သတိရလို့ သေတော့မယ်"])
def test_burmese_longing_is_not_ideation(detector, text):
    # "dying to see you" in Burmese.
    assert detector.scan(text).tier == 0


def test_emoji_are_tokens_not_spaces():
    norm = default_normalizer()
    assert norm.fast("I took 💊 all of them")[0] == "i took pills all of them"
    assert norm.fast("🔪🔪")[0] == "knife knife"


@pytest.mark.parametrize(("text", "expected"), [("at 10pm", "at 10pm"), ("4am", "4am"), ("20mg", "20mg")])
def test_times_and_doses_are_numbers_not_leetspeak(text, expected):
    assert default_normalizer().fast(text)[0] == expected
