"""Burmese classes of the dev18 pass (lexicon my 2026.12.16).

The examples are the authors' own, written from each class (none is a corpus line): a weapon drawn or held by anyone
with a stab or shot about to come, a chase, or hiding from it; a checkpoint where the phone must be opened or the ID is
being checked; one's photo or name posted as a traitor or with "tell us if you see him"; skin burnt with an iron or a
cigarette; being beaten with a fist, a belt, a slipper or a bar; pills counted "about N" (no unit word) and taken; the
train's headlight seen from the track; someone hanging behind a door that will not open; and the everyday sentences
that share their words (checked on the lexicon alone: the trained model is not what this pass changes). Every example
is also scanned in Zawgyi and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_lexicon_hit, assert_zawgyi_scores_the_same

AT_LEAST: list[tuple[str, int, str]] = [
    # A weapon drawn or held, with a stab or shot about to come, a chase, or hiding from it.
    ("အဖေ ဓားကိုင်ပြီး ငါ့နောက် လိုက်လာတယ်", 4, "violence"),
    ("ဒီကောင် သေနတ်ထုတ်ထားတယ် ငါ့ကို ပစ်တော့မယ်", 4, "violence"),
    ("ညီမလေးနဲ့ ဘီရိုနောက်မှာ ပုန်းနေတယ် သူ ဓားကိုင်ထားတယ်", 4, "violence"),
    # A checkpoint: the phone opened on order, the ID checked.
    ("ကင်းမှာ စစ်သားက ဖုန်းကို ဖွင့်ခိုင်းနေတယ်", 4, "danger"),
    ("စစ်ဆေးရေးဂိတ်မှာ မှတ်ပုံတင် စစ်နေတယ် ငါ့အလှည့် ရောက်တော့မယ်", 4, "danger"),
    # Posted as a traitor, a reward for whoever finds one.
    ("ကျွန်တော့်ဓာတ်ပုံကို သစ္စာဖောက်လို့ ရေးပြီး ဖြန့်နေတယ်", 3, "danger"),
    ("ငါ့နာမည်နဲ့ ပုံ တင်ပြီး တွေ့ရင် သတင်းပေးပါတဲ့", 3, "danger"),
    # Burns with an iron or a cigarette.
    ("ဆေးလိပ်မီးနဲ့ လက်မောင်းကို တို့ထားတယ်", 3, "self_harm"),
    ("မီးပူကို ပေါင်မှာ ကပ်လိုက်တယ်", 3, "self_harm"),
    # Beaten with an object or a fist.
    ("ယောက်ျားက ခါးပတ်နဲ့ ရိုက်တယ်", 2, "abuse"),
    ("သူ လက်သီးနဲ့ ထိုးလို့ နှာခေါင်း သွေးထွက်တယ်", 2, "abuse"),
    # Pills "about thirty"; the headlight from the track; a hanging behind a locked door.
    ("ဆေး ၃၀ လောက် သောက်လိုက်ပြီ", 4, "suicide"),
    ("သံလမ်းပေါ်မှာ လှဲနေတယ် ရထားမီး လာနေပြီ", 4, "suicide"),
    ("သူငယ်ချင်း အခန်းထဲမှာ ကြိုးဆွဲနေတယ် တံခါး ဖွင့်လို့ မရဘူး", 4, "suicide"),
]

AT_MOST: list[str] = [
    "ဓားကိုင်ပြီး ကြက်သား လှီးနေတယ်",  # cooking
    "အမေ ဓားကိုင်ပြီး မီးဖိုချောင်ထဲ ဝင်သွားတယ်",  # the kitchen
    "ဂိတ်မှာ ကား စောင့်နေတယ် ဖုန်း အားကုန်တော့မယ်",  # a bus station, a flat battery
    "ကင်းမှာ ကလေးတွေ ဖုန်း ကြည့်နေကြတယ်",  # children looking at phones
    "ဟိုတယ်မှာ မှတ်ပုံတင် ပြပေးရတယ်",  # a hotel check-in
    "ဘောလုံးပွဲမှာ သစ္စာဖောက် ဒိုင်လူကြီး",  # a football referee
    "မီးပူ တိုက်ရင်း လက်ကို ထိမိတယ်",  # ironing
    "စီးကရက် သောက်ပြီး ပေါင်မှာ ပြာကျတယ်",  # ash fell
    "တုတ်နဲ့ မြွေကို ရိုက်သတ်လိုက်တယ်",  # a snake
    "ဖိနပ်နဲ့ ပိုးဟပ်ကို ရိုက်လိုက်တယ်",  # a cockroach
    "ဆေး ၂ လုံးလောက် သောက်ပြီးပြီ ခေါင်းကိုက်လို့",  # two pills for a headache
]


@pytest.mark.parametrize(("text", "tier", "category"), AT_LEAST)
def test_dev18_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    assert_lexicon_hit(detector, text, tier, category)


@pytest.mark.parametrize("text", AT_MOST)
def test_dev18_everyday_stays_silent(lexicon_only, text: str) -> None:
    assert lexicon_only.scan(text).tier == 0, lexicon_only.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in AT_LEAST] + AT_MOST)
def test_dev18_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)
