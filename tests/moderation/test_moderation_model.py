"""The trained model beside the lexicon (issue 16 item 8): shipped as a small data file, scored in
integers a second engine can reproduce, raising only where the lexicon is silent, never lowering."""

from __future__ import annotations

import json
import random
import zlib
from importlib import resources

import pytest

from moderation.model import HEADS, bundled_model, features
from moderation.normalize import default_normalizer


def _raw_model() -> dict:
    return json.loads(resources.files("moderation").joinpath("data", "model.json").read_text("utf-8"))


def test_weights_file_is_small_and_integer():
    path = resources.files("moderation").joinpath("data", "model.json")
    assert len(path.read_bytes()) <= 2 * 1024 * 1024
    raw = _raw_model()
    assert raw["heads"] == list(HEADS)
    assert all(isinstance(w, int) for row in raw["weights"].values() for w in row)
    assert all(isinstance(b, int) for b in raw["bias"])


def _second_engine(norm: str) -> list[int]:
    """The scoring rule as the docs state it, written again from the raw JSON (as a browser would)."""
    raw = _raw_model()
    totals = list(raw["bias"])
    seen = set()
    for f in features(norm):
        b = zlib.crc32(f.encode("utf-8")) % raw["buckets"]
        if b in seen:
            continue
        seen.add(b)
        for i, w in enumerate(raw["weights"].get(str(b), [0] * len(HEADS))):
            totals[i] += w
    return totals


@pytest.mark.parametrize(
    "text",
    ["i keep seeing what we did in the village, i cant live with it", "hello there", "ငါ သေချင်တယ်", "nga thay chin tal"],
)
def test_scores_are_exactly_reproducible(text):
    norm = default_normalizer().fast(text)[0]
    assert list(bundled_model().score(norm).scores) == _second_engine(norm)


def test_model_raises_where_the_lexicon_is_silent(detector, lexicon_only):
    text = "i keep seeing what we did in village, i cant live with it"
    assert lexicon_only.scan(text).tier == 0
    v = detector.scan(text)
    assert v.tier == 1
    assert v.matches[-1].term == "model" and v.matches[-1].reasons[0].startswith("model:")


@pytest.mark.parametrize(
    "text", ["I took all my pills, goodbye", "they know where I am", "I'm going to kill myself tonight"]
)
def test_model_never_lowers_a_lexicon_tier(detector, lexicon_only, text):
    assert detector.scan(text).tier == lexicon_only.scan(text).tier == 4


def test_model_respects_the_lexicons_idioms(detector):
    assert detector.scan("i took all my pills from the pharmacy home").tier == 0


def test_scan_with_model_equals_full_pipeline(detector):
    rng = random.Random(5)
    words = [
        "i",
        "we",
        "they",
        "pills",
        "bridge",
        "tonight",
        "village",
        "soldiers",
        "cant",
        "live",
        "anymore",
        "hello",
        "rice",
        "market",
        "sorry",
        "mom",
    ]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12)))
        assert detector.scan(text) == detector._scan_full(text)


@pytest.mark.slow
def test_training_is_reproducible_and_the_shipped_model_is_current(tmp_path, monkeypatch):
    from moderation import train

    monkeypatch.setattr(train, "MODEL_PATH", tmp_path / "model.json")
    monkeypatch.setattr(train, "SPLIT_DIR", tmp_path)
    assert train.main() == 0
    assert json.loads((tmp_path / "model.json").read_text("utf-8")) == _raw_model()
