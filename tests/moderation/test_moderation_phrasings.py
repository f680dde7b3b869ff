"""How people in crisis actually write: indirect, passive, inflected, with filler words.

Representative phrasings (not corpus sentences) with the tier each should get, plus the
machinery behind them: lexicon inflection ("kill~") and ordered bounded-gap combos.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.inflect import inflect_phrase, inflections
from moderation.lexicon import parse_lexicon
from moderation.normalize import default_normalizer


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector.default()


PHRASINGS = [
    # passive and indirect (tier 1)
    ("I don't want to be here anymore", 1, "suicide"),
    ("I wish I could just disappear", 1, "suicide"),
    ("everyone would be better off without me", 1, "suicide"),
    ("my kids would be better off without a dad like me", 1, "suicide"),
    ("I can't do this anymore", 1, "suicide"),
    ("what's even the point of living", 1, "suicide"),
    ("I'm done with everything", 1, "suicide"),
    ("I just want it all to stop", 1, "suicide"),
    ("there's no reason to keep going", 1, "suicide"),
    ("I'm tired of living", 1, "suicide"),
    ("I want to sleep and never wake up", 1, "suicide"),
    ("haven't eaten in days and don't care", 1, "distress"),
    # ideation and indirect goodbyes (tier 2)
    ("I won't be a problem much longer", 2, "suicide"),
    ("I've said my goodbyes", 2, "suicide"),
    ("I keep thinking about ending it", 2, "suicide"),
    ("i keep thinking about maybe just ending it all", 2, "suicide"),
    ("I want to end my life", 2, "suicide"),
    ("I'm going to take my own life", 2, "suicide"),
    ("I want to just die", 2, "suicide"),
    ("i really just want to fucking die", 2, "suicide"),
    ("I relapsed", 2, "self_harm"),
    # method and behaviour (tier 3)
    ("I'm giving away my things", 3, "suicide"),
    ("I want to jump off the bridge", 3, "suicide"),
    ("I'm going to hang myself", 3, "suicide"),
    ("I overdosed last night", 3, "suicide"),
    ("I slit my wrists", 3, "suicide"),
    ("I'm cutting again", 3, "self_harm"),
    # imminent (tier 4)
    ("I'm gonna kill myself tonight", 4, "suicide"),
    ("i'm going to end it tonight", 4, "suicide"),
    ("i'll end it all after everyone is asleep", 4, "suicide"),
    ("i took the whole box of my sleeping tablets", 4, "suicide"),
    ("just swallowed a bottle of rat poison", 4, "suicide"),
    # defector danger
    ("they know where I live", 4, "danger"),
    ("soldiers are on my street", 4, "danger"),
    ("someone is following me", 3, "danger"),
    ("someone has been following me home from work", 3, "danger"),
    ("the army is looking for me", 3, "danger"),
    ("police came to my family's house", 3, "danger"),
    ("they'll kill me if they find me", 3, "danger"),
    ("there's a car parked outside my room again", 3, "danger"),
    ("my commander found out", 2, "danger"),
    ("there's an informer in the group", 2, "danger"),
    ("I'm being watched", 2, "danger"),
    # abuse disclosure
    ("he hits me", 2, "abuse"),
    ("my officer beat us", 2, "abuse"),
    ("the captain beat us with a stick every morning", 2, "abuse"),
    ("they tortured me", 2, "abuse"),
    ("they forced me to do it", 2, "abuse"),
    ("he's hitting me right now", 4, "abuse"),
    # violence and threats
    ("I'm going to hurt him", 2, "violence"),
    ("I'll shoot them", 2, "violence"),
    ("i swear i'm really going to kill him", 2, "violence"),
    ("I want revenge", 2, "violence"),
    # Burmese as spoken, no spaces
    ("ဆက်မနေနိုင်တော့ဘူး", 1, "suicide"),
    ("ပျောက်ကွယ်သွားချင်တယ်", 1, "suicide"),
    ("သေလိုက်ချင်တယ်", 2, "suicide"),
    ("သေလိုက်မယ်", 2, "suicide"),
    ("ဒီည သေလိုက်မယ်", 4, "suicide"),
    ("ပြန်လှီးမိပြန်ပြီ", 3, "self_harm"),
    ("တစ်ယောက်ယောက် ငါ့နောက် လိုက်နေတယ်", 3, "danger"),
    ("ဗိုလ်ကြီးက ငါတို့ကို နေ့တိုင်း ရိုက်တယ်", 2, "abuse"),
    ("လက်စားချေမယ်", 2, "violence"),
]


@pytest.mark.parametrize(("text", "tier", "category"), PHRASINGS)
def test_real_phrasings(detector, text, tier, category):
    verdict = detector.scan(text)
    assert verdict.tier == tier, (text, verdict)
    assert category in verdict.categories


NOT_CRISIS = [
    "my phone is going to die, send me the address quick",
    "i will end it here, thanks everyone for coming",
    "she hit me up last night about the job",
    "they beat us 3-0 in the final",
    "the power cut again, third time today",
    "he is following me on instagram now lol",
    "follow me to the market, it's this way",
    "i'm standing on the edge of the stage lol",
    "she is kicking me, the baby is so active",
    "my brother hit me with a pillow lol",
    "the kids were jumping off the boat into the river all afternoon",
    "the actor in the drama jumps off the bridge at the end",
    "ဒီနေ့ ပူလိုက်တာ သေတော့မယ်",
    "ဓာတ်ပုံ ရိုက်ပေးပါ",
]


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_everyday_phrasings_stay_quiet(detector, text):
    assert detector.scan(text).tier == 0


def test_inflections():
    assert inflections("kill") == ("kill", "kills", "killed", "killing")
    assert inflections("die") == ("die", "dies", "died", "dying")
    assert inflections("cut") == ("cut", "cuts", "cutting")
    assert inflections("stop") == ("stop", "stops", "stopped", "stopping")
    assert inflections("cry") == ("cry", "cries", "cried", "crying")
    assert inflections("punch") == ("punch", "punches", "punched", "punching")
    assert inflect_phrase("he hit~ me") == ["he hit me", "he hits me", "he hitting me"]
    assert inflect_phrase("no marks here") == ["no marks here"]


LEXICON = """\
[meta]
language = "xx"
version = "1"

[[terms]]
category = "suicide"
tier = 1
phrases = ["zzz"]

[[combo]]
category = "suicide"
tier = 2
window = 14
ordered = true
first = ["want to"]
second = ["vanish~"]
"""


def test_ordered_combo_is_a_bounded_gap_rule():
    normalizer = default_normalizer()
    detector = Detector([parse_lexicon(LEXICON, "test.toml", normalizer)], normalizer)
    assert detector.scan("i want to just vanish").tier == 2
    assert detector.scan("i want to really just vanished").tier == 2  # inflected, gap of 13
    assert detector.scan("i want to go home and sleep then vanish").tier == 0  # gap too long
    assert detector.scan("vanish, that is what i want to do").tier == 0  # wrong order


def test_ordered_must_be_boolean():
    from moderation.lexicon import LexiconError

    with pytest.raises(LexiconError, match="ordered must be true or false"):
        parse_lexicon(LEXICON.replace("ordered = true", 'ordered = "yes"'), "test.toml", default_normalizer())
