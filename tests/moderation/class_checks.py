"""Checks the per-round Burmese class tests share (test_moderation_my_classes, _my_dev14, _my_dev15): a class example
is a lexicon hit, not only the trained model's, and a message re-encoded in Zawgyi scores as its Unicode form."""

from __future__ import annotations

from moderation import Detector
from tests.moderation.make_zawgyi_corpus import unicode_to_zawgyi


def assert_lexicon_hit(detector: Detector, text: str, tier: int, category: str) -> None:
    """At least `tier` in `category`, and a lexicon match of that category and tier says so (not the model)."""
    v = detector.scan(text)
    assert v.tier >= tier, (text, v)
    assert category in v.categories, (text, v)
    assert any(
        m.category == category and m.tier >= tier and not any(r.startswith("model:") for r in m.reasons)
        for m in v.matches
    ), (text, v)


def assert_zawgyi_scores_the_same(detector: Detector, text: str) -> None:
    unicode_verdict, zawgyi_verdict = detector.scan(text), detector.scan(unicode_to_zawgyi(text))
    assert (zawgyi_verdict.tier, zawgyi_verdict.categories) == (unicode_verdict.tier, unicode_verdict.categories)
