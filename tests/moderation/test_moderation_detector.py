"""The Detector's interface and behaviour on representative messages."""

from __future__ import annotations

import pytest

from moderation import CATEGORIES, Detector, Verdict


def test_default_is_cached(detector):
    assert Detector.default() is detector


def test_verdict_shape(detector):
    v = detector.scan("I want to kill myself tonight")
    assert isinstance(v, Verdict)
    assert v.tier == 4
    assert v.categories == frozenset({"suicide"})
    assert v.language == "en"
    for m in v.matches:
        assert 0 <= m.start < m.end
        assert m.category in CATEGORIES
        assert 1 <= m.tier <= 4


def test_offsets_index_the_original_text(detector):
    text = "ok so... I w4nt to K!LL myselfff tbh"
    v = detector.scan(text)
    assert v.tier == 2
    assert text[v.matches[0].start : v.matches[0].end] == "w4nt to K!LL myselfff"


def test_zawgyi_offsets_and_flag(detector):
    text = "ငါ ေသခ်င္တယ္"
    v = detector.scan(text)
    assert v.zawgyi and v.language == "my" and v.tier == 2
    assert "ေသခ်င္" in text[v.matches[0].start : v.matches[0].end]


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("I wish I was dead", 1),
        ("I want to die", 2),
        ("I have pills and I want to die", 3),
        ("I want to die tonight", 4),
        ("I will kill myself at 10pm", 4),
        ("I'm going to jump off the bridge", 3),
        ("I would never kill myself", 1),
        ("he said he wants to kill himself", 1),
        ("in the movie the hero kills himself", 0),
        ('"I want to die" is a line from the song', 1),
        ("I took all my pills, goodbye", 4),
        ("they know where I am", 4),
        ("I'm being followed", 3),
        ("my phone died", 0),
        ("you're killing it", 0),
        ("I'd die for a coffee", 0),
        ("dead tired", 0),
        ("ဗိုက်ဆာလို့ သေတော့မယ်", 0),
        ("ရယ်လို့ သေတော့မယ်", 0),
        ("ငါ သေတော့မယ်", 2),
        ("မသေချင်ဘူး", 1),
    ],
)
def test_tiers(detector, text, tier):
    assert detector.scan(text).tier == tier


def test_negation_never_silences_tier_four(detector):
    assert detector.scan("I'm not joking, I took all my pills").tier == 4
    assert detector.scan("he said they know where I am").tier == 4


def test_non_str_and_empty_input(detector):
    assert detector.scan("").tier == 0
    assert detector.scan(None).tier == 0  # type: ignore[arg-type]
    assert detector.scan(b"kill myself").tier == 0  # type: ignore[arg-type]


def test_long_input_is_windowed_and_bounded(detector):
    text = ("hello there " * 80_000) + " I want to kill myself"
    # How long this takes is a figure, not a test (bench/wall_clock.py, bench/moderation_speed.py).
    v = detector.scan(text)
    assert v.tier == 2 and v.truncated is False
    assert text[v.matches[0].start : v.matches[0].end] == "want to kill myself"


def test_input_beyond_the_scan_limit_is_marked_truncated(detector):
    v = detector.scan("a" * (1 << 20) + " I want to die")
    assert v.truncated and v.tier == 0


def test_many_hits_are_capped(detector):
    v = detector.scan("I want to die. " * 5000)
    assert v.tier == 2
    assert len(v.matches) <= 64


def test_matcher_built_on_first_use_by_many_threads_at_once():
    # PhraseMatcher builds its automaton over any text on first use (ASCII chat never needs it); threads that
    # reach it together build it once and all find the same.
    import threading

    from moderation.matcher import PhraseMatcher

    entries = [("သေချင်", "die"), ("kill myself", "kill"), ("ငါ", "me")]
    text = "ငါ သေချင် kill myself"
    expected = [(f.start, f.end, f.item) for f in PhraseMatcher(entries).find(text)]
    assert expected == [(0, 2, "me"), (3, 9, "die"), (10, 21, "kill")]
    matcher = PhraseMatcher(entries)
    results: list[list[tuple[int, int, str]]] = []
    start = threading.Barrier(8)

    def scan() -> None:
        start.wait()
        results.append([(f.start, f.end, f.item) for f in matcher.find(text)])

    threads = [threading.Thread(target=scan) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 8
    assert len(matcher) == 3
