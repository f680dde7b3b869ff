"""English classes completed (lexicon en 2026.12.13), second transfer pass: the first pass's classes with the
members the tune files showed missing (more heights and waters and presence at them, medicine by brand and slang
names, a sealed room with charcoal, a stool under a tied cloth, forces searching with dogs or asking which room,
self-injury deeper than before, another person's violence under way), and guards for jokes and slang by class
("kms" over homework or a game, a sign-off before bed or a new phone, an overdose of food, a slip someone "will
kill me" for, a past raid that is settled). Scored with the lexicon alone."""

from __future__ import annotations

import pytest

from moderation import Detector

AT_LEAST = [
    # presence at a height or water, then a time or a farewell
    ("sitting on the railing of the footbridge now, cars very fast below", 4),
    ("i am at the edge of the quarry now, legs hanging, thank you all", 4),
    ("on top of the water tower behind the school. tonight i will not come down", 4),
    ("at the top of the car park building right now, nobody here", 4),
    ("legs outside the window of the 12th floor now, not scared", 4),
    ("im on the train tracks rn, i can hear it coming", 4),
    ("put stones in my jacket pocket, walking to the river now", 4),
    ("tomorrow at dawn i go to the reservoir. dont try to find me", 3),
    # medicine by another name, counted or finished
    ("took 40 of my adderall an hour ago", 4),
    ("popped like 25 benadryl, feeling weird now", 4),
    ("seroquel all in, lying down now. goodnight everyone", 4),
    ("downed the tylenol with vodka, bye", 3),
    # charcoal in a sealed room; a cloth tied with the stool under the feet
    ("lit the charcoal, windows taped. not scared", 4),
    ("charcoal in the bathroom, door sealed now", 4),
    ("tied it to the fan, standing on the chair now", 4),
    ("tied my sarong already. one more message then i go", 3),
    # forces searching, asking which room, the cops at the door
    ("they are searching the rubber farm with dogs, im hiding in the ditch", 3),
    ("they are coming up, asking the neighbours which room, delete this chat", 3),
    ("the cops r outside my door right now", 4),
    ("a car following us with lights off since the checkpoint, they are army", 3),
    # weapons at the door, petrol and a lighter
    ("he has the machete and is kicking the door now, kids with me", 4),
    ("my uncle poured petrol in the hall and is holding a lighter right now", 4),
    # self-injury deeper or with blood; someone close hurting herself
    ("cut deeper this time, blood everywhere and i feel dizzy", 3),
    ("burning my arm with the hot spoon now, i need it", 4),
    ("my roommate is banging her head on the wall again and again, she wont stop", 3),
    # another person's violence under way
    ("three men beating my brother outside the shop now, he is not moving", 4),
    ("the boss is dragging my friend into his van right now, she is screaming", 4),
    # a wish to die after a failed exam is not a joke about the exam
    ("failed the exam again, i want to die", 2),
    # hanging in a kitchen: the frame does not explain it away
    ("my mother tried to hang herself in the kitchen, please call someone", 3),
]

AT_MOST = [
    # homework, tests, games
    ("kms lol this homework is endless", 0),
    ("i want to kms over this calc test", 0),
    ("ranked makes me want to die lmao", 0),
    ("after this exam i am going to die, four hours of writing", 0),
    ("i am on the tracks of the old railway museum, so cool", 0),
    ("ugh kill me now, monday again", 0),
    ("i would rather die than sit through another meeting", 0),
    ("if i fail this exam im jumping off a bridge lol", 0),
    # sign-offs before bed, a flat battery or a new phone
    ("bro this is my last message today, going to bed early", 0),
    ("my last message tonight phone battery dying, good night", 0),
    ("last message from this phone, the screen is broken, new one tomorrow", 0),
    # an overdose of food or an exam about overdoses
    ("overdose of sticky rice today i cant move lol", 0),
    ("my sister had an exam on overdose treatment today", 0),
    # slips and jokes
    ("if i forget our anniversary again she will kill me", 0),
    ("that comedian on youtube is killing me, i cant breathe", 0),
    ("i will kill you if you eat my mango again", 0),
    ("lol i want to die i sent the love message to the group chat", 0),
    ("he says he wants to die lol, his team lost again", 0),
    # everyday uses of the new words
    ("last year there was a police raid at our site, but everything is settled now, we all got cards", 0),
    ("the charcoal is burning, the grill is ready, come eat", 0),
    ("we took 40 photos at the quarry on the school trip", 0),
    ("the boys are kicking the ball in the yard, so noisy", 0),
]


@pytest.mark.parametrize(("text", "tier"), AT_LEAST)
def test_completed_classes_are_a_hit(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier >= tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_jokes_slang_and_everyday_uses_stay_quiet(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier <= tier, (text, lexicon_only.scan(text))


VECTOR_MESSAGES = tuple(t for t, _ in (*AT_LEAST, *AT_MOST))
