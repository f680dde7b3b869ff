"""Phrases are also registered with doubled letters single, to meet stretched messages ("killlll" -> "kil") — but
never where that variant is an everyday word of its own (moderation/data/normalize_rules.toml [double]): "soon"
registered as "son" turned every "my son" into a time cue and raised a message to tier 4."""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.normalize import collapse_doubles, doubles_variant

# Also in tests/vectors/moderation/rules.json, so the browser engine is held to the same registration.
VECTOR_MESSAGES = (
    "i want to die, my son is asleep",
    "my nose is bleeding, i have the pills here",
    "i want to kiiiill myself",
    "i took all the piiiills",
    "see you sooooon",
)


def test_my_son_is_not_soon(detector: Detector) -> None:
    verdict = detector.scan("i want to die, my son is asleep")
    assert verdict.tier < 4
    assert not any("soon" in reason for m in verdict.matches for reason in m.reasons)


def test_stretched_spellings_still_match(detector: Detector) -> None:
    assert detector.scan("i want to kiiiill myself").tier >= 2
    assert detector.scan("i took all the piiiills").tier >= 3


@pytest.mark.parametrize(("key", "variant"), [("soon", None), ("noose", None), ("cartoon", None), ("kill", "kil")])
def test_doubles_variant(key: str, variant: str | None) -> None:
    assert doubles_variant(key) == variant


def test_no_registered_variant_is_an_everyday_word(detector: Detector) -> None:
    everyday = {"son", "nose", "carton", "to", "of", "god", "shot", "met", "wed", "hops", "none"}
    for lexicon in detector.lexicons:
        for entry in (*lexicon.terms, *lexicon.anchors, *lexicon.contexts, *lexicon.cues, *lexicon.allow):
            variant = doubles_variant(entry.key)
            assert variant is None or variant not in everyday, entry.key
            if variant is None and collapse_doubles(entry.key) != entry.key:
                assert collapse_doubles(entry.key) in everyday
