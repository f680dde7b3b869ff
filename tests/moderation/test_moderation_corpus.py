"""The labelled corpus: the acceptance thresholds of the issue, per language."""

from __future__ import annotations

import pytest
from moderation_corpus import CORPORA, load


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_thresholds(detector, corpus):
    samples = load(corpus)
    tiers = [(s, detector.scan(s.text).tier) for s in samples]
    positives = [p for s, p in tiers if s.tier >= 1]
    high = [p for s, p in tiers if s.tier >= 3]
    hard = [p for s, p in tiers if s.kind == "hard_negative"]
    assert sum(p >= 1 for p in positives) / len(positives) > 0.95
    assert sum(p >= 3 for p in high) / len(high) > 0.9
    assert sum(p >= 1 for p in hard) / len(hard) <= 0.05


def test_corpus_size_and_coverage():
    total = sum(len(load(c)) for c in CORPORA)
    assert total >= 400
    for corpus in ("en", "my"):
        samples = load(corpus)
        assert {s.tier for s in samples} == {0, 1, 2, 3, 4}
        covered = set().union(*(s.categories for s in samples))
        assert covered == {"suicide", "self_harm", "violence", "abuse", "danger", "distress"}
        assert any(s.kind == "hard_negative" for s in samples)


def test_zawgyi_corpus_is_generated_from_unicode_corpus():
    from make_zawgyi_corpus import unicode_to_zawgyi

    unicode, zawgyi = load("my"), load("my-zawgyi")
    for u, z in zip(unicode, zawgyi, strict=True):
        assert z.text == unicode_to_zawgyi(u.text)
        assert (z.tier, z.categories, z.kind) == (u.tier, u.categories, u.kind)


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_exact_tiers(detector, corpus):
    wrong = [(s.line, s.tier, detector.scan(s.text).tier, s.text) for s in load(corpus)]
    wrong = [w for w in wrong if w[1] != w[2]]
    assert len(wrong) <= len(load(corpus)) * 0.1, wrong
