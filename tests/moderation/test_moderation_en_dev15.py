"""English classes from the dev15 round (lexicon en 2026.12.15), in phone and second-language English:
self-punishment by starving or hurting oneself, told of oneself or another; cut marks seen on a child with an
excuse; scratching with a school tool until it bleeds; a relapse told as "did it again"; marks hidden under
long sleeves; passive wishes that things would be fine if the writer disappeared; grief far from home; a weapon
waiting for a named target; pills kept with the count told after them; forces at the room now; and being
traced (a caller who knows the writer's rank, strangers asking when the writer comes and goes, being followed
home from a station, someone getting into the writer's accounts, a member arrested with contacts on his phone).
Scored with the lexicon alone; everyday sentences that share the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    # self-punishment, of oneself or another
    ("my sister starves herself to be thin", 2),
    ("he starved himself for three days after the exam", 3),
    ("i burn myself as punishment when i fail", 3),
    # cut marks on a child with an excuse; scratching with a school tool; a relapse; hidden marks
    ("found cut marks on her arms, she says it is from the cat", 3),
    ("i scratch my arms with a safety pin till it bleeds", 3),
    ("been clean for a year but yesterday i did it again", 3),
    ("did it again on my hips, nobody knows", 3),
    ("i wear long sleeves so nobody sees", 2),
    # passive wishes; grief far from home
    ("everything would be easier if i was gone", 1),
    ("my friends would forget me after a month", 1),
    ("my father died and i cant go home for his funeral", 1),
    # a weapon waiting for a named target; pills counted after them
    ("took the gun, i wait for the guy who cheated my brother", 3),
    ("i keep my sleeping pills in a sock. now i have 30", 3),
    # forces at the room; being traced
    ("soldiers at our hostel right now", 4),
    ("police banging on my door", 4),
    ("a stranger called and he knows my service number", 3),
    ("a man followed me from the market, he is outside", 3),
    ("someone tried to log into my telegram", 3),
    ("some men asked my landlord when i come home", 3),
    ("two of us were detained, his phone has all our names", 3),
    # a locked door with a sign of danger behind it, and confinement, stay hits beside the mishaps below
    ("my sister locked in the bathroom not answering, i heard a crash", 3),
    ("he locked me in the room and took my phone", 2),
    # surveillance: watched at home, the writer's photo shown as a traitor or wanted, a phone tracked
    ("a man on a motorbike watches our room every night", 3),
    ("same guy standing across the street watching our hostel", 3),
    ("they put my photo in the group saying i am a traitor", 3),
    ("my photo is on their facebook page, wanted", 3),
    ("they are tracking my phone", 3),
]

AT_MOST = [
    ("my mom is gonna kill him lol he broke the tv", 0),
    ("the valley of the shadow of death, psalm 23, we read it in church", 0),
    ("i have 30 minutes before the bus", 0),
    ("collected my tablets from the pharmacy", 0),
    ("followed the recipe from my grandmother", 0),
    ("i tried to log into my email but forgot the password", 0),
    ("my friend asked where i bought my shoes", 0),
    ("the police are at the station now for the parade", 0),
    ("i wear long sleeves because of the sun", 0),
    ("the cat scratched my arm while i was playing with it", 0),
    ("my students are waiting for the bus with their pens", 0),
    # a sign of life explains not answering; a door locked by mistake is no confinement (known false alarms of set 15)
    ("my roommate locked in the bathroom singing, not answering lol", 0),
    ("bro locked in the toilet with his headphones, not answering", 0),
    ("my boss locked me in the office by mistake", 0),
    ("my mom is tracking my phone lol", 0),
    ("my photo is on facebook, so many likes", 0),
    ("the dog watches me eat", 0),
]


test_dev15_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)
