"""Burmese classes of set 8's dev half (lexicon 2026.12.8), each with the authors' own variants.

The classes were read from what the rules missed or wrongly flagged on set 8's dev half; the examples here are
written from the class, never a dev8 message or a paraphrase of one: a poison or pills taken at a distance from
their name or about to be, a height or water with a sign of no return, the track, the forces at the door, a weapon
in a threat, cutting or burning with the body part named, hyperbole, concern in other words, affairs settled
beside a means, a relative clause "-တဲ့" read as hearsay. Each class has everyday messages sharing its words.
Scored with the lexicon alone (the rules are what this pass changed; the lead retrains the model), and every
example is also scanned in Zawgyi and must score the same.
"""

from __future__ import annotations

import pytest

from moderation.detector import Detector
from tests.moderation.make_zawgyi_corpus import unicode_to_zawgyi

# (text, at least this tier, category)
POSITIVES: list[tuple[str, int, str]] = [
    # A poison with a verb of taking later in the sentence, about to be taken, poured out; eaten or taken already.
    ("ကြွက်သတ်ဆေး ဗူးကို ဖွင့်ပြီး ညနေကျရင် သောက်မယ်", 3, "suicide"),
    ("ပေါင်းသတ်ဆေး ကို ခွက်ထဲ ငှဲ့ထားပြီ", 3, "suicide"),
    ("ဒီည ပိုးသတ်ဆေး တစ်ဝက်လောက် သောက်လိုက်တော့မယ်", 4, "suicide"),
    ("ညီလေး ကြွက်ဆေး စားမိသွားပြီ ဘာလုပ်ရမလဲ", 4, "suicide"),
    ("အဆိပ် မျိုလိုက်ပြီ ဗိုက်ထဲ ပူလာတယ်", 4, "suicide"),
    # Pills by name or count, all of them or at once, laid out; a time word makes 4.
    ("အိပ်ဆေး ၂၀ လောက် စုထားတယ် ဒီည အကုန်သောက်မယ်", 4, "suicide"),
    ("အိပ်ဆေးတွေ စားပွဲပေါ်မှာ စီထားပြီ", 3, "suicide"),
    ("ဆေးလုံးတွေ သောက်ပြီး အိပ်မယ် ပြန်မနိုးတော့ဘူး", 3, "suicide"),
    ("ဘယ်သူမှ မတားနဲ့တော့ ဒီည ငါ သွားတော့မယ်", 4, "suicide"),
    ("ဆေး ၅၀ ပြား ရှိတယ် တစ်ခါတည်း မျိုမယ်", 3, "suicide"),
    ("sleeping pills တွေ ထုတ်ထားပြီ", 3, "suicide"),
    ("ပါရာစီတမော ဘယ်နှပြား ဆိုရင် သေလောက်လဲ", 3, "suicide"),
    # A height, water or the track with a sign of no return.
    ("ခေါင်မိုးပေါ်မှာ ထိုင်နေတယ် ဒါ နောက်ဆုံး msg ပါ", 4, "suicide"),
    ("တံတား အစွန်းမှာ ရပ်နေတယ် နောက်ဆုံး ပြောချင်တာ ချစ်တယ်", 4, "suicide"),
    ("ရေကန်ထဲ ဆင်းနေပြီ ဖုန်းဆက်မနေနဲ့တော့", 4, "suicide"),
    ("ရထားလမ်းပေါ်မှာ ထိုင်နေတယ် အားလုံးကို နှုတ်ဆက်ပါတယ်", 4, "suicide"),
    ("၁၅ ထပ် တိုက်ခေါင်မိုး ရောက်နေပြီ ဒီအမြင့်ဆို လုံလောက်မှာ သေချာတယ်", 4, "suicide"),
    ("ရေထဲ ဆင်းလာတယ် နည်းနည်းပဲ ကျန်တော့တယ်", 4, "suicide"),
    ("ရထား လာရင် သံလမ်းပေါ်မှာ လှဲနေမယ်", 3, "suicide"),
    # Someone found hanging; gas or charcoal in a closed room.
    ("အစ်ကို ကြိုးဆွဲထားတာ တွေ့လိုက်တယ် ကူညီပါ", 4, "suicide"),
    ("အခန်းထဲမှာ မီးသွေး မီးမွှေးထားပြီ ပြတင်းပေါက်တွေ တိတ်ပိတ်ထားတယ်", 3, "suicide"),
    ("gas ကို ဖွင့်ထားတယ် အခန်းကို လေမဝင်အောင် ပိတ်ထားတယ်", 3, "suicide"),
    ("ဓာတ်ငွေ့ ဖွင့်ပြီး တံခါးပိတ်ထားတယ်", 3, "suicide"),
    # Affairs settled or letters and passwords left beside a means or "if something happens".
    ("ဖုန်းကို ဘယ်တော့မှ ပြန်မဖွင့်တော့ဘူး အိပ်ဆေး ဘေးမှာ ရှိတယ်", 3, "suicide"),
    ("မိန်းမအတွက် စာ ရေးထားတယ် ငါ မရှိတော့ရင် ဖတ်ပါ", 3, "suicide"),
    ("ဘဏ် password ကို ညီမဆီ ပို့ထားတယ် ငါ တစ်ခုခုဖြစ်ရင် သုံးပါ", 3, "suicide"),
    # Ending it oneself; concern in other words.
    ("ဒီဘဝကို ကိုယ်တိုင် ပိတ်ပစ်လိုက်မယ်", 2, "suicide"),
    ("ဘယ်လိုနည်းနဲ့ သေရင် မနာဘူးလဲ သိချင်တယ်", 2, "suicide"),
    ("ကျွန်မ မမွေးလာခဲ့ရင် ကောင်းမှာ", 1, "suicide"),
    ("ကျွန်တော် ရှိလည်း မရှိလည်း အတူတူပဲ", 1, "suicide"),
    ("ဘုရား ကျွန်မကို ခေါ်သွားပါတော့", 1, "suicide"),
    ("ဒီဘဝကနေ ဘယ်တော့မှ လွတ်မှာ မဟုတ်ဘူး", 1, "suicide"),
    ("ဘဝ အဓိပ္ပါယ် မရှိတော့ဘူး", 1, "distress"),
    ("အခုတော့ ဘာကိုမှ အဓိပ္ပာယ် မရှိတော့ဘူး", 1, "distress"),
    # Self-harm with the body part named, burning; hurting oneself "so it hurts".
    ("လက်မောင်းကို ဘလိတ်နဲ့ ခြစ်မိပြန်ပြီ", 3, "self_harm"),
    ("ဆေးလိပ်မီးနဲ့ လက်ဖျံကို ထိုးမိတယ်", 3, "self_harm"),
    ("လက်ကောက်ဝတ်ကို နက်နက် ဖြတ်မယ်", 3, "self_harm"),
    ("ကိုယ့်ကိုယ်ကို နာအောင် လုပ်ချင်တယ်", 2, "self_harm"),
    # A relative clause -တဲ့ is not hearsay: "until it bleeds" keeps the tier.
    ("ကိုယ့်ကိုယ်ကို ရိုက်တာ သွေးထွက်တဲ့အထိ ပဲ", 3, "self_harm"),
    # A weapon in a threat.
    ("အဲ့ကောင့်ကို မနက်ဖြန် ဓါးနဲ့ ထိုးမယ်", 3, "violence"),
    ("သေနတ် ရှိတယ် သူ ထွက်လာရင် သတ်မယ်", 3, "violence"),
    ("ပုဆိန် ကိုင်ပြီး လိုက်ခုတ်နေတယ်", 3, "violence"),
    # The forces at the door or inside, a checkpoint, an arrest, bombing.
    ("ရဲ ၄ ယောက် အခန်းတံခါး ခေါက်နေတယ် ငါ ဘာလုပ်ရမလဲ", 4, "danger"),
    ("စစ်ကား တစ်စီး လမ်းထိပ်ကနေ ဝင်လာပြီး တံခါးထုနေပြီ", 4, "danger"),
    ("MI တွေ အဆောင်ထဲ ဝင်လာပြီ ငါ ပုန်းနေရတယ်", 4, "danger"),
    ("စစ်ဆေးရေးဂိတ်မှာ ငါ့ဖုန်းသိမ်းထားတယ် ဘာလုပ်ရမလဲ", 3, "danger"),
    ("ငါ့ကို ဖမ်းသွားပြီ ဘယ်ကို ခေါ်သွားမှန်း မသိဘူး", 4, "danger"),
    ("ငါတို့ ရွာက ကိုကို ဖမ်းခံလိုက်ရပြီ", 2, "danger"),
    ("ဗုံးကြဲလေယာဉ် ရွာပေါ် ဝဲနေပြီ", 4, "danger"),
    # Forced touching and burns at work.
    ("မန်နေဂျာက ကျွန်မကို အတင်း ကိုင်တွယ်တယ်", 2, "abuse"),
    ("အလုပ်ရှင်က မီးပူနဲ့ တို့တယ်", 2, "abuse"),
]

# Everyday messages sharing the classes' words: tier 0 with the rules.
NEGATIVES: list[str] = [
    "ပဲခင်းကို ပိုးသတ်ဆေး မနက်ဖြန် ဖျန်းမယ်",  # spraying the beans
    "လယ်ထဲ ပိုးသတ်ဆေး ဖျန်းပြီး ပြန်လာပြီ mask ဝယ်ထားတယ်",
    "ကြွက်ဆေး ချထားတယ် ကြောင်ကို သတိထား",
    "ဆေး ၁၀ ပြား တစ်ကတ် ဝယ်လာတယ် ခေါင်းကိုက်လို့",
    "အမေ့ သွေးတိုးဆေးတွေ အကုန်သောက်ပြီးသွားပြီ ထပ်ဝယ်ရမယ်",  # a supply used up
    "ဆရာဝန်က အိပ်ဆေး တစ်လုံးပဲ သောက်ခိုင်းတယ်",
    "ဆရာဝန်က ဆေးတွေ အကုန်သောက်ဖို့ ပြောတယ်",  # a course of medicine
    "ဆေးတွေ ထုတ်ထားပြီ ကလေး ကို တိုက်ဖို့",  # medicine set out for a child
    "ညစာ စားပြီး ဆေးလုံးတွေ တစ်ခါတည်း သောက်လိုက်တယ်",  # "together", not "all at once"
    "ကြွက်ဆေး ချထားတာ ကြွက်တွေ စားလိုက်ပြီ",  # the rats ate it
    "ပိုးသတ်ဆေး ပုလင်း ဖွင့်ထားပြီ အနံ့ ဆိုးတယ်",
    "နောက်ဆုံးစာမေးပွဲ မနက်ဖြန် ဖြေရမယ်",  # the final exam holds "the last letter"
    "ပြတင်းပေါက်နား ထိုင်ပြီး နောက်ဆုံး စာမေးပွဲ အတွက် စာကျက်နေတယ်",
    "checkpoint မှာ ID စစ်တယ် ပြီးတော့ လွှတ်လိုက်တယ်",
    "ကားဂိတ်မှာ ပစ္စည်းတွေ ကားပေါ်တင်ပြီးပြီ",  # a bus terminal
    "အေးလို့ ခေါင်းစွပ်ထားတယ်",  # a woolly hat
    "ငါ သွားတော့မယ် မတားနဲ့ party ကို",
    "ကလေးကို ပါရာစီတမော ဘယ်နှပြား တိုက်ရမလဲ",
    "ခေါင်မိုးပေါ်မှာ ထိုင်ပြီး လရောင် ကြည့်နေတယ်",
    "ခေါင်မိုးပေါ်က ရေတိုင်ကီ ပြင်ပြီးပြီ ဒါ နောက်ဆုံး အလုပ်ပဲ",  # the last job of the day
    "တံတားပေါ်က ဓာတ်ပုံ ပို့ပေးမယ် နောက်ဆုံး ပုံ လှတယ်",
    "ဖုန်း ရေထဲ ကျသွားလို့ နောက်ဆုံး message ကို မဖတ်ရဘူး",  # water is no place here
    "ရထားပေါ်မှာ အိပ်ပျော်သွားလို့ ဘူတာ ကျော်သွားတယ်",
    "တံတားပေါ်မှာ ကားပိတ်နေလို့ နောက်ကျမယ် ခွင့်လွှတ်ပါ",  # sorry to be late
    "မြစ်ကမ်းက ဆိုင်မှာ ထမင်းစားနေတယ် ဒီနေ့ည ပြန်မလာတော့ဘူး သူငယ်ချင်းအိမ် အိပ်မယ်",
    "အားလုံး အိပ်နေပြီ ငါ ခေါင်မိုးပေါ်မှာ ကြယ်တွေ ကြည့်နေတယ်",
    "မီးသွေး မီးဖိုနဲ့ ထမင်းချက်တယ်",
    "ဓာတ်ငွေ့ ကုန်လို့ ဆိုင်က ဝယ်မယ်",
    "သား ဆီ စာ ရေးထားတယ် မနက်ဖြန် ပို့မယ်",
    "wifi password ပြောင်းလိုက်ပြီ",
    "ဒီ စကားလုံး ရဲ့ အဓိပ္ပါယ် ဘာလဲ",
    "ဒီ စာကြောင်း က ဘာမှ အဓိပ္ပါယ် မရှိဘူး ပြန်ရေး",  # "this sentence means nothing"
    "ဘုရားကို သွားပြီး ဆုတောင်းမယ်",
    "မီးခြစ်နဲ့ ဖယောင်းတိုင် ထွန်းလိုက်တယ်",
    "ကြက်သွန်လှီးရင်း လက်ကို ဓားနဲ့ လှီးမိတယ်",
    "ဓါးနဲ့ ကြက်သား ခုတ်ပြီးပြီ",
    "ပုဆိန်နဲ့ ထင်း ခုတ်မယ်",  # chopping firewood
    "ဓား သွေးထားတယ် ကြက်သတ်မယ် မနက်ဖြန် အလှူ",  # a chicken for a feast
    "သေနတ် ရှိတယ် ဝက်တော ပစ်ဖို့ စောင့်နေတယ်",  # a hunter
    "ဘဏ်စာအုပ် ပျောက်သွားလို့ တစ်ခုခုဖြစ်ရင် ဖုန်းဆက်",
    "ဖုန်း ပိတ်လိုက်တော့မယ် battery ကုန်တော့မယ် ဆေးလုံး ဝယ်ခဲ့ပါ",
    "လက်မောင်းကို ဆေးထိုးမယ်",  # an injection
    "ဆိပ်ကမ်း မှာ ငါးဖမ်းနေတယ် နောက်ဆုံး msg ပို့ပြီး အိပ်မယ်",  # the day's last message
    "ထပ်ဆုံး အခန်းမှာ နေတယ် ဖုန်းဆက်မနေနဲ့ အိပ်နေပြီ",
    "အခန်းထဲမှာ gas ဖွင့်ထားပြီ ထမင်းချက်နေတယ်",
    "မီးသွေး ဝယ်ပြီး အခန်းထဲ မီးမွှေးထားတယ် အေးလို့ ပြတင်းပေါက် ပိတ်ထားတယ်",  # against the cold
    "ဆေး ၃၀ ပြား ဝယ်ပြီး ပြင်ထားပြီ ခရီးထွက်ဖို့",  # for a trip
    "ရဲ ၂ ယောက် လမ်းမှာ ယာဉ်ထိန်း လုပ်နေတယ်",
    "ဧည့်သည် တံခါးခေါက်နေတယ် သွားဖွင့်ပေးဦး",
    "စစ်ကား တွေ လမ်းမပေါ်မှာ ဖြတ်သွားတယ် တံခါးရှေ့မှာ ကလေးတွေ ကစားနေတယ်",
    "မီးပူနဲ့ အင်္ကျီ တိုက်နေတယ်",  # ironing
    # Hyperbole: X-ပြီး သေတော့မယ်, the polite ending, "it stinks of wanting to die".
    "ဒီနေ့ meeting တွေ များလို့ ပင်ပန်းပြီး သေတော့မယ်",
    "အရမ်း ပျော်လွန်းလို့ သေပါတော့မယ်",
    "ကားသံ တွေ ဆူလို့ သေချင်စော်နံတယ်",
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_set8_class_examples(lexicon_only: Detector, text: str, tier: int, category: str) -> None:
    v = lexicon_only.scan(text)
    assert v.tier >= tier, (text, v)
    assert category in v.categories, (text, v)


@pytest.mark.parametrize("text", NEGATIVES)
def test_set8_everyday_messages_stay_silent(lexicon_only: Detector, text: str) -> None:
    assert lexicon_only.scan(text).tier == 0, lexicon_only.scan(text)


def test_hyperbole_frames_leave_a_real_wish_alone(lexicon_only: Detector) -> None:
    # The allow-listed X-ပြီး / X-လို့ idioms hold no wish to die; living itself as the X is no hyperbole.
    assert lexicon_only.scan("အသက်ရှင်ရတာ ပင်ပန်းလွန်းလို့ သေချင်ပြီ").tier >= 2
    assert lexicon_only.scan("ငါ တကယ် သေချင်တယ်").tier >= 2


def test_hearsay_still_lowers(lexicon_only: Detector) -> None:
    # Only the relative clause -တဲ့ + noun is exempt: the sentence-final hearsay particle still lowers a hit.
    own = lexicon_only.scan("ကိုယ့်ကိုယ်ကို ရိုက်တာ သွေးထွက်တဲ့အထိ ပဲ").tier
    heard = lexicon_only.scan("သူ ကိုယ့်ကိုယ်ကို ရိုက်တယ်တဲ့").tier
    assert heard < own


@pytest.mark.parametrize("text", [t for t, _, _ in POSITIVES] + NEGATIVES)
def test_zawgyi_scores_the_same(lexicon_only: Detector, text: str) -> None:
    unicode_verdict, zawgyi_verdict = lexicon_only.scan(text), lexicon_only.scan(unicode_to_zawgyi(text))
    assert (zawgyi_verdict.tier, zawgyi_verdict.categories) == (unicode_verdict.tier, unicode_verdict.categories)


# my 2026.12.9 (lead): a tug-of-war festival (ကြိုးဆွဲပွဲ, a rope pulled) and children playing in the water are everyday;
# the same words as an act of one's own keep their tier.
@pytest.mark.parametrize(
    "text",
    [
        "ကြိုးဆွဲပွဲ မှာ ငါတို့ ရပ်ကွက် နိုင်တယ်",
        "သင်္ကြန် ကြိုးဆွဲပြိုင်ပွဲ မနက်ဖြန် ရှိတယ်",
        "ကလေးတွေ မြစ်ထဲ ခုန်ချပြီး ရေကစားနေကြတယ်",
    ],
)
def test_festival_rope_and_water_play_stay_quiet(lexicon_only, text):
    assert lexicon_only.scan(text).tier == 0
    assert lexicon_only.scan(unicode_to_zawgyi(text)).tier == 0


@pytest.mark.parametrize("text", ["ကြိုးဆွဲချမယ် ဒီည", "မြစ်ထဲ ခုန်ချမယ် ဒီည"])
def test_the_same_words_as_ones_own_act_keep_their_tier(lexicon_only, text):
    assert lexicon_only.scan(text).tier >= 3
