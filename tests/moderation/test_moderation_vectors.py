"""The moderation vectors (issue 16 item 10) are current, and the fast paths reproduce them.

tests/vectors/moderation/*.json pin what the full pipeline produces (normalised text, matches with
spans, model scores, tier, categories, language) for a second engine to reproduce exactly."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from moderation import Detector
from moderation.normalize import default_normalizer

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "moderation"


def _generator():
    spec = importlib.util.spec_from_file_location("moderation_vectors_generate", VECTORS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def committed() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text("utf-8")) for p in sorted(VECTORS.glob("*.json"))}


def test_there_are_at_least_a_thousand_vectors_with_zawgyi_and_evasions(committed):
    assert sum(len(v["vectors"]) for v in committed.values()) >= 1000
    assert any(v["zawgyi"] for v in committed["my_zawgyi.json"]["vectors"])
    assert committed["evasion.json"]["vectors"]


@pytest.mark.slow
def test_vectors_are_current(committed):
    generator = _generator()
    fresh = generator.build()
    assert sorted(fresh) == sorted(committed)
    for name, data in fresh.items():
        assert json.loads(generator.render(data)) == committed[name], f"{name} is stale: run {VECTORS}/generate.py"


@pytest.mark.slow
def test_fast_and_full_paths_match_the_vectors(committed):
    detector = Detector.default()
    normalizer = default_normalizer()
    for data in committed.values():
        for v in data["vectors"]:
            text = v["input"]
            assert normalizer.fast(text)[0] == v["normalised"]
            assert normalizer.mapped(text).text == v["normalised"]
            for verdict in (detector.scan(text), detector._scan_full(text)):
                assert verdict.tier == v["tier"], text
                assert sorted(verdict.categories) == v["categories"], text
                assert [(m.start, m.end, m.term, m.tier, list(m.reasons)) for m in verdict.matches] == [
                    (m["start"], m["end"], m["term"], m["tier"], m["reasons"]) for m in v["matches"]
                ], text


def test_the_browser_engine_reproduces_every_vector_file():
    # web/test/detection.test.ts imports each file by name: a new family must be added there too.
    engine_test = (VECTORS.parents[2] / "web" / "test" / "detection.test.ts").read_text("utf-8")
    missing = [p.name for p in sorted(VECTORS.glob("*.json")) if f"/moderation/{p.name}'" not in engine_test]
    assert missing == []
