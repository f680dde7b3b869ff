"""English classes from the second dev18 pass (lexicon en 2026.12.16), in phone and second-language English
written by Burmese speakers: a question about how many of a medicine is too many for someone's body; one's photo
on a page of "traitors"; a broker locking a minor in a room with a client coming; the forces asking for one's new
number, or anyone asking around who lives here; fleeing with nowhere to go ("need leave now where i go"); forces
at a door or gate; an urge to cut felt in the skin; someone drunk and beating a family member; and concern told
as a detained relative with no news, faces one could not save, comrades left behind, "what father am i", and
nights without sleep. Scored with the lexicon alone; everyday sentences that share the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    # a dose question told as a body size
    ("how many of my diabetes tablets is too many for someone my weight", 3),
    # named on a traitors page
    ("my picture is in their group of traitors, with my township", 3),
    # a minor locked in by a broker
    ("the broker lock me in the room, he say customers coming tonight", 4),
    ("the agent locked me inside, i am 16, please help", 3),
    # asked after by the forces or strangers
    ("soldiers went to my aunt and asked for my new number", 2),
    ("strangers asking the neighbours who stay in that room", 2),
    # fleeing with nowhere to go; now makes it imminent
    ("they know my face, must run now, where can i hide", 4),
    # forces at a door or gate, no copula
    ("police at the back door of the dorm now", 4),
    ("soldiers at the clinic gate, nurses hiding us now", 4),
    # an urge to cut in the skin
    ("my skin itching for the blade again tonight", 2),
    # a drunk beating someone now
    ("uncle drunk and beating my cousin right now", 4),
    # concern: detained with no news, guilt, grief, no sleep
    ("my father detained at the checkpoint last month, no word from him", 1),
    ("i still dream of the comrades i couldnt save", 1),
    ("i ran away and left my unit behind, now people call me hero", 1),
    ("my daughter cry for food and i have nothing, what father am i", 1),
    ("cannot sleep for five nights, my head is so loud", 1),
]

AT_MOST = [
    ("the doctor said two tablets is enough for a child", 0),
    ("the soldiers carried the old door to the truck", 0),
    ("the soldiers opened the door for the old lady at the pagoda", 0),
    ("police car parked near the school gate every morning", 0),
    ("the bank asked for my new phone number", 0),
    ("the teacher asked around who lives here for the census", 0),
    ("i need to move out, where should i stay near the university", 0),
    ("my mosquito bite itch so much", 0),
    ("the baby is angry and kicking his legs", 0),
    ("he got drunk and beating the drum all night", 0),
    ("the thief was arrested, no news yet about the money", 0),
    ("the files i couldnt save are gone", 0),
    ("what kind of phone do you have", 0),
    ("i cannot sleep well when it is hot", 0),
]


test_dev18_b_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)
