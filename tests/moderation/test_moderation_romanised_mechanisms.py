"""Romanised Burmese (2026.12.8): means, intent and forces meet their frames in any order and at a distance.

Phrase lists do not transfer to how other people type, so this pass adds classes that combine: a named
means with an action verb (a stem, whatever particle follows), an intent verb with its desire or future
particle, forces with arrival, search or arrest verbs, each within a sentence-sized window in either
order; imminence words (a khu, dee nya, ma kyar khin, a clock time) and a goodbye or apology raise such a
hit to tier 4. The messages below were written for this test (never copied from an evaluation set), in
varied spellings and word orders; the negatives share their words (films, cooking, farming, police in
everyday talk, the past told as over).
"""

from __future__ import annotations

import pytest

from moderation import Detector

# (message, lowest tier it must reach)
POSITIVES: list[tuple[str, int]] = [
    # a means with an action verb, the verb's particle varying, the means far from the verb
    ("ait say tway a myar gyi nga thout tot mal", 3),
    ("nga ait say ta boo lone ko myo lite mal", 3),
    ("say lone tway a kone nga myo chin tal", 3),
    ("pow that say ko nga thout lite tot mal", 3),
    ("thout mal, kywet that say ko", 3),
    ("nga kyo ta chaung wel htar tal, swae lite mal", 3),
    ("kyoe ko a moe mhar chi pyi swel mal", 3),
    ("ta tar paw ko thwar pyi khone mal", 3),
    ("nga tike a mhint paw tet pyi khon cha lite mal", 3),
    ("myit kann ko thwar pyi khone cha tot mal", 3),
    ("thanat ko nga gaung ko chain pyi pyit mal", 3),
    ("dar ko yu pyi lat ko hlee lite mal", 3),
    ("yahtar lar yin shay ko khone mal", 3),
    ("gramoxone ta pa linn wel pyi thout mal", 3),
    ("a sate yay thout chin tal", 3),
    # an intent verb with any particle, or verb and self in either order
    ("nga thay chin lite pyi", 2),
    ("thay chin tot par bu", 2),
    ("ko ko ko that tot mal", 2),
    ("that mal ko ko ko", 2),
    ("nga ko ko ko ko that pyit lite mal", 2),
    # imminence: now, tonight, soon, a clock time, with a means, an intent or forces
    ("a khu ait say tway a kone thout nay pyi", 4),
    ("akhu nga kyo swae tot mal", 4),
    ("ahku pow that say thout lite mal", 4),
    ("ah khu pae ta tar paw ka khone mal", 4),
    ("dee nya ait say a kone myo mal", 4),
    ("di nya kyo nae swae mal", 4),
    ("tonight a sate thout mal", 4),
    ("10 nar yi kyi yin nga khone cha mal, ta tar paw ka", 4),
    ("11 nayi mhar ait say tway a kone myo mal", 4),
    ("ma kyar khin nga kyo swae lite mal", 4),
    ("nga a khu thay tot mal", 4),
    ("dee nya thay chin lite pyi", 4),
    ("a khu ko ko ko that tot mal", 4),
    ("nga thay lite tot mal, a khu pae", 4),
    # a goodbye or an apology next to a means is intent
    ("a may sorry par, ait say thout lite mal", 4),
    ("bye bye a may, kyo swae lite mal", 4),
    ("ta ta par naw, a sate thout mal", 4),
    ("khwint lut par a may, pow that say thout mal", 4),
    ("family ko sorry, dee nya ta tar ka khone mal", 4),
    # someone else in imminent danger
    ("nga thu nge chin a khu a sate thout nay tal", 4),
    ("nga a ko kyo swae nay pyi, help", 4),
    ("a ko ta tar paw mhar khone tot mal lo pyaw nay tal a khu", 4),
    ("nga a phay pow that say thout lite pyi", 4),
    ("thu ma ait say a kone thout lite pyi", 4),
    # forces with arrival, search or arrest verbs, in either order, now
    ("sit tat tway ywar htae ko win lar nay pyi", 4),
    ("sittat ywar ko yout nay pyi a khu", 4),
    ("a khu yae tway eain ko lar shar nay tal", 4),
    ("police tway nga eain a pyin mhar yauk nay pyi", 4),
    ("yauk nay pyi sit thar tway, eain shae mhar", 4),
    ("MI car eain shae mhar yat htar pyi a khu", 4),
    ("dalan ka pya lite lo sit thar tway lar phan nay pyi", 4),
    ("sayapa tway lar pyi nga ko phan mal", 3),
    ("sa ya pa tway nga ko lite shar nay tal", 3),
    ("sit thar tway ywar ko way htar pyi", 4),
    ("yae tway lar nay pyi a khu, nga pone nay tal", 4),
    ("sit tat ka eain tine shar nay tal dee nya", 4),
    ("nga ko lar hpan tot mal, sit thar tway", 3),
    ("police car eain shay mhar yat nay tal a khu", 4),
    ("sit thar tway yout lar pyi, nga pone nay ya tal", 4),
    ("dalan tway nga eain ko pya pay lite pyi, sit thar lar tot mal", 3),
    # more orders and spellings
    ("ngar yay htae ko khone cha pyi thay lite mal", 3),
    ("sit tar dwe lar nay pyi, nga pone nay tal, help", 4),
    ("kal par oo, yae tway eain ko lar shar nay pyi", 4),
    ("nga nyi ma kyo swae nay pyi, help", 4),
    ("please help, nga ah ko kyo swae nay tl", 4),
    ("thout tot mal a sate ko, dee nya", 4),
    ("kywet say ta boo wel lar pyi, nga thout chin tal", 3),
    ("swae mal kyo nae, bye", 4),
    ("nga a moe paw tet pyi khone cha chin tal", 3),
    ("Po Thet Say Thout Mal", 3),
    ("yahtar lan paw ko thwar pyi khone cha mal a khu", 4),
    ("yell dway eain shay mhar yout nay pyi", 4),
    ("a khu sittat tway nga ko lar phan nay pyi", 4),
    ("gyo ko chi htar pyi, dee nya swe mal", 4),
    ("thanat pyaung ko yu lar pyi, ma kyar khin pyit mal", 4),
]

NEGATIVES: list[str] = [
    # films and stories
    "movie htae mhar sit thar tway ywar ko win lar tal",
    "yote shin htae mhar thu ka ait say thout thwar tal",
    "series htae mhar kyo swae thay thwar tal",
    # cooking, farming, medicine as prescribed
    "hin chet tot mal, yay nwe thout mal",
    "nga lal mhar pow that say pet mal, pyo khin twe a twet",
    "sayawon pay tae ait say ta lone thout pyi ait mal",
    "paung that say ko lal mhar pet lite tal",
    "dar nae kyet thar hlee mal, hin chet mal",
    "say lone thout pyi pyi, nay kaung lar pyi",
    "ait say ta lone thout lite tal, kaung kaung ait mal",
    # police and forces in everyday talk, or told as over
    "police station ko thwar pyi sar chu mal",
    "yae tway ka lan mhar car sit nay tal",
    "a ko ka police lote nay tal",
    "sit thar tway thwar kya pyi, a khu ywar ma ait pyi",
    "ma nay ka sit thar tway lar thwar tal, a khu ma shi tot bu",
    "sit tat ka pyan thwar pyi, a khu kaung pyi",
    # the past told as over, recovery
    "a yin ka thay chin khae tal, a khu ma thay chin tot buu",
    "a yin nhit ka kyo swae pho kyo sar khae bu tal, a khu kaung pyi",
    # heights, water, trains, rope in everyday use
    "ta tar paw mhar dat pone yite mal",
    "myit kann mhar yay ko mal, a khu",
    "yahtar nae mandalay ko thwar mal dee nya",
    "kyo nae hlay ko chi htar tal",
    "kyo swae pwal kyi mal dee nya",
    "kalay tway myit kann mhar yay ko nay tal, a khu",
    # now, tonight, clock times with everyday verbs
    "a khu htamin sar mal",
    "dee nya 10 nar yi mhar ait mal",
    "11 nayi kyi yin phone khaw mal",
    "ma kyar khin yauk mal, saung nay naw",
    "a may sorry par, nout kya mal",
    "bye bye a may, kyaung thwar pyi",
    "help par oo, hin chet tar ma tat bu",
    "kyo ko ma swae nae, kyo pyat lane mal",
    "a pyin mhar ma thwar nae, police tway lan pait htar tal",
]


@pytest.mark.parametrize(("text", "tier"), POSITIVES)
def test_positive_reaches_its_tier(detector: Detector, text: str, tier: int) -> None:
    verdict = detector.scan(text)
    assert verdict.tier >= tier, (text, verdict)
    assert verdict.language == "my", text


# The trained model flags these (lexicon silent, tested): a plan to sleep at a clock time reads like the plans of
# its romanised training positives ("dee nya 11 nar yi ..."); clock-time everyday templates were trained once
# (2026.12.9) and cost more romanised recall on held-out text than they saved. Since 2026.12.10 (trained on the dev11
# round) it also reads "thay chin" ("want to die") in a wish told as past and over at tier 1, where the romanised
# matcher drops the past, negated hit: what the English and Burmese lexicons do with the same sentence ("i used to
# want to die, now i dont anymore" is 2 there), and what a past crisis told as over may score (docs/moderation.md,
# hard negatives: at most 1). Never more than 1. Known, in docs/moderation.md.
MODEL_FALSE_ALARMS = frozenset(
    {"dee nya 10 nar yi mhar ait mal", "a yin ka thay chin khae tal, a khu ma thay chin tot buu"}
)


@pytest.mark.parametrize("text", NEGATIVES)
def test_everyday_sentence_stays_quiet(detector: Detector, lexicon_only: Detector, text: str) -> None:
    if text in MODEL_FALSE_ALARMS:
        assert detector.scan(text).tier <= 1, (text, detector.scan(text))
    verdict = (lexicon_only if text in MODEL_FALSE_ALARMS else detector).scan(text)
    assert verdict.tier == 0, (text, verdict)


def test_counts() -> None:
    assert sum(1 for _, tier in POSITIVES if tier >= 3) >= 60
    assert len(NEGATIVES) >= 30
