"""Everyday frames the realistic hard negatives of the training-data pass showed the lexicon flagging at tier 3-4
(2026-12-05): visitors and deliveries at the door, a rope for laundry, beating someone at a game, a goodbye to a
place or a job, a sign-off before a flight or sleep, a pet that follows. Each class has its own sentences here
(none copied from a held-out set) and crisis sentences sharing its words that must keep their tier."""

from __future__ import annotations

import pytest

from moderation import Detector

EVERYDAY = (
    "they are at the door, my friends came for the party",
    "at the door our cousins arrived for the wedding",
    "the delivery guy is at the door, can you pay him",
    "we bought a rope to hang the laundry",
    "need a new clothes line, the old rope broke",
    "bro im gonna kill you at chess in 5 minutes",
    "i will beat you at ludo tonight haha",
    "final goodbye to my old school today",
    "last goodbye to my coworkers, new job on monday",
    "this is my last message before my flight",
    "my last message before bed, good night all",
    "the puppy follows me everywhere",
    "my little sister follows me around all day",
)
CRISIS = (
    ("they are at the door, the soldiers came for me", 4),
    ("they are at the door, my friends came to warn me", 4),
    ("final goodbye to my family, tonight i go", 4),
    ("i will kill you tonight", 4),
    ("i bought a rope to hang myself", 3),
    ("this is my last message. goodbye", 4),
    ("someone follows me everywhere", 3),
)
# Also in tests/vectors/moderation/rules.json, so the browser engine is held to the same allow-list.
VECTOR_MESSAGES = (*EVERYDAY, *(text for text, _ in CRISIS))


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_frames_stay_quiet(detector: Detector, text: str) -> None:
    assert detector.scan(text).tier == 0, detector.scan(text)


@pytest.mark.parametrize(("text", "tier"), CRISIS)
def test_crisis_sharing_their_words_keeps_its_tier(detector: Detector, text: str, tier: int) -> None:
    assert detector.scan(text).tier >= tier, detector.scan(text)
