"""Issue 16, fifth pass (2026.12.5): English classes and the two known false alarms of the brief.

Every message here was written for this file (none is a held-out message or a near-copy of one):
finality that a leisure cue must not explain away, a doctor's advice beside medicine, lethality
questions about a dose or a height, a weapon or blade in the hand, lying on the rails, a whole pack
taken in phone grammar with symptoms, someone else's poisoning with more poison names, threats to
burn or poison, forces at one's lodging, watching one's home; and the everyday sentences that share
their words.
"""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # finality guards against the leisure cue (the brief's known hole)
    ("i will go swimming in the river and never come back", 3),
    ("going for a swim in the sea, not coming back this time", 3),
    ("i go swimming in the lake tonight, goodbye", 4),
    # intent in the sentence keeps a doctor's advice from explaining the pills away
    ("the doctor said one a day but i will take them all tonight, the pills are next to me", 4),
    ("doctor said twice a day, i swallowed the whole bottle", 4),
    # lethality questions name a means or a height and a death word
    ("how much paracetamol would kill a grown man", 3),
    ("how many sleeping tablet is too much", 3),
    ("what dose of insulin is lethal", 3),
    ("how many panadol to not wake up", 3),
    ("how high must a building be to die for sure", 3),
    ("which floor is enough so i dont survive", 3),
    ("how many floors to die instantly", 3),
    # a weapon or blade in the hand, now
    ("blade in my hand now", 4),
    ("the razor is in my hand right now, i cant stop myself", 4),
    ("pistol in hand", 3),
    ("got my gun with me now, sorry my family", 4),
    # lying or sitting on the rails; the train's time
    ("sitting on the railway tracks now", 4),
    ("i am lying on the train line, the train comes at 11", 4),
    ("lying on the tracks", 3),
    # a whole pack taken, phone grammar, symptoms make it an act under way
    ("already drink whole bottle of sleeping pill", 3),
    ("i swallow all the pill, now feeling dizzy", 4),
    ("took a whole strip of paracetamol, throwing up", 4),
    ("just swallowed all the medicine, i cant breathe", 4),
    # someone else's poisoning, more poison names, bare verbs
    ("my brother drink grass killer 5 min ago", 4),
    ("my mother drank gramoxone, she is shaking", 4),
    ("he swallow rat poison", 3),
    ("my neighbour drinks kerosene", 3),
    # threats to burn or poison
    ("i swear ill burn down his house", 2),
    ("i am going to set their shop on fire", 2),
    ("i will poison her food", 2),
    # forces at one's lodging, door to door, with a photo
    ("soldiers at the reception asking for me", 3),
    ("military intelligence at our hostel now", 4),
    ("the police are going door to door with my photo", 3),
    ("plain clothes men in the lobby showing my picture right now", 4),
    # watching or photographing one's home
    ("a car keeps watching our house every night", 3),
    ("two men were filming our gate from across the road", 3),
]

NOT_CRISIS = [
    # the brief's known false alarm, and other doctors' advice
    "the pills are in front of me, the doctor said one a day",
    "the tablets are next to me, the nurse said two a day with food",
    "i finished the whole bottle of medicine like the doctor said",
    # leisure at water with no finality
    "i will go swimming in the river with my cousins",
    "we go for a swim in the lake tomorrow, bring snacks",
    # everyday questions about amounts and heights
    "how much coffee is too much",
    "how many sleeping pills do i take, the label says two",
    "how high is the bridge, we want to take photos",
    "how high can a cat fall and survive",
    # cooking and work
    "i was cutting onions, knife in my hand, when the phone rang",
    "im cooking, knife in my hand, call you later",
    "workers are standing on the railway tracks",
    # habits and chores
    "my mom take sleeping pills every night",
    "my dad sprays the grass killer on the weeds every spring",
    # hyperbole and ordinary words
    "i will burn down the kitchen if i cook again lol",
    "the photographer keeps taking photos of my dog",
    "thanks for everything guys, see you at the party",
    "the mi on my phone is dead",
    "the police are at the reception of the new station, the mayor opened it",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_fifth_pass_classes_reach_their_tier(detector: Detector, text: str, tier: int) -> None:
    verdict = detector.scan(text)
    assert verdict.tier >= tier, (text, verdict)
    # the lexicon makes these hits, not the model alone
    assert any(m.term != "model" for m in verdict.matches), (text, verdict)


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_fifth_pass_everyday_sentences_stay_quiet(detector: Detector, text: str) -> None:
    verdict = detector.scan(text)
    assert verdict.tier == 0, (text, verdict)


def test_intent_cue_keeps_mishap_from_dropping(detector: Detector) -> None:
    """The same leisure sentence is dropped without finality and kept with it."""
    quiet = detector.scan("i will go swimming in the river with my friends")
    kept = detector.scan("i will go swimming in the river and never come back")
    assert quiet.tier == 0
    assert kept.tier >= 3
    assert not any(r == "dropped:mishap" for m in kept.matches for r in m.reasons)


def test_doctor_advice_drops_the_means_frame(detector: Detector) -> None:
    """A doctor's advice is a mishap frame: the means-in-front-of-me hit is dropped, not lowered."""
    advice = detector.scan("the pills are in front of me, the doctor said one a day")
    alone = detector.scan("the pills are in front of me")
    assert alone.tier >= 3
    assert advice.tier == 0


AT_LEAST_2 = [
    # settling affairs "if something happens to me" with a letter, a password, savings
    ("left a letter for my daughter in case something happens to me", 3),
    ("if anything happen to me the password is in my notebook", 3),
    ("if something happens to me, tell my mom", 1),
    # not being here long, a last message
    ("i dont think i will be around much longer", 2),
    ("you wont hear from me again", 2),
    # burdensomeness in phone grammar
    ("my parents would be better if i never came back", 1),
    ("everybody better without me", 1),
    # "want" without "to"
    ("i want die", 2),
    ("i just want disapear", 2),
    # sexual abuse in euphemism
    ("my stepdad keeps touching me down there", 2),
    ("the landlord came into my room at night", 2),
    ("he made me do shameful things", 2),
    ("my teacher touched me under my skirt", 2),
    # forces asking for the writer, a relative taken
    ("police came asking where i live", 3),
    ("soldiers took my father away, now they are asking about me", 4),
    # phone misspellings of drug names and words
    ("took the whole strip of paracetemol, i feel dizzy", 4),
    ("i want to kill myslf", 2),
]

NOT_CRISIS_2 = [
    # games: first person is how players talk
    "in pubg i jumped off the bridge and got killed lol",
    "i shot myself by accident in free fire haha",
    "i jumped off the roof in minecraft and lost my items",
    # everyday endings and travel
    "this is my last message before the exams, wish me luck",
    # ordinary sentences with the new words
    "the party is better without me lol",
    "i want dessert",
    "the doctor touched my knee",
    "if something happens to the car, call the garage",
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST_2)
def test_fifth_pass_second_classes_reach_their_tier(detector: Detector, text: str, tier: int) -> None:
    verdict = detector.scan(text)
    assert verdict.tier >= tier, (text, verdict)
    assert any(m.term != "model" for m in verdict.matches), (text, verdict)


@pytest.mark.parametrize("text", NOT_CRISIS_2)
def test_fifth_pass_second_everyday_sentences_stay_quiet(detector: Detector, text: str) -> None:
    verdict = detector.scan(text)
    assert verdict.tier == 0, (text, verdict)


def test_games_drop_method_hits_but_not_intent(detector: Detector) -> None:
    """A game name drops a method hit (a jump told by a player), never an intent phrase."""
    assert detector.scan("in pubg i jumped off the bridge").tier == 0
    assert detector.scan("pubg makes me want to kill myself for real").tier >= 2
    assert detector.scan("in the game i jumped off the bridge, goodbye everyone").tier >= 3
