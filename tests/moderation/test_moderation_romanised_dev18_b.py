"""Romanised Burmese, dev18 second pass (romanised table 2026.12.16, shortest phone style), by class.

Crying through the day, through the night or every day (ngo nay tl + ta nay lone / nya tine / a myae) is distress;
a baby or child crying all day stays quiet, and so does a depression told as over (sate dat kya khae) or denied
(sate dat kya bu). The digits typed for their sound, 5 (ငါး) for nga and 9 (ကိုး) for ko, in "me, being looked
for" (5 9 lite sha nay); 5 as a number stays quiet. Every message here was written for this file; none is copied
from a corpus.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # crying with a duration
    ("nga ngo nay tl nya tine, ba lote ya mhan ma thi b", 1),
    ("ta nay lone ngo p, ate ma pyaw b", 1),
    ("ngo nay tl a myae", 1),
    # 5 for nga, 9 for ko
    ("5 ko lite sha nay tl", 3),
    ("kyun taw 9 lite sha nay p, pone nay ya tl", 3),
]

AT_MOST = [
    "kalay ngo nay tl ta nay lone",
    "a yin ka sate dat kya khae tl, a khu ok pi",
    "sate dat kya bu, a lote ya p",
    "5 yout lite sha nay tl, kalay pyout lo",
    "5 nar yi ngo nay ml lo pyaw tl",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_dev18_b_at_least(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier >= tier, text


@pytest.mark.parametrize("text", AT_MOST)
def test_dev18_b_at_most(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text
