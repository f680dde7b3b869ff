"""Burmese failure classes of issue 16 (items 3, 5, 6), each with the authors' own variants.

Never a held-out message or a paraphrase of one: the examples are written from the class (reflexive
spellings, means' loanwords and spellings, a verb ending inside, the forces' words, code-switching
written without a space, euphemisms, questions about heights and doses, time out of tense) with
hard negatives that share the words. Every example is also scanned in Zawgyi (the Rabbit uni2zg
rules, as tests/moderation/make_zawgyi_corpus.py makes the corpus) and must score the same.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from tests.moderation.class_checks import assert_zawgyi_scores_the_same

POSITIVES: list[tuple[str, int, str]] = [
    # Reflexives as people spell them.
    ("ငါ့ကိုယ်ငါ မုန်းတယ်", 1, "distress"),
    ("ကျွန်မကိုယ်ကျွန်မ စက်ဆုပ်တယ်", 1, "distress"),
    ("ကိုယ့်ကိုကိုယ် လှီးမိပြန်ပြီ", 3, "self_harm"),
    ("ကျွန်တော့်ကိုယ်ကျွန်တော် ဒဏ်ရာ ရအောင် လုပ်မိတယ်", 3, "self_harm"),
    # A blade, not a kitchen knife; blood that does not stop.
    ("ဘလိတ်နဲ့ ထပ်လှီးမိပြန်ပြီ", 3, "self_harm"),
    ("မှန်ကွဲနဲ့ ခြစ်နေတယ်", 3, "self_harm"),
    ("သွေးတွေ မရပ်တော့ဘူး", 4, "self_harm"),
    # Means by loanword and spelling, particles and endings inside, a time word making it imminent.
    ("ပါရာစီတမောတွေ အကုန်လုံး မျိုချလိုက်တော့မယ်", 3, "suicide"),
    ("ဒီည ပနားဒေါတွေ တစ်ကတ်လုံး မျိုလိုက်မယ်", 4, "suicide"),
    ("ကြွက်သေဆေး တစ်ပုလင်းလုံး သောက်မယ်", 3, "suicide"),
    ("ပေါင်းသတ်ဆေး ခေါင်းအုံးအောက်မှာ ဝှက်ထားတယ်", 3, "suicide"),
    ("ရိုင်ဖယ် ကျည်ဖြည့်ထားတယ်", 3, "suicide"),
    ("အဆောက်အဦ ပေါ်ကနေ ခုန်ချမယ်", 3, "suicide"),
    # Casual questions about a height or a dose.
    ("ဘယ်နှထပ်က ခုန်ချရင် သေနိုင်လဲ", 3, "suicide"),
    ("အိပ်ဆေး ဘယ်နှပြား သောက်ရင် မနိုးတော့မလဲ", 3, "suicide"),
    # Passive wishes with a directional particle; weariness of life is no hyperbole.
    ("ပြန်မနိုးထတော့ရင် ပိုကောင်းမှာ", 1, "suicide"),
    ("အသက်ရှင်ရတာ ပင်ပန်းလွန်းလို့ သေချင်ပြီ", 2, "suicide"),
    ("ဒီဘဝမှာ နေရတာ ငြီးငွေ့လို့ သေလိုက်ချင်တယ်", 2, "suicide"),
    # Threats with the future irrealis မှာ.
    ("အဲ့ဒီအရာရှိကို မြင်ရင် ပစ်သတ်မှာ", 2, "violence"),
    ("သူ့အိမ်ကို မီးရှို့ပစ်မယ်", 2, "violence"),
    # Euphemisms for sexual abuse.
    ("အိမ်ရှင်က ညတိုင်း ကျွန်မကို ထိကိုင်တယ်", 2, "abuse"),
    ("ပထွေးက ငါ့ကို အဝတ်ချွတ်ခိုင်းတယ်", 2, "abuse"),
    # Code-switching written without a space.
    ("suicideလုပ်ချင်နေပြီ", 2, "suicide"),
    ("dieချင်တယ်", 2, "suicide"),
    ("pillsတွေ အကုန်သောက်တော့မယ် ဒီည", 4, "suicide"),
    ("overdoseလုပ်မယ်", 3, "suicide"),
    # The forces' words: columns, ka ka tha, raids, arrests, night checks, asking after me.
    ("စစ်ကြောင်း ရွာထဲ ဝင်လာပြီ", 3, "danger"),
    ("ကကထ က ငါ့ကို ရှာနေတယ်", 3, "danger"),
    ("ပျူစောထီးတွေ ဦးလေးဆီ ငါဘယ်မှာ ရှိလဲ လာမေးတယ်", 3, "danger"),
    ("ညအိပ်ဧည့်စာရင်း လာစစ်တယ်", 2, "danger"),
    ("ဂိတ်မှာ ဖုန်းကို စစ်တယ်", 2, "danger"),
    ("ငါ့ဦးလေး ဖမ်းဆီးခံရတယ်", 2, "danger"),
    ("ရွာကို စီးနင်းတယ်", 3, "danger"),
    # The danger at one's building: at least tier 4.
    ("ရဲတွေ တည်းခိုခန်းမှာ ငါ့ဓာတ်ပုံ ပြပြီး မေးနေတယ်", 4, "danger"),
]

NEGATIVES: list[str] = [
    "ငါ့ကိုယ်ငါ ယုံကြည်တယ်",
    "ကြက်သွန်လှီးရင်း ဓားနဲ့ လှီးမိတယ် သွေးထွက်တယ်",
    "ဆိုင်ကယ်မှောက်လို့ သွေးတွေ မရပ်ဘူး",
    "ဆရာဝန်က ပါရာစီတမော တစ်နေ့ နှစ်လုံး သောက်ခိုင်းတယ်",
    "ငါ့အစ်ကို အိပ်ဆေး သောက်ပြီး အိပ်နေတယ်",  # one sleeping pill is not "the pills"
    "အိပ်ဆေး သောက်လိုက်ပြီ ကောင်းကောင်း အိပ်မယ်",
    "ဒီတိုက်က ဘယ်နှထပ်လဲ",
    "ဆေးဘယ်နှလုံး သောက်ရမလဲ ဆရာ",
    "ငါ ကြိုးစားနေတယ်",  # ကြိုးစား "try" holds the means word ကြိုး "rope"
    "ဖိနပ်ကြိုး ပြတ်သွားပြီ",
    "ကလေးတွေ ကြိုးခုန် ကစားနေတယ်",
    "အမေက ငါ့ကို ထိကိုင်ပြီး နှစ်သိမ့်တယ်",
    "ငါ့ဓာတ်ပုံ ပြပါဦး",
    "သော့ရှာဖို့ အိမ်ထဲ ဝင်ရှာတယ်",
    "ဒီဂိမ်းမှာ တွေ့ရင် သတ်မယ်",
    "ရေတံခွန်ကနေ ခုန်ဆင်းပြီး ရေကူးကြတယ်",
    "အမေ့ကို အရမ်း လွမ်းလို့ သေတော့မယ်",  # longing, "dying to see her"
    "အခုထက်ထိ အလုပ်မှာပဲ ရှိသေးတယ်",
]


@pytest.mark.parametrize(("text", "tier", "category"), POSITIVES)
def test_burmese_class_examples(detector: Detector, text: str, tier: int, category: str) -> None:
    v = detector.scan(text)
    assert v.tier >= tier, (text, v)
    assert category in v.categories, (text, v)
    # The tier is the lexicon's, not only the model's: a lexicon match of that category says so.
    assert any(m.category == category and not any(r.startswith("model:") for r in m.reasons) for m in v.matches)


@pytest.mark.parametrize("text", NEGATIVES)
def test_burmese_hard_negatives(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, detector.scan(text)


@pytest.mark.parametrize("text", [t for t, _, _ in POSITIVES] + NEGATIVES)
def test_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    assert_zawgyi_scores_the_same(detector, text)


def test_a_time_word_inside_still_does_not_raise(detector: Detector) -> None:
    # အခုထက်ထိ is "even until now": a past arrest is not made imminent by it.
    assert detector.scan("အခုထက်ထိ ဦးလေး ဖမ်းဆီးခံရတုန်းပဲ").tier == 2


def test_a_reassurance_after_a_raid_lowers_it(detector: Detector) -> None:
    raid = "စစ်သားတွေ ရွာကို စီးနင်းတယ်"
    assert detector.scan(raid).tier == 3
    assert detector.scan(raid + " ဒါပေမဲ့ ငါတို့ ဘေးကင်းပါပြီ").tier == 2


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("ကျွန်မ သေချင်တယ်", 2),  # the မ ending ကျွန်မ ("I", a woman) is not negation
        ("ညီမ သတ်သေမယ်", 2),
        ("ကျွန်မ မသေချင်ပါဘူး", 1),  # the real prefix after it still lowers
        ("ငါ မသေချင်ဘူး", 1),
    ],
)
def test_a_word_ending_in_ma_is_not_negation(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier == tier


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("ကြွက်ဆေး တစ်ဗူး သောက်ချလိုက်ပြီ", 4),  # a quantity between, the drink-down compound
        ("ငါ့ညီ ပေါင်းသတ်ဆေး တစ်ခွက် မျိုချလိုက်ပြီ", 4),
        ("လူစိမ်းတွေ ငါတို့ အဆောင်ကို ညတိုင်း စောင့်ကြည့်နေတယ်", 3),
        ("စရဖ ကျွန်တော်တို့ အိမ်ကို စောင့်ကြည့်နေတယ်", 3),
    ],
)
def test_poison_taken_and_a_watched_home(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier


@pytest.mark.parametrize(
    "text",
    [
        "ခရီးသွားနေတုန်း အိမ်ကို စောင့်ကြည့်ပေးပါဦး",  # "please keep an eye on the house"
        "အိမ်ကို ဓာတ်ပုံရိုက်နေတယ် လှလိုက်တာ",
        "ကြွက်တွေ များလို့ ကြွက်ဆေး တစ်ဗူး ဝယ်ခဲ့တယ်",
        "အလုပ်များလို့ သေတော့မယ်",  # "so busy I could die"
        "စာမေးပွဲ ကျရင် အမေ ငါ့ကို သတ်လိမ့်မယ်",  # a parent's anger over a slip
    ],
)
def test_more_everyday_burmese_stays_silent(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0


def test_a_husbands_threat_is_never_allow_listed(detector: Detector) -> None:
    assert detector.scan("ယောက်ျား သိရင် ငါ့ကို သတ်လိမ့်မယ်").tier >= 3


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("လူစိမ်းတစ်ယောက် ကျွန်မအကြောင်း ဘေးအိမ်က အန်တီ့ကို လာမေးသွားတယ်", 3),
        ("ငါ့ပစ္စည်းအားလုံး ညီမလေးနဲ့ ဦးလေးကို ခွဲပေးလိုက်ပြီ", 3),
    ],
)
def test_a_recipient_between_object_and_verb(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier


def test_friends_asking_after_me_are_not_the_forces(detector: Detector) -> None:
    assert detector.scan("ရဲရင့်တဲ့ သူငယ်ချင်းက ငါ့ကို လာမေးတယ် နေကောင်းလား").tier == 0  # ရဲရင့် "brave"
    assert detector.scan("ငါ့ဓာတ်ပုံ ကိုင်ပြီး ရှာကြည့်တယ်").tier == 0
    assert detector.scan("အမေက သူ့ ပါရာစီတမော အကုန် သောက်ပြီးသွားပြီ ဝယ်ပေးရမယ်").tier == 0
