"""English classes crossed with classes (lexicon en 2026.12.12): a lethal means with a completion, keeping or
secrecy marker, medicine with markers nobody uses for a dose, a cloth tied to a fixture, a weapon kept against
oneself, someone else's attempt under way, self-injury on purpose or until blood, forces arriving or searching for
the writer, a weapon and the man it is meant for, confinement, and affairs settled with finality. Word order,
dropped articles and words in between do not matter. Scored with the lexicon alone; everyday sentences that share
the words (farming, pests, a dose, a party knife, a clumsy knock, a checkpoint that ended fine) stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    # a poison kept, hidden or taken, either order, phone English
    ("the paraquat is under my bed, i check it every night", 3),
    ("rat medicine in my backpack. dont ask why", 3),
    ("already drank the grass medicine, my stomach hurts now", 4),
    ("i mix it with my beer, the weed killer. drinking now", 4),
    ("i took the rat poison 10 min ago", 4),
    # medicine counted, saved, taken all or one after another
    ("i been saving the sleeping tablets, 4 boxes now", 4),
    ("counted them all, the stilnox, tonight i take all", 4),
    ("valium, one after another. so far 15", 3),
    ("my blood pressure pills, will it stop quickly if i take all", 3),
    ("took 30 diazepam an hour ago", 4),
    ("taking them while i type this, 9 so far", 4),
    # a cloth tied to a fixture
    ("my longyi tied to the window bar already", 3),
    ("the scarf on the ceiling fan, tied it over the fan", 3),
    # a weapon kept against oneself; a rope or blade kept in secret
    ("the old pistol from my army days is hidden in my room, i take it out at night", 3),
    ("one bullet left in the revolver, sitting in the dark", 3),
    ("rope in my locker, dont know why i keep it", 3),
    ("i keep a razor blade in my wallet, just in case", 3),
    ("i keep looking at the rope every night", 3),
    # in the water
    ("in the water now, so cold, going deeper. goodbye", 3),
    # someone else's attempt under way
    ("my sister tried to hang herself, she is not breathing", 4),
    ("my brother tries to poison himself again", 3),
    ("she is going to jump, she is on the roof", 3),
    ("my roommate is cutting herself in the toilet, blood on the floor", 3),
    ("my friend locked himself in the toilet with the razor", 3),
    ("dad in the garage, engine on, door locked", 4),
    # self-injury on purpose or until blood
    ("i bit my arm until bleeding, teeth marks all over", 3),
    ("punched the wall until the bone cracked", 3),
    # forces arriving or searching for the writer
    ("soldiers at the gate now asking the landlord for me", 4),
    ("police knocking the door right now", 4),
    ("mi came to my mother house with photo of me just now", 4),
    ("immigration searching the whole building now", 4),
    ("the checkpoint, they taking the men off the bus, im next", 3),
    ("they are coming up the stairs, i am under the bed", 3),
    ("they asked for me by my real name at the factory", 3),
    # a weapon and the man it is meant for; confinement
    ("i am waiting for the broker outside his house with the machete", 3),
    ("got the pistol, the commander house is near, tonight he will pay", 4),
    ("my husband is choking my sister right now", 4),
    ("the boss locked me in since yesterday, no food", 3),
    # affairs settled with finality
    ("debt is paid, letter for my mother in my bag. by the time you read this", 4),
    ("sold my phone, gave my clothes away, i wont need them", 3),
]

AT_MOST = [
    ("we spray the pesticide on the rice field, already mixed it with water", 0),
    ("farmers keep the weed killer in the shed, dont drink it lol", 0),
    ("took 20 of the photos at the wedding today", 0),
    ("i collect my medicine from the clinic every month", 0),
    ("i keep my pills in my bag in case of headache", 0),
    ("i am taking the pills one by one like the doctor said", 0),
    ("the scarf is strong enough for the winter", 0),
    ("i keep looking at the river, it is so beautiful today", 0),
    ("he has the pills for his grandmother", 0),
    ("my grandfather has his old pistol from the army, he cleans it every sunday", 0),
    ("police at the checkpoint checking ids today, took 10 min", 0),
    ("someone came to my house with a photo of me from the wedding", 0),
    ("they came to the party with a photo of me as a baby lol", 0),
    ("my husband is drunk and coming home now, he is so funny when drunk", 0),
    ("I hit my head on the door, bleeding a bit, so clumsy", 0),
    ("i punched the wall at the gym, bleeding knuckles lol", 0),
    ("waiting for him at the gate with a knife to cut the birthday cake", 0),
    ("taking them one by one to the car, the boxes", 0),
    ("the knife is in my bag for cutting fruit at the picnic", 0),
    ("bought rat poison today, so many rats in the kitchen", 0),
]


test_classes_crossed_with_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
