"""Train the model beside the lexicon: `python -m moderation.train` (developers only; never at install).

1. Generates the labelled training corpus from the hand-written templates below (English, Burmese
   Unicode, Burmese Zawgyi made with the Rabbit uni2zg rules, romanised Burmese), expanding slots
   (means, places, times, people, security forces) and adding phone-typing noise (dropped
   articles, typos, casing, emoji) with a fixed seed. Templates are split by index: every fifth
   template goes to VALIDATION only, so validation measures phrasing the model never saw.
   Each template draws from a random stream of its own (seeded by the seed and the template), so adding or
   editing a template changes only its own rows (2026.12.9). The hand-written rounds blind to the rules (HANDWRITTEN:
   set 8's dev half, dev10 to dev18) are added as written, every fifth message to VALIDATION. Writes
   tests/moderation/corpus/split/{train,validation}.tsv for inspection.
2. Trains one logistic regression per head (tier >= 1, tier >= 3, and one per category) on
   hashed features (moderation.model.features) by stochastic gradient descent (each pass visits the rows in an
   order keyed by a hash of the pass and the row, so appended rows interleave and nothing reshuffles), pure
   Python: no numpy or scikit-learn is needed, so there is no training extra to install.
3. Picks each head's threshold on the validation split, per TEMPLATE (2026.12.4): each validation
   template's negatives count once, at the median score of its copies, and the threshold is the
   lowest score keeping at most 2.5% of those templates flagged for the tier >= 1 head (half the 5% target; counted
   over copies, one template of forty near-identical messages set both thresholds alone) and 3.5% for the tier >= 3
   head (2026.12.15, MAX_HARD_NEGATIVE_RATE). Then writes integer weights to
   moderation/data/model.json.

The test split (tests/moderation/corpus/split/test_*.tsv) is hand-written, was frozen before this
script existed, and is never read here.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import re
import sys
import tomllib
from pathlib import Path

from moderation.model import HEADS, bucket_of, features
from moderation.normalize import default_normalizer

ROOT = Path(__file__).resolve().parent.parent
SPLIT_DIR = ROOT / "tests" / "moderation" / "corpus" / "split"
MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.json"
SEED = 16
BUCKETS = 1 << 18
# Weights are stored as round(w * SCALE). 64 since 2026.12.11 (256 before): the same figures on the validation split
# and sets 6, 7 and 9 within a message, 6.4 KB less brotli on the first load (two bits fewer per weight); at 32 the
# validation split lost 24 English crisis messages.
SCALE = 64
EPOCHS = 6
RATE = 0.2
L2 = 1e-6
# Integer weights below these magnitudes are dropped, to keep the web app's first load within issue
# 13's 350 KB budget. 2026.12.6: 12 for every head (8 or 12 left every figure the same). 2026.12.9: the hand-written
# rounds (set 8's dev half, dev10) grew the model to 574 KB and the first load to 361 KB. Pruning every head alike
# (at 32) moved the tier thresholds and flagged everyday test messages; the category heads only name the category
# of a hit the tier heads made, so they are pruned harder. Tier 20 / category 160: 485 KB, first load 347 KB, held-out
# set 9 within one message of tier 12 / category 96 (docs/moderation.md). 2026.12.10: the dev11 round (1,500 more
# hand-written messages) with tier 20 took the first load to 350.3 KB even with the weights packed per head (export
# format 4); tier 24 is 580 KB and 346.5 KB, the validation split as at 20 (28 flagged three more negatives). The
# figures so far are of SCALE 256; at SCALE 64 the same cut-offs are a quarter. 2026.12.11: three lexicon passes
# added 9 KB brotli and took the first load to 355 KB; tier 8 / category 60 (of 64) is 9.4 KB less than 6 / 40, and
# the validation split gained (tier-4 English below 3: 229 -> 214); category 40 or 60 leaves every tier alike.
# 2026.12.13: the dev13 and dev14 rounds (2,100 messages) took the first load to 352.5 KB at tier 8; tier 12 is
# 339.5 KB (10 is 345.6), leaving room for the lexicon passes, and left the spent held-out sets 11-13 and the older
# ones within a few messages (summed score 887 -> 896 and 1,275 -> 1,273) and the test split the same.
# 2026.12.15: the dev15 to dev17 rounds (5,400 messages) took the first load to 351.5 KB at tier 12. Tier 13 is 349.3
# KB and left the spent held-out sets where they were (2,878 -> 2,876 summed score). Pruning the category heads harder
# instead is cheap in bytes but not in naming: at 80 or 160 the same tiers came out, but of the held-out positives
# the model raised, 310 or 223 of 450 had a right category, against 365 at 60.
# 2026.12.16: the dev18 round (1,800 messages) and the doubt threshold. Tier 13 / 15 / 17 took the spent held-out sets
# (5-9, 11-16) to a summed score of 3,196 / 3,198 / 3,189, and 15 leaves the first load room for the lexicon passes.
PRUNE = 15
PRUNE_CATEGORY = 60
# Of validation negative TEMPLATES: half the 5% target, leaving room for negatives unlike any template (at 5% the
# thresholds sat on the third-highest of ~40 templates and moved with every template added).
MAX_HARD_NEGATIVE_RATE = {"any": 0.025, "high": 0.045}
# 2026.12.15: the high head at 0.035. It raises a message only where the tier >= 1 head also scores >= 0, so a looser
# threshold of its own flags few more negatives: on the spent held-out sets (6-9, 11-15) 0.025 -> 0.04 took the
# summed score (tier >= 1 + tier >= 3 hits - 2 x tier-4 below 3 - 2 x hard negatives) from 2,712 to 2,759, with 3 more
# hard negatives of 889; with dev16 and dev17 trained, 0.04 flagged everyday sentences of the unit tests that 0.035
# does not (docs/moderation.md, "Set 16"). 2026.12.16: 0.045, once the doubt took the lexicon's jokes and idioms off
# the hard negatives: on the spent held-out sets 3,220 -> 3,284 (tier >= 3 hits 1,339 -> 1,371, tier-4 below 3
# 93 -> 81, hard negatives flagged 101 -> 103 of 1,270), and no everyday sentence of the unit tests flagged.

# 2026.12.16: the doubt threshold (choose_doubt) sits below all but this share of the validation split's hand-written
# crisis messages. On the spent held-out sets, doubting below scores of -300 / -200 / -100 (the 1st, 2nd and 4th
# percentiles with model 2026.12.15) flagged 108 / 101 / 92 of 131 flagged hard negatives and kept 2,273 / 2,272 /
# 2,265 of 2,277 crisis messages flagged; the 2nd percentile is the cautious middle (docs/moderation.md, "Set 17").
MAX_DOUBTED_POSITIVE_RATE = 0.02

# Hand-written messages, blind to the rules (docs/moderation.md, "Set 8", "Set 11" to "Set 16"): set 8's dev half and
# the dev10 to dev18 rounds.
HANDWRITTEN = (
    ("dev8_en.tsv", "en"),
    ("dev8_my.tsv", "my"),
    ("dev8_rom.tsv", "rom"),
    ("dev10_en.tsv", "en"),
    ("dev10_my.tsv", "my"),
    ("dev10_rom.tsv", "rom"),
    ("dev11_en.tsv", "en"),
    ("dev11_en_b.tsv", "en"),
    ("dev11_my.tsv", "my"),
    ("dev11_rom_a.tsv", "rom"),
    ("dev11_rom_b.tsv", "rom"),
    ("dev12_en.tsv", "en"),
    ("dev12_en_b.tsv", "en"),
    ("dev12_my.tsv", "my"),
    ("dev12_rom.tsv", "rom"),
    ("dev13_en.tsv", "en"),
    ("dev13_my.tsv", "my"),
    ("dev13_rom.tsv", "rom"),
    ("dev14_en.tsv", "en"),
    ("dev14_my.tsv", "my"),
    ("dev14_rom_a.tsv", "rom"),
    ("dev14_rom_b.tsv", "rom"),
    ("dev15_en.tsv", "en"),
    ("dev15_my_a.tsv", "my"),
    ("dev15_my_b.tsv", "my"),
    ("dev15_rom_a.tsv", "rom"),
    ("dev15_rom_b.tsv", "rom"),
    ("dev16_en.tsv", "en"),
    ("dev16_my_a.tsv", "my"),
    ("dev16_my_b.tsv", "my"),
    ("dev16_rom_a.tsv", "rom"),
    ("dev16_rom_b.tsv", "rom"),
    ("dev16_rom_c.tsv", "rom"),
    ("dev17_en_a.tsv", "en"),
    ("dev17_en_b.tsv", "en"),
    ("dev17_my_a.tsv", "my"),
    ("dev17_my_b.tsv", "my"),
    ("dev17_rom_a.tsv", "rom"),
    ("dev17_rom_b.tsv", "rom"),
    ("dev17_rom_c.tsv", "rom"),
    ("dev18_en_a.tsv", "en"),
    ("dev18_en_b.tsv", "en"),
    ("dev18_my_a.tsv", "my"),
    ("dev18_my_b.tsv", "my"),
    ("dev18_rom_a.tsv", "rom"),
    ("dev18_rom_b.tsv", "rom"),
)
_HANDWRITTEN_NAMES = frozenset(name for name, _ in HANDWRITTEN)

# ---------------------------------------------------------------- slots
EN = {
    "sincere": ["no seriously", "for real", "not joking", "im serious", "no joke", "seriously tho"],
    "means": [
        "pills",
        "sleeping pills",
        "paracetamol",
        "panadol",
        "painkillers",
        "rat poison",
        "pesticide",
        "weed killer",
        "the rope",
        "my pistol",
        "the rifle",
        "a knife",
        "razor blades",
        "bleach",
        "my meds",
        "insulin",
        "the grenade",
    ],
    "poison": [
        "rat poison",
        "pesticide",
        "weed killer",
        "bleach",
        "poison",
        "paraquat",
        "insecticide",
        "all her pills",
        "too many pills",
    ],
    "med": ["pills", "sleeping pills", "paracetamol", "panadol", "painkillers", "vitamins", "medicine"],
    "place": [
        "the bridge",
        "the roof",
        "the river",
        "the train tracks",
        "the cliff",
        "the top floor",
        "the tower",
        "the dam",
    ],
    "time": [
        "tonight",
        "now",
        "right now",
        "at midnight",
        "in an hour",
        "after everyone sleeps",
        "at 10pm",
        "today",
        "before morning",
        "in 5 minutes",
    ],
    "ago": ["10 minutes ago", "just now", "an hour ago", "a few minutes ago", "half an hour ago"],
    "person": ["my friend", "my cousin", "my brother", "my sister", "my roommate", "my wife", "my son", "a comrade"],
    "army": [
        "soldiers",
        "the police",
        "sayapa men",
        "military intelligence",
        "the army",
        "junta soldiers",
        "two men in plain clothes",
        "the militia",
    ],
    "boss": [
        "the sergeant",
        "my officer",
        "the captain",
        "my husband",
        "the broker",
        "my boss",
        "the commander",
        "the landlord",
    ],
    "shoes": ["shoes", "boots", "sandals", "jeans"],
    "weapon": ["the rope", "my pistol", "the rifle", "the grenade", "the gun", "the razor", "the noose"],
    "day": ["yesterday", "last week", "this morning", "on sunday", "last night"],
    # 2026.12.6: clock times as people type them (kept as numbers by the normaliser).
    # 2026.12.6: means beyond the first list (gas, charcoal, car exhaust), and days ahead.
    "means2": ["charcoal", "a bag of charcoal", "a gas canister", "a hose for the exhaust", "a rope", "a belt"],
    "day2": ["tomorrow", "on friday", "next week", "in two days"],
    "clock": ["at 2am", "at 11pm", "at 3", "by midnight", "at 4 in the morning", "at 10:30", "at 9 tonight"],
    # 2026.12.15: farm and household chemicals, where they are kept, and who says how much medicine to take.
    "farmchem": ["pesticide", "rat poison", "weed killer", "insecticide", "bug spray", "fertiliser"],
    "shed": ["shed", "store room", "garage", "cupboard", "top shelf"],
    "label": ["label", "box", "doctor", "pharmacist", "leaflet"],
    "dose": ["one", "two", "2", "half a tablet", "one tablet"],
}
MY = {
    "means": ["အိပ်ဆေး", "ဆေးလုံး", "ကြွက်သတ်ဆေး", "ပိုးသတ်ဆေး", "ပေါင်းသတ်ဆေး", "အဆိပ်", "ဆေးပြား"],
    "poison": ["ပိုးသတ်ဆေး", "ကြွက်သတ်ဆေး", "အဆိပ်", "ပေါင်းသတ်ဆေး"],
    "med": ["ဆေး", "ဆေးပြား", "ဗီတာမင်", "အိပ်ဆေး"],
    "ache": ["ခေါင်းကိုက်", "သွားကိုက်", "ဗိုက်နာ", "ဖျား", "ခါးနာ"],
    "pain_pill": ["ပါရာစီတမော", "ဆေး", "ဆေးပြား", "အကိုက်အခဲပျောက်ဆေး"],
    "few": ["၁", "၂", "တစ်", "နှစ်", "1", "2"],
    "chore": ["မီးပူ တိုက်", "ဟင်းချက်", "ထမင်းအိုး ချ", "ရေနွေး ငှဲ့"],
    "sting": ["ပူသွားတယ်", "နာတယ်", "ရဲသွားတယ်", "ရပါတယ်"],
    "limb": ["ပေါင်", "လက်", "ခြေထောက်", "လက်မောင်း"],
    "place": ["တံတား", "အမိုး", "တိုက်", "ရထားလမ်း"],
    "time": ["ဒီည", "အခု", "အခုပဲ", "ခဏနေရင်", "ဒီညပဲ"],
    "person": ["ငါ့သူငယ်ချင်း", "ငါ့အစ်ကို", "ငါ့ညီမ", "ငါ့ဝမ်းကွဲ", "ငါ့ယောက်ျား"],
    "army": ["စစ်သားတွေ", "ရဲတွေ", "စရဖ", "ဒလန်တွေ", "စစ်ကောင်စီ", "ပျူစောထီးတွေ"],
    "boss": ["တပ်မှူးက", "ဗိုလ်ကြီးက", "အရာရှိက", "ယောက်ျားက", "အလုပ်ရှင်က"],
    # 2026.12.5: spellings, loanwords and the forces' words people use.
    "pill2": ["ပါရာစီတမော", "အိပ်ပျော်ဆေး", "ဆေးလုံး", "ပနားဒေါ", "ဆေးပြား"],
    "poison2": ["ကြွက်သေဆေး", "ကြွက်ဆေး", "ပေါင်းသတ်ဆေး", "ပိုးသတ်ဆေး"],
    "hide": ["ခေါင်းအုံးအောက်မှာ ဝှက်ထားတယ်", "ဘယ်သူမှ မသိအောင် ဖွက်ထားတယ်", "ဝှက်ထားတယ်"],
    "refl": ["ငါ့ကိုယ်ငါ", "ကိုယ့်ကိုကိုယ်", "ကျွန်မကိုယ်ကျွန်မ", "ကျွန်တော့်ကိုယ်ကျွန်တော်"],
    "force2": ["စစ်ကြောင်း", "ပျူစောထီးတွေ", "အမ်အိုင်တွေ", "စရဖ", "ရဲအထူးတပ်ဖွဲ့"],
    "kin": ["မိဘတွေ", "အမေ့", "အိမ်နီးချင်းတွေ", "ဦးလေး"],
    "boss2": ["ပထွေးက", "အိမ်ရှင်က", "သူဌေးက", "ဦးလေးက"],
    # 2026.12.15: rooms, guests and errands of everyday negatives.
    "room": ["မီးဖိုချောင်", "စတိုခန်း", "ဆိုင်", "အိမ်"],
    "pests": ["ကြွက်တွေ ရှိတယ်", "ကြွက် အများကြီးပဲ", "ပိုးတွေ ပြန်ပေါ်လာပြီ"],
    "guest": ["ဧည့်သည်တွေ", "အဒေါ်တို့", "သူငယ်ချင်းတွေ", "ဆွေမျိုးတွေ", "ကားဆရာ", "ပစ္စည်းပို့တဲ့သူ"],
    "greet": ["ထွက်ကြိုလိုက်", "တံခါးဖွင့်ပေး", "လက်ဖက်ရည် ချပေး", "ထမင်း ပြင်ထား"],
    "kin2": ["အစ်ကို", "ညီလေး", "အမေ", "ကလေး", "အမ"],
    "bath": ["ရေချိုးနေတယ်", "ခေါင်းလျှော်နေတယ်", "အဝတ်လျှော်နေတယ်", "သွားတိုက်နေတယ်"],
    "doc": ["ဆရာဝန်", "ဆရာမ", "ဆေးဆိုင်က အစ်မ"],
    "bridge": ["တံတား", "အမိုး", "တိုက်ခေါင်မိုး", "တောင်ထိပ်"],
    "sight": ["မီးပန်း", "နေဝင်ချိန်", "လှေပြိုင်ပွဲ", "မြစ်"],
    "see": ["ကြည့်ကြမယ်", "ကြည့်ခဲ့တယ်", "ဓာတ်ပုံ ရိုက်မယ်"],
    "joy": ["ပျော်စရာကြီး", "လှလိုက်တာ", "လာခဲ့ကြနော်", "မိုးမရွာရင်ပေါ့"],
    "trywhat": ["စိတ်မပူနဲ့", "နောက်လ အလုပ်ပြောင်းမယ်", "ထိုင်းစကား သင်နေတယ်", "ပိုက်ဆံ စုနေတယ်"],
}
ROM = {
    "means": ["ait say", "eik hsay", "kywet that say", "pow that say", "a sate", "say lone"],
    "time": ["dee nya", "di nyar", "a khu", "akhu", "a khu pae"],
    "person": ["nga thu nge chin", "nga a ko", "nga nyi ma", "nga wun kwe"],
    "army": ["sit thar tway", "yae tway", "sayapa", "dalan tway", "sit kaung si"],
    "end": ["tal", "tel", "dal", "te"],
    "will": ["mal", "mel", "me"],
    "want": ["chin", "gyin", "jin"],
    "die": ["thay", "tay", "thae"],
    "i": ["nga", "ngar", "kyun taw", "kyan daw"],
    # 2026.12.6 (romanised pass): slots of the new templates only, so earlier templates draw as before.
    "poison": ["a sate", "a seik", "ah sate", "kywet that say", "pow that say", "paung that say"],
    "rope": ["kyo", "kyoe", "gyo"],
    "gun": ["thanat", "thenat", "thay nat"],
    "place": ["ta tar", "a moe", "tike", "myit kann"],
    "family": ["a may", "mae mae", "a phay", "a ko"],
    "other": ["nga a ko", "nga nyi ma", "nga thu nge chin", "nga tha"],
    "count": ["20", "30", "40", "50", "60"],
    # 2026.12.15: children's games and their fun; family arriving; a nosebleed cared for; a rope replaced; a view.
    "game": ["", "kalay tway nae", "kyaung mhar", "ywar mhar"],
    "fun": ["pyaw tal", "hmat mi tal", "lwan tal"],
    "fam": ["nga a phay", "a may", "a ko", "nga nyi ma", "a daw"],
    "ride": ["taxi", "bus", "motor sai kaw", "kar"],
    "errand": ["thwar kyo lite mal", "htamin pyin htar", "dar gate pwint pay", "pike san pay ya mal"],
    "bleed": ["thway htwet", "thway kya", "thway yo"],
    "care": ["a khu rat pi", "ye aye nae kyay lite pi", "khanah lhal nay lite mal", "sayar win pya lite pi"],
    "kids": ["kalay tway", "nge nge", "tha tha"],
    "worn": ["haung nay pi", "pyat kha nay pi", "a hmin ma khan tot bu"],
    "show": ["mee ban", "nay win", "lay pyan", "tha gyan pwe"],
    "past": ["a yin nhit ka", "ngae ngae doe ka", "thingyan tone ka", "kyaung mhar tone ka"],
    # 2026.12.7 (coverage audit by class): slots of the templates appended then.
    "force": ["sit tat", "police tway", "soldiers tway", "MI tway", "military tway", "sit tat tway"],
    "soon": ["dee nay", "tonight", "ya nay nya", "a khu chet chin", "ma kyar khin"],
}

# (template, tier, categories, kind); slots in braces.
EN_TEMPLATES: list[tuple[str, int, str, str]] = [
    ("i have the {means} ready, {time} i will end it", 4, "suicide", "positive"),
    ("{time} i take all the {means}", 4, "suicide", "positive"),
    ("i am on {place} {time}, goodbye everyone", 4, "suicide", "positive"),
    ("took all my {med} {ago}", 4, "suicide", "positive"),
    ("{person} drank {poison} {ago}, please help", 4, "suicide", "positive"),
    ("sorry mom, {time} i finish it with {means}", 4, "suicide", "positive"),
    ("the {means} is in front of me, doing it {time}", 4, "suicide", "positive"),
    ("i will jump from {place} {time}", 4, "suicide", "positive"),
    ("{means} ready. bye everyone. {time} is the night", 4, "suicide", "positive"),
    ("{army} are outside my house {time}", 4, "danger", "positive"),
    ("{army} found our hiding place, they are at the door", 4, "danger", "positive"),
    ("{army} broke in, i am hiding in the back room", 4, "danger", "positive"),
    ("cutting myself {time} and it is bleeding a lot", 4, "self_harm", "positive"),
    ("{person} swallowed {poison} and is not waking up", 4, "suicide", "positive"),
    ("standing at the edge of {place} {time}, i am not scared anymore", 4, "suicide", "positive"),
    ("{boss} is beating me {time}, please call someone", 4, "abuse", "positive"),
    ("i bought {means} {day}", 3, "suicide", "positive"),
    ("i have been saving {med} for weeks", 3, "suicide", "positive"),
    ("i went to {place} and checked how high it is", 3, "suicide", "positive"),
    ("i tried to kill myself with {means} last year", 3, "suicide", "positive"),
    ("{army} came to my village asking about me", 3, "danger", "positive"),
    ("someone follows me home every night", 3, "danger", "positive"),
    ("i cut my arms again {day}", 3, "self_harm", "positive"),
    ("{army} searched my parents house {day}", 3, "danger", "positive"),
    ("i wrote goodbye letters and gave away my things", 3, "suicide", "positive"),
    ("i know how many {med} it takes, i have enough", 3, "suicide", "positive"),
    ("i burned myself with a lighter {day}", 3, "self_harm", "positive"),
    ("{army} took my brother, they ask where i am", 3, "danger", "positive"),
    ("i want to die", 2, "suicide", "positive"),
    ("i think about killing myself all the time", 2, "suicide", "positive"),
    ("i want to end my life", 2, "suicide", "positive"),
    ("i wanna disappear forever and die", 2, "suicide", "positive"),
    ("{boss} beats us every day", 2, "abuse", "positive"),
    ("i will kill him if he touches her again", 2, "violence", "positive"),
    ("there is an informer among us", 2, "danger", "positive"),
    ("i feel like hurting myself", 2, "self_harm", "positive"),
    ("no reason to live, i want to go to sleep forever", 2, "suicide", "positive"),
    ("{boss} forced me to work without pay and hit me", 2, "abuse", "positive"),
    ("i am going to hurt {person} badly", 2, "violence", "positive"),
    ("my name is on their list", 2, "danger", "positive"),
    ("everyone would be better off without me", 1, "suicide", "positive"),
    ("i feel hopeless, nothing will change", 1, "distress", "positive"),
    ("i cant do this anymore", 1, "suicide", "positive"),
    ("nothing matters to me since i left", 1, "distress", "positive"),
    ("i am a burden to everyone", 1, "suicide", "positive"),
    ("i cry every night and cant sleep", 1, "distress", "positive"),
    ("whats the point of living like this", 1, "suicide", "positive"),
    ("i wish i could sleep and not wake up", 1, "suicide", "positive"),
    ("i feel empty and alone all the time", 1, "distress", "positive"),
    ("i keep seeing what we did in the village, i cant live with it", 1, "distress", "positive"),
    # hard negatives and benign chat
    ("the doctor said take two {med} after meals", 0, "-", "hard_negative"),
    ("we walked across {place} {time}", 0, "-", "hard_negative"),
    ("bought {poison} for the rats in the kitchen", 0, "-", "hard_negative"),
    ("{person} takes {med} for her headache", 0, "-", "hard_negative"),
    ("this homework is killing me", 0, "-", "hard_negative"),
    ("im dying to see you {time}", 0, "-", "hard_negative"),
    ("the movie hero jumps off {place} at the end", 0, "-", "hard_negative"),
    ("spraying pesticide on the field {time}", 0, "-", "hard_negative"),
    ("my phone died {time}", 0, "-", "hard_negative"),
    ("{army} in the movie attack the village", 0, "-", "hard_negative"),
    ("my mom will kill me if i am late lol", 0, "-", "hard_negative"),
    ("i cut the rope for the tent", 0, "-", "hard_negative"),
    ("the police fixed the road {day}", 0, "-", "hard_negative"),
    ("i am so tired after work {time}", 0, "-", "hard_negative"),
    ("{person} is sleeping {time}", 0, "-", "hard_negative"),
    ("the news said soldiers left the town {day}", 0, "-", "hard_negative"),
    ("we took a photo on {place} {day}", 0, "-", "hard_negative"),
    ("i used a knife to cut vegetables", 0, "-", "hard_negative"),
    ("i take my {med} every morning", 0, "-", "hard_negative"),
    ("{person} needs {med} for the fever, where can i buy", 0, "-", "hard_negative"),
    ("the pharmacy near {place} sells {med}", 0, "-", "hard_negative"),
    ("dont forget to take your {med} {time}", 0, "-", "hard_negative"),
    ("the road to {place} is closed {time}", 0, "-", "hard_negative"),
    ("we tied the boat with a rope near {place}", 0, "-", "hard_negative"),
    ("{person} is sleeping {time}, call later", 0, "-", "hard_negative"),
    ("the farmers use {poison} on the crops", 0, "-", "hard_negative"),
    ("i am ready for the exam {time}", 0, "-", "hard_negative"),
    ("goodbye, see you {time} at the market", 0, "-", "hard_negative"),
    ("{army} in the news {day}, be careful everyone", 0, "-", "hard_negative"),
    ("i watched a documentary about {army}", 0, "-", "hard_negative"),
    ("i am on {place} with friends taking photos", 0, "-", "hard_negative"),
    ("the kids jumped into the river to swim {day}", 0, "-", "hard_negative"),
    ("this heat is killing me {time}", 0, "-", "hard_negative"),
    ("{person} cut his hair {day}", 0, "-", "hard_negative"),
    ("my grandma keeps her {med} in the kitchen", 0, "-", "hard_negative"),
    ("i dont want to go to work {time} lol", 0, "-", "hard_negative"),
    ("{person} is breaking in the new {shoes}", 0, "-", "benign"),
    ("my {shoes} are new, still breaking them in", 0, "-", "benign"),
    ("i will be there {time}", 0, "-", "benign"),
    ("i will call you {time}", 0, "-", "benign"),
    ("we will meet {time} at the tea shop", 0, "-", "benign"),
    ("ok i will finish the report {time}", 0, "-", "benign"),
    ("lets end the meeting here, thanks everyone for coming", 0, "-", "benign"),
    ("i will do it {time}, promise", 0, "-", "benign"),
    ("they found my keys in the car {day}", 0, "-", "benign"),
    ("i took my {med} home from the pharmacy", 0, "-", "hard_negative"),
    ("the soldiers left, everyone is safe now", 0, "-", "hard_negative"),
    ("{time} i will cook for everyone", 0, "-", "benign"),
    ("are you coming {time}?", 0, "-", "benign"),
    ("my cat is watching me {time} haha", 0, "-", "benign"),
    ("see you {time}", 0, "-", "benign"),
    ("thanks bro, see you at the market", 0, "-", "benign"),
    ("what time is the meeting {time}", 0, "-", "benign"),
    ("good morning everyone", 0, "-", "benign"),
    ("i cooked rice and fish {time}", 0, "-", "benign"),
    ("can you send me the document", 0, "-", "benign"),
    ("{person} got a new job {day}", 0, "-", "benign"),
    ("how do i change my password", 0, "-", "benign"),
    # 2026.12.3 (issue 16, third pass): means in a frame of holding or readiness, farewells with a
    # time limit, non-native grammar and typos, threats against a named person; with hard negatives.
    ("{weapon} is in my hand {time}", 4, "suicide", "positive"),
    ("rope tied to the fan, sorry mum, i love you", 4, "suicide", "positive"),
    ("i keep {means} under my pillow for when i need it", 3, "suicide", "positive"),
    ("forgive me mother, {time} i will be gone", 4, "suicide", "positive"),
    ("i got 50 sleeping pills here next to me", 3, "suicide", "positive"),
    ("{person} drink {poison}, not wake up", 4, "suicide", "positive"),
    ("i want disapear, nobody care if i die", 2, "suicide", "positive"),
    ("i dont want live anymore, too tired", 2, "suicide", "positive"),
    ("i will kill {boss} {time}, i have a knife", 4, "violence", "positive"),
    ("{army} oustide our house {time}", 4, "danger", "positive"),
    ("i tied the rope to the boat {day}", 0, "-", "hard_negative"),
    ("the gun in the film was in his hand the whole time", 0, "-", "hard_negative"),
    ("i love this train, it goes to the city", 0, "-", "hard_negative"),
    ("sorry mum, i will be home {time}", 0, "-", "hard_negative"),
    ("i will kill you in the game {time} haha", 0, "-", "hard_negative"),
    ("the doctor put two {med} in my hand and said take them after food", 0, "-", "hard_negative"),
    ("the knife is next to me, i am cutting onions", 0, "-", "hard_negative"),
    ("forgive me mom, i forgot to call you {day}", 0, "-", "hard_negative"),
    ("the train is coming, i go home now", 0, "-", "benign"),
    ("i got 20 {shoes} for the shop", 0, "-", "benign"),
    # 2026.12.3, second round: places with presence or no return, partner threats, strangulation,
    # moral injury, giving away, self-harm urges, regret at waking, scouting a height.
    ("i am at the railway {time}, waiting for the train", 4, "suicide", "positive"),
    ("i go to {place} {time} and never come back", 4, "suicide", "positive"),
    ("my husband choke me again, i am afraid he kill me", 3, "abuse", "positive"),
    ("i shot people in the village, i cant sleep, i see their faces", 1, "distress", "positive"),
    ("i dont deserve to live after what i did", 2, "suicide", "positive"),
    ("i gave my motorbike to my cousin, where im going i wont need it", 3, "suicide", "positive"),
    ("i need to cut again, it is the only thing that helps", 2, "self_harm", "positive"),
    ("every morning i wake up and wish i didnt", 1, "suicide", "positive"),
    ("i found a tall building with no guard, nobody will stop me", 3, "suicide", "positive"),
    ("{person} locked herself in the bathroom with a razor, she not answer", 4, "suicide", "positive"),
    ("i swallowed 2 {med} for my headache", 0, "-", "hard_negative"),
    ("we go to {place} {time} for fishing, come with us", 0, "-", "hard_negative"),
    ("i gave my old phone to my sister, i dont need it since i got a new one", 0, "-", "hard_negative"),
    ("my wife will kill me if i am late again lol", 0, "-", "hard_negative"),
    ("i am at the railway station {time}, the train is late", 0, "-", "hard_negative"),
    ("i am near the railway waiting to pick up {person} from the train", 0, "-", "hard_negative"),
    ("waiting at the tracks for my uncles train, it arrives {time}", 0, "-", "hard_negative"),
    ("we are by the tracks taking photos of the old train", 0, "-", "hard_negative"),
    ("i stand on the platform every morning waiting for the train to work", 0, "-", "hard_negative"),
    # 2026.12.4: the brief's false-alarm classes (everyday accidents, leisure at water and heights,
    # politeness formulas) and imminence classes; appended so earlier templates keep their split.
    ("i sliced my thumb chopping onions, it keeps bleeding haha", 0, "-", "hard_negative"),
    ("holding all {means} right now, goodbye everyone", 4, "suicide", "positive"),
    ("fell off my bike {day} and my knee wont stop bleeding", 0, "-", "hard_negative"),
    ("we are at the lake swimming with friends {time}", 0, "-", "hard_negative"),
    ("standing on the ledge {time}, i cant do this anymore", 4, "suicide", "positive"),
    ("on the rooftop with my family watching the fireworks {time}", 0, "-", "hard_negative"),
    ("accidentally cut my hand in the kitchen, so much blood lol", 0, "-", "hard_negative"),
    ("the pharmacist said hold the {med} until after dinner", 0, "-", "hard_negative"),
    ("thank you so much for listening, see you {day}", 0, "-", "benign"),
    ("i will jump in 10 minutes, nobody can stop me", 4, "suicide", "positive"),
    # 2026.12.4: everyday sentences with the words of the means and place frames (in front of me,
    # next to me, standing by), which the retrained high head had learnt as signs by themselves.
    ("the bus is in front of me, see you in ten minutes", 0, "-", "benign"),
    ("my sister is sitting next to me watching tv {time}", 0, "-", "benign"),
    ("i am standing by the station waiting for my mum {time}", 0, "-", "benign"),
    ("the food is on the table in front of me, so hungry", 0, "-", "benign"),
    ("found a nice cafe near the office {day}", 0, "-", "benign"),
    # 2026.12.5: lethality questions, a weapon in the hand, lying on the rails, a whole pack taken in
    # phone grammar with symptoms, someone else's poison, threats to a home, forces at one's lodging,
    # and the false alarms beside them (doctor's advice, cooking, railway work, leisure at water).
    ("how many {med} does it take to not wake up", 3, "suicide", "positive"),
    ("what floor you need so you dont survive the fall", 3, "suicide", "positive"),
    ("razor in my hand {time}, i cant stop myself", 4, "self_harm", "positive"),
    ("lying on the rail line, the train passes {time}", 4, "suicide", "positive"),
    ("already eat whole box of {med}, vision is blurry", 4, "suicide", "positive"),
    ("{person} drink the grass poison, she vomiting, what i do", 4, "suicide", "positive"),
    ("i swear ill set fire to the shop of that traitor", 2, "violence", "positive"),
    ("plain clothes men at our guesthouse {time} with my picture", 4, "danger", "positive"),
    ("i go for a swim in the sea {time} and not coming back", 4, "suicide", "positive"),
    ("the doctor told me two {med} a day after meals", 0, "-", "hard_negative"),
    ("how many {med} can i take for a bad headache", 0, "-", "hard_negative"),
    ("im cooking, knife in my hand, call you back", 0, "-", "hard_negative"),
    ("workers are on the railway line fixing it {time}", 0, "-", "hard_negative"),
    ("we go for a swim in the river {time}, bring snacks", 0, "-", "hard_negative"),
    # 2026.12.5, second round: everyday work and errands at the railway, bridges and roofs with a time
    # word (the high head had learnt "railway ... tonight" as a sign by itself).
    ("the men are repairing the bridge {time}, the road is closed", 0, "-", "hard_negative"),
    ("my uncle works on the railway, he has a night shift {time}", 0, "-", "hard_negative"),
    ("they are fixing our roof {time} so we sleep at my aunts", 0, "-", "benign"),
    ("the train to mandalay leaves {time}, i already have the ticket", 0, "-", "benign"),
    ("the crew is cleaning the railway tracks {time}", 0, "-", "hard_negative"),
    # 2026.12.5, after merging the English and Burmese passes: short everyday wants and needs (the
    # retrained "any" head had learnt "i want ..." as a sign by itself).
    ("i want ice cream so bad", 0, "-", "benign"),
    ("i want to sleep early {time}", 0, "-", "benign"),
    ("i want pizza, who is coming", 0, "-", "benign"),
    ("i want a new phone", 0, "-", "benign"),
    ("i need coffee {time}", 0, "-", "benign"),
    ("i want noodles {time}", 0, "-", "benign"),
    ("i really want to watch the match {time}", 0, "-", "benign"),
    ("i want to buy {shoes} {day}", 0, "-", "benign"),
    ("we want cake after dinner", 0, "-", "benign"),
    ("i want to visit {person} {day}", 0, "-", "benign"),
    ("how tall is the tallest building in bangkok", 0, "-", "benign"),
    ("how far can a dog jump, mine cleared the fence", 0, "-", "benign"),
    ("the motor is on, waiting for {person} in front of the shop", 0, "-", "benign"),
    ("i am in the car outside the school waiting {time}", 0, "-", "benign"),
    ("how much water should a person drink a day", 0, "-", "benign"),
    # 2026.12.6 (issue 16, item 8): the language people use, written from the issue's classes (never from
    # a held-out or test message). Varied sentence shapes and registers: non-native English, phone typing,
    # long messages with the crisis in the middle, code-switching with Burmese words, emoji. Means at hand
    # with a time; acts already done; someone else's act under way; forces at the door; abuse happening;
    # farewells while settling affairs; casual dose and height questions in a despairing context.
    ("pills all counted out on the bed, {clock} i take them", 4, "suicide", "positive"),
    ("ok its decided. {time}. the {means} is here with me", 4, "suicide", "positive"),
    ("cant talk long, {means} in my hand and im doing it {time}", 4, "suicide", "positive"),
    ("im sorry for everything. already swallowed the {med}, like 40, its starting to work", 4, "suicide", "positive"),
    ("u there?? took the whole bottle of {med} {ago} pls dont tell my mom", 4, "suicide", "positive"),
    ("took them all {ago} lol getting sleepy now, bye", 4, "suicide", "positive"),
    ("i drank the {poison} {ago}, i thought i wanted this but now im scared", 4, "suicide", "positive"),
    ("sitting on the edge of {place} with my legs over, its so quiet up here", 4, "suicide", "positive"),
    ("im at {place} now, the water looks calm, just wanted someone to know", 4, "suicide", "positive"),
    ("the rope is up and the chair is ready. sorry everyone", 4, "suicide", "positive"),
    ("{person} is on {place} saying she will jump, what do i do", 4, "suicide", "positive"),
    ("{person} just took a lot of {med} and wont wake up, help me", 4, "suicide", "positive"),
    ("my mother drank {poison} {ago}, she is shaking, hospital is far", 4, "suicide", "positive"),
    ("{army} at the door right now banging, i am under the bed", 4, "danger", "positive"),
    ("they are here. {army}. two trucks outside. if i dont answer tomorrow you know why", 4, "danger", "positive"),
    ("MI car parked outside our hiding place since 10 min, we cannot go out", 4, "danger", "positive"),
    ("{boss} is hitting me right now, i locked myself in the toilet", 4, "abuse", "positive"),
    ("he is drunk and breaking the door, he said he will kill me tonight", 4, "abuse", "positive"),
    ("my husband has a knife and is shouting outside the room, the kids are with me", 4, "abuse", "positive"),
    ("gun is loaded and in my mouth, just wanted to say thanks for trying", 4, "suicide", "positive"),
    ("blade in hand, cut deep already, blood everywhere and i dont care", 4, "self_harm", "positive"),
    ("writing this from the roof. 9 floors. sorry", 4, "suicide", "positive"),
    (
        "sold my phone, gave my cat to the neighbour, paid back my debts. {time} is the last night",
        4,
        "suicide",
        "positive",
    ),
    ("the letters for my family are on the table. {means} ready. goodbye", 4, "suicide", "positive"),
    ("this is my last message. i have {means} and i will use it {clock}", 4, "suicide", "positive"),
    ("its 3am and the {means} is next to me, nobody is awake", 4, "suicide", "positive"),
    ("bro i did it. took everything in the drawer. room is spinning", 4, "suicide", "positive"),
    ("standing by the tracks, the train comes at 11:40, i wont move this time", 4, "suicide", "positive"),
    ("walking to {place} now. phone will be off after this", 4, "suicide", "positive"),
    ("pls help my friend is cutting himself in the bathroom rn and wont open the door", 4, "self_harm", "positive"),
    (
        "my little brother tied a rope in the shed, i found him, he still breathing, what do i do",
        4,
        "suicide",
        "positive",
    ),
    ("soldiers entering the village now, burning houses, we run to the forest", 4, "danger", "positive"),
    ("sayapa took my cousin at the checkpoint, now they coming to my house", 4, "danger", "positive"),
    ("the dalan showed them our house, they are outside with guns", 4, "danger", "positive"),
    ("he is touching me again now, i am in the room, i cannot scream", 4, "abuse", "positive"),
    ("my stepfather is in my room now, please someone call", 4, "abuse", "positive"),
    ("amay sorry par, {time} i go, pills ready", 4, "suicide", "positive"),
    ("took 30 {med} at 8, now its 10 and my stomach hurts so bad", 4, "suicide", "positive"),
    ("i am already drink the {poison}, tell my mother i am sorry", 4, "suicide", "positive"),
    ("tomorrow i not here anymore. medicine already buy, {time} finish", 4, "suicide", "positive"),
    ("my husband beat me now now, he lock the door, i cannot go out", 4, "abuse", "positive"),
    ("cant anymore. {means} ready. tmr u wont hear from me", 4, "suicide", "positive"),
    ("ur the only one i tell. pills in my hand rn", 4, "suicide", "positive"),
    ("dont tell anyone pls i took like 20 of them {ago}", 4, "suicide", "positive"),
    ("srsly im on the roof rn and im not coming down", 4, "suicide", "positive"),
    (
        "work was bad again and my boss shouted at me in front of everyone and nobody at home even asked "
        "how i was so i sat in my room and now the {means} is on my desk and {time} i will finally do it, "
        "anyway how was your day",
        4,
        "suicide",
        "positive",
    ),
    ("💊💊💊 all of them {time} 👋", 4, "suicide", "positive"),
    ("🪢 ready. sorry mom 💔", 4, "suicide", "positive"),
    ("🔫 in my hand. bye 💀", 4, "suicide", "positive"),
    ("i want go from this world {time}, i have the {means} already", 4, "suicide", "positive"),
    ("{army} surround the monastery where we hide, they shooting in the air now", 4, "danger", "positive"),
    ("they kicking the door, {army}, my brother is hiding in the roof, pray for us", 4, "danger", "positive"),
    ("i hear boots on the stairs, {army} came for me, delete this chat", 4, "danger", "positive"),
    ("the police car stop in front of our safe house {time}, they check every room", 4, "danger", "positive"),
    ("{person} cut her wrist {ago} and it will not stop bleeding, i am pressing a towel", 4, "self_harm", "positive"),
    ("{person} is standing on the window ledge now and says goodbye to everyone", 4, "suicide", "positive"),
    ("{person} sent me a goodbye text and took {med}, her phone is off now", 4, "suicide", "positive"),
    ("my roommate locked the door and i smell gas, he said he wont be here tomorrow", 4, "suicide", "positive"),
    ("there is a rope around my neck now, i just want to say sorry", 4, "suicide", "positive"),
    ("already hanging the rope from the beam, {time} when they sleep", 4, "suicide", "positive"),
    ("the knife is on my wrist right now, give me one reason", 4, "self_harm", "positive"),
    ("i mixed {poison} in my drink, going to finish it {time}", 4, "suicide", "positive"),
    ("took my dad's gun from the cabinet, going to the field {time}", 4, "suicide", "positive"),
    ("filled the car with smoke, windows closed, just writing this last thing", 4, "suicide", "positive"),
    ("i am in the water now, it is so cold, i wont swim back", 4, "suicide", "positive"),
    ("at the bus station with a one way ticket to {place}, no return, dont look for me", 4, "suicide", "positive"),
    ("goodbye friends. by {clock} it will be over. thank you all", 4, "suicide", "positive"),
    ("ok so i have {means}, i have a note, the door is locked. {time}", 4, "suicide", "positive"),
    ("he's on top of me now please i dont know what to do", 4, "abuse", "positive"),
    ("{boss} dragged me to the back room, hes coming back {time}, i cant get away", 4, "abuse", "positive"),
    ("my uncle is drunk hitting mom with a stick now, im scared he kill her", 4, "abuse", "positive"),
    (
        "i am locked in the factory room, the boss takes our passports and beats whoever tries to leave",
        4,
        "abuse",
        "positive",
    ),
    ("i will stab him {time}, he is asleep in the next room, i have the knife", 4, "violence", "positive"),
    ("waiting for him outside his house with the machete, he comes home at 9", 4, "violence", "positive"),
    ("swallowed the whole strip, my heart beating weird, is this how it ends", 4, "suicide", "positive"),
    ("i did it, i cut too deep this time, i feel dizzy", 4, "self_harm", "positive"),
    ("pills kicking in now i think, wanted to say you were a good friend", 4, "suicide", "positive"),
    ("{person} drank something from the farm shed, foam at her mouth, pls what do i do", 4, "suicide", "positive"),
    ("my friend texted me a photo of pills and said thanks for everything, she wont answer", 4, "suicide", "positive"),
    ("i think {person} is going to do it {time}, he gave me his watch and said keep it", 4, "suicide", "positive"),
    ("nobody knows i am here at {place}. {time} i finish everything", 4, "suicide", "positive"),
    ("cutting again now, cant stop, the blood is on the floor", 4, "self_harm", "positive"),
    ("i have 60 {med} in front of me and a bottle of whisky. tonight", 4, "suicide", "positive"),
    ("got the rope from the market {ago}. tonight after my mother sleeps", 4, "suicide", "positive"),
    ("the grenade is with me, if they come in i pull it", 4, "danger", "positive"),
    ("they are searching house by house in our ward {time}, i am in the rice store", 4, "danger", "positive"),
    ("informer told them, {army} waiting at the end of our lane now", 4, "danger", "positive"),
    ("sorry i couldnt be better. the {means} is working already. love u all", 4, "suicide", "positive"),
    ("dude im literally on the bridge railing rn", 4, "suicide", "positive"),
    ("so tired. took all my sleeping pills with beer. dont call", 4, "suicide", "positive"),
    ("i paid back my brother, deleted my accounts, and now i take the {means}", 4, "suicide", "positive"),
    ("hanging up the rope now, when you read this i will be gone", 4, "suicide", "positive"),
    ("jumping at {clock}. dont try to find me", 4, "suicide", "positive"),
    ("i took poison, i am so sorry, please take care of my son", 4, "suicide", "positive"),
    ("i hv the pistol loaded on my lap, wanna end it {time}", 4, "suicide", "positive"),
    ("{person} overdosed, lips going blue, we are waiting for the ambulance", 4, "suicide", "positive"),
    ("my sister drank the {poison} and locked herself in, i hear her crying", 4, "suicide", "positive"),
    ("the soldiers are at the gate asking for me by name, mom is stalling them", 4, "danger", "positive"),
    ("the military car came back {time}, same men, they are looking at our window", 4, "danger", "positive"),
    ("they broke our door and took my father, they look for me now, i am on the roof", 4, "danger", "positive"),
    ("stepdad keeps coming in my room at night and he is outside the door now", 4, "abuse", "positive"),
    ("its happening again, he is hitting me, i am hiding my face, please", 4, "abuse", "positive"),
    ("he pour petrol on the floor and say he will burn us, he have the lighter", 4, "violence", "positive"),
    ("already cut, already bleeding, just let me sleep now", 4, "self_harm", "positive"),
    (
        "tonight is the night. letter written, phone charged for the last call, {means} in the bag",
        4,
        "suicide",
        "positive",
    ),
    ("i'm at the top floor of the car park. 8 levels. it's windy. bye", 4, "suicide", "positive"),
    ("jus took like a whole box {med} idk how many", 4, "suicide", "positive"),
    ("my head so heavy i take many pill {ago} now i cannot stand", 4, "suicide", "positive"),
    ("{person} hanging in the kitchen, i cut the rope, she not breathing, help", 4, "suicide", "positive"),
    (
        "saw {person} walking to the river with stones in his bag, he not answering, i am running after",
        4,
        "suicide",
        "positive",
    ),
    ("i stand on a chair with the noose, sorry amay", 4, "suicide", "positive"),
    ("no one will miss me. the rat poison is in the cup already", 4, "suicide", "positive"),
    ("the pesticide is here in my hand. i want to stop the pain {time}", 4, "suicide", "positive"),
    ("{clock} i go to the bridge and jump, it is settled", 4, "suicide", "positive"),
    ("i just drank half the bottle of bleach and it burns", 4, "suicide", "positive"),
    ("sayapa at my aunts house now asking where i sleep, i have to run {time}", 4, "danger", "positive"),
    ("two men plain clothes following me since the market, now outside my room", 4, "danger", "positive"),
    ("we hear the drone above the village now, everybody is in the bunker", 4, "danger", "positive"),
    ("the broker locked us in the truck and took our phones, we are moving now", 4, "abuse", "positive"),
    ("im bleeding from my arms and i dont want help, just wanted to tell someone", 4, "self_harm", "positive"),
    ("ive got the gun against my head, i keep thinking about my mom", 4, "suicide", "positive"),
    ("🌉 here now. {time}. sorry 🙏", 4, "suicide", "positive"),
    ("💊x50 and a glass of water. goodnight forever", 4, "suicide", "positive"),
    ("taking the {means} {time}, final answer, dont try", 4, "suicide", "positive"),
    ("tonight i drink the {poison}, everything is prepared", 4, "suicide", "positive"),
    ("i take the {means} at midnight, after everybody sleep", 4, "suicide", "positive"),
    ("{person} called crying that she swallowed {med}, i cant reach her now", 4, "suicide", "positive"),
    # tier 3: plans, means gathered, rehearsal, settling affairs, casual lethality questions, threats
    # against the self left open, forces asking after someone, past attempts.
    ("how many {med} would it take for someone my size, asking for me", 3, "suicide", "positive"),
    ("what height is enough from a building, doesnt matter anyway", 3, "suicide", "positive"),
    ("is 20 {med} enough to not wake up? dont worry about why", 3, "suicide", "positive"),
    ("been going to {place} every evening to look down, its high enough", 3, "suicide", "positive"),
    ("i bought {means} {day} and hid it in my bag", 3, "suicide", "positive"),
    ("gave away my guitar and my clothes, i wont be needing them", 3, "suicide", "positive"),
    ("wrote my will {day} and told my sister where the bank book is", 3, "suicide", "positive"),
    ("paid all my debts, cleaned my room, said sorry to everyone. i feel calm now", 3, "suicide", "positive"),
    ("suddenly i feel peaceful, i know what i will do and when", 3, "suicide", "positive"),
    ("{army} asking the neighbours about me, they have my photo", 3, "danger", "positive"),
    ("cut myself {day} again, deeper than before", 3, "self_harm", "positive"),
    ("i keep a blade in my wallet just in case i need it", 3, "self_harm", "positive"),
    ("tried to hang myself last month but the rope broke", 3, "suicide", "positive"),
    ("which painkiller is the strongest if you take a lot, for no reason", 3, "suicide", "positive"),
    ("how long does {poison} take to work on a person", 3, "suicide", "positive"),
    ("does it hurt to jump from 10 floors, just curious, nothing left for me", 3, "suicide", "positive"),
    ("i have enough {med} saved now, i counted them again last night", 3, "suicide", "positive"),
    ("i found where my father keeps his gun and the bullets", 3, "suicide", "positive"),
    ("i practiced the knot {day}, it holds", 3, "suicide", "positive"),
    ("gave my savings to my sister and said nothing, she will understand later", 3, "suicide", "positive"),
    ("i said goodbye to my friends one by one this week without telling them why", 3, "suicide", "positive"),
    ("made a list who gets my things. i wont need them soon", 3, "suicide", "positive"),
    ("i feel so light after i decided, everything is planned now", 3, "suicide", "positive"),
    ("sometimes i stand by {place} and think how easy it would be, i went again {day}", 3, "suicide", "positive"),
    ("i tried with {means} {day} but i woke up, next time i do it right", 3, "suicide", "positive"),
    ("woke up in hospital {day}, they pumped my stomach, im angry i survived", 3, "suicide", "positive"),
    ("mama i paid the rent for 3 months and wrote u a letter, its in my drawer", 3, "suicide", "positive"),
    ("i stocked up {med} from three different pharmacies so nobody notice", 3, "suicide", "positive"),
    ("can u overdose on {med}? asking seriously, nothing to lose", 3, "suicide", "positive"),
    ("how much {poison} kills a person, i have some at home", 3, "suicide", "positive"),
    ("my village headman gave my name to {army}, they came {day} when i was out", 3, "danger", "positive"),
    ("{army} put my photo at the checkpoint, i cannot go home", 3, "danger", "positive"),
    ("somebody from the ward office is watching our house every day now", 3, "danger", "positive"),
    ("they have a warrant for me, i move every two nights", 3, "danger", "positive"),
    ("{boss} keeps my passport and says if i leave he will hurt my family", 3, "abuse", "positive"),
    ("my husband chokes me when he is drunk, it happened again {day}", 3, "abuse", "positive"),
    ("the teacher touch me when nobody there, i am afraid to go tomorrow", 3, "abuse", "positive"),
    ("he made me do things i did not want, he says nobody will believe me", 3, "abuse", "positive"),
    ("i know where he lives and i bought a knife, he will pay", 3, "violence", "positive"),
    ("next time he touches my sister i will kill him, i mean it", 3, "violence", "positive"),
    ("i burn my arm with cigarettes when i cant breathe, did it {day}", 3, "self_harm", "positive"),
    ("i hide the razors in my pencil case so mom doesnt find them", 3, "self_harm", "positive"),
    ("i gave my dog to my neighbour and told him take good care, i wont be around", 3, "suicide", "positive"),
    ("i looked up the train times for the fast one that doesnt stop here", 3, "suicide", "positive"),
    ("whats the highest bridge near here? not for a photo", 3, "suicide", "positive"),
    ("if i take {med} with alcohol will i just sleep and not wake", 3, "suicide", "positive"),
    ("i keep {poison} in my room since last month, just in case", 3, "suicide", "positive"),
    ("a friend gave me a pistol, i keep it under the mattress, i think about it every night", 3, "suicide", "positive"),
    ("i already decided the date, im just waiting for my sister's wedding to pass", 3, "suicide", "positive"),
    (
        "today at the market everything felt normal and i bought vegetables for mom and i also bought "
        "{means} because i decided, and then i came home and we ate dinner like nothing",
        3,
        "suicide",
        "positive",
    ),
    (
        "sorry this is long but i have been thinking, i cleaned my room and gave my books to my cousin "
        "and wrote to my teacher to thank her, i think i am ready now, i just wanted one person to know",
        3,
        "suicide",
        "positive",
    ),
    ("i not sleep 4 days, i save pill every night, soon enough", 3, "suicide", "positive"),
    ("nobody care. i already buy the rope. just need the right day", 3, "suicide", "positive"),
    ("ppl say it gets better but i already got the {means} so", 3, "suicide", "positive"),
    ("lol what floor do u need to not survive asking for a friend (the friend is me)", 3, "suicide", "positive"),
    ("hw many of these {med} is too many 🙃", 3, "suicide", "positive"),
    ("already wrote the goodbye letters 📝 just not sent", 3, "suicide", "positive"),
    ("i stood on the roof ledge {day} for an hour, next time i wont step back", 3, "suicide", "positive"),
    ("i used to cut and now i started again, twice this week", 3, "self_harm", "positive"),
    ("{person} keeps talking about dying and gave away her phone, i am scared for her", 3, "suicide", "positive"),
    ("my friend said she has pills saved and will use them soon, what should i do", 3, "suicide", "positive"),
    ("the sayapa wrote my name, my friend in the office told me, i have to leave", 3, "danger", "positive"),
    ("i see the same MI car near my work every morning now", 3, "danger", "positive"),
    (
        "we killed people in that village on orders, i see it every night, i dont deserve to be alive",
        3,
        "suicide",
        "positive",
    ),
    ("i deserted and they will shoot me if they find me, i have nowhere safe", 3, "danger", "positive"),
    # tier 2: wishes and intent without means or time, in the same registers.
    ("i just wanna stop existing tbh", 2, "suicide", "positive"),
    ("i want to die so bad every single day", 2, "suicide", "positive"),
    ("life no meaning for me, i want go die", 2, "suicide", "positive"),
    ("i think about ending it more and more", 2, "suicide", "positive"),
    ("sometimes i want to cut so i feel something", 2, "self_harm", "positive"),
    ("if he hits my mom again i swear i will hurt him", 2, "violence", "positive"),
    ("my boss slaps us when we are slow, all the girls are scared", 2, "abuse", "positive"),
    # tier 1: hopelessness, burden, moral injury, said indirectly.
    ("whats the point anymore honestly", 1, "suicide", "positive"),
    ("i am tired of being alive, not in a dramatic way, just tired", 1, "suicide", "positive"),
    ("everyone would be happier if i was gone", 1, "suicide", "positive"),
    ("i did things in the army that i cant forgive myself for", 1, "distress", "positive"),
    ("i dont see a future for me at all, every day same darkness", 1, "distress", "positive"),
    ("i feel like a ghost in my own house, nobody sees me", 1, "distress", "positive"),
    # hard negatives and benign chat sharing the words: films, games, cooking, doctors' advice, news,
    # past events told as over, helping someone else, jokes, idioms, sports, work, travel, wants.
    ("in the film the hero stands on {place} and says goodbye, i cried so much", 0, "-", "hard_negative"),
    ("that series ends with the guy jumping off the roof, worst ending ever", 0, "-", "hard_negative"),
    ("the villain in the movie poisons the king with {poison}, classic", 0, "-", "hard_negative"),
    ("watching a war movie {time}, soldiers break into the house in the first scene", 0, "-", "hard_negative"),
    ("the documentary about the army was hard to watch but good", 0, "-", "hard_negative"),
    ("i died 10 times on this boss fight lol", 0, "-", "hard_negative"),
    ("in the game i have a pistol and a grenade, still cant beat level 5", 0, "-", "hard_negative"),
    ("we killed the whole squad in pubg {time} haha", 0, "-", "hard_negative"),
    ("my character hangs from the rope bridge in the game and falls every time", 0, "-", "hard_negative"),
    ("cutting the onions {time}, my eyes are crying lol", 0, "-", "hard_negative"),
    ("the recipe says cut the chicken with a sharp knife and boil for an hour", 0, "-", "hard_negative"),
    ("i burned the rice again, my mom will kill me", 0, "-", "hard_negative"),
    ("killing it in the kitchen {time}, made my first curry", 0, "-", "hard_negative"),
    ("the doctor said not to take more than 8 {med} a day", 0, "-", "hard_negative"),
    ("doctor gave me sleeping pills for one week only, he said they are strong", 0, "-", "hard_negative"),
    ("nurse told me keep {med} away from the kids, we put them up high", 0, "-", "hard_negative"),
    ("the pharmacist explained the dose, one {med} before bed", 0, "-", "hard_negative"),
    ("my grandpa takes {med} {time} for his heart, i remind him", 0, "-", "hard_negative"),
    ("the news says {army} left the town {day}, people are going back", 0, "-", "hard_negative"),
    ("read in the news a man jumped from a bridge in the city, so sad", 0, "-", "hard_negative"),
    ("the news about the poisoning at the school is scary, the kids are fine now", 0, "-", "hard_negative"),
    (
        "last year i was in a very dark place, now i am much better, thank you for helping me then",
        0,
        "-",
        "hard_negative",
    ),
    ("back then the soldiers came to our village, now we live in a safe place", 0, "-", "hard_negative"),
    ("i used to cut when i was 15, i have been clean 4 years, proud of it", 0, "-", "hard_negative"),
    ("that time i broke my arm falling from the tree, now it is a funny story", 0, "-", "hard_negative"),
    ("my friend is sad, how can i help her feel better", 0, "-", "hard_negative"),
    ("{person} lost his job, i want to cheer him up, any ideas", 0, "-", "hard_negative"),
    ("i took {person} to the doctor for her fever, she is resting now", 0, "-", "hard_negative"),
    ("i drove my neighbour to the hospital, he cut his hand on the machine, he is fine now", 0, "-", "hard_negative"),
    ("how do i support a friend who is grieving", 0, "-", "benign"),
    ("knock knock, who's there? the police! jk its just me lol", 0, "-", "hard_negative"),
    ("this joke is killing me 😂😂", 0, "-", "hard_negative"),
    ("i'm dead 💀💀 that meme", 0, "-", "hard_negative"),
    ("my sister will murder me if i eat her cake", 0, "-", "hard_negative"),
    ("lol i could sleep for a hundred years after this week", 0, "-", "hard_negative"),
    ("break a leg at the show {time}!", 0, "-", "hard_negative"),
    ("this exam is going to be the death of me", 0, "-", "hard_negative"),
    ("we are dead tired after the trip, going to sleep early", 0, "-", "hard_negative"),
    ("he shot from 30 meters and scored, what a goal", 0, "-", "hard_negative"),
    ("our team got killed 4 nil {day}, so embarrassing", 0, "-", "hard_negative"),
    ("the boxer knocked him out in the first round", 0, "-", "hard_negative"),
    ("we jump off the rocks into the lake every summer, so fun", 0, "-", "hard_negative"),
    ("bungee jumping from the bridge was the best thing i ever did", 0, "-", "hard_negative"),
    ("the deadline is killing me, three reports {time}", 0, "-", "hard_negative"),
    ("my boss is going to fire me if i am late again haha", 0, "-", "hard_negative"),
    ("night shift at the hospital {time}, lots of overdose cases in the ER, tired", 0, "-", "hard_negative"),
    ("i work at the pharmacy, we sold out of {med} {day}", 0, "-", "hard_negative"),
    ("the flight leaves {clock}, i am packing now", 0, "-", "benign"),
    ("we took the night train to the border town, beautiful view from the bridge", 0, "-", "hard_negative"),
    ("standing on top of the mountain now, the view is amazing", 0, "-", "hard_negative"),
    ("at the top floor of the mall, so many people {time}", 0, "-", "hard_negative"),
    ("on the roof drying clothes, the sun is hot", 0, "-", "hard_negative"),
    ("i need a haircut so bad", 0, "-", "benign"),
    ("i want to sleep all weekend", 0, "-", "benign"),
    ("want some mango? i bought too many", 0, "-", "benign"),
    ("i need a new charger, mine is broken", 0, "-", "benign"),
    ("i wish it would stop raining", 0, "-", "benign"),
    ("i just want a quiet evening with tea", 0, "-", "benign"),
    ("goodbye for now, my battery is low, talk {time}", 0, "-", "hard_negative"),
    ("i gave away my old clothes to the monastery, the room looks so big now", 0, "-", "hard_negative"),
    ("i paid back my loan {day}, finally free of debt, so happy", 0, "-", "hard_negative"),
    ("wrote a letter to my grandma for her birthday", 0, "-", "hard_negative"),
    ("i cleaned my whole room and gave my books to my little cousin for school", 0, "-", "hard_negative"),
    ("how many {med} can a child take for fever, my son is 6", 0, "-", "hard_negative"),
    ("how high is the bridge in yangon? we want to take photos", 0, "-", "hard_negative"),
    ("what floor is your office on? i come visit", 0, "-", "benign"),
    ("the rope swing at the river is back, kids love it", 0, "-", "hard_negative"),
    ("farmer uncle sprays {poison} on the rice fields every month", 0, "-", "hard_negative"),
    ("put the rat poison behind the fridge, the rats are gone now", 0, "-", "hard_negative"),
    ("my dad cleans his hunting rifle every sunday, boring", 0, "-", "hard_negative"),
    ("the police came to check the car papers, all fine", 0, "-", "hard_negative"),
    ("soldiers at the checkpoint were polite {day}, we passed quickly", 0, "-", "hard_negative"),
    ("my cousin joined the police, he starts training {day}", 0, "-", "hard_negative"),
    ("i am hiding from my little brother, we play hide and seek", 0, "-", "hard_negative"),
    ("the kids are screaming and running around, so noisy {time}", 0, "-", "hard_negative"),
    ("my mom hit me with her slipper for coming home late lol", 0, "-", "hard_negative"),
    ("he knocked on the door {time} to bring food, so kind", 0, "-", "hard_negative"),
    ("someone is knocking, the delivery is here, brb", 0, "-", "benign"),
    ("my head hurts, took one {med} and going to bed", 0, "-", "hard_negative"),
    ("i took a pill for the headache and now i feel better", 0, "-", "hard_negative"),
    ("i am so tired of this rain, want the sun back", 0, "-", "hard_negative"),
    ("tired but happy after the wedding {day}", 0, "-", "benign"),
    ("i cant wait to see you {time} at the station", 0, "-", "benign"),
    ("i am at the river with my cousins fishing, caught 3 already", 0, "-", "hard_negative"),
    ("the bridge is closed {time} for repairs, take the other road", 0, "-", "hard_negative"),
    ("my phone is dying, charge it {time}", 0, "-", "hard_negative"),
    ("the plant died because i forgot to water it", 0, "-", "hard_negative"),
    ("i'll be gone for two weeks on holiday, water my plants pls", 0, "-", "hard_negative"),
    ("final goodbye to my old school today, graduation 🎓", 0, "-", "hard_negative"),
    ("this is my last message before my flight, see you in bangkok", 0, "-", "hard_negative"),
    ("sorry for everything i said {day}, i was angry, friends again?", 0, "-", "hard_negative"),
    ("thank you for everything, you are the best teacher", 0, "-", "hard_negative"),
    ("my cat knocked the knife off the table, almost hit my foot", 0, "-", "hard_negative"),
    ("dad sharpened all the knives {time}, careful", 0, "-", "hard_negative"),
    ("the bleach is under the sink, use it for the bathroom", 0, "-", "hard_negative"),
    ("we bought a rope to hang the laundry", 0, "-", "hard_negative"),
    ("put the {med} in the bag for the trip", 0, "-", "hard_negative"),
    ("the bus is leaving {clock}, don't be late", 0, "-", "benign"),
    ("i finished the report, sending it {time}", 0, "-", "benign"),
    ("we are going to the beach {day} if it doesnt rain", 0, "-", "benign"),
    ("my grandma passed away peacefully last year, i miss her", 0, "-", "hard_negative"),
    ("the funeral was beautiful, many people came", 0, "-", "hard_negative"),
    ("ugh monday again, kill me now haha", 0, "-", "hard_negative"),
    ("this song slaps so hard, i'm dead", 0, "-", "hard_negative"),
    ("so hungry i could eat a horse", 0, "-", "benign"),
    ("the soldiers in the parade looked so smart", 0, "-", "hard_negative"),
    ("my brother is a police officer, he works nights", 0, "-", "hard_negative"),
    ("the army doctor treated people for free at the clinic", 0, "-", "hard_negative"),
    ("i help my neighbour's son with homework every evening", 0, "-", "benign"),
    ("can you recommend a good book", 0, "-", "benign"),
    ("good night all, sleep well", 0, "-", "benign"),
    ("lets meet at the tea shop near the bridge {time}", 0, "-", "benign"),
    ("my friend felt suicidal last year but got help and now she runs a bakery", 0, "-", "hard_negative"),
    ("the counsellor said if i feel bad again i should call, i feel ok now", 0, "-", "hard_negative"),
    ("i'm training for the marathon, my legs are killing me", 0, "-", "hard_negative"),
    ("the heat in mandalay is deadly this week, stay inside", 0, "-", "hard_negative"),
    ("the vet put our old dog to sleep {day}, very sad but he was sick", 0, "-", "hard_negative"),
    ("i hate mondays so much, i want to disappear under my blanket", 0, "-", "hard_negative"),
    ("bro i'm gonna kill you at chess {time}", 0, "-", "hard_negative"),
    ("my mom gets angry but she is never violent, she just shouts", 0, "-", "hard_negative"),
    ("we watched the fireworks from the top of the tower, so pretty", 0, "-", "hard_negative"),
    ("the teacher told us the story of a poison apple in class", 0, "-", "hard_negative"),
    ("police training today, we practice with the rifle at the range", 0, "-", "hard_negative"),
    ("the medicine is working, my fever went down {time}", 0, "-", "hard_negative"),
    ("he jumped into the pool with his clothes on haha", 0, "-", "hard_negative"),
    ("i will finish the puzzle tonight if it kills me", 0, "-", "hard_negative"),
    ("the rope broke when we were pulling the car, we laughed so much", 0, "-", "hard_negative"),
    ("my uncle keeps a gun for the farm, he shoots snakes", 0, "-", "hard_negative"),
    ("grandpa says the war was terrible, he doesn't talk about it much", 0, "-", "hard_negative"),
    ("i am ready for the trip {time}, bags packed", 0, "-", "benign"),
    ("took my vitamins and went for a run", 0, "-", "hard_negative"),
    ("the bridge at night is so pretty with the lights", 0, "-", "hard_negative"),
    ("amay made mohinga {time}, come eat", 0, "-", "benign"),
    ("kyay zu tin bar for the help {day}, you saved my day", 0, "-", "benign"),
    ("i am outside your house, come down, we are late for the movie", 0, "-", "benign"),
    ("they are at the door, my friends came for the party", 0, "-", "hard_negative"),
    ("he is hitting the ball so hard {time}, great practice", 0, "-", "hard_negative"),
    ("i feel calm after yoga, highly recommend", 0, "-", "hard_negative"),
    ("i gave my bike to my cousin because i bought a car", 0, "-", "hard_negative"),
    ("the exam is over, i am free, goodbye school", 0, "-", "hard_negative"),
    # 2026.12.6, second round: the classes of everyday talk the retrained heads scored highest on the
    # validation split (leisure at water, small injuries, recovery told as over, sports, medicine taken
    # as prescribed, hiding in games, giving things away for ordinary reasons, travel tickets), written
    # anew; and more positives of possession, purchase and wishes in plain words.
    ("we go fishing at {place} every sunday, my dad caught a big one {day}", 0, "-", "hard_negative"),
    ("swimming at the lake with my cousins, the water is warm {time}", 0, "-", "hard_negative"),
    ("took the boat across the river {day}, so beautiful", 0, "-", "hard_negative"),
    ("the kids are playing in the river {time}, i am watching them from the bank", 0, "-", "hard_negative"),
    ("we sat by the river and ate mangoes, nice evening", 0, "-", "hard_negative"),
    ("scraped my elbow playing football, bleeding a bit but fine", 0, "-", "hard_negative"),
    ("my nose is bleeding again because of the dry air lol", 0, "-", "hard_negative"),
    ("cut my finger on paper, why does it hurt so much haha", 0, "-", "hard_negative"),
    ("fell down the stairs {day}, just a bruise, nothing broken", 0, "-", "hard_negative"),
    ("my son fell from his bike and his knee is bleeding, where is the plaster", 0, "-", "hard_negative"),
    ("hit my head on the door, it's swelling but i'm okay", 0, "-", "hard_negative"),
    ("i had depression two years ago, therapy helped, now i'm doing great", 0, "-", "hard_negative"),
    ("i was in hospital last year for my mental health, this year is much better", 0, "-", "hard_negative"),
    ("i stopped self harming a long time ago, my scars are old now", 0, "-", "hard_negative"),
    ("back in 2021 we ran from the soldiers, now we are settled and safe", 0, "-", "hard_negative"),
    ("the village was burned years ago, now it is rebuilt and people came back", 0, "-", "hard_negative"),
    ("my uncle was arrested in the past but he was released and is home now", 0, "-", "hard_negative"),
    ("he shot the ball into the top corner, what a finish", 0, "-", "hard_negative"),
    ("our striker shoots from everywhere, scored twice {day}", 0, "-", "hard_negative"),
    ("the keeper jumped but could not stop it", 0, "-", "hard_negative"),
    ("we lost the final on penalties, the whole team is dead inside lol", 0, "-", "hard_negative"),
    ("took two {med} for my back pain like the doctor said, going to sleep", 0, "-", "hard_negative"),
    ("i took my medicine {time} and now i sleep, good night", 0, "-", "hard_negative"),
    ("taking antibiotics for a week, the doctor said finish all of them", 0, "-", "hard_negative"),
    ("my mom takes her blood pressure pills every evening after dinner", 0, "-", "hard_negative"),
    ("the kids are hiding under the bed, it is a game, they think i cant find them", 0, "-", "hard_negative"),
    ("hiding in the closet to scare my sister haha", 0, "-", "hard_negative"),
    ("i gave my old laptop to my nephew for school, he was so happy", 0, "-", "hard_negative"),
    ("gave away all the toys my kids outgrew to the neighbours", 0, "-", "hard_negative"),
    ("i sold my motorbike because i bought a bigger one", 0, "-", "hard_negative"),
    ("booked a bus ticket to yangon for {day}, visiting family", 0, "-", "benign"),
    ("my flight is tomorrow, i already packed and said bye to everyone at work", 0, "-", "hard_negative"),
    ("got the ticket for the concert {time}, so excited", 0, "-", "benign"),
    ("got the keys to my new room {day}", 0, "-", "benign"),
    ("i bought new {shoes} {day}, they are so comfortable", 0, "-", "benign"),
    ("i bought rice, oil and eggs at the market", 0, "-", "benign"),
    ("i wish i had more time for my hobbies", 0, "-", "benign"),
    ("i wish i could travel to japan one day", 0, "-", "benign"),
    ("sometimes i wish i was a cat, they sleep all day", 0, "-", "hard_negative"),
    ("sometimes i feel lazy on sundays and stay in bed", 0, "-", "benign"),
    ("i keep forgetting my umbrella at work", 0, "-", "benign"),
    ("i keep a knife in the kitchen drawer for fruit", 0, "-", "hard_negative"),
    ("the bike fell on my leg, blood everywhere but my mom cleaned it, im ok", 0, "-", "hard_negative"),
    ("on the bridge watching the boats {time}, the sunset is great", 0, "-", "hard_negative"),
    ("we are at the waterfall, jumping into the pool, so cold", 0, "-", "hard_negative"),
    ("i got the pills from the clinic for my mom, she takes them after lunch", 0, "-", "hard_negative"),
    ("got the rope for the tent, we go camping {day}", 0, "-", "hard_negative"),
    ("got the {med} for my fever, feeling better already", 0, "-", "hard_negative"),
    # positives: possession, purchase and quiet wishes in plain words.
    ("got the {means} now. nobody knows. its for {time}", 4, "suicide", "positive"),
    ("i got the {means}, just waiting for everyone to go to bed", 4, "suicide", "positive"),
    ("i bought {med}, a lot of them, i know what to do with them", 3, "suicide", "positive"),
    ("bought {poison} {day}, not for the rats", 3, "suicide", "positive"),
    ("i wish i never woke up this morning", 1, "suicide", "positive"),
    ("i wish i could disappear and nobody would notice", 1, "suicide", "positive"),
    ("sometimes i think it would be easier if i died in my sleep", 1, "suicide", "positive"),
    ("i keep wishing i was dead, every day a little more", 2, "suicide", "positive"),
    ("i gave my phone to my brother and my ring to my mom, i will not need them where i go", 3, "suicide", "positive"),
    ("i gave away everything i own this week, it feels right", 3, "suicide", "positive"),
    # 2026.12.6, third round: the wish not to wake, urges that start "sometimes" or "i keep", and means
    # beyond the first slot list, so that the everyday "i wish", "i bought", "sometimes" negatives above
    # do not teach the model that these openings are safe; recovery told as over, as negatives.
    ("i hope i dont wake up tomorrow, honestly", 1, "suicide", "positive"),
    ("every night i pray not to see the morning", 1, "suicide", "positive"),
    ("wish i could go to sleep forever and not deal with any of it", 1, "suicide", "positive"),
    ("i wish i would just stop being here", 1, "suicide", "positive"),
    ("i wish i was never born", 1, "suicide", "positive"),
    ("sometimes i feel like stepping in front of a truck", 2, "suicide", "positive"),
    ("sometimes i want to drive into a wall on the highway", 2, "suicide", "positive"),
    ("sometimes i hit my head on the wall until it bleeds", 2, "self_harm", "positive"),
    ("i keep wanting to hurt myself, the feeling doesnt go away", 2, "self_harm", "positive"),
    ("i keep thinking about jumping when i cross the bridge", 2, "suicide", "positive"),
    ("i keep scratching my arms until they bleed when im stressed", 2, "self_harm", "positive"),
    ("i bought {means2} {day}, i think this is the way", 3, "suicide", "positive"),
    ("i have {means2} in my room now and the door is locked", 4, "suicide", "positive"),
    ("ordered {means2} online, it comes {day2}", 3, "suicide", "positive"),
    ("{means2} is ready in the car, i drive out {time}", 4, "suicide", "positive"),
    ("i checked how to do it with {means2}, i have everything", 3, "suicide", "positive"),
    ("used to cut a lot in high school, i have not done it for years, i'm proud", 0, "-", "hard_negative"),
    ("i used to have dark thoughts, the meds and my therapist helped, life is good now", 0, "-", "hard_negative"),
    ("my old scars remind me how far i came, 3 years clean", 0, "-", "hard_negative"),
    ("i bought a grill and charcoal for the barbecue {day}", 0, "-", "hard_negative"),
    ("bought tape and boxes, we are moving house {day2}", 0, "-", "hard_negative"),
    # 2026.12.6, fourth round: everyday counterparts of the new positives (ordinary dose questions,
    # counting medicine for the week, being followed to a place, thanks on leaving, a car waiting with
    # its engine on), so the model does not learn their words as signs by themselves.
    ("how many {med} should i give my son, the box says one for kids", 0, "-", "hard_negative"),
    ("what is the normal dose of {med} for an adult", 0, "-", "hard_negative"),
    ("how many {med} a day is ok for my grandpa, he is 80", 0, "-", "hard_negative"),
    ("the label on the {med} says one every six hours, is that right", 0, "-", "hard_negative"),
    ("can i take 2 {med} at once for a toothache", 0, "-", "hard_negative"),
    ("is it safe to take {med} with coffee", 0, "-", "hard_negative"),
    ("sorting my {med} into the weekly box, monday to sunday", 0, "-", "hard_negative"),
    ("the pharmacy refilled my {med}, enough for the whole trip", 0, "-", "hard_negative"),
    ("i counted the money, we have enough for rent this month", 0, "-", "benign"),
    ("counted the chairs, we have enough for the party", 0, "-", "benign"),
    ("follow me on instagram, i post my drawings there", 0, "-", "benign"),
    ("just follow the signs to the night market", 0, "-", "benign"),
    ("the puppy follows me everywhere in the house", 0, "-", "benign"),
    ("come, follow me, the cafe is around the corner", 0, "-", "benign"),
    ("thanks for everything, see you next time", 0, "-", "benign"),
    ("thank you for all your help today, gotta go cook now", 0, "-", "benign"),
    ("i have to go now, my bus is here, thanks for the chat", 0, "-", "benign"),
    ("thank you for everything, you are the best team ever", 0, "-", "benign"),
    ("gotta go, mum is calling me for dinner, bye", 0, "-", "benign"),
    ("engine running, hurry up we are late", 0, "-", "benign"),
    ("im in the car with the engine on, come down", 0, "-", "benign"),
    ("the car is warming up outside, bring the bags", 0, "-", "benign"),
    ("waiting in the parking lot with the engine on for the aircon", 0, "-", "benign"),
    ("the taxi is outside waiting, see you at the airport", 0, "-", "benign"),
    ("i have enough food for the week, no need to go shopping", 0, "-", "benign"),
    ("its this way to the bus stop, just walk along the road", 0, "-", "benign"),
    ("this way please, the room is on the left", 0, "-", "benign"),
    ("the market is that way, five minutes walking", 0, "-", "benign"),
    ("is it this way or that way to the pagoda", 0, "-", "benign"),
    ("come with me to the shop, i show you where it is", 0, "-", "benign"),
    ("tell me the way to your house, i will come by bike", 0, "-", "benign"),
    # 2026.12.9: everyday classes the model trained on set 8's dev half still flagged (as in MY_TEMPLATES).
    ("bye all, flying to dubai tomorrow for work, will miss u guys", 0, "-", "hard_negative"),
    ("my parents know im staying at my cousins place tonight, all good", 0, "-", "hard_negative"),
    ("the railway near the market is closed for repairs until friday", 0, "-", "hard_negative"),
    ("this chemistry homework is impossible, i give up for tonight", 0, "-", "hard_negative"),
    ("manager is searching for me about the invoice, brb", 0, "-", "hard_negative"),
    ("when i was small the police came to check our papers, nothing happened", 0, "-", "hard_negative"),
    ("last bus home tonight, dont wait up for me", 0, "-", "hard_negative"),
    ("so sick of this rain, been stuck inside all week", 0, "-", "hard_negative"),
    # 2026.12.15: poisons and ropes stored safely, which the model trained on dev15 read as a means kept.
    ("keep the rat poison locked in the cupboard away from the kids", 0, "-", "hard_negative"),
    ("dad stores the weed killer on the top shelf of the garage", 0, "-", "hard_negative"),
    ("we lock the pesticide in the store room after spraying the field", 0, "-", "hard_negative"),
    ("put the rope back in the shed after we tie the boat", 0, "-", "hard_negative"),
    ("we keep the {farmchem} locked in the {shed} so the kids cant reach it", 0, "-", "hard_negative"),
    ("the farmer keeps the {farmchem} bottles in the {shed}, away from the rice", 0, "-", "hard_negative"),
    ("how many {med} do i take, the {label} says {dose}", 0, "-", "hard_negative"),
    ("the {label} said take {dose} {med} before bed, is that right", 0, "-", "hard_negative"),
    # 2026.12.16: sincerity after a joke ("lol im dead.. no seriously i want to be dead"): what the model's doubt must
    # not read as banter.
    ("lol i joke a lot but {sincere} i want to die", 2, "suicide", "positive"),
    ("haha jk... {sincere} i dont want to live anymore", 2, "suicide", "positive"),
    ("everyone laughs when i say kill me. {sincere} i mean it", 2, "suicide", "positive"),
    ("{sincere}, i wish i was dead", 1, "suicide", "positive"),
]
MY_TEMPLATES: list[tuple[str, int, str, str]] = [
    ("{time} {means}တွေ အကုန်သောက်တော့မယ်", 4, "suicide", "positive"),
    ("{time} {place}ပေါ်က ခုန်ချတော့မယ်", 4, "suicide", "positive"),
    ("{person} {poison} သောက်လိုက်ပြီ ကယ်ပါ", 4, "suicide", "positive"),
    ("{army} အိမ်ကို ဝိုင်းထားပြီ {time}", 4, "danger", "positive"),
    ("{army} ငါ့ကို လာဖမ်းနေပြီ {time}", 4, "danger", "positive"),
    ("{time} ကြိုးဆွဲချတော့မယ် အမေ ခွင့်လွှတ်ပါ", 4, "suicide", "positive"),
    ("{means} အများကြီး သောက်ထားပြီးပြီ", 4, "suicide", "positive"),
    ("{means} ဝယ်ထားတယ်", 3, "suicide", "positive"),
    ("{means}တွေ စုထားတယ်", 3, "suicide", "positive"),
    ("{army} ငါ့အကြောင်း လာမေးနေတယ်", 3, "danger", "positive"),
    ("လက်ကို ဓားနဲ့ လှီးမိပြန်ပြီ", 3, "self_harm", "positive"),
    ("{army} ငါ့နောက် လိုက်နေတယ်", 3, "danger", "positive"),
    ("{place}ပေါ်ကနေ ခုန်ချဖို့ စဉ်းစားနေတယ်", 3, "suicide", "positive"),
    ("ငါ သေချင်တယ်", 2, "suicide", "positive"),
    ("သေလိုက်ချင်တယ်", 2, "suicide", "positive"),
    ("ကိုယ့်ကိုယ်ကို သတ်သေချင်တယ်", 2, "suicide", "positive"),
    ("ဆက်မနေနိုင်တော့ဘူး", 2, "suicide", "positive"),
    ("{boss} ငါတို့ကို နေ့တိုင်း ရိုက်တယ်", 2, "abuse", "positive"),
    ("အဖွဲ့ထဲမှာ ဒလန် ရှိတယ်", 2, "danger", "positive"),
    ("သူ့ကို သတ်ပစ်မယ်", 2, "violence", "positive"),
    ("စိတ်ဓာတ်ကျနေတယ်", 1, "distress", "positive"),
    ("ငါမရှိရင် ပိုကောင်းမှာ", 1, "suicide", "positive"),
    ("ဘဝက အဓိပ္ပာယ်မရှိတော့ဘူး", 1, "suicide", "positive"),
    ("ညတိုင်း အိပ်မပျော်ဘူး ငိုနေတယ်", 1, "distress", "positive"),
    ("ငါ ဘယ်သူ့အတွက်မှ အသုံးမဝင်ဘူး", 1, "suicide", "positive"),
    ("ဗိုက်ဆာလို့ သေတော့မယ်", 0, "-", "hard_negative"),
    ("ဆရာဝန်က {med} သောက်ခိုင်းတယ်", 0, "-", "hard_negative"),
    ("လယ်ထဲမှာ ပိုးသတ်ဆေး ဖျန်းတယ်", 0, "-", "hard_negative"),
    ("ရုပ်ရှင်ထဲမှာ မင်းသားက {place}ပေါ်က ခုန်ချတယ်", 0, "-", "hard_negative"),
    ("မင်းကို တွေ့ချင်လွန်းလို့ သေတော့မယ်", 0, "-", "hard_negative"),
    ("ပူလိုက်တာ သေတော့မယ်", 0, "-", "hard_negative"),
    ("{person} {med} သောက်ပြီး အိပ်နေတယ်", 0, "-", "hard_negative"),
    ("နေ့တိုင်း {med} သောက်ရတယ်", 0, "-", "hard_negative"),
    ("{person} ဖျားနေလို့ {med} ဝယ်ပေးရမယ်", 0, "-", "hard_negative"),
    ("{place}ပေါ်မှာ ဓာတ်ပုံရိုက်နေတယ်", 0, "-", "hard_negative"),
    ("{army} အကြောင်း သတင်းထဲမှာ ပါတယ်", 0, "-", "hard_negative"),
    ("ရယ်ရလွန်းလို့ သေတော့မယ်", 0, "-", "hard_negative"),
    ("{time} ဖုန်းဆက်မယ်", 0, "-", "benign"),
    ("{time} တွေ့ကြမယ်", 0, "-", "benign"),
    ("{time} ထမင်းချက်မယ်", 0, "-", "benign"),
    ("{time} ဈေးသွားမယ်", 0, "-", "benign"),
    ("မင်္ဂလာပါ နေကောင်းလား", 0, "-", "benign"),
    ("ကျေးဇူးတင်ပါတယ်", 0, "-", "benign"),
    ("{time} ထမင်းစားပြီးပြီလား", 0, "-", "benign"),
    ("{person} အလုပ်သစ် ရတယ်", 0, "-", "benign"),
    # 2026.12.3 (issue 16, third pass)
    ("ကြိုး ချည်ပြီးပြီ အမေ ခွင့်လွှတ်ပါ", 4, "suicide", "positive"),
    ("{means} လက်ထဲမှာ ရှိနေပြီ {time}", 4, "suicide", "positive"),
    ("သေနတ် ကျည်ထည့်ထားပြီ {time} ပြီးအောင်လုပ်မယ်", 4, "suicide", "positive"),
    ("မနက်မလင်းခင် ငါ မရှိတော့ဘူး အမေ ခွင့်လွှတ်ပါ", 4, "suicide", "positive"),
    ("{army} ကား အိမ်ရှေ့မှာ ရပ်ထားတယ်", 4, "danger", "positive"),
    ("ငါ သူ့ကို ဓားနဲ့ ထိုးသတ်မယ်", 2, "violence", "positive"),
    ("ကြိုးနဲ့ လှေကို ချည်ထားတယ်", 0, "-", "hard_negative"),
    ("အမေ ခွင့်လွှတ်ပါ နောက်ကျသွားလို့", 0, "-", "hard_negative"),
    ("ရုပ်ရှင်ထဲမှာ {army} ကား ပါတယ်", 0, "-", "hard_negative"),
    ("ဆရာဝန်က {med} ပေးတယ် ညတိုင်း သောက်ရမယ်", 0, "-", "hard_negative"),
    # 2026.12.3, second round
    ("ကြွက်ဆေး သောက်လိုက်ပြီ ကယ်ပါ", 4, "suicide", "positive"),
    ("ကျည်ဆံ တစ်တောင့် ငါ့အတွက် သိမ်းထားတယ်", 3, "suicide", "positive"),
    ("အမ်အိုင်တွေ ငါ့အကြောင်း လာမေးတယ်", 3, "danger", "positive"),
    ("ဦးလေးက ငါ့ကို မတော်မတရား လုပ်တယ်", 2, "abuse", "positive"),
    ("ကြွက်ဆေး ဝယ်ပြီး မီးဖိုချောင်မှာ ထားတယ် ကြွက်တွေ များလို့", 0, "-", "hard_negative"),
    ("သေနတ်ပစ် ဂိမ်း ဆော့နေတယ်", 0, "-", "hard_negative"),
    ("ဖုန်းအဟောင်း ညီမကို ပေးလိုက်ပြီ ဖုန်းအသစ် ဝယ်ထားလို့", 0, "-", "hard_negative"),
    ("{time} ရုပ်ရှင် သွားကြည့်မယ်", 0, "-", "benign"),
    # 2026.12.4: the brief's false-alarm classes (everyday accidents, leisure at water and heights,
    # politeness formulas) and imminence classes; appended so earlier templates keep their split.
    ("ငါတို့အဖွဲ့ထဲမှာ သတင်းပေး ရှိနေတယ်", 3, "danger", "positive"),
    ("ဟင်းချက်ရင်း လက်ချောင်း ရှသွားတယ် သွေးထွက်နေတယ်", 0, "-", "hard_negative"),
    ("သတင်းပေးပါဦး ကျေးဇူးပါ", 0, "-", "hard_negative"),
    ("သူငယ်ချင်းတွေနဲ့ မြစ်ထဲမှာ ရေကူးနေတယ်", 0, "-", "hard_negative"),
    # 2026.12.5 (issue 16, Burmese pass): particles inside, spellings and loanwords, forces' words,
    # code-switching without a space, euphemisms, questions about heights and doses, and the everyday
    # sentences the model flagged; the authors' own examples, appended so earlier templates keep their split.
    ("{time} {pill2}တွေ အကုန်လုံးကို မျိုချလိုက်တော့မယ်", 4, "suicide", "positive"),
    ("{poison2} တစ်ဗူး {hide}", 3, "suicide", "positive"),
    ("{refl} မုန်းတယ်", 1, "distress", "positive"),
    ("{force2} {kin}ဆီ ငါဘယ်ရောက်နေလဲ လာမေးသွားတယ်", 3, "danger", "positive"),
    ("ဘယ်နှထပ်က ခုန်ချရင် သေမလဲ", 3, "suicide", "positive"),
    ("{pill2} ဘယ်နှလုံး သောက်ရင် မနိုးတော့မလဲ", 3, "suicide", "positive"),
    ("ပြန်မနိုးလာတော့ရင် ကောင်းမှာပဲ", 1, "suicide", "positive"),
    ("အသက်ရှင်နေရတာ ငြီးငွေ့လွန်းလို့ သေလိုက်ချင်ပြီ", 2, "suicide", "positive"),
    ("suicideလုပ်ချင်နေပြီ {time}", 4, "suicide", "positive"),
    ("pillsတွေ အကုန် သောက်တော့မယ်", 3, "suicide", "positive"),
    ("{boss2} ညတိုင်း ကျွန်မကို ထိကိုင်တယ်", 2, "abuse", "positive"),
    ("ဘလိတ်နဲ့ ထပ်လှီးမိပြန်ပြီ သွေးတွေ မရပ်ဘူး", 4, "self_harm", "positive"),
    ("{force2} ရွာထဲ ရောက်လာပြီ {time}", 4, "danger", "positive"),
    ("{force2} အောက်ထပ်မှာ ငါ့ဓာတ်ပုံ ပြပြီး မေးနေတယ်", 4, "danger", "positive"),
    ("အဲ့ကောင်ကို တွေ့ရင် ခုတ်သတ်ပစ်မှာ", 2, "violence", "positive"),
    ("ညအိပ်ဧည့်စာရင်း လာစစ်တယ် ငါ ပုန်းနေရတယ်", 3, "danger", "positive"),
    ("အမေက ငါ့ကို ဖက်ပြီး နှစ်သိမ့်တယ်", 0, "-", "hard_negative"),
    ("စာမေးပွဲ အောင်အောင် ကြိုးစားမယ်", 0, "-", "hard_negative"),
    ("ဗိုက်နာလို့ ဆေးတစ်လုံး သောက်လိုက်တယ်", 0, "-", "hard_negative"),
    ("{refl} ယုံကြည်ရမယ်", 0, "-", "hard_negative"),
    ("ကြက်သွန်လှီးရင်း ဓားနဲ့ လှီးမိတယ် သွေးထွက်တယ်", 0, "-", "hard_negative"),
    ("ဒီတိုက်က ဘယ်နှထပ်လဲ", 0, "-", "hard_negative"),
    ("ဆရာဝန်က {pill2} တစ်နေ့ နှစ်လုံး သောက်ခိုင်းတယ်", 0, "-", "hard_negative"),
    ("အမေ့ကို လွမ်းလွန်းလို့ သေတော့မယ်", 0, "-", "hard_negative"),
    ("ဖိနပ်ကြိုး ပြတ်သွားပြီ", 0, "-", "benign"),
    ("အခုထိ အလုပ်မှာပဲ ရှိသေးတယ်", 0, "-", "benign"),
    ("{med} တစ်လုံး သောက်လိုက်ပြီ ကောင်းကောင်း အိပ်ရမယ်", 0, "-", "hard_negative"),
    ("ခေါင်းကိုက်လို့ {med} သောက်လိုက်ပြီ", 0, "-", "hard_negative"),
    ("{person} {med} သောက်ပြီး ပြန်နေကောင်းသွားပြီ", 0, "-", "hard_negative"),
    ("{med} တစ်ကတ်လုံး သောက်လိုက်ပြီ ကယ်ပါ", 4, "suicide", "positive"),
    # Everyone asks after everyone: a friend asking about a party or a parcel is not the forces.
    ("{person} ငါ့ကို လာမေးတယ် မွေးနေ့ပွဲ လာမလားတဲ့", 0, "-", "benign"),
    ("အိမ်နီးချင်းက ငါ ဘယ်မှာလဲ လာမေးတယ် ပါဆယ် ရောက်နေလို့", 0, "-", "benign"),
    # 2026.12.5, after the merge: photos, searching and asking in everyday use.
    ("ငါ့ဓာတ်ပုံတွေ ရှာကြည့်နေတယ် ဖုန်းထဲမှာ", 0, "-", "benign"),
    ("{person} ဓာတ်ပုံ ကိုင်ပြီး ပြုံးနေတယ်", 0, "-", "benign"),
    ("{person} ငါ့ကို နေကောင်းလား လာမေးတယ်", 0, "-", "benign"),
    ("သူငယ်ချင်းတွေ ထမင်းစားပြီးပြီလား လာမေးကြတယ်", 0, "-", "benign"),
    ("သော့ပျောက်လို့ အိမ်မှာ လိုက်ရှာနေတယ်", 0, "-", "benign"),
    # 2026.12.6 (issue 16, item 8): colloquial Burmese in the issue's classes, written by the author
    # (never from a held-out or test message): means taken or at hand with a time, someone else's act
    # under way, forces at the door, abuse happening, farewells while settling affairs, dose and height
    # questions, code-switching; and hard negatives sharing their words (films, games, doctors, cooking,
    # leisure, news of the past, helping a friend).
    ("{time} ဆေးတွေ အကုန်သောက်ပြီး အိပ်လိုက်တော့မယ် ဘယ်သူမှ မနှိုးနဲ့", 4, "suicide", "positive"),
    ("ဆေးလုံး နှစ်ဆယ်လောက် သောက်ပြီးပြီ ခေါင်းမူးနေပြီ", 4, "suicide", "positive"),
    ("{pill2} တစ်ကတ်လုံး မျိုချလိုက်ပြီ အမေ့ကို မပြောပါနဲ့", 4, "suicide", "positive"),
    ("{place}ပေါ် ရောက်နေပြီ ရေက အေးနေမှာပဲ နှုတ်ဆက်ပါတယ်", 4, "suicide", "positive"),
    ("ကြိုး ချည်ထားပြီးပြီ {time} ပြီးအောင်လုပ်မယ် အားလုံး ခွင့်လွှတ်ပါ", 4, "suicide", "positive"),
    ("{person} {poison2} သောက်လိုက်ပြီ ပါးစပ်က အမြှုပ်တွေ ထွက်နေတယ် ဘာလုပ်ရမလဲ", 4, "suicide", "positive"),
    ("{person} ရေချိုးခန်းထဲ တံခါးပိတ်ပြီး လက်ကို လှီးနေတယ် တံခါးမဖွင့်ဘူး", 4, "self_harm", "positive"),
    ("{force2} အိမ်ရှေ့ ရောက်နေပြီ တံခါးခေါက်နေတယ် ငါ ကုတင်အောက်မှာ ပုန်းနေတယ်", 4, "danger", "positive"),
    ("စစ်ကားနှစ်စီး ရွာထဲ ဝင်လာပြီ အိမ်တွေ မီးရှို့နေတယ် တောထဲ ပြေးနေတယ်", 4, "danger", "positive"),
    ("ယောက်ျားက အခု ငါ့ကို ရိုက်နေတယ် ကလေးတွေ ငိုနေတယ် ကယ်ပါ", 4, "abuse", "positive"),
    ("ပထွေး အခန်းထဲ ဝင်လာပြီ ကြောက်တယ် ဘယ်သူ့ကို ခေါ်ရမလဲ", 4, "abuse", "positive"),
    ("ဒါ နောက်ဆုံး စာပါ ဆေးတွေ လက်ထဲမှာ ရှိတယ် {time} သောက်မယ်", 4, "suicide", "positive"),
    ("အကြွေးတွေ ဆပ်ပြီးပြီ ပစ္စည်းတွေ ညီမကို ပေးခဲ့ပြီ ဒီည နောက်ဆုံးပဲ", 4, "suicide", "positive"),
    ("သေနတ်ကို ခေါင်းမှာ တေ့ထားတယ် အမေ ခွင့်လွှတ်ပါ", 4, "suicide", "positive"),
    ("ဓားနဲ့ လက်ကောက်ဝတ်ကို လှီးလိုက်ပြီ သွေးတွေ အများကြီး ထွက်နေတယ်", 4, "self_harm", "positive"),
    ("အမ်အိုင်ကား ငါတို့ပုန်းနေတဲ့ အိမ်ရှေ့ ရပ်နေတယ် အပြင်မထွက်ရဲဘူး", 4, "danger", "positive"),
    ("suicide လုပ်တော့မယ် pills တွေ ready ဖြစ်နေပြီ", 4, "suicide", "positive"),
    ("ဒီည ၁၂ နာရီ ရထားလာရင် ခုန်ချမယ်", 4, "suicide", "positive"),
    ("{poison2} ဖန်ခွက်ထဲ ထည့်ထားပြီ သောက်တော့မယ်", 4, "suicide", "positive"),
    ("{force2} အိမ်တစ်အိမ်ချင်း ရှာနေပြီ ငါ ဆန်ကျီထဲမှာ ပုန်းနေတယ်", 4, "danger", "positive"),
    ("ဘယ်နှလုံး သောက်ရင် သေမလဲ သိချင်တယ် ဘာမှ မမေးနဲ့", 3, "suicide", "positive"),
    ("အိပ်ဆေးတွေ တစ်လလုံး စုထားတယ် လုံလောက်ပြီ ထင်တယ်", 3, "suicide", "positive"),
    ("ကြိုးတစ်ချောင်း ဝယ်ထားတယ် အခန်းထဲမှာ ဝှက်ထားတယ်", 3, "suicide", "positive"),
    ("ငါ့ပစ္စည်းတွေ သူငယ်ချင်းတွေကို ဝေပေးလိုက်ပြီ မလိုတော့ဘူး", 3, "suicide", "positive"),
    ("စရဖက ငါ့နာမည်ကို စာရင်းထဲ ထည့်ထားတယ်တဲ့ ရွာကို ပြန်မသွားရဲဘူး", 3, "danger", "positive"),
    ("ပြီးခဲ့တဲ့လက ကြိုးဆွဲချဖို့ ကြိုးစားခဲ့တယ် ကြိုးပြတ်သွားတယ်", 3, "suicide", "positive"),
    ("ဒီတံတားက မြင့်ရဲ့လား ခုန်ချရင် သေနိုင်လား", 3, "suicide", "positive"),
    ("စိတ်ထဲ အေးချမ်းသွားပြီ ဘာလုပ်ရမလဲ ဆုံးဖြတ်ပြီးပြီ", 3, "suicide", "positive"),
    ("အလုပ်ရှင်က ပတ်စ်ပို့ သိမ်းထားတယ် ထွက်ရင် ရိုက်မယ်တဲ့", 3, "abuse", "positive"),
    ("ညတိုင်း လက်ကို ဘလိတ်နဲ့ လှီးနေတယ် မနေ့ကလည်း လှီးတယ်", 3, "self_harm", "positive"),
    ("ရုပ်ရှင်ထဲမှာ မင်းသမီးက အဆိပ်သောက်ပြီး သေသွားတယ် ငိုရတယ်", 0, "-", "hard_negative"),
    ("ဂိမ်းထဲမှာ သေနတ်နဲ့ ပစ်ရတာ ပျော်တယ်", 0, "-", "hard_negative"),
    ("ဆရာဝန်က အိပ်ဆေး တစ်ညကို တစ်လုံးပဲ သောက်ရမယ်တဲ့", 0, "-", "hard_negative"),
    ("ဟင်းချက်ဖို့ ကြက်သားကို ဓားနဲ့ လှီးနေတယ်", 0, "-", "hard_negative"),
    ("{place}ပေါ်မှာ သူငယ်ချင်းတွေနဲ့ နေဝင်ချိန် ကြည့်နေတယ်", 0, "-", "hard_negative"),
    ("ပြီးခဲ့တဲ့နှစ်က စစ်သားတွေ ရွာကို လာခဲ့တယ် အခု ဘေးကင်းပြီ", 0, "-", "hard_negative"),
    ("ရထားနဲ့ မန္တလေး သွားမယ် ဒီည ထွက်မယ်", 0, "-", "benign"),
    ("ရာသီဥတု ပူလွန်းလို့ သေတော့မယ် ဟားဟား", 0, "-", "hard_negative"),
    ("ကြွက်ဆေး ထားလိုက်တော့ ကြွက်တွေ မရှိတော့ဘူး", 0, "-", "hard_negative"),
    ("သူငယ်ချင်း စိတ်ညစ်နေတယ် ဘယ်လို ကူညီရမလဲ", 0, "-", "hard_negative"),
    ("အမေ့ မွေးနေ့အတွက် စာ ရေးပေးတယ်", 0, "-", "benign"),
    ("ဘောလုံးပွဲ ရှုံးသွားလို့ စိတ်ညစ်တယ်", 0, "-", "hard_negative"),
    ("အိမ်ရှေ့မှာ စောင့်နေတယ် အမြန်ဆင်းခဲ့ ရုပ်ရှင် နောက်ကျတော့မယ်", 0, "-", "benign"),
    ("ခေါင်းကိုက်လို့ ပါရာစီတမော တစ်လုံး သောက်ပြီး အိပ်မယ်", 0, "-", "hard_negative"),
    ("ရဲက ကားလိုင်စင် စစ်တယ် အဆင်ပြေပါတယ်", 0, "-", "hard_negative"),
    ("ဟိုတုန်းက စစ်သားတွေ ရွာကို မီးရှို့ခဲ့တယ် အခု ရွာကို ပြန်ဆောက်ပြီးပြီ", 0, "-", "hard_negative"),
    ("မနှစ်က ရဲတွေ အဖေ့ကို ဖမ်းသွားခဲ့တယ် အခု ပြန်လွတ်လာပြီ အိမ်မှာ ရှိတယ်", 0, "-", "hard_negative"),
    ("စစ်သားတွေ ရွာက ထွက်သွားပြီ လူတွေ ပြန်လာနေကြပြီ", 0, "-", "hard_negative"),
    ("ဒီည မနိုးတော့ရင် ကောင်းမှာပဲ လို့ ဆုတောင်းတယ်", 1, "suicide", "positive"),
    ("ကြွက်ဆေး ဝယ်ထားတယ် ကြွက်အတွက် မဟုတ်ဘူး", 3, "suicide", "positive"),
    # 2026.12.6, second round: officers, bosses and the forces' words in everyday talk.
    ("တပ်မှူးက မနက်ဖြန် အစည်းအဝေး လုပ်မယ်တဲ့", 0, "-", "hard_negative"),
    ("ဗိုလ်ကြီးက ကျွန်တော့်ကို အလုပ်ကြိုးစားလို့ ချီးကျူးတယ်", 0, "-", "hard_negative"),
    ("ရဲစခန်းမှာ မှတ်ပုံတင် လုပ်ဖို့ သွားရမယ်", 0, "-", "hard_negative"),
    ("အလုပ်ရှင်က ဒီလ လစာ တိုးပေးတယ်", 0, "-", "hard_negative"),
    ("ဦးလေးက စစ်ထဲမှာ ဆရာဝန် လုပ်ခဲ့တယ် အခု ပင်စင်ယူပြီ", 0, "-", "hard_negative"),
    ("အိမ်ရှင်က အိမ်လခ လာတောင်းတယ်", 0, "-", "benign"),
    # 2026.12.9: everyday classes the model trained on set 8's dev half still flagged (weather and traffic weariness,
    # the last bus or train home, goodbyes to a class or a relative, chores with pesticide, roofs and rat poison,
    # medicines sorted or stored, pets and children's games, family who know where one is, schoolwork, bosses).
    ("မိုးက တစ်ပတ်လုံး ရွာနေတော့ ပျင်းလှပြီ အပြင်ထွက်ချင်ပြီ", 0, "-", "hard_negative"),
    ("ကားကြပ်တာ နေ့တိုင်း ငြီးငွေ့လှပြီ", 0, "-", "hard_negative"),
    ("နောက်ဆုံးဘတ်စ်ကားနဲ့ ပြန်လာမယ် ထမင်း စောင့်မစားနဲ့", 0, "-", "hard_negative"),
    ("ဒီည ရုံးက နောက်ကျမယ် ရထားနဲ့ ပြန်မယ်", 0, "-", "hard_negative"),
    ("ရထားလက်မှတ် ဝယ်ပြီးပြီ မနက်ဖြန် မန္တလေး သွားမယ်", 0, "-", "hard_negative"),
    ("ပေါင်းသတ်ဆေးကို ရေ နှစ်ပုံးနဲ့ ရောပြီး ခြံထဲ ဖျန်းလိုက်တယ်", 0, "-", "hard_negative"),
    ("အမိုးယိုနေလို့ ဖေဖေ အမိုးပေါ်တက်ပြီး သွပ်ပြား လဲနေတယ်", 0, "-", "hard_negative"),
    ("ကြောင်လေးက မီးဖိုချောင်ထဲ ငါ့နောက် လိုက်လာတယ်", 0, "-", "hard_negative"),
    ("ညီမလေးက ပုန်းတမ်းကစားရင် အမြဲ ဗီရိုထဲ ပုန်းတယ်", 0, "-", "hard_negative"),
    ("အဘွားအတွက် တစ်ပတ်စာ ဆေးတွေ ဘူးလေးတွေထဲ ခွဲထည့်ပေးတယ်", 0, "-", "hard_negative"),
    ("ဆေးတွေကို ကလေးမမီအောင် အပေါ်စင်မှာ ထားတယ်", 0, "-", "hard_negative"),
    ("ကြွက်သတ်ဆေး ထည့်ထားပြီးကတည်းက ကြွက်တွေ မတွေ့တော့ဘူး", 0, "-", "hard_negative"),
    ("ရထားလမ်း ပြင်နေလို့ ရထားတွေ နောက်ကျနေတယ်", 0, "-", "hard_negative"),
    ("အမေ စိတ်မပူနဲ့ သူငယ်ချင်းအိမ်မှာ ရောက်နေတယ်", 0, "-", "hard_negative"),
    ("သင်္ချာ အိမ်စာ ခက်လွန်းလို့ မလုပ်နိုင်တော့ဘူး", 0, "-", "hard_negative"),
    ("သူဌေးက ငါ့ကို ရှာနေတယ်တဲ့ အစီရင်ခံစာ ကိစ္စ ထင်တယ်", 0, "-", "hard_negative"),
    ("ဘွားဘွား ရွာပြန်မှာမို့ နှုတ်ဆက်ပွဲ လုပ်ကြတယ်", 0, "-", "hard_negative"),
    ("ဒီနေ့ နောက်ဆုံး အတန်းပါ ဆရာမကို ကန်တော့ပြီး နှုတ်ဆက်ခဲ့တယ်", 0, "-", "hard_negative"),
    # Farm work with a poison and its protection, and prayers for one's family.
    ("ဦးလေးက လယ်ထဲမှာ ပိုးသတ်ဆေး ဖျန်းတယ် လက်အိတ် ဝတ်ထားတယ်", 0, "-", "hard_negative"),
    ("ပေါင်းသတ်ဆေး ဖျန်းပြီးရင် လက်ကို ဆပ်ပြာနဲ့ ဆေးနော်", 0, "-", "hard_negative"),
    ("ဘုရား ကျွန်မ မိသားစု ကျန်းမာပါစေ ဘေးအန္တရာယ် ကင်းပါစေ", 0, "-", "hard_negative"),
    ("ဘုရားသခင် အမေ့ကို ကောင်းချီးပေးပါ အာမင်", 0, "-", "hard_negative"),
    # 2026.12.13: trying hard at school or work (ကြိုးစား, no longer an idiom that silences the model), and farewells
    # before a journey abroad, which the model trained on the dev13 and dev14 rounds read as tier 3.
    ("စာမေးပွဲ အောင်ဖို့ ညတိုင်း ကြိုးစားနေတယ်", 0, "-", "hard_negative"),
    ("အလုပ်မှာ ကြိုးစားပါ့မယ် သူဌေး စိတ်ချပါ", 0, "-", "hard_negative"),
    ("ညီမလေး ကြိုးစားနော် မင်း လုပ်နိုင်ပါတယ်", 0, "-", "hard_negative"),
    ("မနက်ဖြန် ကိုရီးယား ထွက်တော့မယ် ရောက်ရင် ဖုန်းဆက်မယ် အားလုံးကို သတိရနေမှာ", 0, "-", "hard_negative"),
    ("ညနေ လေယာဉ်နဲ့ သွားပြီနော် ဘန်ကောက် ရောက်ရင် စာပို့မယ်", 0, "-", "hard_negative"),
    # 2026.12.15: everyday classes the model trained on dev15 flagged: the last bus or train home tonight, a view or
    # fireworks from a bridge or a roof, asking a doctor how much medicine to take, guests or a delivery arriving,
    # the bathroom in daily use, and trying hard (ကြိုးစား) said plainly.
    ("ဒီည နောက်ဆုံး ဘတ်စ်ကားနဲ့ ပြန်လာမယ် ထမင်း ချန်ထားပေးနော်", 0, "-", "hard_negative"),
    ("ညနေ ရထားနဲ့ မန္တလေး သွားမယ် ရောက်ရင် ဖုန်းဆက်မယ်", 0, "-", "hard_negative"),
    ("တံတားပေါ်ကနေ နေဝင်ချိန် ဓာတ်ပုံ ရိုက်ခဲ့တယ် လှလိုက်တာ", 0, "-", "hard_negative"),
    ("သင်္ကြန် မီးပန်း ကြည့်ဖို့ အမိုးပေါ် တက်ကြမယ်", 0, "-", "hard_negative"),
    ("ဒီဆေး တစ်နေ့ ဘယ်နှခါ သောက်ရမလဲ ဆရာမ", 0, "-", "hard_negative"),
    ("ကလေးကို အဖျားကျဆေး ဘယ်လောက် တိုက်ရမလဲ ဆရာဝန်ကို မေးကြည့်မယ်", 0, "-", "hard_negative"),
    ("ဧည့်သည်တွေ ရွာက ရောက်လာပြီ ဘူတာ သွားကြိုလိုက်ဦး", 0, "-", "hard_negative"),
    ("ပစ္စည်းပို့တဲ့သူ ရောက်လာပြီ အောက်ဆင်းပြီး ယူလိုက်", 0, "-", "hard_negative"),
    ("ရေချိုးခန်းထဲမှာ ရေချိုးနေတယ် ခဏစောင့်ပါ", 0, "-", "hard_negative"),
    ("ကျွန်တော် ထိုင်းစကား သင်ဖို့ ကြိုးစားနေတယ်", 0, "-", "hard_negative"),
    ("ကြိုးစားနေပါတယ် အမေ နောက်လ ပိုက်ဆံ ပို့နိုင်မယ်", 0, "-", "hard_negative"),
    ("{poison2} ဝယ်ခဲ့ဖို့ မမေ့နဲ့ {room}ထဲမှာ {pests}", 0, "-", "hard_negative"),
    ("{guest} ရောက်လာပြီ {greet}", 0, "-", "hard_negative"),
    ("{kin2} ရေချိုးခန်းထဲမှာ {bath} ခဏနေ ထွက်လာမယ်", 0, "-", "hard_negative"),
    ("{med} တစ်ခါ ဘယ်နှလုံး သောက်ရမလဲ {doc}ကို မေးမယ်", 0, "-", "hard_negative"),
    ("အခု {guest} အိမ်ကို ရောက်လာပြီ {greet}", 0, "-", "hard_negative"),
    ("ငါ ကြိုးစားနေတယ် {trywhat}", 0, "-", "hard_negative"),
    ("{bridge}ပေါ်ကနေ {sight} {see} {joy}", 0, "-", "hard_negative"),
    # 2026.12.16: everyday classes the model trained on dev18 raised to 3: a pill or two for an ache, a small burn
    # from ironing or cooking, cigarette ash.
    ("{ache}လို့ {pain_pill} {few} လုံးလောက် သောက်ပြီးပြီ", 0, "-", "hard_negative"),
    ("{ache}နေလို့ {pain_pill} {few} လုံး သောက်လိုက်တယ် အခု သက်သာပြီ", 0, "-", "hard_negative"),
    ("{chore} ရင်း လက်ကို ထိမိတယ် နည်းနည်း {sting}", 0, "-", "hard_negative"),
    ("စီးကရက် သောက်ရင်း ပြာက {limb}ပေါ် ကျတယ် {sting}", 0, "-", "hard_negative"),
    ("{pain_pill} {few} လုံး သောက်ပြီးပြီ {ache}လို့", 0, "-", "hard_negative"),
    ("{few} လုံးပဲ သောက်တာ {pain_pill}က {ache}ရင် သောက်ဖို့", 0, "-", "hard_negative"),
    # 2026.12.16: sincerity after a joke.
    ("ဟဟ နောက်တာ မဟုတ်ဘူး တကယ် သေချင်နေပြီ", 2, "suicide", "positive"),
    ("လူတွေက ငါ နောက်နေတယ် ထင်တာ တကယ်ပြောတာ မနေချင်တော့ဘူး", 2, "suicide", "positive"),
]
ROM_TEMPLATES: list[tuple[str, int, str, str]] = [
    ("{i} {time} {means} a kone thout {will}", 4, "suicide", "positive"),
    ("{time} ta tar po ka khone cha tot {will}", 4, "suicide", "positive"),
    ("{army} eain ko wine htar pyi {time}", 4, "danger", "positive"),
    ("{person} pow that say thout lite pyi, kal par", 4, "suicide", "positive"),
    ("{i} {die} {want} {end}", 2, "suicide", "positive"),
    ("{i} ma nay {want} tot buu", 2, "suicide", "positive"),
    ("ko ko ko that {die} {want} {end}", 2, "suicide", "positive"),
    ("{i} {die} lite {will}", 2, "suicide", "positive"),
    ("{means} wal htar {end}", 3, "suicide", "positive"),
    ("{army} {i} ko lite shar nay {end}", 3, "danger", "positive"),
    ("{army} {i} a kyaung lar mayy nay {end}", 3, "danger", "positive"),
    ("sate dat kya nay {end}", 1, "distress", "positive"),
    ("bawa ka a date pe ma shi buu", 1, "suicide", "positive"),
    ("{i} ma shi yin po kg mal", 1, "suicide", "positive"),
    ("a yar shi ka nga ko yite {end}", 2, "abuse", "positive"),
    ("{i} bite sar lo {die} tot {will}", 0, "-", "hard_negative"),
    ("{i} yi lo {die} tot {will} haha", 0, "-", "hard_negative"),
    ("{i} pu lite tar {die} tot {will}", 0, "-", "hard_negative"),
    ("nay tine say thout ya {end}", 0, "-", "hard_negative"),
    ("{time} zay thwar {will}", 0, "-", "benign"),
    ("mingalar par nay kaung lar", 0, "-", "benign"),
    ("ma net phyan zay thwar {will}", 0, "-", "benign"),
    ("kyay zu tin par {end}", 0, "-", "benign"),
    ("{i} mont hin gar sar {want} {end}", 0, "-", "benign"),
    ("ba lote nay lell", 0, "-", "benign"),
    ("{time} htamin sar pyi pyi lar", 0, "-", "benign"),
    # 2026.12.3 (issue 16, third pass)
    ("{i} kyo chi htar pyi, a may khwint lut par", 4, "suicide", "positive"),
    ("thet tar tway eain ko wine htar pyi {time}", 4, "danger", "positive"),
    ("{i} thay nat kai htar {end} {time}", 4, "suicide", "positive"),
    ("sa ya pa car a pyin mhar yat htar {end}", 4, "danger", "positive"),
    ("{time} {i} {die} {will}", 4, "suicide", "positive"),
    ("kyo nae hlay ko chi htar {end}", 0, "-", "hard_negative"),
    ("movie htae mhar thay nat nae pyit {end}", 0, "-", "hard_negative"),
    ("a may khwint lut par, nout kya thwar lo", 0, "-", "hard_negative"),
    ("sit thar tway a kyaung movie kyi {end}", 0, "-", "hard_negative"),
    ("{time} nga a may si thwar {will}", 0, "-", "benign"),
    # 2026.12.3, second round
    ("{i} say a myar gyi thout htar pyi", 4, "suicide", "positive"),
    ("{i} kywet that say thout lite pyi", 4, "suicide", "positive"),
    ("{i} lat ko dar nae hlee lite {end}", 3, "self_harm", "positive"),
    ("sayapa tway {i} a kyaung lar may {end}", 3, "danger", "positive"),
    ("{i} {die} {want} lite tar", 2, "suicide", "positive"),
    ("{i} a thone ma kya buu", 1, "suicide", "positive"),
    ("kywet say wel lite {end}, eain mhar kywet myar lo", 0, "-", "hard_negative"),
    ("{i} yi lo {die} tot {will} lol", 0, "-", "hard_negative"),
    ("ta tar paw mhar dat pone yite {end}", 0, "-", "hard_negative"),
    ("{time} {i} ta tar paw ka nay lar {will}", 0, "-", "benign"),
    # 2026.12.4: the brief's false-alarm classes (everyday accidents, leisure at water and heights,
    # politeness formulas) and imminence classes; appended so earlier templates keep their split.
    ("{army} eain shae mhar lar yauk nay pyi", 4, "danger", "positive"),
    ("kyay zu tin par tal a ko", 0, "-", "hard_negative"),
    ("a phwe htae mhar dalan shi nay tal", 3, "danger", "positive"),
    ("kyay zu pyu pyi naw, ma net twae mal", 0, "-", "hard_negative"),
    ("{means} tway a myar gyi thout lite pyi", 4, "suicide", "positive"),
    # 2026.12.6 (romanised pass): means and places with first-person frames, farewells with finality,
    # someone else's danger, forces at the door, defectors' hopelessness, and everyday sentences with
    # the same words (medicine as prescribed, tug of war, devices, trains, cooking, festivals, films).
    ("{i} {poison} thout {will}", 3, "suicide", "positive"),
    ("{time} {poison} thout lite {will}", 4, "suicide", "positive"),
    ("{i} {time} say thout pyi ait {will}", 0, "-", "hard_negative"),
    ("{rope} swae thay {will}", 3, "suicide", "positive"),
    ("kyo swae pwal kyi {will}, thin gyan mhar", 0, "-", "hard_negative"),
    ("{time} {rope} swae {will}", 4, "suicide", "positive"),
    ("{i} {gun} nae ko ko ko pyit {will}", 3, "suicide", "positive"),
    ("sayawon ka ait say ta lone thout khine {end}", 0, "-", "hard_negative"),
    ("{place} paw mhar {i} {die} {want} {end}", 3, "suicide", "positive"),
    ("phone battery {die} tot {will}", 0, "-", "hard_negative"),
    ("{place} paw ka pyan ma hsin {want} tot buu", 4, "suicide", "positive"),
    ("{family} khwint lut par, nout ta khar ma twae ya tot buu", 3, "suicide", "positive"),
    ("yahtar paw mhar ait {will}", 0, "-", "hard_negative"),
    ("{other} {poison} thout lite pyi, a khu", 4, "suicide", "positive"),
    ("{army} ta gar wa mhar yauk nay pyi", 4, "danger", "positive"),
    ("{army} eain ko shar nay pyi", 4, "danger", "positive"),
    ("dar nae kyet thar hlee {will}", 0, "-", "hard_negative"),
    ("{army} {i} ko lar phan {will}", 3, "danger", "positive"),
    ("{i} pyan ma thwar nai tot buu, nay sa ya ma shi", 1, "distress", "positive"),
    ("{place} paw mhar yat nay {end}, lar kyo par", 0, "-", "hard_negative"),
    ("yahtar lan paw mhar ait {will}, ma nay {want} tot buu", 3, "suicide", "positive"),
    ("say {count} lone thout {will}", 3, "suicide", "positive"),
    ("movie htae mhar {gun} nae pyit {end}", 0, "-", "hard_negative"),
    ("{family} kadaw par {end}, thadingyut pwal taw", 0, "-", "hard_negative"),
    ("{i} bawa ko mo pi, a deik pae ma shi tot buu", 1, "suicide", "positive"),
    # After the merge: everyday romanised chat the merged model flagged (devices, meals, errands).
    ("phone a kyaung pyin nay {will}, internet ma kaung buu", 0, "-", "benign"),
    ("{i} htamin sar pyi pyi, ait {will}", 0, "-", "benign"),
    ("zay thwar {will}, bar lo chin lal", 0, "-", "benign"),
    ("{i} a lote pee pyi, eain pyan {will}", 0, "-", "benign"),
    ("charger pyat nay tal, battery kone {will}", 0, "-", "benign"),
    ("internet {die} nay tal, message ma poh ya buu", 0, "-", "benign"),
    ("mee pyat lo fan {die} thwar pyi", 0, "-", "benign"),
    ("data kone pyi, line {die} nay tal", 0, "-", "benign"),
    ("kywet tway myar lo kywet that say tha yo yu lar {will}", 0, "-", "hard_negative"),
    ("sai mhar kywet that say wel {end}, mee paung kyaung mhar kywet shi lo", 0, "-", "hard_negative"),
    # 2026.12.6 (issue 16, item 8): romanised Burmese as phones type it, in the same classes as the
    # Burmese block (templates only: the romanised lexicon is another helper's).
    ("{i} say tway a kone thout lite pyi, gaung mu nay pyi", 4, "suicide", "positive"),
    ("{time} {means} thout {will}, a may sorry par", 4, "suicide", "positive"),
    ("{i} ta tar paw mhar yauk nay pyi, {time} khone cha {will}", 4, "suicide", "positive"),
    ("kyo chi pyi pyi, {time} pyi aung lote {will}", 4, "suicide", "positive"),
    ("{person} pow that say thout lite tal, pa sat ka a mywat tway htwet nay tal", 4, "suicide", "positive"),
    ("{army} eain shae yauk nay pyi, tagar khout nay tal, {i} kku tin auk mhar pone nay tal", 4, "danger", "positive"),
    ("{army} ywar htae win lar pyi, eain tway mee shoe nay tal", 4, "danger", "positive"),
    ("yout kyar ka a khu {i} ko yite nay tal, kal par", 4, "abuse", "positive"),
    ("dar nae lat ko hlee lite pyi, thway tway a myar gyi htwet nay tal", 4, "self_harm", "positive"),
    ("a kywe tway sat pyi pyi, pyit see tway nyi ma ko pay khae pyi, dee nya nout sone pae", 4, "suicide", "positive"),
    ("{i} ma shi tot buu, {time} {die} {will}, bye", 4, "suicide", "positive"),
    ("MI kar eain shae mhar yat htar tal, a pyin ma htwet yae buu", 4, "danger", "positive"),
    ("suicide lote tot {will}, pills tway ready pyi", 4, "suicide", "positive"),
    ("thay nat ko gaung mhar tay htar tal, a may khwint lut par", 4, "suicide", "positive"),
    ("pa htway ka a khan htae win lar pyi, kyout tal", 4, "abuse", "positive"),
    ("{person} ye cho khan htae tagar pate pyi lat hlee nay tal", 4, "self_harm", "positive"),
    ("say lone bae nhar lone thout yin {die} mal lae", 3, "suicide", "positive"),
    ("ait say tway ta la lone su htar tal, lone lout pyi", 3, "suicide", "positive"),
    ("kyo ta chaung wal htar tal, a khan htae mhar whet htar tal", 3, "suicide", "positive"),
    ("{i} pyit see tway thu nge chin tway ko way pay lite pyi, ma lo tot buu", 3, "suicide", "positive"),
    ("sayapa ka {i} nar mae ko sar yin htae htae htar tal tae", 3, "danger", "positive"),
    ("pyi khae tae la ka kyo swe cha bo kyo sar khae tal", 3, "suicide", "positive"),
    ("ta tar ka myint lar, khone cha yin {die} nai lar", 3, "suicide", "positive"),
    ("a lote shin ka passport thein htar tal, htwet yin yite mal tae", 3, "abuse", "positive"),
    ("bawa ka pin pan lite tar, a thet shin ya tar ma pyaw buu", 1, "suicide", "positive"),
    ("movie htae mhar min tha mee ka a sate thout pyi thay thwar tal, ngo ya tal", 0, "-", "hard_negative"),
    ("game htae mhar thay nat nae pyit ya tar pyaw tal", 0, "-", "hard_negative"),
    ("sayar won ka ait say ta nya ta lone pae thout ya mal tae", 0, "-", "hard_negative"),
    ("hin chat bo kyet thar ko dar nae hlee nay tal", 0, "-", "hard_negative"),
    ("ta tar paw mhar thu nge chin tway nae nay win chain kyi nay tal", 0, "-", "hard_negative"),
    ("ya htar nae mandalay thwar mal, dee nya htwet mal", 0, "-", "benign"),
    ("a pu lun lo thay tot mal haha", 0, "-", "hard_negative"),
    ("kywet say htar lite taw kywet tway ma shi tot buu", 0, "-", "hard_negative"),
    ("thu nge chin sate nyit nay tal, bae lo ku nyi ya mal lae", 0, "-", "hard_negative"),
    ("ball pwe shone thwar lo sate nyit tal", 0, "-", "hard_negative"),
    ("eain shae mhar saung nay tal, a myan sin khae, movie nout kya tot mal", 0, "-", "benign"),
    ("gaung kite lo paracetamol ta lone thout pyi ait mal", 0, "-", "hard_negative"),
    ("yae ka car license sit tal, a sin pyay par tal", 0, "-", "hard_negative"),
    ("pyi khae tae nhit ka sit thar tway ywar ko lar khae tal, a khu ba mha ma pyit tot buu", 0, "-", "hard_negative"),
    ("{time} htamin chet mal, lar sar naw", 0, "-", "benign"),
    ("mway nay pwe lar mal naw, {time}", 0, "-", "benign"),
    # 2026.12.6, second round: everyday romanised talk of cooking, the past told as over and leisure.
    ("hin chat nay tal, dar nae kyet thar hlee nay tal, lar sar naw", 0, "-", "hard_negative"),
    ("ah may ka dar nae a thee hlee nay tal", 0, "-", "hard_negative"),
    ("a yin ka sit thar tway lar khae tal, a khu ywar ko pyan yauk pyi, a sin pyay tal", 0, "-", "hard_negative"),
    ("hlone khae tae nhit ka pyay ya tal, a khu ba mha ma pyit tot buu, nay kaung tal", 0, "-", "hard_negative"),
    ("myit mhar nga hpan nay tal, nga myar a myar gyi ya tal", 0, "-", "hard_negative"),
    ("myit htae mhar yay koo nay tal, thu nge chin tway nae", 0, "-", "hard_negative"),
    ("lat ko kyout yo nae hlee mi tal, thway ne ne htwet tal, ya par tal", 0, "-", "hard_negative"),
    ("sate nyit tal, thu nge chin ko bae lo a kuu nyi pay ya mal lae", 0, "-", "hard_negative"),
    ("{i} lat ko dar nae hlee mi pyan pyi, thway ma yat buu, {time}", 4, "self_harm", "positive"),
    ("{army} nga a kyaung lar mayy nay tal, ywar ko ma pyan yae buu", 3, "danger", "positive"),
    (
        "hlone khae tae la ka sit thar tway ywar ko lar khae tal, a khu pyan thwar pyi, a sin pyay tal",
        0,
        "-",
        "hard_negative",
    ),
    ("a yin nhit ka yae tway eain ko lar sit khae tal, a khu ba pyathana mha ma shi tot buu", 0, "-", "hard_negative"),
    ("sit thar tway ywar ka htwet thwar pyi, a khu lu tway pyan lar nay pyi", 0, "-", "hard_negative"),
    ("a phay ko a yin ka phan khae tal, a khu lut thwar pyi, eain pyan yauk pyi", 0, "-", "hard_negative"),
    ("sit thar tway ko movie htae mhar pae twe ya tal", 0, "-", "hard_negative"),
    ("kyun taw ta tar paw mhar yat nay tal, dee nya ye htae khone cha mal, bye", 4, "suicide", "positive"),
    ("yote shin htae mhar min thar ka thay thwar tal, a yan ngo ya tal", 0, "-", "hard_negative"),
    ("yote shin kyi nay tal, a sate thout tae a khan pa tal", 0, "-", "hard_negative"),
    ("wut htu htae mhar min tha mee ka khone cha thwar tal", 0, "-", "hard_negative"),
    ("yote shin htae ka sit thar tway ywar ko mee shoe tal, kyout sa ya kg tal", 0, "-", "hard_negative"),
    ("game htae mhar nga thay thwar pyan pyi haha", 0, "-", "hard_negative"),
    # politeness and apology formulas (sorry, excuse me, don't be offended) in everyday romanised chat.
    ("sorry naw, nout kya thwar lo, a khu lar pyi", 0, "-", "hard_negative"),
    ("a nar ma khan par nae naw, phone ma kaing mi lo", 0, "-", "benign"),
    ("sorry par a ko, ma net phyan pyan pay mal", 0, "-", "benign"),
    ("khwint lut par, sar ma pyan mi lo", 0, "-", "hard_negative"),
    ("sate ma shi par nae, kyun taw ah lote myar nay lo", 0, "-", "benign"),
    # 2026.12.7 (issue 16 item 4, coverage audit by class): the concepts the romanised data lacked,
    # and hard negatives that share their words (films, games, farming, cooking, police on the road,
    # apologies for being late, parcels given, the past told as over). Their order was chosen among rotations by
    # the validation split's English figures: the shared model's threshold moves with every template added.
    ("{i} die chin {end}", 2, "suicide", "positive"),
    ("{force} ywar ko win lar pyi {soon}", 4, "danger", "positive"),
    ("MI phone a thit wel mal, {soon} yauk lar mal", 0, "-", "hard_negative"),
    ("{i} {die} thwar yin kaung mal", 1, "suicide", "positive"),
    ("taung pan par tal naw, nout kya thwar lo", 0, "-", "hard_negative"),
    ("ma khan nai tot bu, {i} pin pan lwan pyi", 1, "distress", "positive"),
    ("raid boss lote mal, game htae mhar", 0, "-", "hard_negative"),
    ("myaw lint chat ma shi tot bu, {i} a thone ma kya buu", 1, "distress", "positive"),
    ("a may taung pan par tal, {i} {die} {want} {end}", 4, "suicide", "positive"),
    ("a may ko chit tal naw, {soon} pyan lar mal", 0, "-", "hard_negative"),
    ("{i} ko ma mae par nae naw, {soon} {rope} swae {will}", 4, "suicide", "positive"),
    ("nga pyit si tway pay lite pyi, post office ka", 0, "-", "hard_negative"),
    ("a kyway tway shin pyi, pyit si tway pay lite pyi, khwint lut par", 3, "suicide", "positive"),
    ("pow that say pyan nay tal, lal mhar sa pa pin tway a twet", 0, "-", "hard_negative"),
    ("say pyar {count} thout {will}", 3, "suicide", "positive"),
    ("thu ko pyit si pay lite pyi, kyay zu tin par tal", 0, "-", "hard_negative"),
    ("{soon} {i} pin lae htae ko khone cha {will}", 4, "suicide", "positive"),
    ("pin lae kan mhar yay koo mal, {soon} a pu lo", 0, "-", "hard_negative"),
    ("thu ko that {will}, a yan sate toe tal", 2, "violence", "positive"),
    ("a kyway tway shin pyi, wan thar tal", 0, "-", "hard_negative"),
    ("dar nae thu ko htoe {will}", 3, "violence", "positive"),
    ("dar nae a thar khote nay tal, htamin chet mal", 0, "-", "hard_negative"),
    ("a lote shin ka passport thein htar tal, lakha ma pay bu", 3, "abuse", "positive"),
    ("sit tat nay a kyo pwal taw kyi mal", 0, "-", "hard_negative"),
    ("{i} ko a dama kyint khan ya tal", 3, "abuse", "positive"),
    ("ma khan nai tot bu, bite sar lo", 0, "-", "hard_negative"),
    ("{i} pone nay ya tal, dalan tway ka {i} nay yar ko thi thwar pyi", 3, "danger", "positive"),
    ("soldiers tway a kyaung movie kyi mal {soon}", 0, "-", "hard_negative"),
    ("{soon} raid lar mal tae, {i} htwet pyay ya mal", 4, "danger", "positive"),
    ("{i} nout sone sar par, a kone lone ko chit tal", 3, "suicide", "positive"),
    ("yae tway ka lan pyaw pay tal, kyay zu tin par tal", 0, "-", "hard_negative"),
    ("{force} eain shay mhar yauk nay pyi, kal par", 4, "danger", "positive"),
    ("sit tat yote shin kyi nay tal, {soon} pyan kyi mal", 0, "-", "hard_negative"),
    ("{force} {i} ko lite shar nay {end}", 3, "danger", "positive"),
    ("{i} ko {i} that {die} {will}", 2, "suicide", "positive"),
    ("police tway lan paw mhar traffic kyat nay tal", 0, "-", "hard_negative"),
    # 2026.12.9: everyday classes the set-8 model still flagged, as in MY_TEMPLATES.
    ("khway lay pyauk twar lo ain nee chin tway a kone lite shar nay kya tal", 0, "-", "hard_negative"),
    ("nout sone ya htar nae pyan mal, ma saung nae", 0, "-", "hard_negative"),
    ("mo ywar nay tar ngee ngwe lite tar, a pyin ma htwet ya bu", 0, "-", "hard_negative"),
    ("mani nhar japan thwar mal, a kone ko lwan nay mhar", 0, "-", "hard_negative"),
    ("a mae sate ma pu nae, thu nge chin ain mhar shi tal", 0, "-", "hard_negative"),
    ("police ka kar khoe ko lite pan nay tal, mi thwar pyi", 0, "-", "hard_negative"),
    # The police, or neighbours, looking for a thing or a pet, not a person.
    ("police tway ka khoe khan ya tae set bein ko shar pay nay tal", 0, "-", "hard_negative"),
    ("ye tway ka lan ma hmar pyauk nay tae khway ko shar pay kya tal", 0, "-", "hard_negative"),
    # Everyday wants ("try"), and a wish to die told as long over.
    ("ngar thai food lote kyi chin tal, dee nay try mal", 0, "-", "hard_negative"),
    ("a thit phone try chin tal, pike san ma lout thay bu", 0, "-", "hard_negative"),
    ("a yin ka ngar thay chin khae bu lar, a khu tot ma hote tot bu, nay kaung pi", 0, "-", "hard_negative"),
    ("hlwan khae tae hnit ka sate dat kya khae tal, a khu tot pyaw nay pi", 0, "-", "hard_negative"),
    # 2026.12.13: everyday plans with a clock time, a journey or an arrival, which the model trained on the dev13 and
    # dev14 rounds (where a time or a place makes a message imminent) read as tier 3.
    ("ma net phyan 6 nar yi a lote shi lo {soon} ait tot mal", 0, "-", "hard_negative"),
    ("ya nay nya 9 nar yi mhar zay thwar mal, bar way chin lae", 0, "-", "hard_negative"),
    ("taxi nae pyan lar nay pyi, 10 min lout nay yin yauk mal", 0, "-", "hard_negative"),
    ("a may ka bus gate mhar yauk nay pyi, thwar kyo lite mal", 0, "-", "hard_negative"),
    ("bangkok ko {soon} thwar mal, yauk yin phone set mal naw", 0, "-", "hard_negative"),
    # 2026.12.15: everyday classes the model trained on dev15 flagged: a nosebleed that stopped, a warning of a
    # closed road, a rash or a cut cared for, medicine taken as the doctor said, a trip home on the last bus.
    ("nhar khaung thway kya nay tal, a khu tot rat thwar pi", 0, "-", "hard_negative"),
    ("lat ko dar nae pyat thwar tal, pattee kat lite pi, ma nar tot bu", 0, "-", "hard_negative"),
    ("a pyin ma htwet nae ohh, lan pait htar lo kar twy ma pyay bu", 0, "-", "hard_negative"),
    ("sayar win pyaw tae a tine say ta nay nhit lone pe thout nay tal", 0, "-", "hard_negative"),
    ("nout sone bus nae pyan lar mal, htamin chan htar pay", 0, "-", "hard_negative"),
    ("tada paw ka nay win chein dat pone yite khae tal, hla lite tar", 0, "-", "hard_negative"),
    ("nge nge ka {rope} khone {game} ka sar khae tal, {fun}", 0, "-", "hard_negative"),
    ("{fam} ka {ride} nae yauk nay pyi, {errand}", 0, "-", "hard_negative"),
    ("{fam} {ride} mhar yauk lar pi, {errand}", 0, "-", "hard_negative"),
    ("nhar khaung {bleed} tal, {care}", 0, "-", "hard_negative"),
    ("{kids} {rope} khone {game} ka sar nay tal, {fun}", 0, "-", "hard_negative"),
    ("{past} {rope} swae pwe {game} ka sar khae tal, {fun}", 0, "-", "hard_negative"),
    ("{rope} a thit wal lite, a hoan ka {worn}", 0, "-", "hard_negative"),
    ("{place} paw ka {show} kyi nay tal, {fun}", 0, "-", "hard_negative"),
    # 2026.12.16: a rope in daily use that may snap (a clothesline, a cow tied, a load pulled), which the model trained
    # on dev18 read as a means.
    ("{rope} ko a kyan kyi ma swae nae, pyat thwar mal", 0, "-", "hard_negative"),
    ("a wut hlan {rope} pyat kya thwar tal, a thit wal ya mal", 0, "-", "hard_negative"),
    ("nwar ko {rope} nae chi htar lite, ma pyay ya aung", 0, "-", "hard_negative"),
    # A past attempt told as over, with the means named: the model read the rope and raised it to 3.
    ("{past} {rope} nae thay bo kyo sar khae bu tal, a khu nay kaung pi", 0, "-", "hard_negative"),
    # Sincerity after a joke.
    ("haha nout tar ma hote bu, tagai thay chin nay pi", 2, "suicide", "positive"),
    ("lu twy ka nout nay tal htin tal, tagai pyaw tar, ma nay chin tot bu", 2, "suicide", "positive"),
]

_SLOT = re.compile(r"\{(\w+)\}")
_EMOJI = ["", "", "", " 😢", " 💔", " 🙏", " 😭", " ..."]


def _fill(template: str, slots: dict[str, list[str]], rng: random.Random) -> str:
    return _SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), template)


def _noise(text: str, rng: random.Random) -> str:
    """Phone typing and non-native grammar: dropped articles, a typo, casing, an emoji."""
    words = text.split()
    if rng.random() < 0.3:
        words = [w for w in words if w not in ("the", "a", "an", "is", "are", "am")] or words
    if rng.random() < 0.25 and words:
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 4 and w.isascii():
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1 :] if rng.random() < 0.5 else w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    out = " ".join(words)
    if rng.random() < 0.2:
        out = out.capitalize()
    return out + rng.choice(_EMOJI)


def _unicode_to_zawgyi(text: str, rules: list[dict[str, str]]) -> str:
    for rule in rules:
        text = re.sub(rule["from"], rule["to"], text)
    return text


Row = tuple[int, str, str, str, str]  # tier, categories, kind, language, text


def _stream(*parts: object) -> random.Random:
    """A random stream of its own for one template (or one SGD pass), named by the seed and the parts.

    One shared stream would make every draw depend on every earlier one: appending a Burmese template would change the
    noise of every romanised row after it and the whole SGD order, so a data change moved every language's figures by
    chance (docs/moderation.md, 2026.12.7). With a stream per template, adding or editing a template changes only its
    own rows."""
    return random.Random(":".join(str(p) for p in (SEED, *parts)))  # noqa: S311 - reproducible, not security


def _visit_order(rows: list[Row], epoch: int) -> list[int]:
    """Each SGD pass visits the rows in an order keyed by a hash of the pass and the row, so a row's place in the
    order does not depend on which other rows exist (appending rows interleaves them; it does not reshuffle)."""
    keys = [hashlib.blake2b(f"{SEED}:{epoch}:{r[3]}:{r[4]}".encode(), digest_size=8).digest() for r in rows]
    return sorted(range(len(rows)), key=keys.__getitem__)


def generate() -> tuple[list[Row], list[Row], list[str]]:
    """Training rows, validation rows, and each validation row's template id ("en:12")."""
    zg_rules = tomllib.loads((ROOT / "tests" / "moderation" / "uni2zg_rules.toml").read_text("utf-8"))["rule"]
    train: list[Row] = []
    validation: list[Row] = []
    template_ids: list[str] = []
    sets = (("en", EN_TEMPLATES, EN, 40), ("my", MY_TEMPLATES, MY, 30), ("rom", ROM_TEMPLATES, ROM, 30))
    for language, templates, slots, copies in sets:
        for index, (template, tier, cats, kind) in enumerate(templates):
            target = validation if index % 5 == 4 else train
            rng = _stream(language, template, tier, cats, kind)
            seen: set[str] = set()
            for _ in range(copies):
                text = _fill(template, slots, rng)
                if language != "my":
                    text = _noise(text, rng)
                if text in seen:
                    continue
                seen.add(text)
                rows = [(tier, cats, kind, language, text)]
                if language == "my":
                    rows.append((tier, cats, kind, "my-zawgyi", _unicode_to_zawgyi(text, zg_rules)))
                target.extend(rows)
                if target is validation:
                    template_ids.extend(f"{language}:{index}" for _ in rows)
    # The lexicon's own labelled corpus (en.tsv, my.tsv and its Zawgyi copy) is team-written data
    # too: it trains the model (so its figures are no longer an estimate of anything; the held-out
    # sets and the frozen test split are never read here).
    for name, language in (("en.tsv", "en"), ("my.tsv", "my"), ("my_zawgyi.tsv", "my-zawgyi")):
        train.extend(_corpus_rows(name, language))
    # Set 8's dev half and dev10, written by hand and blind to the rules (docs/moderation.md, "Set 8"): every fifth goes
    # to validation, each its own template, so the thresholds are chosen on hand-written negatives as well as on
    # template copies; the Burmese ones are trained on in Zawgyi too. Its held-out half is never read here.
    for name, language in HANDWRITTEN:
        for index, row in enumerate(_corpus_rows(name, language)):
            rows = [row]
            if language == "my":
                rows.append((*row[:3], "my-zawgyi", _unicode_to_zawgyi(row[4], zg_rules)))
            if index % 5 == 4:
                validation.extend(rows)
                template_ids.extend(f"{name}:{index}" for _ in rows)
            else:
                train.extend(rows)
    return train, validation, template_ids


def _corpus_rows(name: str, language: str) -> list[Row]:
    rows: list[Row] = []
    for line in (ROOT / "tests" / "moderation" / "corpus" / name).read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        tier_text, cats, kind, text = line.split("\t", 3)
        rows.append((int(tier_text), cats, kind, language, text))
    return rows


def _labels(row: Row) -> list[int]:
    tier, cats, _, _, _ = row
    categories = set(cats.split(",")) if cats != "-" else set()
    return [int(tier >= 1), int(tier >= 3), *(int(c in categories) for c in HEADS[2:])]


def train_model(rows: list[Row]) -> tuple[list[float], dict[int, list[float]]]:
    normalizer = default_normalizer()
    data = [(sorted({bucket_of(f, BUCKETS) for f in features(normalizer.fast(r[4])[0])}), _labels(r)) for r in rows]
    heads = len(HEADS)
    bias = [0.0] * heads
    weights: dict[int, list[float]] = {}
    for epoch in range(EPOCHS):
        order = _visit_order(rows, epoch)
        rate = RATE / (1 + epoch)
        for i in order:
            buckets, labels = data[i]
            for h in range(heads):
                z = bias[h] + sum(weights[b][h] for b in buckets if b in weights)
                p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
                g = labels[h] - p
                if abs(g) < 1e-4:
                    continue
                bias[h] += rate * g
                for b in buckets:
                    row = weights.setdefault(b, [0.0] * heads)
                    row[h] += rate * (g - L2 * row[h])
    return bias, weights


def quantise(bias: list[float], weights: dict[int, list[float]]) -> tuple[list[int], dict[int, list[int]]]:
    qbias = [round(b * SCALE) for b in bias]
    qweights = {
        k: [q if abs(q := round(w * SCALE)) >= (PRUNE if h < 2 else PRUNE_CATEGORY) else 0 for h, w in enumerate(v)]
        for k, v in weights.items()
    }
    return qbias, {k: v for k, v in qweights.items() if any(v)}


def integer_scores(text: str, qbias: list[int], qweights: dict[int, list[int]]) -> list[int]:
    norm = default_normalizer().fast(text)[0]
    totals = list(qbias)
    for b in {bucket_of(f, BUCKETS) for f in features(norm)}:
        row = qweights.get(b)
        if row:
            totals = [t + w for t, w in zip(totals, row, strict=True)]
    return totals


def choose_threshold(scored: list[tuple[int, Row]], template_ids: list[str], rate: float) -> int:
    """The lowest threshold keeping at most `rate` of the validation negative
    templates flagged, each template counted once at the median score of its copies (the upper
    median, so a template counts as flagged when half its copies are)."""
    per_template: dict[str, list[int]] = {}
    for (score, row), template in zip(scored, template_ids, strict=True):
        if row[2] in ("hard_negative", "benign"):
            per_template.setdefault(template, []).append(score)
    negatives = sorted((sorted(v)[len(v) // 2] for v in per_template.values()), reverse=True)
    allowed = int(len(negatives) * rate)
    return negatives[allowed] + 1 if len(negatives) > allowed else 0


def choose_doubt(scores: list[list[int]], validation: list[Row], template_ids: list[str]) -> int:
    """The tier >= 1 head's score below which the model doubts a lexicon tier 1 or 2 (detector.py, _model_may_doubt):
    the score MAX_DOUBTED_POSITIVE_RATE of the hand-written crisis messages of the validation split fall below.
    Hand-written only: a template's copies are many near-identical messages, and its phrasing is the lexicon's own."""
    positives = sorted(
        s[0]
        for s, row, template in zip(scores, validation, template_ids, strict=True)
        if row[0] >= 1 and template.split(":", 1)[0] in _HANDWRITTEN_NAMES
    )
    return positives[int(len(positives) * MAX_DOUBTED_POSITIVE_RATE)] if positives else -(1 << 30)


def write_tsv(path: Path, rows: list[Row], title: str) -> None:
    lines = [
        f"# GENERATED by `python -m moderation.train` ({title}); edit the templates in moderation/train.py instead.",
        "# tier<TAB>categories<TAB>kind<TAB>language<TAB>text",
    ]
    lines.extend("\t".join((str(t), c, k, lang, text)) for t, c, k, lang, text in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    train, validation, template_ids = generate()
    write_tsv(SPLIT_DIR / "train.tsv", train, "training split")
    write_tsv(SPLIT_DIR / "validation.tsv", validation, "validation split: templates never trained on")
    bias, weights = train_model(train)
    qbias, qweights = quantise(bias, weights)
    # Each validation message scored once (normalised and hashed), for both heads.
    scores = [integer_scores(r[4], qbias, qweights) for r in validation]
    thresholds: dict[str, int] = {}
    for name, head in (("any", 0), ("high", 1)):
        scored = [(s[head], r) for s, r in zip(scores, validation, strict=True)]
        thresholds[name] = choose_threshold(scored, template_ids, MAX_HARD_NEGATIVE_RATE[name])
    thresholds["doubt"] = choose_doubt(scores, validation, template_ids)
    model = {
        "version": "2026.12.17",
        "heads": list(HEADS),
        "buckets": BUCKETS,
        "scale": SCALE,
        "bias": qbias,
        "thresholds": thresholds,
        "seed": SEED,
        "weights": {str(k): v for k, v in sorted(qweights.items())},
    }
    MODEL_PATH.write_text(json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    size = MODEL_PATH.stat().st_size
    print(f"train {len(train)} messages, validation {len(validation)}; {len(qweights)} buckets, {size} bytes")
    negative_templates = len({t for t, r in zip(template_ids, validation, strict=True) if r[2] != "positive"})
    print(f"thresholds {thresholds} (over {negative_templates} validation negative templates)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
