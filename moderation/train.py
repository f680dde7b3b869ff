"""Train the model beside the lexicon: `python -m moderation.train` (developers only; never at install).

1. Generates the labelled training corpus from the hand-written templates below (English, Burmese
   Unicode, Burmese Zawgyi made with the Rabbit uni2zg rules, romanised Burmese), expanding slots
   (means, places, times, people, security forces) and adding phone-typing noise (dropped
   articles, typos, casing, emoji) with a fixed seed. Templates are split by index: every fifth
   template goes to VALIDATION only, so validation measures phrasing the model never saw.
   Writes tests/moderation/corpus/split/{train,validation}.tsv for inspection.
2. Trains one logistic regression per head (tier >= 1, tier >= 3, and one per category) on
   hashed features (moderation.model.features) by stochastic gradient descent, fixed seed, pure
   Python: no numpy or scikit-learn is needed, so there is no training extra to install.
3. Picks each head's threshold on the validation split, per TEMPLATE (2026.12.4): each validation
   template's negatives count once, at the median score of its copies, and the threshold is the
   lowest score keeping at most 2.5% of those templates flagged (half the 5% target; counted over
   copies, one template of forty near-identical messages set both thresholds alone). Then writes integer weights to
   moderation/data/model.json.

The test split (tests/moderation/corpus/split/test_*.tsv) is hand-written, was frozen before this
script existed, and is never read here.
"""

from __future__ import annotations

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
SCALE = 256  # weights are stored as round(w * SCALE)
EPOCHS = 6
RATE = 0.2
L2 = 1e-6
# Of validation negative TEMPLATES: half the 5% target, leaving room for negatives unlike any template (at 5% the
# thresholds sat on the third-highest of ~40 templates and moved with every template added).
MAX_HARD_NEGATIVE_RATE = 0.025

# ---------------------------------------------------------------- slots
EN = {
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
}
MY = {
    "means": ["အိပ်ဆေး", "ဆေးလုံး", "ကြွက်သတ်ဆေး", "ပိုးသတ်ဆေး", "ပေါင်းသတ်ဆေး", "အဆိပ်", "ဆေးပြား"],
    "poison": ["ပိုးသတ်ဆေး", "ကြွက်သတ်ဆေး", "အဆိပ်", "ပေါင်းသတ်ဆေး"],
    "med": ["ဆေး", "ဆေးပြား", "ဗီတာမင်", "အိပ်ဆေး"],
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


def generate(rng: random.Random) -> tuple[list[Row], list[Row], list[str]]:
    """Training rows, validation rows, and each validation row's template id ("en:12")."""
    zg_rules = tomllib.loads((ROOT / "tests" / "moderation" / "uni2zg_rules.toml").read_text("utf-8"))["rule"]
    train: list[Row] = []
    validation: list[Row] = []
    template_ids: list[str] = []
    sets = (("en", EN_TEMPLATES, EN, 40), ("my", MY_TEMPLATES, MY, 30), ("rom", ROM_TEMPLATES, ROM, 30))
    for language, templates, slots, copies in sets:
        for index, (template, tier, cats, kind) in enumerate(templates):
            target = validation if index % 5 == 4 else train
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
        for line in (ROOT / "tests" / "moderation" / "corpus" / name).read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            tier_text, cats, kind, text = line.split("\t", 3)
            train.append((int(tier_text), cats, kind, language, text))
    return train, validation, template_ids


def _labels(row: Row) -> list[int]:
    tier, cats, _, _, _ = row
    categories = set(cats.split(",")) if cats != "-" else set()
    return [int(tier >= 1), int(tier >= 3), *(int(c in categories) for c in HEADS[2:])]


def train_model(rows: list[Row], rng: random.Random) -> tuple[list[float], dict[int, list[float]]]:
    normalizer = default_normalizer()
    data = [(sorted({bucket_of(f, BUCKETS) for f in features(normalizer.fast(r[4])[0])}), _labels(r)) for r in rows]
    heads = len(HEADS)
    bias = [0.0] * heads
    weights: dict[int, list[float]] = {}
    order = list(range(len(data)))
    for epoch in range(EPOCHS):
        rng.shuffle(order)
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
    qweights = {k: [round(w * SCALE) for w in v] for k, v in weights.items()}
    return qbias, {k: v for k, v in qweights.items() if any(v)}


def integer_scores(text: str, qbias: list[int], qweights: dict[int, list[int]]) -> list[int]:
    norm = default_normalizer().fast(text)[0]
    totals = list(qbias)
    for b in {bucket_of(f, BUCKETS) for f in features(norm)}:
        row = qweights.get(b)
        if row:
            totals = [t + w for t, w in zip(totals, row, strict=True)]
    return totals


def choose_threshold(scored: list[tuple[int, Row]], template_ids: list[str]) -> int:
    """The lowest threshold keeping at most MAX_HARD_NEGATIVE_RATE of the validation negative
    templates flagged, each template counted once at the median score of its copies (the upper
    median, so a template counts as flagged when half its copies are)."""
    per_template: dict[str, list[int]] = {}
    for (score, row), template in zip(scored, template_ids, strict=True):
        if row[2] in ("hard_negative", "benign"):
            per_template.setdefault(template, []).append(score)
    negatives = sorted((sorted(v)[len(v) // 2] for v in per_template.values()), reverse=True)
    allowed = int(len(negatives) * MAX_HARD_NEGATIVE_RATE)
    return negatives[allowed] + 1 if len(negatives) > allowed else 0


def write_tsv(path: Path, rows: list[Row], title: str) -> None:
    lines = [
        f"# GENERATED by `python -m moderation.train` ({title}); edit the templates in moderation/train.py instead.",
        "# tier<TAB>categories<TAB>kind<TAB>language<TAB>text",
    ]
    lines.extend("\t".join((str(t), c, k, lang, text)) for t, c, k, lang, text in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    rng = random.Random(SEED)  # noqa: S311 - reproducible sampling, not security
    train, validation, template_ids = generate(rng)
    write_tsv(SPLIT_DIR / "train.tsv", train, "training split")
    write_tsv(SPLIT_DIR / "validation.tsv", validation, "validation split: templates never trained on")
    bias, weights = train_model(train, rng)
    qbias, qweights = quantise(bias, weights)
    thresholds: dict[str, int] = {}
    for name, head in (("any", 0), ("high", 1)):
        scored = [(integer_scores(r[4], qbias, qweights)[head], r) for r in validation]
        thresholds[name] = choose_threshold(scored, template_ids)
    model = {
        "version": "2026.12.1",
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
