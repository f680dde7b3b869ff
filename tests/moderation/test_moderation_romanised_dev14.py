"""Romanised Burmese, dev14 pass (romanised table 2026.12.14): the register of set 14's writers, by class.

Hyphenated slow spelling ("ma-nat-phyan"), vowels dropped ("chg"), "oon" for "one" (khoon, poon), "mayy" for
"may", words run together ("ngathe"), Thai words mixed in (ya nong lap, kin laeo), tomorrow and bare minutes as
times, water / cliffs / floors as places to jump, pills with alcohol or all at once, forces that came asking or
found out, the writer caught. Every message here was written for this file; none is copied from a corpus.
The negatives share the words: a swim, a hike, a hangover cure, a party, news that ended well.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.romanised import fold_token, romanised_data

POSITIVES = [
    # jump, with the place typed as this register types it, and a time
    ("ma-net-phyan ye-htel khoon mal", 4),
    ("myit htae khoon chin tl", 3),
    ("taung ka-nar ka khoon tot mal 10 min", 4),
    ("building 12 thap ka khoon mal", 3),
    # pills with alcohol or all at once
    ("ait say twy ko a-yet nae thauk mal", 3),
    ("say lone a-kone ta-khar-tae thauk mal tmr", 4),
    ("panadol a-yet nae thauk lite pi", 4),
    ("ya nong lap kin laeo 3 kat", 4),
    # forces that came asking, found out; the writer caught
    ("sit tha twy nga ein ko lar mayy nay tl", 3),
    ("sakaka ka nga a-kyaung thi thwar pi", 3),
    ("nga ko phan mi pyi", 3),
    ("sit tat twy border mhar saung nay tl", 3),
    ("wanted list mhar nga nar me pa tl", 3),
    # Thai means (insecticide) with a drink verb; good night forever as a farewell next to an intent
    ("ya kha malaeng thauk mal", 3),
    ("thay chin tl. gn forever", 4),
    # a farewell at the water's edge: do not look for me
    ("myit ka-nar mhar pr. nga ko ma shar par nae", 4),
    # run together and dropped vowels
    ("ngathe chg tl", 2),
]

NEGATIVES = [
    "ma-net-phyan ye-htel ko ye koo mal, pu lo",
    "taung ka-nar mhar photo yite mal",
    "a-yet nae thauk mal party pwe",
    "say lone ta lone thauk pi, ate mal",
    "ya nong lap ma kin bu, sabai dee",
    "building 12 thap mhar alote loke tl",
    "sit tha twy ywar ko lar khae tl, a khu pyan thwar pi",
    "moon nae soon, see you",
    "exam list mhar nga nar me ma pa bu",
    "ya kha malaeng wae lar tl, pyan ko twy",
    "gn forever and ever lol",
]


@pytest.mark.parametrize(("text", "tier"), POSITIVES)
def test_dev14_positive(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier == tier, text


@pytest.mark.parametrize("text", NEGATIVES)
def test_dev14_negative(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text


def test_dev14_folds() -> None:
    rules = romanised_data().rules
    assert fold_token("khoon", rules) == fold_token("khone", rules)
    assert fold_token("poon", rules) == fold_token("pone", rules)
    assert fold_token("mayy", rules) == fold_token("may", rules)
    assert fold_token("chg", rules) == fold_token("chin", rules)
    # a run-together "nga" + "the" keeps its syllable break; "ate" (ait, sleep) still folds as before
    assert fold_token("ngathe", rules) == fold_token("nga", rules) + fold_token("the", rules)
    assert fold_token("ate", rules) == fold_token("ait", rules)
