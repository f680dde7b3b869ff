"""Romanised Burmese, dev18 pass (romanised table 2026.12.16): the register of set 18's writers, by class.

The shortest phone style ("b" for bu, "ml" for mal, "nk" for nae, "ny" for nay, "pl" for pi, "mayt" for may), a
door typed "tagar" with forces knocking or in front of it, hiding from forces, men sent to film the writer, an
employer keeping the pink card, a mother or father hitting, strangling, hitting every day, a knife or gun aimed at
or chasing the writer, threats said as "... mal lo chaim", a means with ending it (a sone that), an apology to a
brother or sister as a deadline. Hyperbole (X lo / X ya tar thay tot mal) and fear told as past (mal lo kyout khae)
stay quiet. Every message here was written for this file; none is copied from a corpus.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # the shortest phone style
    ("ngr a thet shin ma ny chg tot b", 2),
    ("kyo nk swe ml, sate kyite p", 3),
    ("sit thar twy yout lar pl, tagar ko khout ny pl", 3),
    ("ward ka lu twy nga a kyaung lar mayt thwar tl", 3),
    # forces at a door typed tagar; hiding from them
    ("police twy tagar shay mhar yat nay pi", 3),
    ("sit thar twy ywar htae win lar tl, nga pone nay tl", 3),
    ("dalan tway ka nga ko photo yite nay tl", 3),
    # an employer keeping the pink card
    ("a lote shin ka nga pink card ko thein htar tl, pyan ma pay b", 3),
    # hitting at home, strangling
    ("a may ka nga ko a myae yite tl", 2),
    ("a phay ka thar yay khar nae yite khae tl", 2),
    ("lin ka nga lae pin ko hnyit nay tl", 3),
    # a knife or gun aimed at or chasing the writer
    ("yout kyar ka dar kai pi nga ko lite nay tl", 3),
    ("thu ka thanat nae chein nay tl", 3),
    # threats; a means with ending it; an apology to a sibling beside an intent
    ("a lote shin ka passport ma pay mal lo chaim nay tl", 2),
    ("ait say twy shi tl, dee nya a sone that mal", 3),
    ("nga thay chin tl, sorry ma ma", 4),
]

AT_MOST = [
    "pyaw lo thay tot ml",
    "a lote myar ya tar thay tot mal kwa",
    "yae lar phan mal lo kyout khae tl, a khu ok pi",
    "ka lay ka dar nae a thar hlee mal",
    "a may ka hin chet nay tl",
    "a may ka dar nae a thee lhee lite nay tl",
    "dar nae kyet thar a sone that mal",
    "project ko a sone that mal",
    "sorry ko ko, late pi",
    "tagar ywe mhr ka lay twy ka zar nay tl",
    "a may ka nga ko nay tine phone khaw tl",
    "ma thi b, ny tl",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_dev18_at_least(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier >= tier, text


@pytest.mark.parametrize("text", AT_MOST)
def test_dev18_quiet(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text
