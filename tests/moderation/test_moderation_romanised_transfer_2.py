"""Romanised Burmese classes of the second transfer pass (romanised table 2026.12.13): charcoal with a sealed room, the
body burned with fire or a cigarette, the head against a wall, hitting oneself, a knife or gun used on someone or
taken up for someone, a checkpoint holding the writer, forces pounding on the door, coming up the stairs or waiting
outside, air strikes by name, a hill or cliff with a farewell, a rope on a tree, at the neck or hung (swe). Written
for this pass (not copied from any corpus), several wordings per class; everyday sentences that share the words stay
at 0. Scored with the lexicon alone, and the full detector keeps the tier."""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # charcoal with the room sealed: a plan (3), sealed or kept sealed (4)
    ("charcoal wel htar tal, a khan ko pate yin pi pi", 3),
    ("mee bo hto htar pi, tan kha pyatin a kone pate htar pi", 4),
    ("a khan htae mhar charcoal shi tal, window ko tape nae pate lite pi", 4),
    # the body burned with fire, a cigarette or a lighter (3; now makes it 4)
    ("lat ko mee nae hmyaik khae tal", 3),
    ("sey lait nae lat pyin mhar mee taik nay tal a khu", 4),
    ("ngar ko cigarette nae hmyaik mi tal", 3),
    # the head against a wall (3), hitting oneself (2)
    ("nan yan ko khaung nae saung nay tal", 3),
    ("gaung ko nan nae tite khae tal a khu", 4),
    ("ngar ko ngar yite nay tal", 2),
    # a knife or gun used on someone (3, under way 4), or taken up for someone (3, now 4)
    ("a phay ka dar nae chein khae tal", 3),
    ("lin ka thanat nae chain nay tal", 4),
    ("dar yu lite pi, boss ein ko a khu thwar mal", 4),
    # a checkpoint holding the writer (3)
    ("checkpoint mhar ngar ko yat htar tal", 3),
    ("gate mhar kyama ko hpan htar tal", 3),
    # forces pounding on the door (4), coming up the stairs (4), waiting outside (3), air strikes (4)
    ("sit tha tway tagar ko yite nay pi", 4),
    ("police tway hlay ko tet lar nay pi", 4),
    ("yae kar ein shay mhar yat htar tal", 3),
    ("drone tway ywar ko win lar pi", 4),
    # a hill or cliff with a farewell or finality (4)
    ("taung paw mhar ya pi. bye", 4),
    ("kyauk kan paw mhar, sate pyin pi pi", 4),
    # a rope on a tree or at the neck, hung (swe)
    ("kyo ko thit pin mhar", 3),
    ("kyo ko lae pin mhar pat htar pi", 3),
    ("kyo nae swe mal", 3),
]

AT_MOST = [
    ("mee bo nae a thar kin nay tal", 0),
    ("charcoal nae wet thar kin mal, tan kha pwint htar", 0),
    ("sey lait ko mee taik nay tal", 0),
    ("nan yan ko say thote nay tal", 0),
    ("nan yan paw mhar photo chait tal", 0),
    ("dar nae kyet thar hlee nay tal", 0),
    ("ta nay lone game lote pyit tal", 0),
    ("toy gun nae kalay ka pyit tal", 0),
    ("checkpoint ka pyat lar pi, a khu ein yout pi", 0),
    ("laundry kyo ko balcony mhar chi lite tal", 0),
    ("circus mhar kyo paw ka lan shauk tae kyi mal", 0),
    ("dar ka toe nay pi, a thit wel mal", 0),
    ("taung paw mhar photo yite nay tal", 0),
    ("drone nae photo yite nay tal", 0),
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_second_pass_classes_are_hits(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier >= tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_everyday_sentences_sharing_the_words_stay_quiet(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier <= tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_the_full_detector_keeps_the_tier(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier, (text, detector.scan(text))


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
