"""English acts meeting their object across a few words (lexicon en 2026.12.10): the exact phrases need the words
side by side ("cut my wrists"), people write "cut both wrists", "drank the battery acid", "step off the ferry",
"the belt on the window bar". Scored with the lexicon alone; everyday sentences sharing the words stay quiet."""

from __future__ import annotations

from tests.moderation.class_checks import lexicon_tier_tests

AT_LEAST = [
    ("i have cut both my wrists", 3),
    ("cut deep into both wrists last night", 3),
    ("slashed across my thighs again", 3),
    ("i drank the whole bottle of bleach", 3),
    ("swallowed some rat poison an hour ago, sorry", 3),
    ("i will jump off the footbridge tonight", 4),
    ("gonna step off the boat when nobody looking", 3),
    ("i am going to walk into the sea at midnight", 4),
    ("tied the bedsheet to the ceiling fan", 3),
    ("the rope is around my neck now", 4),
    ("i will drive my motorbike into the river", 3),
]

AT_MOST = [
    ("cut my finger while slicing onions", 0),
    ("the kids jump off the boat into the river every summer", 0),
    ("i walk into the building at 9 for work", 0),
    ("i jump into the lake with my friends every weekend lol", 0),
    ("hang the belt on the hook please", 0),
    ("slicing the cake into 12 pieces for the party", 0),
    ("the fan is broken, bring the rope to tie the boxes", 0),
    ("grandma drinks herbal tea, not that acid coffee", 0),
]


test_act_and_object_apart_are_a_hit, test_everyday_sentences_sharing_the_words_stay_quiet = lexicon_tier_tests(
    AT_LEAST, AT_MOST
)


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
