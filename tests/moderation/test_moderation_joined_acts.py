"""Two gaps the 2026-12-05 closing note named (lexicon en 2026.12.16).

* An act of violence joined to its doer by "then" or "and" ("he came home drunk then hit me") made no hit: the
  he/she/they combo knew only "hit me again / when / every". An excuse in between ("he locked me in the room by
  mistake he said, then hit me") no longer hides the blow behind the allow phrase for a door locked by mistake.
* Someone locked in with a means who no longer answers is an attempt in progress (4), where either part alone
  stays 3.

Scored with the lexicon alone; everyday sentences that share the words stay quiet."""

from __future__ import annotations

import pytest

from moderation import Detector

EXACTLY = [
    ("he came home drunk then hit me", 2),
    ("he locked me in the room by mistake he said, then hit me", 2),
    ("they grabbed me and kicked me", 2),
    ("my husband shouted and then slapped me", 2),
    ("she is locked in the bathroom with pills not answering", 4),
    ("my brother locked himself in his room with a rope, he wont open", 4),
    ("she is locked in the bathroom with pills", 3),
]

AT_MOST = [
    ("he called and hit me up later", 0),
    ("she played well and beat me", 0),
    ("the ball hit me in the face", 0),
    ("then it hit me, i forgot my keys", 0),
    ("my boss locked me in the office by mistake", 0),
    ("locked in the bathroom singing with pills, not answering lol", 0),
]


@pytest.mark.parametrize(("text", "tier"), EXACTLY)
def test_joined_acts_score_their_tier(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier == tier, (text, lexicon_only.scan(text))


@pytest.mark.parametrize(("text", "tier"), AT_MOST)
def test_everyday_sentences_sharing_the_words_stay_quiet(lexicon_only: Detector, text: str, tier: int) -> None:
    assert lexicon_only.scan(text).tier <= tier, (text, lexicon_only.scan(text))
