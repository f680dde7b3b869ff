"""Checks the per-round class tests share. Burmese (test_moderation_my_classes, _my_dev14, _my_dev15): a class example
is a lexicon hit, not only the trained model's, and a message re-encoded in Zawgyi scores as its Unicode form.
English (test_moderation_en_dev14, _en_dev15, _en_dev18, _en_dev18_b, _en_transfer, _act_object): the pair of tests
each file makes of its examples and its everyday sentences, with the lexicon alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

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


def lexicon_tier_tests(
    at_least: Sequence[tuple[str, int]], at_most: Sequence[tuple[str, int]]
) -> tuple[Callable[..., None], Callable[..., None]]:
    """A class file's two tests, to bind to its own test names: each example reaches at least its tier with the
    lexicon alone, and each everyday sentence sharing the words stays at or under its tier."""

    @pytest.mark.parametrize(("text", "tier"), at_least)
    def reaches_its_tier(lexicon_only: Detector, text: str, tier: int) -> None:
        verdict = lexicon_only.scan(text)
        assert verdict.tier >= tier, (text, verdict)

    @pytest.mark.parametrize(("text", "tier"), at_most)
    def stays_quiet(lexicon_only: Detector, text: str, tier: int) -> None:
        verdict = lexicon_only.scan(text)
        assert verdict.tier <= tier, (text, verdict)

    return reaches_its_tier, stays_quiet
