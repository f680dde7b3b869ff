"""Issue 16, fourth pass (2026.12.4): romanised combos, imminence, and three false-alarm classes.

Every message here was written for this file (none is a held-out message or a near-copy of one):
romanised Burmese combos with particles and objects between their parts, a means held "right now",
standing on a high place, a jump announced with a relative time, an informer inside one's group;
and hard negatives of everyday accidents, leisure at water and heights, and politeness formulas.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.romanised import fold_token, romanised_data, scan_romanised

AT_LEAST = [
    # romanised combos: the parts with a plural, a place or a particle between (token windows)
    ("sit thar tway eain shae mhar lar yauk nay pyi", 4),
    ("yae tway nga eain ko wine htar pyi", 4),
    ("dalan tway nga ko lite shar nay tal", 3),
    ("nga toe a phwe htae mhar dalan shi tal", 3),
    ("ta tar paw ka nay khone cha tot mal", 3),
    ("kywet that say ko thout lite pyi", 4),
    ("ait say tway a kone thout lite pyi", 4),
    ("a sate ko wel htar pyi", 3),
    # a time word between a combo's parts raises it, as in the lexicons
    ("ta tar paw a khu khone cha tot mal", 4),
    # spelling variants fold alike inside a combo
    ("thet tar twe ein shay ma yout nae pi", 4),
    # imminence: a means held now, standing on a high place now, a jump with a relative time
    ("holding the pills right now", 4),
    ("im holding all my sleeping pills now", 4),
    ("standing on the roof now", 4),
    ("standing on the edge of the bridge right now", 4),
    ("i will jump in 5 min", 4),
    ("i am going to jump in ten minutes", 4),
    ("i will jump in 2 hours", 4),
    ("i will jump now", 4),
    # phone typing drops the article; a poison taken whole; a means in front of the writer
    ("standing on ledge now, i cant go on", 4),
    ("holding pills now", 4),
    ("i take all the weed killer tonight", 4),
    ("drinking all the pesticide now", 4),
    ("rat poison in front of me, doing it tonight", 4),
    # weed killer is no longer an idiom in Burmese (the allow-list dropped every hit overlapping it)
    ("ပေါင်းသတ်ဆေး အများကြီး သောက်ထားပြီးပြီ", 4),
    # scouting a high place with nobody to stop one; romanised with the prefix a- dropped
    ("found a high bridge outside town, no guards at night", 3),
    ("sit kaung si kyun taw a kyaung lar mayy nay tal", 3),
    ("phwe htae mhar dalan shi nay tal", 3),
    ("khu pae nga thay mal", 4),
    # an informer inside one's own group
    ("ငါတို့အဖွဲ့ထဲမှာ သတင်းပေး ရှိနေတယ်", 3),
    ("ဂရုထဲမှာ ဒလန် ရှိတယ်", 3),
    # intent is not dropped by a leisure or accident word: only place/means and self-harm hits are
    ("i am swimming in the river and i want to die", 2),
    ("i cut myself on purpose and it wont stop bleeding", 3),
]

AT_MOST = [
    # everyday accidents
    ("i cut my finger while cooking, it wont stop bleeding lol", 0),
    ("nicked my thumb while shaving and it wont stop bleeding", 0),
    ("fell off my bike and my knee is bleeding a lot", 0),
    ("paper cut on my finger, bleeding everywhere lol", 0),
    # leisure at water and heights
    ("i am at the river with my friends swimming now", 0),
    ("standing on the rooftop watching the fireworks right now", 0),
    ("im on the bridge taking photos of the sunset now", 0),
    ("we went fishing at the lake this morning", 0),
    # politeness formulas (romanised), and the fold that made "dalan" read as "tin"
    ("kyay zu tin par dal", 0),
    ("kyay zu tin ba de a ko", 0),
    ("sorry par naw, a set ma pyaw par nae", 0),
    # a doctor's advice and errands with the medicine; everyday jumps with a time
    ("the doctor said take the sleeping pills right now before bed", 0),
    ("the nurse is holding the pills for me at the counter", 0),
    ("i will jump on the call in 5 min", 0),
    ("i will jump in the shower in 10 minutes", 0),
    ("workers are standing on the roof now fixing it", 0),
    # everyday sentences with the words of the frames, which the model must not read as signs
    ("the tv is in front of me", 0),
    ("my sister is in front of me", 0),
    ("i'm standing by the station waiting for my friend's train", 0),
    ("dad is spraying weed killer in the garden", 0),
    ("အဖေက ပေါင်းသတ်ဆေး ဖြန်းနေတယ်", 0),
    ("the tall building downtown has no security, so thieves get in", 0),
    # Burmese: "please let me know" (သတင်းပေးပါ) is politeness; swimming and cooking
    ("သတင်းပေးပါဦး ကျေးဇူးပါ", 0),
    ("သူငယ်ချင်းတွေနဲ့ မြစ်ထဲမှာ ရေကူးနေတယ်", 0),
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_reaches_at_least(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier, detector.scan(text)


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_stays_at_most(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier <= tier, detector.scan(text)


def test_l_before_a_vowel_starts_a_syllable() -> None:
    rules = romanised_data().rules
    assert fold_token("dalan", rules) == fold_token("da", rules) + fold_token("lan", rules)
    assert fold_token("dalan", rules) != fold_token("tin", rules)
    assert fold_token("tal", rules) == fold_token("te", rules)  # the final -al is still ဲ


def test_romanised_combo_window_counts_tokens() -> None:
    near = scan_romanised("sit thar tway nga ein shay mhar yauk nay pyi")
    far = scan_romanised("sit thar tway nga a may nae a pay nae nyi ma nae yauk nay pyi")
    assert near is not None and max(m.tier for m in near) == 4
    assert far is not None and all(m.category != "danger" or m.tier < 4 for m in far)


def test_romanised_combo_reports_combo_name() -> None:
    found = scan_romanised("kywet that say ko thout lite pyi")
    assert found is not None
    assert any("…" in m.term and m.tier == 4 for m in found)


def test_time_between_combo_parts_raises() -> None:
    found = scan_romanised("ta tar paw a khu khone cha tot mal")
    assert found is not None
    assert any(m.term.count("…") == 1 and m.tier == 4 and m.base_tier == 3 and "time:a khu" in m.reasons for m in found)


def test_mishap_drops_the_hit_and_silences_the_model(detector: Detector) -> None:
    verdict = detector.scan("i cut my finger while cooking, it wont stop bleeding lol")
    assert verdict.tier == 0 and not verdict.matches


def test_relative_time_raises_a_jump(detector: Detector) -> None:
    verdict = detector.scan("i will jump in 5 min")
    assert verdict.tier == 4 and verdict.categories == frozenset({"suicide"})
