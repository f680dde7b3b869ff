"""Burmese classes of the dev15 pass (lexicon my 2026.12.15).

The examples are the authors' own, written from each class (none is a corpus line): cutting named by instrument then
body part, shards and razors included, and cutting "again"; skin worked until it bleeds; pain as the only relief;
pills taken or the railway gone to with a farewell; pills then hospital; a gun held to one's head; someone locked in
with a means; authorities asking after one by name or whereabouts; being followed or recognised; surrounded with a cry
for help; a door kicked in fear; armed at the target's house; and the everyday sentences that share their words.
Every example is also scanned in Zawgyi and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_lexicon_hit, assert_zawgyi_scores_the_same

POSITIVES: list[tuple[str, int, str]] = [
    # Instrument then body part, shards included; the act repeated with no instrument; a razor is a means.
    ("ဘလိတ်နဲ့ ပေါင်ကို ထပ်ခြစ်လိုက်တယ်", 3, "self_harm"),
    ("မှန်ကွဲစနဲ့ လက်ဖျံကို လှီးနေတယ်", 3, "self_harm"),
    ("မုတ်ဆိတ်ရိတ်ဓားနဲ့ လက်မောင်းကို ခြစ်ထားတယ်", 3, "self_harm"),
    ("လက်ကောက်ဝတ်ကို ပြန်ခြစ်မိပြီ", 3, "self_harm"),
    # Until it bleeds; pain as relief.
    ("ခေါင်းကို သွေးထွက်တဲ့အထိ ဆောင့်တယ်", 3, "self_harm"),
    ("နာမှပဲ စိတ်ငြိမ်တော့တယ်", 3, "self_harm"),
    # Pills or the railway with a farewell; a past attempt; a gun to the head; locked in with pills.
    ("ဆေးများကို သောက်ပြီးဖြစ်တယ် ခွင့်လွှတ်ပါ", 4, "suicide"),
    ("သံလမ်းဘေးမှာ ထိုင်စောင့်နေတယ် အားလုံးကို ကျေးဇူးတင်ပါတယ်", 4, "suicide"),
    ("ဆေးတွေ သောက်ပြီး ဆေးရုံရောက်သွားတယ်", 3, "suicide"),
    ("သေနတ်ကို နားထင်မှာ တေ့ထားတယ်", 4, "suicide"),
    ("အစ်ကို အိမ်သာထဲမှာ သော့ခတ်နေတယ် ဆေးပုလင်း ယူသွားတယ်", 4, "suicide"),
    # Guilt that stays; gunfire still heard.
    ("ဒီအပြစ်တွေ မကင်းဘူး", 1, "distress"),
    ("ညတိုင်း သေနတ်သံတွေ ကြားယောင်တယ်", 1, "distress"),
    # Authorities asking after me; followed; recognised; surrounded; a door kicked; armed at the house; arson.
    ("ရွာလူကြီးက ကျွန်မ ဘယ်မှာလဲလို့ အမေ့ကို လာမေးတယ်", 3, "danger"),
    ("ထိုင်းရဲက ကျွန်တော့်နာမည်ကို လက်ညှိုးထိုးပြီး မေးတယ်", 3, "danger"),
    ("ဆိုင်ကယ်နှစ်စီး နောက်ကနေ လိုက်လာတယ်", 3, "danger"),
    ("ဒလန်တစ်ယောက် ငါ့ကို မှတ်မိသွားပြီ", 3, "danger"),
    ("စစ်သားတွေ ဝိုင်းထားပြီ ကယ်ကြပါ", 4, "danger"),
    ("သူ တံခါးကို ကန်နေတယ် ကြောက်တယ်", 4, "abuse"),
    ("ကျည်ဖြည့်ထားပြီ ဗိုလ်မှူးအိမ်ရှေ့မှာ စောင့်နေတယ်", 4, "violence"),
    ("အဲ့ဒီဆိုင်ကို မီးရှို့ပစ်ချင်တယ်", 2, "violence"),
]

NEGATIVES: list[str] = [
    "ခြင်ကိုက်လို့ ခြေထောက်ကို သွေးထွက်တဲ့အထိ ကုတ်မိတယ်",  # an itch
    "ဓားနဲ့ ကြက်သွန် လှီးနေတယ်",  # cooking
    "မုတ်ဆိတ်ရိတ်ရင်း ဓားနဲ့ လက်ကို ခြစ်မိတယ်",  # while shaving
    "သံလမ်းဘေးမှာ ဆိုင်ဖွင့်ထားတယ် လာဝယ်ပေးလို့ ကျေးဇူးတင်ပါတယ်",  # a shop by the railway
    "ခွေးလေး နောက်ကနေ လိုက်လာတယ်",  # a puppy
    "သူငယ်ချင်းက ငါ့ကို မှတ်မိသွားတယ် ကျောင်းတုန်းက",  # an old friend
    "ဘတ်စ်ကား ရောက်လာပြီ ထွက်ကြ",  # the bus is here
    "ဧည့်သည်တွေ ရောက်လာပြီ ထွက်ကြိုကြ",  # guests
    "အမှိုက်တွေ မီးရှို့လိုက်တယ်",  # burning rubbish
    "အစ်ကို ရေချိုးခန်းထဲမှာ သော့ခတ်ထားတယ် ဆပ်ပြာ ယူသွားတယ်",  # a bath
    "နာမှပဲ သိတယ် သွားကိုက်တာ",  # toothache
    "လေတိုက်လို့ တံခါးကို ထုနေသလို ကြားရတယ်",  # the wind
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_dev15_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    assert_lexicon_hit(detector, text, tier, category)


@pytest.mark.parametrize("text", NEGATIVES)
def test_dev15_everyday_stays_silent(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, detector.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in POSITIVES] + NEGATIVES)
def test_dev15_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)
