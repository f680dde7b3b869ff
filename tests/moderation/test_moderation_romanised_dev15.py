"""Romanised Burmese, dev15 pass (romanised table 2026.12.15): the register of set 15's writers, by class.

Past attempts said as done before (phoo), finishing it with a means (pyi aung lote), searching how to die, a height or
a highway with "could not jump" or a truck coming, blood that will not stop, burning oneself with a lighter, wounds
hidden under long sleeves, forces that came searching or went asking, a stranger asking about the writer, "after
everyone is asleep" as a plan time, no longer fit to exist, long sleeplessness. Every message here was written for
this file; none is copied from a corpus. The negatives share the words: a swim, a cooking burn, a nosebleed
stopped, a lost tourist, a late film, winter clothes.
"""

from __future__ import annotations

import pytest

from moderation import Detector

POSITIVES = [
    # a past attempt said as done before
    ("nga kyo swae phoo tal, ma thay khae bu", 3),
    ("ait say a myar gyi thout khae phoo tl", 3),
    # finishing it with a means; after everyone is asleep makes it a plan
    ("kyo nae pyi aung lote mal", 3),
    ("a kone ate pyi yin ait say nae pyi aung lote mal", 4),
    # searching how to die
    ("google mhar bal lo thay ya ma lae shar kyi tl", 3),
    # a height or a highway: could not jump, or a truck coming
    ("ta tar paw ko tet tl, kyauk lo ma khone nai bu", 3),
    ("highway paw mhar htaing nay tl, truck lar yin", 3),
    # blood that will not stop, beside doing it; "now" makes it 4
    ("a khu lote nay tl, thway ma rat bu", 4),
    # a lighter or cigarette burning oneself; wounds under long sleeves
    ("mee chit nae lat ko hlaung tl", 3),
    ("dan yar twe ma myin aung lat shay wut ya tl", 3),
    # forces that came searching or went asking; a stranger asking about the writer
    ("sit thar twe nga ein ko lar shar tl", 3),
    ("ma thi tae lu ka nga a kyaung lar mayy tl", 3),
    # no longer fit to exist; sleepless for a month
    ("ngar ma shi thin tot bu", 1),
    ("ate ma pyaw tar 2 la shi pyi", 1),
]

NEGATIVES = [
    "myit htae mhar ye ku phoo tl, a yan pyaw tl",
    "kyo nae a wut hlan tl",
    "homework ko pyi aung lote mal",
    "hin chet yin lat ko mee laung thwar tl",
    "hnar khaung thway htwet tl, a khu rat pi",
    "ma thi tae lu ka lan lar mayy tl, pya lite tl",
    "cold lo lat shay wut tl",
    "film kyi lo ma nay ka ate nout kya tl",
    "ta tar paw mhar photo yite tl",
    "bal lo lote ya lae",
]


@pytest.mark.parametrize(("text", "tier"), POSITIVES)
def test_dev15_positive(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier == tier, text


@pytest.mark.parametrize("text", NEGATIVES)
def test_dev15_negative(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text
