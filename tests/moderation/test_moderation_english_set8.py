"""Set 8 English pass (lexicon 2026.12.9): the classes set 8's dev half showed, with messages written here.

None of these is a set-8 message or a close paraphrase of one: each class has positives in other wordings
(the tier each must reach at least) and everyday sentences sharing its words (the tier they may reach at
most). The detector here is the lexicon alone, as `bench/moderation_eval.py --lexicon-only` scores it:
these pin rules, not the trained model.
"""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.lexicon import bundled_lexicons
from moderation.normalize import default_normalizer

# (message, tier it must reach at least)
AT_LEAST = [
    # a means next to a farewell, a count taken, a letter or "after i send this"
    ("got 40 tabets here, enough of everything", 3),
    ("25 tablets in my hand right now", 4),
    ("all my sleeping pills in my hands", 3),
    ("the pills are counted. thank u for listen me all this time", 3),
    ("i just took a lot of my dads blood pressure medicine now, my heart feel weird", 4),
    ("i am taking the sleeping tablets one by one now", 4),
    ("i wrote a letter to my mother, the rope is in the bag", 3),
    ("after i send this the rope, nobody read anyway", 3),
    # a place of means with a farewell or finality; presence or a time word makes it 4
    ("im at the jetty. please tell my son i love him", 4),
    ("this is it, i am on the flyover above the big road", 4),
    ("i am on the 15 floor balcony now, my leg already over the rail", 4),
    ("going to the canal tonight, nobody need me there", 4),
    # the act under way in phone English: symptoms and times
    ("i swallowed all the tabs before 10 minute, feel so sleepy", 4),
    ("took all my insulin, cant open my eyes", 4),
    # self-harm by its act
    ("cut my wrist, blood not stopping", 4),
    ("i cut too deep, the bleeding wont stop", 4),
    ("cut my thigh again, so much blood", 3),
    ("burning my hand with a lighter again", 3),
    ("i hit my head against the wall till it bleed", 3),
    ("scratching my wrist with a razor blade in the toilet", 3),
    ("i want to burn my arms", 2),
    # fire and farm poisons, a truck without an article
    ("i poured petrol over myself", 4),
    ("my uncle drank the grass poison 5 min ago", 4),
    ("mixing the rat poison into my tea now", 4),
    ("dad already ate the poison, he is vomiting", 3),
    ("i will step in front of bus tomorrow", 4),
    # someone else in danger now
    ("my brother is hanging himself in the bathroom", 4),
    ("my friend hanging herself right now please", 4),
    ("the sergeant has the gun in his mouth", 4),
    ("he have a grenade, says he will pull the pin", 3),
    ("my roommate locks herself in with the razor", 3),
    # a hanging set up, charcoal and a sealed room
    ("the noose already tied to the ceiling", 3),
    ("bought charcoal, taped the windows, tonight", 4),
    # a weapon outside the door of the man one means to hurt
    ("machete with me, outside his gate now", 4),
    # immigration raids, floor by floor
    ("immigration police at our dorm now, going room by room", 4),
    # announcing the act for after the message
    ("after this msg i will jump", 4),
    ("my pistol here with me. i will finish it at 5am", 4),
    ("see u all in the next life", 3),
    ("last year i jumped into the river but a boat man pulled me out", 3),
    # rail lines, means kept ready, the date chosen
    ("on the rail line, next train soon", 4),
    ("the weed killer is under my bed, my way out", 3),
    ("keep saving my sleeping pills, 30 now", 3),
    # second round: lethality questions without "how much"
    ("if a man swallow 40 panadol he die or not", 3),
    ("is 25 sleeping tablets enough to die", 3),
    ("which pill is stronger? how many needed for a grown woman", 3),
    ("how tall the building must be so a person surely die", 3),
    # a place of means stood at for long, courage waited for, a next time without return
    ("every night i go to the bridge, only need courage", 3),
    ("stood on the roof and looked down a long time yesterday", 3),
    ("went to the dam today. next time i wont come back", 3),
    # a weapon kept and thought about
    ("the rifle is under my bed, i think about it every night", 3),
    ("i take out the pistol and hold it so long, then put it back", 3),
    # settling affairs in phone English
    ("paid back all my friends. wrote the note yesterday", 3),
    ("gave my guitar to my nephew, paid all my debts", 3),
    ("gave my phone to my sister. take care of my dog when i am gone", 3),
    # being watched and reported
    ("that guy follows me 4 days now", 3),
    ("a man from my old unit saw me at the bus stop, i think he reported", 3),
    ("the police checked my phone for a long time. i think they follow me", 3),
    ("she ask so many questions about my unit, today i saw her with the mi man", 3),
    # passive wishes, hopelessness, planning for the family, threats and abuse in phone English
    ("honestly i wouldnt mind if i never wake up", 1),
    ("wish my bus would crash tomorrow", 1),
    ("i cant see any future here", 1),
    ("if i dissapear nobody will notice", 1),
    ("they are better off with the insurance money", 2),
    ("why should i live anymore", 2),
    ("if he comes again i smash his head", 2),
    ("my boss touch me when nobody is there", 2),
    ("he say he will sell me to another boss", 2),
    # third round: trafficking, a door knocked on after an arrest, being named, concern
    ("the agent locked us in the dorm, no food", 3),
    ("they arrested my roommate last night and now someone knocking on my door", 4),
    ("my photo is on the wanted list in the group", 2),
    ("soldiers at the market asking about the deserter from our village", 2),
    ("my uncle arrested, they took his phone, our chats are in it", 2),
    ("the guards take the women into the back room at night", 2),
    ("when i close my eyes i see the village burning", 1),
    ("everyone forgot me already", 1),
    # fourth round (the author's own probes): singular means, a poison with me, a rope tied verb-first,
    # the trigger, a vehicle, the last message, a belt, forces and fire in the village, threats to family
    ("30 sleeping tablet ready under the bed", 3),
    ("the pesticide is here with me, nobody home", 3),
    ("tonight i tie the noose to the beam", 4),
    ("pistol to my head, finger on the trigger", 4),
    ("i will crash my car into the wall tonight", 4),
    ("this my last msg, take care of my mum", 3),
    ("my husband hit me with the cable again", 2),
    ("troops raiding our village now, we run", 4),
    ("the agent threatened to hurt my parents if i go to police", 3),
    ("i am going to stab that supervisor", 2),
    # fifth round (own probes): part of a bottle of poison, insulin injected, someone else's cut wrist,
    # forces knocking, a jump from a numbered floor, a pet given away with "i won't be here"
    ("already drank half a bottle of pesticide, stomach burning", 4),
    ("just injected all of the insulin", 3),
    ("my sister cut her wrists, please come", 3),
    ("soldiers knocking on our door now", 4),
    ("a man jumped from the 7th floor just now", 4),
    ("gave away my dog, tomorrow i won't be here", 3),
    # sixth round (own probes, fluent English too)
    ("I've been hoarding my sleeping pills for weeks, tonight is the night", 4),
    ("engine running in the garage, hose through the window", 4),
    ("finished writing the notes, pills are on the desk", 3),
    ("she sent me goodbye and her phone is off now, she has pills", 4),
    ("i cut deeper than before and it will not stop bleeding", 4),
    ("how long would it take to drown in the sea", 3),
    ("a van is following me since the market", 3),
    ("police are coming tonight for me, my friend warned", 4),
    ("they posted my photo, reward for information", 3),
    ("my manager says if i don't sleep with him i lose the job", 2),
    ("my niece says a man from church keeps texting her at night", 2),
]

# (message, tier it may reach at most)
AT_MOST = [
    # farewells and medicine in everyday talk
    ("sorry sis, i forgot to buy your pills", 0),
    ("thank u for listening to me, the meeting is done", 0),
    ("i took a lot of medicine for this cold, feel sleepy now", 0),
    ("wrote a letter to my grandma and sent photos", 0),
    # places with ordinary words
    ("im at the jetty, the boat is late, tell my mom i will call", 0),
    ("this is it, the famous bridge from the film", 0),
    ("we walk by the canal every evening", 0),
    ("my balcony on the 15 floor has a nice view", 0),
    # cuts, burns and blood in cooking and play
    ("i cut my finger cooking, so much blood lol", 0),
    ("the nose bleeding wont stop, going to the clinic", 0),
    ("burned my hand on the pan again", 0),
    ("i hit my head on the door this morning, so sleepy", 0),
    # farm poisons, knives, raids and trucks in the news or at work
    ("the rats ate the poison in the storeroom", 0),
    ("my dad sprays the grass killer on the farm", 0),
    ("the immigration office is in the new building", 0),
    ("there was a big truck in front of our bus this morning", 0),
    ("charcoal for the bbq, and close the windows because of the rain", 0),
    # hyperbole with laughter and beauty
    ("if i eat one more piece of cake i will die lol", 0),
    ("this painting makes me want to die its so beautiful", 0),
    ("after this message i go to sleep", 0),
    ("the soldier in the film had a gun in his mouth", 0),
    # second round: the same words in everyday talk
    ("is two paracetamol enough for a headache", 0),
    ("we stood on the bridge a long time taking photos", 0),
    ("my grandpa's old rifle hangs on the wall", 0),
    ("paid back my loan, feel light now", 0),
    ("gave my old clothes to my cousin, she was happy", 0),
    ("the police checked my bag at the airport", 0),
    ("my cat follows me everywhere", 0),
    ("i dont mind if i wake up early tomorrow", 0),
    ("the bus almost crash this morning, scary", 0),
    ("my boss asks so many questions in meetings", 0),
    # farewell words in everyday talk: bedtime pills, a trip, a pet sitter, a meme, a barbecue
    ("thank you for listening to me, i took my pills and going to bed", 0),
    ("the pier is beautiful, tell my kids i love them, back sunday", 0),
    ("after i send this i will take my pills and sleep", 0),
    ("bought food for 2 months, can you keep my cat if i go to yangon", 0),
    ("see you in the next life bro lol", 0),
    ("charcoal grill tonight, close all the windows because of the smoke", 0),
    ("we sat on the 14 floor balcony, my leg is over the chair", 0),
    ("i am at the river, goodbye for now, signal is bad", 0),
    ("the farmer mixed the pesticide with water for the field", 0),
    ("i have the knife with me, waiting for him to cut the cake", 0),
    ("my pistol is with me, i will finish my shift at 6am", 0),
    ("he saw me at the market and took a photo of me, so funny", 0),
    ("better with the insurance money we fix the car", 0),
    ("the landlord locked the building at night for safety", 0),
    ("my name is on the guest list", 0),
    ("the army recruits ask about your health", 0),
    ("took my friend to the airport, now someone at my door with a parcel", 0),
    ("when i close my eyes i see the beach again, what a trip", 0),
    ("my mom takes her heart medicine one by one with water", 0),
    ("we went to the dam, my son wrote a letter to santa", 0),
    ("i cut my leg on the rocks, so much blood", 0),
    ("my dad drank the grass killer by mistake, hospital now", 0),
    ("the plastic bag is on the table, after i send this i go shopping", 0),
    ("the tablet is ready, i installed the app", 0),
    ("the petrol is ready, bye everyone see you at the trip", 0),
    ("the rope is with me, we go camping", 0),
    ("i hung the rope on the tree for the kids swing", 0),
    ("i bought charcoal and tape for the bbq party", 0),
    ("he keeps beating me at chess", 0),
    ("this my last message for today, good night", 0),
    ("the soldiers in our village built a new school", 0),
    ("my bag is with me now, the poison ivy cream too", 0),
    ("the chef cut his wrist by mistake with the knife", 0),
    ("police knocked on my door to return my wallet", 2),
    ("i drank half bottle of the water, my throat burning from the spicy food", 0),
    ("i inject all my insulin doses on time", 0),
    ("the kids jump from the 3 floor stairs in the game", 0),
    ("the pharmacist lined up the pills for my grandma's week", 0),
    ("she has pills for her headache, her phone is off, probably asleep", 0),
    ("how long does it take to die from old age lol", 0),
    ("my photo won a reward at the contest", 0),
    ("my son calls him at night to play games", 0),
    ("they come tomorrow for me to pick up the parcel", 0),
    ("in the video the motorbike jumped from the roof to the next building", 0),
]


@pytest.fixture(scope="module")
def lexicon_detector() -> Detector:
    normalizer = default_normalizer()
    return Detector(bundled_lexicons(normalizer), normalizer)


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_set8_english_classes_reach_their_tier(lexicon_detector: Detector, text: str, tier: int) -> None:
    verdict = lexicon_detector.scan(text)
    assert verdict.tier >= tier, (text, verdict)


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_set8_english_everyday_sentences_stay_low(lexicon_detector: Detector, text: str, tier: int) -> None:
    verdict = lexicon_detector.scan(text)
    assert verdict.tier <= tier, (text, verdict)


def test_kitchen_does_not_explain_a_hanging_away(lexicon_detector: Detector) -> None:
    """A person named in the present tense is an act under way: the kitchen mishap frame may not drop it."""
    verdict = lexicon_detector.scan("my wife hanging herself in the kitchen")
    assert verdict.tier == 4, verdict
    assert not any("dropped:mishap" in m.reasons for m in verdict.matches)
