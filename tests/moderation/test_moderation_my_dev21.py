"""Burmese classes of the dev21 transfer pass (lexicon my 2026.12.17).

The examples are the authors' own, written from each class (none is a corpus line): a method thought of as the end of
everything ("if I jump it'd be over", "one shot and it's done"); gone up a height to jump, and not jumped; a note left
and its writer missing; a weapon drawn on a family member (aimed, held at, hacked at); a threat quoted to the writer
("he said he'll arrest your mother"); strangers or the forces photographing one's house; one's photo sent round or on
a wanted poster, people told to look for one; held by an employer or a broker (papers kept, sold for a debt, the phone
checked, not let out); a vow to kill with one's own hand; guilt over whom one shot, nobody trusting a defector, a
family member who stopped eating; a passive wish said with indifference; hopelessness with its particles; a weapon
looked at again and again (a hunting rifle is no leisure then); and the everyday sentences that share their words
(checked on the lexicon alone), among them meat chopped with a knife (ကြက်သား holds the syllable သား, "son"), a
note left before going to the market and a passport put away in a drawer. A few idioms also keep the trained model
quiet: a chore that "nearly killed me", "I could punch him when I see him", mum looking for one at dinner time, a
long chat with an old officer, an actress on screen. Every example is also scanned in Zawgyi and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_lexicon_hit, assert_zawgyi_scores_the_same

AT_LEAST: list[tuple[str, int, str]] = [
    # A method thought of as the end of everything.
    ("တံတားပေါ်က ခုန်ချလိုက်ရင် ပြီးသွားမှာပဲလို့ တွေးမိတယ်", 3, "suicide"),
    ("ပင်လယ်ထဲ ဆင်းလိုက်ရင် အားလုံး ပြီးသွားမယ်", 3, "suicide"),
    ("ပစ္စတို ရှိသေးတယ် တစ်ချက်တည်းနဲ့ ပြီးမယ်", 3, "suicide"),
    ("ရေကူးမတတ်တော့ မြစ်ထဲ ဆင်းရင် ပြီးပြီပဲ", 3, "suicide"),
    # Gone up a height to jump, and not jumped.
    ("တိုက်ခေါင်မိုးပေါ် ခုန်ချဖို့ တက်သွားခဲ့တယ်", 3, "suicide"),
    ("ကမ်းပါးစွန်းအထိ သွားခဲ့တယ် ဒါပေမဲ့ မခုန်ဖြစ်ဘူး", 3, "suicide"),
    # A note left and its writer missing.
    ("သား စာတစ်စောင် ထားခဲ့ပြီး ပျောက်သွားတယ်", 4, "suicide"),
    ("အစ်ကို စာ ရေးထားခဲ့ပြီ ဖုန်းဆက်လို့ မရဘူး", 4, "suicide"),
    # A weapon drawn on a family member.
    ("ယောက်ျားက သေနတ်ထုတ်ပြီး ကလေးတွေကို ချိန်တယ်", 3, "violence"),
    ("ဦးလေးက ဓားကိုင်ပြီး အဖေ့ကို လိုက်ခုတ်တယ်", 3, "violence"),
    ("အဖေက ပုဆိန်နဲ့ မိန်းမကို ထောက်ထားတယ်", 3, "violence"),
    # A threat quoted to the writer.
    ("ဗိုလ်က မင်းအမေကို ဖမ်းမှာတဲ့", 3, "danger"),
    ("ခင်ဗျားကို သတ်ပစ်မယ်လို့ ဖုန်းထဲက ပြောတယ်", 3, "danger"),
    # One's house photographed.
    ("လူစိမ်း နှစ်ယောက် အိမ်ကို ဓာတ်ပုံ ရိုက်သွားတယ်", 3, "danger"),
    ("ယူနီဖောင်းဝတ် တစ်ယောက် ငါ့ခြံကို ဖုန်းနဲ့ ဗီဒီယို လှမ်းရိုက်နေတယ်", 3, "danger"),
    # One's photo sent round, a wanted poster.
    ("ငါ့ဓာတ်ပုံကို group ထဲ တင်ပြီး လိုက်ရှာခိုင်းတယ်", 3, "danger"),
    ("ကျွန်တော့်ပုံ ပါတဲ့ ဝရမ်း စာရွက် မြင်လိုက်ရတယ်", 3, "danger"),
    # Held by an employer or a broker.
    ("အလုပ်ရှင်က ပတ်စ်ပို့ သိမ်းထားတယ် အပြင်ကို ထွက်ခွင့်မရဘူး", 2, "abuse"),
    ("ပွဲစားက ငါ့ကို ရောင်းလိုက်တယ် ပိုက်ဆံ မဆပ်ရင် မလွှတ်ဘူး", 2, "abuse"),
    ("ယောက်ျားက ဖုန်းကို နေ့တိုင်း စစ်တယ် အပြင် မထွက်ရဘူး", 2, "abuse"),
    # A vow to kill with one's own hand.
    ("ငါ့လက်နဲ့ပဲ သတ်ပစ်မယ်", 2, "violence"),
    ("ကျွန်တော့်လက်နဲ့ သေစေရမယ် အဲဒီကောင်", 2, "violence"),
    # Guilt, distrust, a family member who stopped eating.
    ("ငါ ပစ်ခဲ့တဲ့ ရွာထဲမှာ အရပ်သားတွေ ရှိခဲ့တယ်", 1, "distress"),
    ("ဘယ်သူမှ မယုံကြဘူး ငါ့ကို သစ္စာဖောက်လို့ ခေါ်တယ်", 1, "distress"),
    ("အမေ ထမင်း မစားတော့ဘူး ဘာလုပ်ရမှန်း မသိဘူး", 1, "distress"),
    # A passive wish with indifference; hopelessness with its particles.
    ("ငါ မနက် မနိုးတော့ရင်လည်း ကောင်းပါတယ်", 1, "suicide"),
    ("ညီမ ဘာမျှော်လင့်ချက်မှ မရှိတော့ဘူး", 1, "distress"),
    # A weapon looked at again and again, a hunting rifle too.
    ("တပ်က ယူလာတဲ့ သေနတ် မကြာခဏ ကိုင်ကြည့်မိတယ်", 3, "suicide"),
    ("အမဲလိုက်သေနတ် ညတိုင်း သွားကြည့်မိတယ်", 3, "suicide"),
]

AT_MOST: list[str] = [
    "အိမ်စာ ဒီတစ်ပုဒ် ရေးလိုက်ရင် ပြီးသွားမှာ",  # homework nearly done
    "ရထားလက်မှတ် ဝယ်လိုက်ရင် ပြီးပြီပဲ",  # a train ticket
    "ကလေးတွေ ရေထဲ ဆင်းပြီး ကစားကြတယ်",  # children playing in the water
    "သေနတ်ပစ် လေ့ကျင့်တာ တစ်ချက်တည်းနဲ့ ပစ်မှတ် ထိတယ်",  # target practice
    "ခေါင်မိုးပေါ် တက်ပြီး အမိုး ပြင်ရမယ်",  # mending the roof
    "အမေ စာ ထားခဲ့တယ် ဈေးသွားတယ်တဲ့",  # mum left a note, gone to the market
    "အမေက ဓားနဲ့ ကြက်သားကို ခုတ်နေတယ်",  # chopping chicken
    "ဆရာဝန်က ကလေးကို ဆေး ထိုးပေးတယ်",  # a child's injection
    "ဓားနဲ့ သစ်သီး လှီးပြီး ကလေးကို ကျွေးတယ်",  # fruit for the child
    "မင်းကို ဖုန်းဆက်မယ်တဲ့",  # "he'll call you"
    "သူငယ်ချင်းတွေ ဘုရားမှာ ဓာတ်ပုံ ရိုက်နေကြတယ်",  # photos at the pagoda
    "ငါ့ဓာတ်ပုံ ပို့ပေးမယ် profile ပုံ ပြောင်းမလို့",  # a profile picture
    "ပတ်စ်ပို့ကို အံဆွဲထဲ သိမ်းထားတယ်",  # a passport put away
    "မိုးရွာလို့ အပြင် မထွက်ရဘူး",  # rain
    "ဖုန်းဟောင်း ရောင်းလိုက်တယ် ပိုက်ဆံ ရပြီ",  # an old phone sold
    "ငါ့လက်နဲ့ ချက်ထားတဲ့ ဟင်း စားကြည့်",  # cooked by my own hand
    "ကလေးတွေ ထမင်း မစားတော့ဘူး မုန့်ပဲ စားချင်တယ်",  # children wanting snacks
    "ဘယ်သူမှ မယုံနိုင်လောက်အောင် လှတယ်",  # unbelievably pretty
    "အဖွား အိပ်ပျော်နေတယ် မနက် နိုးရင် ထမင်း ကျွေးမယ်",  # grandma asleep
    "မျှော်လင့်ချက်တွေ အများကြီး ရှိတယ်",  # many hopes
]

# Idioms that keep the trained model quiet too (scanned with it).
QUIET_WITH_MODEL: list[str] = [
    "ဘတ်စ်ကား စောင့်ရတာ သေလုပြီ",  # waiting for the bus "nearly killed me"
    "သူ့ကို မြင်ရင် ထိုးချင်တယ် ဈေးတွေ တင်တာ",  # a shopkeeper's prices
    "အမေက ငါ့ကို လိုက်ရှာနေတယ် ထမင်းစားဖို့",  # mum at dinner time
    "ဗိုလ်ဟောင်းနဲ့ တွေ့ပြီး စကားတွေ အများကြီး ပြောဖြစ်တယ်",  # a long chat
    "ကိုရီးယားကားထဲမှာ မင်းသမီးက ကိုယ့်ကိုယ်ကို သတ်ဖို့ ကြိုးစားတယ်",  # a drama
]


@pytest.mark.parametrize(("text", "tier", "category"), AT_LEAST)
def test_dev21_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    assert_lexicon_hit(detector, text, tier, category)


@pytest.mark.parametrize("text", AT_MOST)
def test_dev21_everyday_stays_silent(lexicon_only, text: str) -> None:
    assert lexicon_only.scan(text).tier == 0, lexicon_only.scan(text)


@pytest.mark.parametrize("text", QUIET_WITH_MODEL)
def test_dev21_idioms_keep_the_model_quiet(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, detector.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in AT_LEAST] + AT_MOST + QUIET_WITH_MODEL)
def test_dev21_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)
