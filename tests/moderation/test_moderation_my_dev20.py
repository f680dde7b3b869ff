"""Burmese classes of the dev20 transfer pass (lexicon my 2026.12.17).

The examples are the authors' own, written from each class (none is a corpus line): a poison or pills held or set out
now, with a farewell relayed to the family ("tell the children to forgive me", "look after my son"); an attack on the
village under way (surrounded, shelled, burned, family still inside); going to a cliff, a waterfall or the water and
never coming back; a last live stream or "nobody look for me" from a high place, or a letter left from there; crying
alone and nobody to tell, debts that can no longer be paid; one's room searched in one's absence, nothing taken but the
papers gone through; attempts told elliptically ("tried four times, failed every time", "did not die"); a tracking app
or device found; "we know where you hide"; strangers asking the family where one is; a service weapon taken out night
after night; ending oneself with the reflexive, "not joking" as an intensifier; pills taken and "bye everyone";
strangers at the gate calling one's name; a gun pointed at the family, armed men coming in; not to be taken alive, a
grenade held; fire set with people trapped; "as soon as the children fall asleep"; the poison's place checked; the
head beaten against a wall, hair pulled out; passive wishes asked as questions, "nobody would look for me"; guilt and
war nightmares; one's photo shown around; dose questions spelled ဘယ်နှစ်; standing on the track; "he won't live"; and
the everyday sentences that share their words (checked on the lexicon alone: the trained model is not what this pass
changes), among them banter ("come, eh, or I'll kill you") and a dose after dinner. Every example is also scanned in
Zawgyi and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_lexicon_hit, assert_zawgyi_scores_the_same

AT_LEAST: list[tuple[str, int, str]] = [
    # A poison or pills held or set out now; a farewell relayed to the family makes it imminent.
    ("ကြွက်ဆေးပုလင်း ကိုင်ထားတယ် အမေ့ကို ခွင့်လွှတ်ပါလို့ ပြောပေးပါ", 4, "suicide"),
    ("ပေါင်းသတ်ဆေး ကိုင်နေတယ် သားတို့ကို ဂရုစိုက်ပေး", 4, "suicide"),
    ("အိပ်ဆေးတွေ ရှေ့မှာ ချထားတယ်", 3, "suicide"),
    # An attack on the village under way.
    ("ငါတို့ရွာကို ဝိုင်းထားပြီ လက်နက်ကြီးသံတွေ ကြားနေရတယ်", 4, "danger"),
    ("သေနတ်သံ ဆက်တိုက် ကြားနေရတယ် အဖိုးက အိမ်ထဲမှာ ကျန်နေသေးတယ်", 4, "danger"),
    ("ရပ်ကွက်ကို ဝိုင်းလာပြီ", 3, "danger"),
    ("ဘေးရွာကို မီးရှို့နေပြီ", 3, "danger"),
    ("ရွာထဲမှာ ဗုံးကြဲနေတယ်", 3, "danger"),
    # A cliff, a waterfall or the water, and not coming back.
    ("ကမ်းပါးစွန်းဆီ သွားမယ် ပြန်မလာတော့ဘူး", 3, "suicide"),
    ("ဒီည ရေတံခွန်ဆီ သွားမယ် ပြန်လာမှာ မဟုတ်တော့ဘူး", 4, "suicide"),
    ("ဆည်ဘက် ထွက်သွားမယ် ဘယ်တော့မှ ပြန်မလာဘူး", 3, "suicide"),
    # A last live stream, "nobody look for me" or a letter left, from a high place.
    ("တိုက်ခေါင်မိုးပေါ်က နောက်ဆုံး live ပါ", 4, "suicide"),
    ("ခေါင်မိုးပေါ် တက်လာပြီ ဘယ်သူမှ လိုက်မရှာနဲ့", 4, "suicide"),
    ("ကမ်းပါးစွန်းမှာ ရောက်နေတယ် သမီးအတွက် စာရေးထားခဲ့ပြီ", 4, "suicide"),
    # Crying alone, nobody to tell, debts.
    ("အမေ မသိအောင် ခိုးငိုရတယ်", 1, "distress"),
    ("ဘယ်သူ့ကိုမှ ဖွင့်ပြောစရာ မရှိဘူး", 1, "distress"),
    ("တိုင်ပင်စရာ တစ်ယောက်မှ မရှိဘူး", 1, "distress"),
    ("အကြွေးတွေ ဆပ်လို့ မရတော့ဘူး", 1, "distress"),
    # One's room searched in one's absence.
    ("ပြန်ရောက်တော့ လူစိမ်း တစ်ယောက် အခန်းကို ဝင်မွှေသွားတယ်", 3, "danger"),
    ("ပိုက်ဆံ မယူသွားဘူး စာရွက်စာတမ်းတွေပဲ မွှေသွားတာ", 3, "danger"),
    # Attempts told elliptically.
    ("လေးခါ စမ်းကြည့်ခဲ့ဖူးတယ် လေးခါလုံး မအောင်မြင်ဘူး", 3, "suicide"),
    ("ကြိုးစားခဲ့ဖူးတယ် ဒါပေမဲ့ သေမသွားဘူး", 3, "suicide"),
    # Tracking found; "we know where you hide"; strangers asking the family.
    ("ဖုန်းထဲမှာ spyware ထည့်ထားတာ တွေ့တယ်", 3, "danger"),
    ("ကားအောက်မှာ gps တပ်သွားတာ ဘယ်သူလဲ မသိဘူး", 3, "danger"),
    ("နင် ဘယ်မှာ ပုန်းနေလဲ ငါတို့ သိပြီးပြီ", 4, "danger"),
    ("မသိတဲ့ နံပါတ်က အမေ့ကို ဖုန်းဆက်ပြီး ငါ ဘယ်မှာလဲ မေးနေတယ်", 3, "danger"),
    # A service weapon handled night after night; ending oneself, not joking; pills and "bye everyone".
    ("တပ်က ယူလာတဲ့ ရိုင်ဖယ် ညတိုင်း ထုတ်ကိုင်ကြည့်နေမိတယ်", 3, "suicide"),
    ("ကိုယ့်ကိုယ်ကို အဆုံးစီရင်ဖို့ တွေးနေတယ် စနေတာ မဟုတ်ဘူး", 2, "suicide"),
    ("ဆေးတွေ သောက်ပြီးပြီ bye ပါ အားလုံး", 4, "suicide"),
    # Strangers calling one's name at the gate; a gun pointed; armed men coming in.
    ("ခြံရှေ့မှာ လူစိမ်းတွေ ရောက်နေတယ် ငါ့နာမည်ကို အော်ခေါ်နေတယ်", 4, "danger"),
    ("ငါတို့ကို သေနတ်နဲ့ ချိန်ထားတယ်", 3, "violence"),
    ("ဓားတွေ ကိုင်ပြီး အိမ်ထဲ ဝင်လာတယ် ကယ်ပါ", 4, "violence"),
    # Not to be taken alive; a grenade; fire with people trapped.
    ("သူတို့လက်ထဲ အရှင် မရောက်ချင်ဘူး", 3, "suicide"),
    ("grenade ကိုင်ထားတယ် ဝင်လာရင် ဖောက်မယ်", 4, "suicide"),
    ("ဓာတ်ဆီ လောင်းပြီး အိမ်ကို မီးရှို့နေပြီ ကလေးတွေ အထဲမှာ ပိတ်မိနေတယ်", 4, "violence"),
    # The children's sleep as the plan time; the poison's place checked.
    ("အဆိပ် ဖျော်ထားပြီ ကလေးတွေ အိပ်ပျော်တာနဲ့ သောက်မယ်", 4, "suicide"),
    ("ကြွက်သတ်ဆေး ဘယ်နေရာ ထားလဲ သွားကြည့်ခဲ့တယ်", 3, "suicide"),
    # The head against a wall; hair pulled out.
    ("ခေါင်းကို နံရံနဲ့ အကြိမ်ကြိမ် ဆောင့်မိတယ်", 3, "self_harm"),
    ("ဆံပင်တွေ ဆွဲနုတ်နေမိတယ်", 2, "self_harm"),
    # Passive wishes as questions; nobody would look; guilt; war nightmares.
    ("မနက် ပြန်မနိုးတော့ရင် ကောင်းမလားလို့", 1, "suicide"),
    ("ငါ ပျောက်သွားရင်တောင် ဘယ်သူမှ ရှာမှာ မဟုတ်ဘူး", 1, "suicide"),
    ("ငါ့ကြောင့် သူ ထောင်ကျတာ အပြစ်ရှိတဲ့စိတ် မပျောက်ဘူး", 1, "distress"),
    ("အိပ်မက်ထဲမှာ အလောင်းတွေ မြင်နေရတယ်", 1, "distress"),
    # One's photo shown around; ဘယ်နှစ် dose questions; on the track; "he won't live".
    ("ငါ့ဓာတ်ပုံ ကိုင်ပြီး ဈေးထဲမှာ လိုက်မေးနေတယ်", 3, "danger"),
    ("ဆေး ဘယ်နှစ်လုံး သောက်ရင် သေနိုင်လဲ", 3, "suicide"),
    ("ညက သံလမ်းပေါ် တက်ရပ်မိတယ်", 3, "suicide"),
    ("ငါ့ညီမကို ထပ်တို့ရင် အဲ့ကောင် အသက်ရှင်မှာ မဟုတ်ဘူး", 2, "violence"),
]

AT_MOST: list[str] = [
    "ကြွက်ဆေးပုလင်း ကိုင်ထားတယ် မီးဖိုချောင်မှာ ဖျန်းမလို့",  # spraying the kitchen
    "ပိုးသတ်ဆေး ကိုင်ထားတယ် ဟင်းရွက်ခင်းကို ဖျန်းမလို့",  # spraying the vegetables
    "ခြံကို ဝါးနဲ့ ဝိုင်းထားတယ်",  # a bamboo fence
    "ပွဲခင်းမှာ လူတွေ ဝိုင်းထားပြီ",  # a crowd at a fair
    "မီးပန်းပွဲ သေနတ်သံလို အသံတွေ ကြားနေရတယ် ကလေးတွေ အိမ်ထဲမှာ ကျန်နေသေးတယ်",  # fireworks
    "ရေတံခွန် သွားလည်မယ် မနက်ဖြန် ပြန်လာမယ်",  # a trip to the waterfall
    "ချောက်ထဲ ဖိနပ် ကျသွားတယ်",  # a shoe fell into the ravine
    "မြစ်ဘက် သွားမယ် ဒီည ပြန်မလာတော့ဘူး သူငယ်ချင်းအိမ်မှာ အိပ်မယ်",  # a night at a friend's
    "ဒီည နောက်ဆုံး live ပါ အင်္ကျီတွေ လျှော့ဈေးနဲ့",  # a seller's last live
    "ငါ့ကို မရှာနဲ့ ရုံးမှာ အလုပ်များနေတယ်",  # busy at the office
    "ပြောစရာ မရှိဘူး ကောင်းတယ်",  # nothing to say
    "ကလေး ထိုင်ငိုနေတယ်",  # a child crying
    "ဇာတ်ကား ကြည့်ပြီး မျက်ရည်ကျတယ်",  # a film
    "အကြွေး မဆပ်နိုင်သေးဘူး နောက်လ ဆပ်မယ်",  # not yet, next month
    "ကလေးက ဗီရိုကို မွှေသွားတယ်",  # a child in the wardrobe
    "ကြွက်တွေ ဆန်အိတ်ကို မွှေသွားတယ် ဘာမှ မပျောက်ဘူး",  # rats in the rice
    "ဟင်းချက်တာ နှစ်ခါ စမ်းကြည့်ဖူးတယ် နှစ်ခါလုံး မအောင်မြင်ဘူး",  # a recipe
    "စာမေးပွဲ သုံးခါ ကြိုးစားခဲ့တယ် သုံးခါလုံး မအောင်မြင်ဘူး",  # an exam
    "ကလေးဖုန်းထဲ location app ထည့်ထားတယ်",  # a parent's app
    "gps ပါတဲ့ ဖုန်း ဝယ်ထားတယ်",  # a phone with GPS
    "မင်း ဘယ်မှာ နေလဲ ပြောပြပါဦး",  # asking a friend's address
    "မသိတဲ့ နံပါတ်က ဖုန်းဆက်တယ် ဘဏ်က ဆိုပြီး",  # a bank's call
    "သေနတ် ထုတ်ပြီး သန့်ရှင်းရေး လုပ်တယ်",  # cleaning a gun
    "နောက်နေတာ မဟုတ်ဘူး တကယ် ပျော်တယ်",  # "not joking", happy
    "အမေက ငါ့နာမည် အော်ခေါ်နေတယ်",  # mum calling
    "ဓာတ်ဆီ ဖြည့်ပြီး ကား မောင်းလာတယ်",  # filling up the car
    "ကလေးတွေ အိပ်ပျော်တာနဲ့ ငါ ရုပ်ရှင် ကြည့်မယ်",  # a film after the children sleep
    "ပိုးသတ်ဆေး ဘယ်နေရာ ထားလဲ မသိဘူး ပဲခင်း ဖျန်းရဦးမယ်",  # the beans to spray
    "ခေါင်းကို တံခါးနဲ့ မတော်တဆ ဆောင့်မိတယ်",  # bumped on the door
    "ဆံပင် ညှပ်ဖို့ ဆိုင် သွားမယ်",  # a haircut
    "မနက် နောက်ကျ နိုးရင် ကောင်းမလား",  # a lie-in
    "ဈေးထဲမှာ ဓာတ်ပုံ ရိုက်ပြီး လိုက်မေးနေတယ် ဈေးနှုန်း",  # prices at the market
    "ရထားလမ်းဘေးက လမ်းပေါ် လမ်းလျှောက်တယ်",  # a walk beside the railway
    "ခဲတံကို ထပ်ကိုင်ရင် အဲ့ကောင် ငိုမှာ",  # a child's pencil
    "လာခဲ့နော် မလာရင် သတ်ပစ်မယ်",  # banter
    "မင်္ဂလာဆောင် မလာရင် သတ်ပစ်မယ်",  # banter about a wedding
    "ညစာ စားပြီးရင် တစ်ပြား သောက်ရမယ်",  # a dose after dinner
]


@pytest.mark.parametrize(("text", "tier", "category"), AT_LEAST)
def test_dev20_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    assert_lexicon_hit(detector, text, tier, category)


@pytest.mark.parametrize("text", AT_MOST)
def test_dev20_everyday_stays_silent(lexicon_only, text: str) -> None:
    assert lexicon_only.scan(text).tier == 0, lexicon_only.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in AT_LEAST] + AT_MOST)
def test_dev20_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)
