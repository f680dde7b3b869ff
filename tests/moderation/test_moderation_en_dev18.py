"""English classes from the dev18 round (lexicon en 2026.12.16), in phone and second-language English written by
Burmese speakers: forces arriving told without a copula ("police downstairs now", "soldiers enter our ward"); a
rope tied in a room; ideation with a bare verb ("better i die", "think about die", "tired to live"); concern told
as tired of everything, hope lost, nobody caring, and a soldier's guilt asking forgiveness for orders obeyed;
trafficking and forced labour (documents held, people sold, electric shocks, a recruit beaten by his commander);
and attacks from the air under way with people hiding or running. Scored with the lexicon alone; everyday
sentences that share the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    # forces arriving, no copula; "now" makes it imminent
    ("police downstairs now, what i do", 4),
    ("soldiers enter our ward now", 4),
    ("army coming to the village", 2),
    ("immigration at our gate right now", 4),
    # a rope tied in a room
    ("yesterday i tied the rope on the ceiling but i was too scared", 3),
    ("my roommate hang a rope in the bathroom, i find it", 3),
    # ideation in second-language grammar
    ("sometime i think better i die", 2),
    ("i think about die every night", 2),
    ("i am so tired to live", 1),
    ("why i must living like this", 1),
    # concern and guilt
    ("tired of everything, nothing go right", 1),
    ("i lost my hope in this country", 1),
    ("nobody care me here", 1),
    ("they ordered us to burn the houses. how can buddha forgive me", 1),
    # trafficking and forced labour
    ("the agent keep all our passports and say we owe money", 2),
    ("they sold my sister to a man in china", 2),
    ("in the compound they shock us with electric", 2),
    ("my son say the sergeant beat him every day", 2),
    # attacks from the air under way
    ("jets bombing near our village now, everybody running to the forest", 4),
    ("airstrike again, we hiding in the hole", 3),
]

AT_MOST = [
    ("the police come to my school to teach road safety", 0),
    # forces merely present or arriving as guests: "come", "inside" and "outside" are not a second part (2026.12.16)
    ("police officers come to the wedding as guests", 0),
    ("soldiers inside the temple praying", 0),
    ("my brother in the army, he coming home next month", 0),
    ("we tied the rope to the tree for the hammock", 0),
    ("better i go home early today", 0),
    ("i think about the exam every night", 0),
    ("tired of eating rice every day", 0),
    ("i lost my phone in the bus", 0),
    ("nobody care about the football score", 0),
    ("they ordered us to clean the classroom", 0),
    ("the hotel keep our passports for one night", 0),
    ("my mom sold her old bike to the neighbour", 0),
    ("the boss hit his head on the door", 0),
    ("the plane is flying over our village to yangon", 0),
    ("the fan in the bathroom is broken", 0),
]


test_dev18_classes_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)
