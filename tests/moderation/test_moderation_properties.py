"""Property tests: scan never raises, and the fast path never misses what the slow path finds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderation.detector import _default_detector
from moderation.normalize import default_normalizer

# Characters that matter to the normaliser, to make interesting strings likely.
SPICY = [
    *"kilmysefdutpwan 013457@$!|.-_*~,'\u200b\u00ad\u202eкіαοＫ𝐤",
    *"\u1000\u1031\u1039\u103a\u103b\u103c\u103d\u103e\u1004\u101e\u1001\u1010\u101a\u1014\u1040\u1064\u104b",
    *["kill", "myself", "die", "want to ", "သေ", "ချင်", "တယ်", "ေသ", "ခ်င္", "ka", "  ", "\n", "not ", "tonight"],
]

spicy_text = st.lists(st.sampled_from(SPICY), max_size=40).map("".join)
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
surrogates = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), max_size=20)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_text, spicy_text, surrogates, st.tuples(any_text, spicy_text).map("".join)))
def test_scan_never_raises_and_fast_equals_slow(detector, text):
    normalizer = default_normalizer()
    fast, fast_zawgyi = normalizer.fast(text)
    mapped = normalizer.mapped(text)
    assert fast == mapped.text
    assert fast_zawgyi == mapped.zawgyi
    assert len(mapped.starts) == len(mapped.text) == len(mapped.ends)
    assert all(0 <= a < b <= len(text) for a, b in zip(mapped.starts, mapped.ends, strict=True))
    # Fast path empty implies slow path empty.
    if not _default_detector().fast_hit(fast):
        assert _default_detector()._analyse(text, 0)[0] == []
    verdict = detector.scan(text)
    assert not verdict.degraded
    assert 0 <= verdict.tier <= 4
    for m in verdict.matches:
        assert 0 <= m.start < m.end <= len(text)


@pytest.mark.slow
@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(SPICY), st.integers(min_value=1, max_value=4))
def test_megabyte_inputs(detector, piece, repeat):
    text = (piece * ((1 << 20) // len(piece) + 1))[: (1 << 20) * repeat // 4 + 1]
    verdict = detector.scan(text)
    assert not verdict.degraded


def test_one_megabyte_of_noise_returns(detector):
    import random

    rng = random.Random(3)
    text = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(1 << 20))
    verdict = detector.scan(text)
    assert not verdict.degraded


ascii_text = st.one_of(
    st.text(st.characters(min_codepoint=0, max_codepoint=127), max_size=120),
    st.lists(
        st.sampled_from([*"kilmysedo 013457@$!|.-_*~+/\\,'\t", "kill", "im", "dont", "kms", "eee", "  "]), max_size=30
    ).map("".join),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ascii_text)
def test_ascii_fast_path_equals_generic_pipeline(detector, text):
    """The fused ASCII path gives the generic steps' text, and its padded-key automaton the
    generic boundary-checked automaton's answer."""
    normalizer = default_normalizer()
    fused = normalizer.fast_ascii(text)
    generic, zawgyi = normalizer.fast_generic(text)
    assert fused == generic and not zawgyi
    assert fused.isascii()
    assert set(fused) <= set("abcdefghijklmnopqrstuvwxyz0123456789 ")
    d = _default_detector()
    assert d._fast_hit_ascii(fused) == d._fast_hit_generic(fused)
    # The pre-filter over the text before euphemisms never says "nothing" when there is something.
    before = normalizer.ascii_path.run_before_euphemisms(text)
    if before is not None:
        assert normalizer.ascii_path.euphemisms(before) == fused
    if before is not None and not d._pre_hit(before):
        assert not d.fast_hit(fused)
        assert d._analyse(text, 0)[0] == []


# Latin text as phones type it: curly quotes, accents, emoji, look-alikes, between words of chat.
phone_text = st.lists(
    st.sampled_from(
        [
            *"kilmysedo 013457@$!.,'",
            "\u2019",
            "\u201c",
            "\u201d",
            "\u2026",
            "\u00e9",
            "\U0001f602",
            "\u2764\ufe0f",
            "\U0001f44d\U0001f3fd",
            "\u24b6",
            "\u2474",
            "\u0430",
            "\u200d",
            "kill",
            "myself",
            "im",
            "dont",
            "kms",
            "tonight",
            "pills",
            "  ",
            "I\u2019m",
            "they know",
            "where i am",
        ]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(any_text, spicy_text, phone_text, ascii_text, st.tuples(phone_text, spicy_text).map("".join)))
def test_fast_paths_give_the_full_pipelines_verdict(detector, text):
    """Soundness of every shortcut (ASCII path, fold-then-ASCII path, pre-filter, fast_hit): the
    verdict equals the one from running the full offset-keeping pipeline on every message."""
    assert detector.scan(text) == detector._scan_full(text)


def test_fast_paths_on_every_corpus_message(detector):
    from moderation_corpus import CORPORA, HELDOUT, HELDOUT2, HELDOUT3, HELDOUT4, load

    names = [*CORPORA, *HELDOUT, *HELDOUT2, *HELDOUT3, *HELDOUT4]
    for name in names:
        for sample in load(name):
            for text in (sample.text, sample.text.replace("'", "\u2019") + " \U0001f602", sample.text.upper()):
                assert detector.scan(text) == detector._scan_full(text), (name, sample.line, text)


def test_folding_is_idempotent_so_folded_ascii_may_take_the_ascii_path():
    normalizer = default_normalizer()
    assert normalizer.ascii_after_fold is not None
    for text in ("\u2474 \u2160 caf\u00e9 \u201cok\u201d \U0001f602", "".join(map(chr, range(0x2460, 0x24FF)))):
        folded = normalizer.fold(text)
        assert normalizer.fold(folded) == folded
