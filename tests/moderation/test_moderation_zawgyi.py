"""Zawgyi detection (fast model loop) and the rule-table converter."""

from __future__ import annotations

import random

import pytest
from moderation_corpus import load
from myanmartools import ZawgyiDetector

from moderation.zawgyi import default_detector, looks_zawgyi, zawgyi_converter, zawgyi_to_unicode

# Pairs checked by hand against their rendering: Zawgyi stores the vowel sign E and medial RA
# before the consonant, writes asat as U+1039 and uses private glyph codes like U+1064 for kinzi.
KNOWN_PAIRS = [
    ("ေမာင္", "မောင်"),
    ("ျမန္မာ", "မြန်မာ"),
    ("မဂၤလာပါ", "မင်္ဂလာပါ"),
    ("ေသခ်င္တယ္", "သေချင်တယ်"),
    ("ကၽြန္ေတာ္", "ကျွန်တော်"),
    ("ေက်းဇူးတင္ပါတယ္", "ကျေးဇူးတင်ပါတယ်"),
    ("ဒီေန႔", "ဒီနေ့"),
    # E before a consonant that carries a kinzi (2026.12.17): E goes after the stacked consonant, not inside the kinzi.
    ("သေဘၤာ", "သင်္ဘော"),
    ("သေဘၤာေပၚမွာ", "သင်္ဘောပေါ်မှာ"),
]


@pytest.mark.parametrize(("zawgyi", "unicode"), KNOWN_PAIRS)
def test_known_pairs(zawgyi, unicode):
    assert zawgyi_to_unicode(zawgyi) == unicode


def test_zawgyi_corpus_round_trips_to_the_unicode_corpus():
    unicode = load("my")
    zawgyi = load("my-zawgyi")
    assert len(unicode) == len(zawgyi)
    for u, z in zip(unicode, zawgyi, strict=True):
        assert zawgyi_to_unicode(z.text) == u.text.replace("\u200b", ""), (z.line, u.text)


def test_encoding_decision_on_corpus():
    assert not any(looks_zawgyi(s.text) for s in load("my"))
    assert all(looks_zawgyi(s.text) for s in load("my-zawgyi"))


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # myanmartools uses open_binary
def test_fast_detector_matches_myanmartools():
    reference = ZawgyiDetector()
    ours = default_detector()
    rng = random.Random(5)
    alphabet = [chr(c) for c in range(0x1000, 0x10A0)] + [" ", "a", "1", "\u200b"]
    samples = [s.text for s in load("my")] + [s.text for s in load("my-zawgyi")]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(300)]
    for text in samples:
        a, b = reference.get_zawgyi_probability(text), ours.probability(text)
        assert a == pytest.approx(b, rel=1e-9, abs=1e-12), text


def test_mapped_conversion_equals_fast_conversion():
    converter = zawgyi_converter()
    for s in load("my-zawgyi"):
        text = s.text
        out, starts, ends = converter.mapped(text, list(range(len(text))), list(range(1, len(text) + 1)))
        assert out == converter.fast(text)
        assert len(starts) == len(out) == len(ends)
