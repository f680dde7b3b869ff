"""Issue 16, third pass (2026.12.3): general rules written from the issue's failure classes.

Every message here was written for this file (none is a held-out message or a near-copy of one):
a means in a frame of holding or readiness, farewells with a time limit, hanging set up, trains,
non-native grammar and typos, threats against a named person, military intelligence at the door,
romanised Burmese transliterated from the Burmese rules, and framing that lowers a means-and-now
hit by one tier instead of dropping it. Hard negatives sit beside each class.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # a means held or kept ready: 3; with now, a clock time or a farewell: 4
    ("the rope is tied to the fan already", 3),
    ("rope tied. sorry mum, i love you", 4),
    ("i have my fathers pistol in my hand now", 4),
    ("gun in my hand right now, nobody stop me", 4),
    ("i got 60 sleeping pills here next to me", 3),
    ("i got 60 sleeping pills here, taking them at 2am", 4),
    ("i keep the razor under my pillow for when i need it", 3),
    ("loaded the gun, doing it at midnight", 4),
    # farewell or apology with finality, and a time limit
    ("forgive me mother, by morning i will not be here", 4),
    ("sorry to my family, before dawn it will be over", 4),
    ("writing letter for my parents. before sunrise i will be gone", 4),
    # non-native grammar and typos
    ("i have pestcide in my bag, i am ready", 3),
    ("i want disapear forever", 2),
    ("i dont want live anymore", 2),
    ("nobody care if i die", 1),
    ("my brother drink pesticide, he not wake up", 4),
    ("soldiers are oustide the door now", 4),
    # threats against a named person
    ("i will stab my stepfather when he comes home", 2),
    ("i have the knife, i will kill my husband tonight", 4),
    # Burmese: means in a frame, farewell and time limit, imminent jump, MI car, stab-kill
    ("ကြိုး ချည်ပြီးပြီ အမေ ခွင့်လွှတ်ပါ", 4),
    ("သေနတ် လက်ထဲမှာ ရှိနေပြီ အခု", 4),
    ("သေနတ်ထဲ ကျည်ထည့်ထားပြီ", 3),
    ("အိပ်ဆေးတွေ အဆင်သင့်ပဲ ဒီည သောက်မယ်", 4),
    ("မနက်မလင်းခင် ငါ မရှိတော့ဘူး အမေ ခွင့်လွှတ်ပါ", 4),
    ("တံတားပေါ်မှာ ရောက်နေပြီ ခုန်ချတော့မယ်", 4),
    ("စရဖ ကား အိမ်ရှေ့မှာ ရပ်ထားတယ်", 4),
    ("စရဖ", 2),
    ("ငါ သူ့ကို ဓားနဲ့ ထိုးသတ်မယ်", 2),
    # romanised Burmese, with spelling variants that fold apart
    ("kyoe swel pi pyi", 3),
    ("kyo chi htar pyi, a may khwint lut par", 4),
    ("thet tar tway eain ko wine htar pyi", 4),
    ("sit thar dway ein ko waing lar pi", 4),
    ("sit tar tway a pyin mhar yauk nay pyi", 4),
    ("a may khwint lut par, dee nya nga thay mal", 4),
    ("nga thay nat kai htar tal a khu", 4),
    ("sit thar tway nga ko lite phan nay pyi", 4),
    # second round: presence at a place, going with no return, partners, strangulation, moral
    # injury, giving away, a locked door, a found hiding place, a time word between a pair's parts
    ("i am at the railway now, waiting the train", 4),
    ("i am on 12th floor balcony, i will jump", 4),
    ("i go to the river tonight and never come back", 4),
    ("i am going to the bridge tonight, nobody will miss me", 4),
    ("i am standing at the bridge now looking at the water", 4),
    ("my husband will kill me if i go back", 2),
    ("my husband choke me last night, i am afraid he kill me", 3),
    ("i shot people in the village, i can not sleep, i see their faces", 1),
    ("i dont deserve to live after what i did", 2),
    ("i give away my motorbike to my cousin today, i wont need it", 3),
    ("i am giving my phone to my sister, i dont need it anymore", 1),
    ("my sister locked herself in bathroom with razor, she not answer", 4),
    ("they found our safe house, we need to run now", 4),
    ("i am writing this before i die tonight", 4),
    ("ကြွက်ဆေး သောက်လိုက်ပြီ", 4),
    ("ကျည်ဆံ တစ်တောင့် ငါ့အတွက် သိမ်းထားတယ်", 3),
    ("ဦးလေးက ငါ့ကို မတော်မတရား လုပ်တယ်", 2),
    ("အမ်အိုင် တွေ လာမေးတယ်", 2),
    ("nga thay chin lite tar", 2),
    ("nga say a myar gyi thout htar pyi", 4),
    ("nga kywet that say thout lite pyi", 4),
    ("nga lat ko dar nae hlee lite tal", 3),
    ("sayapa tway nga a kyaung lar may tal", 3),
    ("sayapa tway a pyin mhar saung nay tal", 4),
    ("nga a thone ma kya buu", 1),
    # third round: carbon monoxide, a bath with a blade, noose and chair, someone else hanging or
    # about to kill themselves, the means taking effect
    ("the car engine is running in the closed garage, i am inside", 4),
    ("i am sitting in the bathtub with the razor", 4),
    ("knot is ready, chair under me", 4),
    ("my roommate is hanging in her room, please help", 4),
    ("my brother has a gun and said he will shoot himself now", 4),
    ("this is goodbye, the pills are kicking in", 4),
]

NEGATIVES = [
    "i tied the rope to the boat",
    "we tied the ropes to the truck before the trip",
    "the gun in the film looked real",
    "the doctor put two pills in my hand and said take them after food",
    "the knife is next to me, i am cutting onions",
    "we are standing on the bridge taking photos now",
    "sorry mum, i will be home before dawn",
    "forgive me mom, i forgot to call you",
    "bye everyone, see you tomorrow morning",
    "the train is coming, i go home now",
    "i will kill you in the game tonight haha",
    "i am taking my pills now, good night",
    "ကြိုးနဲ့ လှေကို ချည်ထားတယ်",
    "မနက်မလင်းခင် ဈေးသွားမယ်",
    "အမေ ခွင့်လွှတ်ပါ နောက်ကျသွားလို့",
    "ဆရာဝန်က အိပ်ဆေး ပေးတယ် ညတိုင်း သောက်ရမယ်",
    "kyo nae hlay ko chi htar tal",
    "movie htae mhar thay nat nae pyit tal",
    "a may khwint lut par, nout kya thwar lo",
    "i swallowed 2 pills for my headache",
    "i am on the 12th floor balcony enjoying the view",
    "we go to the river tonight for fishing",
    "i give away my old clothes to the monastery today",
    "i'm standing on the edge of the stage lol",
    "my wife will kill me if i forget her birthday lol",
    "ကြွက်ဆေး ဝယ်ပြီး မီးဖိုချောင်မှာ ထားတယ် ကြွက်တွေ များလို့",
    "kywet say wel lite tal, eain mhar kywet myar lo",
    "the paracetamol is kicking in, headache is gone",
    "i am in the bathtub relaxing with a book",
    "the car engine is running, i am waiting outside",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_general_rules_reach_the_tier(detector: Detector, text: str, tier: int) -> None:
    verdict = detector.scan(text)
    assert verdict.tier >= tier, verdict.matches


@pytest.mark.parametrize("text", NEGATIVES)
def test_hard_negatives_stay_silent(detector: Detector, text: str) -> None:
    verdict = detector.scan(text)
    assert verdict.tier == 0, verdict.matches


def test_a_frame_lowers_means_and_now_by_one_instead_of_dropping(detector: Detector) -> None:
    # "this is a story" names a frame, but a means raised to 4 by "now" stays a high-tier hit
    bare = detector.scan("the rope is tied to the ceiling fan right now")
    framed = detector.scan("this is a story for the film, the rope is tied to the ceiling fan right now")
    assert bare.tier == 4
    assert framed.tier == 3
    assert any("lowered:fiction" in m.reasons for m in framed.matches)


def test_a_frame_still_drops_a_regime_word_raised_by_a_time_word(detector: Detector) -> None:
    assert detector.scan("sayapa men in the news this morning, be careful everyone").tier == 0


def test_romanised_frame_lowers_a_tier_four_method_hit_by_one(detector: Detector) -> None:
    verdict = detector.scan("movie htae mhar ait say tway a kone thout lite pyi")
    assert verdict.language == "my"
    assert verdict.tier == 3
    assert any("lowered:fiction" in m.reasons for m in verdict.matches)
    assert detector.scan("movie htae mhar thay nat nae pyit tal").tier == 0


def test_misspellings_are_folded_before_matching(detector: Detector) -> None:
    for typo, plain in (
        ("there is an infomer in our group", "there is an informer in our group"),
        ("drank pestcide", "drank pesticide"),
    ):
        assert detector.scan(typo).tier == detector.scan(plain).tier >= 2


def test_a_time_word_between_a_pairs_parts_raises_it(detector: Detector) -> None:
    # the time word lies inside the combo's span but in neither phrase, so it counts as context
    verdict = detector.scan("forgive me mother, now i will not be here")
    assert verdict.tier == 4
    assert any("time:now" in m.reasons for m in verdict.matches)
    assert detector.scan("forgive me mother, i will not be here").tier == 3


def test_partners_are_not_in_the_kill_me_idiom(detector: Detector) -> None:
    assert detector.scan("my husband is going to kill me").tier >= 2
    assert detector.scan("my mom will kill me if i am late").tier == 0
