"""Burmese classes of the dev14 pass (lexicon my 2026.12.14): voice-typed, second-language and migrant workers' Burmese.

The examples are the authors' own, written from each class (none is a corpus line): acts under way, farewells with a
means, arrests announced, one's name on the forces' list, an informer giving one's place away, inspectors and no
papers, and the everyday hyperbole and joking threats that share their words. Every example is also scanned in Zawgyi
and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_lexicon_hit, assert_zawgyi_scores_the_same

POSITIVES: list[tuple[str, int, str]] = [
    # A named means in one's own words; a time word makes it imminent.
    ("ဒီည ကျည် တစ်တောင့် လိုတယ် ဒါပဲ", 4, "suicide"),
    ("အခုပဲ ထရပ်ကားကို ဝင်တိုက်လိုက်မယ်", 4, "suicide"),
    ("ယနေ့ည ကြိုးဆွဲချမယ်", 4, "suicide"),
    # Cutting on the thigh, one's own arm with a knife; cutting that went deep; wrists cut; up on a railing.
    ("ပေါင်မှာ လှီးမိပြန်ပြီ", 3, "self_harm"),
    ("ကိုယ့်လက်ကို ဓားနဲ့ လှီးလိုက်တယ်", 3, "self_harm"),
    ("ဘလိတ်နဲ့ လှီးနေတာ နက်သွားပြီ သွေးမတိတ်ဘူး", 4, "self_harm"),
    ("လက်ကောက်ဝတ် ဖြတ်လိုက်ပြီ", 4, "self_harm"),
    ("တံတား လက်ရန်းပေါ် တက်ရပ်နေတယ် အခု", 4, "suicide"),
    # Farewells: "see you in the water", pills with forgiveness asked, things given to the family.
    ("နှုတ်ဆက်ပါတယ် ရေထဲမှာ တွေ့ကြမယ်", 4, "suicide"),
    ("အမေ ခွင့်လွှတ်ပါ ဆေးတွေ သောက်တော့မယ်", 4, "suicide"),
    ("ဆေးတွေ လက်ထဲမှာ ရှိတယ် ခွင့်လွှတ်ပါ အမေ", 4, "suicide"),
    ("ခွင့်လွှတ်ပါ ငါ့ဖုန်းကို ညီမလေးကို ပေးလိုက်ပါ", 3, "suicide"),
    # The forces coming to arrest, my name on their list, an informer, "we know where you are", no papers.
    ("မနက်ဖြန် ငါ့ကို ဖမ်းဖို့ လာမယ်တဲ့", 4, "danger"),
    ("စစ်သားတွေ ကိုင်ထားတဲ့ စာရင်းထဲ ငါ့ နာမည် ပါတယ်", 3, "danger"),
    ("သတင်းပေးက ငါ့လိပ်စာ ပေးလိုက်ပြီ ပြေးမရတော့ဘူး", 4, "danger"),
    ("မင်း နေတဲ့နေရာ ငါတို့ သိပြီ", 4, "danger"),
    ("တမ်ရွတ် ဝင်လာပြီ ငါ့မှာ ပတ်စပို့ မရှိဘူး", 4, "danger"),
]

NEGATIVES: list[str] = [
    "ငါးဖမ်းဖို့ မနက်ဖြန် လာမယ်",  # going fishing
    "ဖုန်း ဘက်ထရီ သေတော့မယ် နောက်မှ ဆက်မယ်",  # a flat battery
    "ဘူဖေး စားချင်လွန်းလို့ သေတော့မယ်",  # "dying to eat"
    "ရေခဲမုန့်လို အရည်ပျော်ပြီး သေတော့မယ်",  # melting in the heat
    "ဆရာက စာမေးပွဲကျရင် သတ်ပစ်မယ် ဒီည စာကျက်မယ်",  # a teacher's joke
    "မိန်းမက ငါ့ကို သတ်လိမ့်မယ် ဒီည ဘောလုံးပွဲ ကြည့်ရင်",  # a wife's joke
    "တပ်မှာ ကျည်ကုန်ပြီ ဆိုရင် လစာ မရသေးလို့",  # out of bullets: broke
    "ကျောင်းနေဖက်တွေ ငါ့ကို ဖေ့စ်ဘုတ်မှာ လိုက်ရှာနေတယ် reunion လုပ်မလို့",  # a class reunion
    "သွေးလှူပြီး အသက်ကယ်ခဲ့တယ်",  # giving blood
    "အသည်းကွဲ ဆိုတဲ့ သီချင်း သေချင်တယ် လို့ ဆိုထားတာ",  # a song's words
    "ညီလေးကို ပေးလိုက်ပါ ဒီစာအုပ်",  # giving a book, no farewell
    "ဝရန်တာမှာ ထိုင်ပြီး ကော်ဖီ သောက်နေတယ်",
    "ရေထဲမှာ တွေ့ကြမယ် ရေကူးကန်မှာ နှစ်နာရီ",  # meeting at the pool
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_dev14_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    assert_lexicon_hit(detector, text, tier, category)


@pytest.mark.parametrize("text", NEGATIVES)
def test_dev14_everyday_stays_silent(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, detector.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in POSITIVES] + NEGATIVES)
def test_dev14_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)
