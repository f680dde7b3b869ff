"""Fixtures shared by the moderation tests: the bundled detector, and the lexicon without the trained model."""

from __future__ import annotations

import pytest

from moderation import Detector
from moderation.detector import Detector as PlainDetector
from moderation.lexicon import bundled_lexicons
from moderation.normalize import default_normalizer


@pytest.fixture(scope="session")
def detector() -> Detector:
    return Detector.default()


@pytest.fixture(scope="session")
def lexicon_only() -> PlainDetector:
    """The lexicon alone: what the rules say before the model may raise a silent verdict."""
    normalizer = default_normalizer()
    return PlainDetector(bundled_lexicons(normalizer), normalizer)
