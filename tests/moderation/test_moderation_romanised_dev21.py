"""Romanised Burmese, dev21 pass (romanised table 2026.12.17): the dev21 round's classes, by the transfer method.

Extended classes: being followed by a vehicle ("a motorbike", "a van") or by strangers, as by forces; nightmares typed
"eain mat so", of a checkpoint or every night; a weapon aimed at the writer ("dar nae chein tal"); strangers asking the
writer's family where a brother or father is. New classes: no sleep every night; guilt and self-blame (a great sin,
the fault is mine); trust in people gone; never seeing family again, arrest on return; family interrogated; a means
stared at every night or "not done yet"; an attempt passed off as an accident; the urge to cut again; scars and weeks
clean; a band snapped on the wrist; a threat to kill (family) if the writer runs; an employer at the writer's room at
night or a work permit held over the writer; the writer's house posted by an unknown account; an account hacked and
the location known; tracked through the phone; crying alone. A boss's deadline "threat", or one followed by lol, stays
quiet. Every message here was written for this file; none is copied from a corpus.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # followed; nightmares; a weapon aimed; strangers asking the family
    ("car ta see ka nga nout ka lite nay tal, 3 yat shi pi", 3),
    ("lu sein nhit yout ngar nauk ka lite lar tal", 3),
    ("bro eain mat so mat nay tal, checkpoint a kyaung, every night", 1),
    ("a lote shin ka thanat nae chein tal", 3),
    ("lu sein ka a phay bal mhar lae lo nyi ma ko mayy tal", 2),
    # distress
    ("nya tine ate lo ma ya bu", 1),
    ("a pyit kyi kyi nay tal, ywar twy ko mi shoe khae tal", 1),
    ("a pyit ka ngar ko pel, a may ngo nay tal", 1),
    ("lu tway ko ma yone taw bu", 1),
    ("mi thar su nae ma twe ya taw bu", 1),
    ("pyan yin phan sae tot mal", 1),
    ("a ko ko ko sit tat ka interrogate lote tal", 1),
    ("shift pi yin a khan htae mhar ta yout tae ngo nay tal", 1),
    # a means stared at; an attempt told as an accident
    ("ait say ko kyi kyi nay tal, ma lote thay bu", 3),
    ("kyo swe khae tal, accident lo pyaw khae tal, ma hote bu", 3),
    # self-harm
    ("hlee chin tal pyan, lat ko", 2),
    ("lat mhar a yar twe shi tal, 4 weeks clean", 3),
    ("rubber band nae wrist ko yite tal", 3),
    # threats, an employer, exposure, tracking
    ("pyay yin nin a may ko that mal tae", 3),
    ("boss ka nya mhar nga a khan ko win lar tal", 2),
    ("a shin ka work permit nae chein tal", 2),
    ("ma thi tae account ka ngar ein ko photo share tal", 3),
    ("fb hack khan ya tal, location a kone thi thwar pi", 3),
    ("nga ko track lote nay tal lo thin tal", 3),
]

AT_MOST = [
    "boss ka deadline miss yin that pyit mal tae",
    "nint ko that pyit mal naw lol",
    "car ta see ka nga ko lar kyo tal",
    "eain mat kaung tal",
    "ate ma pyaw bu, a lote myar lo",
    "nga a pyit par, sorry naw",
    "a may nae pyan twe chin tal",
    "pyan yin a may nae twe mal",
    "kywet say wel lite tal, kywet myar lo",
    "accident lo pyaw tal, kar ta see tite tal",
    "a thar hlee chin tal, hin chet mal",
    "3 weeks clean pi, room ko",
    "rubber band nae sa ywet ko pat tal",
    "pyay yin ma mi bu, bus",
    "boss ka room ko lar tal, meeting",
    "new ein ko photo post lite tal",
    "location share lite, location thi pi",
    "grab ko track lote nay tal",
    "a ko bal mhar lae",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_dev21_at_least(text: str, tier: int) -> None:
    assert Detector.default().scan(text).tier >= tier, text


@pytest.mark.parametrize("text", AT_MOST)
def test_dev21_quiet(text: str) -> None:
    assert Detector.default().scan(text).tier == 0, text
