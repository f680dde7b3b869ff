"""English classes from the dev14 round (lexicon en 2026.12.14), in voice-to-text and phone English: a poison
drunk or swallowed, a wound that will not stop, the writer at a place of means or walking into water, gas or
charcoal in a closed room, pills taking effect with a symptom, an attacker through the door with a weapon, threats
to "finish" the writer, strangers using the writer's old name, a raid, and forces outside the writer's room or at
a relative's door. Scored with the lexicon alone; everyday sentences that share the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    # a poison drunk or swallowed; minutes ago or a symptom makes it 4
    ("swallowed the cockroach killer, throat burning", 4),
    ("drinking the toilet cleaner 5 min ago", 4),
    ("already took the bug killer", 3),
    # a wound that will not stop
    ("bleeding so much from my wrists, it wont stop", 4),
    ("cut too deep again and its not stopping", 4),
    # at a place of means; walking into water
    ("sitting on the bridge railing right now", 4),
    ("i stand on the train tracks, the train light is coming", 4),
    ("walking into the river, so cold", 3),
    ("locked inside the toilet with my pills so nobody knows", 4),
    # gas or charcoal in a closed room; pills taking effect
    ("gas is leaking in my room, windows taped", 4),
    ("the tablets are kicking in, so dizzy", 4),
    # an attacker through the door; threats to finish the writer
    ("he is kicking the door with an axe in his hand", 4),
    ("my boyfriend says he will finish me tonight", 4),
    # strangers using an old name; a raid; forces at the room or a relative's door
    ("someone knocked and called my army name", 3),
    ("they raid our block now, breaking doors", 4),
    ("police outside my room now", 4),
    ("soldiers at my aunt house right now", 4),
    ("a car following me now", 4),
]

AT_MOST = [
    ("walking into the sea at sunset, so beautiful", 0),
    ("sitting on the balcony railing with my coffee this morning", 0),
    ("lit the charcoal for the grill, window closed because of the rain", 0),
    ("opened the gas to cook rice, so sleepy today", 0),
    ("he broke the door of the car with a hammer", 0),
    ("police raided the casino downtown last year, it was on the news", 0),
    ("my real name is on the ticket, they called me at the airport", 0),
    ("the police were outside my office for the marathon", 0),
    ("bleeding a lot from my leg after football", 0),
    ("the cut on my finger wont stop bleeding", 0),
    ("mixing the insect spray for the fields", 0),
]


test_dev14_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)
