"""Romanised Burmese classes that combine (romanised table 2026.12.12): a means, a place or a force named with an act
verb and a completion or "now" marker, and no "kill myself" phrase — pills with a quantity drunk, a weapon held to
the body, a blade with a cut verb, blood that will not stop, a rope with chaik, a height or water with a farewell,
forces arrived or raiding, an abuser hitting now, hiding now. Written for this pass (not copied from any corpus),
several wordings per class; everyday sentences that share the words stay at 0. Scored with the lexicon alone."""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # pills or poison with a quantity, drunk or being drunk (4); the same in the future (3)
    ("eik say a myar gyi thout lite pi", 4),
    ("say lone tway a kone ko myo lite pi", 4),
    ("paracetamol ta kat lone thout htar tal", 4),
    ("ngar say 40 lone thout pi, ma nay chin tot bu", 4),
    ("panadol 3 kat lone thout nay pi", 4),
    ("kywet say a kone thout htar pi", 4),
    ("eik say a kone thout mal", 3),
    ("say lone 30 lone myo mal ma net", 3),
    # a dose or a height asked as a question of dying (3)
    ("paracetamol bal lout thout yin thay lar", 3),
    ("10 htat ka khone yin thay mal lar", 3),
    # a weapon held to the body (3; now makes it 4)
    ("thanat ko nga gaung mhar htout htar tal", 3),
    ("dar ko lat kout mhar kaing htar tal a khu", 4),
    # a blade with a cut verb, cuts counted, blood not stopping
    ("blade nae lat ko hlee nay tal", 3),
    ("razor nae hlee lite pi a khu", 4),
    ("dar nae lat ko hlee khae tal", 3),
    ("lat ko 5 khu hlee lite pi", 3),
    ("blade nae hlee pi, thway ma tate bu", 4),
    ("thwe a myar gyi htwet nay tal, lat ko hlee pi", 4),
    # a rope with chaik (hang)
    ("kyo nae chaik nay pi", 4),
    ("kyo ko pan ka mhar chaik mal", 3),
    # forces by every name arrived (4), searching or asking (3)
    ("sit tha tway ywar ko win lar pi", 4),
    ("sit kar 3 si eain a pyin mhar yauk lar pi", 4),
    ("yae kar ein ko wine htar pi", 4),
    ("police tway dorm ko raid nay pi", 4),
    ("sakaka tway nga ko shar nay tal", 3),
    ("BGF ka nga ko mayy nay tal", 3),
    # a height or water: after now (3), with a farewell or finality (4)
    ("a khu ta tar pay mhar", 3),
    ("ahu ahmo pay mhar, ma khan nai tot bu", 4),
    ("myit kan nar mhar, bye bye", 4),
    ("ta tar pay mhar yat nay tal, pyan ma lar tot bu", 4),
    ("a mo paw mhar shi tal, nout sone sar par", 4),
    # violence at home under way, hiding now
    ("a phay ka kalay ko yite nay pi", 2),
    ("lin ka a khu yite nay tal", 4),
    ("nga bathroom mhar pone nay tal a khu", 4),
]

AT_MOST = [
    ("paracetamol 2 lone thout pi, khaung kite lo", 0),
    ("eik say ta lone thout pi, eik tot mal", 0),
    ("say lone tway ko a myar gyi ma thout nae lo sayarwon pyaw tal", 0),
    ("beer a myar gyi thout lite pi haha", 0),
    ("dar nae kyet thar ko hlee nay tal", 0),
    ("dar nae a tone lay tway hlee pi pi", 0),
    ("blade a thit wel lar tal, mote sate yate pho", 0),
    ("thwe ma tate bu, hna khaung ka, doctor thwar mal", 0),
    ("kyo nae a wut chaik htar tal", 0),
    ("a wut tway ko kyo paw mhar hlan htar pi", 0),
    ("songkran mhar ye thanat nae pyit mal", 0),
    ("police check point mhar ID kyi tal, ok pi", 0),
    ("sit tha tway a kyaung movie kyi pi pi", 0),
    ("a khu ein pyan yauk pi, bye", 0),
    ("ta tar pay mhar photo yite nay tal", 0),
    ("a mo paw mhar nay win chait kyi nay tal", 0),
    ("dee nya 8 nar yi ta tar pay mhar photo yite mal", 0),
    ("myit kan mhar nga mhyar nay tal", 0),
    ("hide and seek kazar tal, nga bed auk mhar pone nay tal", 0),
    ("lin ka a wut shaw nay tal", 0),
    ("thanat ko game mhar pyit nay tal", 0),
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_means_place_or_force_with_an_act_marker_is_a_hit(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier >= tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_everyday_sentences_sharing_the_words_stay_quiet(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier <= tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_the_full_detector_keeps_the_tier(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier, (text, detector.scan(text))


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
