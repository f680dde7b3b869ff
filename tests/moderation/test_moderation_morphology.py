"""Burmese phrases with particles inside (issue 16 item 3)."""

from __future__ import annotations

import pytest

from moderation.morphology import strip_particles


def test_particles_are_removed_whole_and_on_syllable_boundaries():
    bare, index = strip_particles("ဆေးတွေကို")
    assert bare == "ဆေး" and index == [0, 1, 2]
    # တွေ့ ("meet") is not the plural တွေ: the dot below continues the syllable.
    assert strip_particles("တွေ့ချင်တယ်")[0] == "တွေ့ချင်တယ်"
    # ကို inside ကိုယ် ("self") is not the object marker.
    assert strip_particles("ကိုယ်")[0] == "ကိုယ်"


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("ဆေးတွေ အကုန်ကို သောက်လိုက်ပြီ", 4),  # object marker inside "took all the pills"
        ("ငါ သေချင်ခဲ့တယ်", 2),  # past particle after the stem
    ],
)
def test_phrases_match_with_particles_inside(detector, text, tier):
    v = detector.scan(text)
    assert v.tier == tier
    for m in v.matches:
        assert 0 <= m.start < m.end <= len(text)


def test_spans_cover_the_particles_in_the_original(detector):
    text = "ဆေးတွေ အကုန်ကို သောက်လိုက်ပြီ"
    v = detector.scan(text)
    assert text[v.matches[0].start : v.matches[0].end] == text


def test_meeting_is_not_plural(detector):
    assert detector.scan("မင်းကို တွေ့ချင်တယ်").tier == 0


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("suicide လုပ်ချင်တယ်", 2),  # English noun, Burmese verb
        ("ဒီည suicide လုပ်မယ်", 4),  # with a Burmese time word
        ("pills တွေ အကုန်သောက်လိုက်ပြီ", 3),
        ("ပျူစောထီးတွေ ရွာထဲ ဝင်လာပြီ", 3),  # militia entering the village
    ],
)
def test_code_switching_and_forces(detector, text, tier):
    assert detector.scan(text).tier == tier


def test_news_about_a_column_stays_quiet(detector):
    assert detector.scan("စစ်ကြောင်း အကြောင်း သတင်း ဖတ်တယ်").tier == 0


def test_no_irregular_entry_repeats_the_regular_rules():
    # inflect.IRREGULAR lists only what the regular rules get wrong (stab and swallow were folded
    # into the rules); the browser engine ships this table, so a redundant entry is dead weight.
    from moderation import inflect

    for word, forms in inflect.IRREGULAR.items():
        rest = {w: f for w, f in inflect.IRREGULAR.items() if w != word}
        saved = inflect.IRREGULAR
        try:
            inflect.IRREGULAR = rest
            regular = inflect.inflections(word)
        finally:
            inflect.IRREGULAR = saved
        assert regular != (word, *forms), word
    assert inflect.inflections("stab") == ("stab", "stabs", "stabbed", "stabbing")
    assert inflect.inflections("swallow") == ("swallow", "swallows", "swallowed", "swallowing")


def test_a_phrase_never_rests_its_meaning_on_a_particle(detector):
    # Particles are optional on both sides, so a plural that carries "many" ("the pills") must be
    # said with a quantity word: one sleeping pill at bedtime is not an overdose.
    assert detector.scan("အိပ်ဆေး သောက်လိုက်ပြီ ကောင်းကောင်း အိပ်မယ်").tier == 0
    assert detector.scan("အိပ်ဆေးတွေ အကုန် သောက်လိုက်ပြီ").tier == 4
