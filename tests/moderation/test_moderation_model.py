"""The trained model beside the lexicon (issue 16 item 8): shipped as a small data file, scored in
integers a second engine can reproduce, raising only where the lexicon is silent, never lowering."""

from __future__ import annotations

import json
import random
import zlib
from importlib import resources

import pytest

from moderation.detector import DOUBT_MAX_CHARS, Detector
from moderation.lexicon import bundled_lexicons
from moderation.model import HEADS, Model, bundled_model, features
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


@pytest.mark.parametrize(
    "text",
    [
        "lol this quiz is so hard, kill me now 😂",
        "haha i will kill you if you eat my noodles again 😤",
        "ဘောလုံးပွဲ ရှုံးလို့ သေချင်တယ် 😂 နောက်ပွဲ နိုင်မှာပါ",
    ],
)
def test_the_model_doubts_a_joke_the_lexicon_read_as_ideation(detector, lexicon_only, text):
    # 2026.12.16: a lexicon tier 1 or 2 of ideation words alone in a chat-sized message, which the model scores below
    # its doubt threshold, comes down to 0; its hits stay, at tier 0, with the score as their reason.
    assert lexicon_only.scan(text).tier in (1, 2)
    verdict = detector.scan(text)
    assert verdict.tier == 0 and not verdict.flagged and verdict.categories == frozenset()
    assert verdict.matches and all(m.tier == 0 and m.reasons[-1].startswith("doubted:model=-") for m in verdict.matches)
    assert detector._scan_full(text) == verdict


def test_the_model_doubts_neither_a_means_nor_a_long_message(always_doubting, lexicon_only):
    means = "i bought a rope to hang myself"
    assert lexicon_only.scan(means).tier == 3 and always_doubting.scan(means).tier == 3
    ideation = "nobody would miss me if i was gone"
    with_context = ideation + " haha, anyway see you at the market"
    assert lexicon_only.scan(with_context).tier == 1 and always_doubting.scan(with_context).tier == 0
    # A message that is its hit and little more gives the model nothing to doubt with (DOUBT_MIN_CONTEXT).
    for bare in (ideation, ideation + " 😂", "ငါ သေတော့မယ်"):
        assert always_doubting.scan(bare).tier == lexicon_only.scan(bare).tier > 0, bare
    # Past DOUBT_MAX_CHARS the model's sum over the whole text could drown one crisis sentence among everyday ones.
    long = ideation + ". " + "we went to the market and bought rice and fish for the week, then cooked together. " * 3
    assert len(long) > DOUBT_MAX_CHARS
    assert always_doubting.scan(long).tier == 1


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


def _bias_only(any_score: int, high_score: int) -> Model:
    """A model whose scores are its bias alone (no weights): the tier rule on chosen head scores."""
    bias = (any_score, high_score, *([0] * (len(HEADS) - 2)))
    return Model("test", 8, bias, {"any": 100, "high": 100, "doubt": -100}, {})


@pytest.mark.parametrize(
    ("any_score", "high_score", "tier"),
    [
        (150, 150, 3),
        (0, 150, 3),  # the tier>=1 head at even odds is enough for the high head to raise
        (-1, 150, 0),  # 2026.12.13: leaning against any crisis, the high head alone does not raise
        (150, 50, 1),
        (50, 50, 0),
    ],
)
def test_the_high_head_raises_only_where_the_tier_one_head_leans_to_a_crisis(any_score, high_score, tier):
    assert _bias_only(any_score, high_score).score("").tier == tier


@pytest.fixture(scope="module")
def always_raising() -> Detector:
    """The bundled lexicons beside a model that would raise every message to 3."""
    normalizer = default_normalizer()
    return Detector(bundled_lexicons(normalizer), normalizer, _bias_only(500, 500))


@pytest.fixture(scope="module")
def always_doubting() -> Detector:
    """The bundled lexicons beside a model that would doubt every lexicon tier 1 or 2 it may."""
    normalizer = default_normalizer()
    return Detector(
        bundled_lexicons(normalizer),
        normalizer,
        Model("test", 8, (-500,) * len(HEADS), {"any": 100, "high": 100, "doubt": 0}, {}),
    )


def test_the_always_raising_model_raises(always_raising):
    assert always_raising.scan("see you at the market tomorrow").tier == 3


@pytest.mark.parametrize(
    "text",
    [
        "၂၀၂၁ တုန်းက စစ်သားတွေ ရွာကို ဝင်စီးခဲ့တယ် အခု ငြိမ်သွားပြီ",
        "soldiers raided our village in 2021, now it is quiet and we rebuilt the school",
        "ဟိုနှစ်က ရဲတွေ အိမ်ကို လာရှာခဲ့တယ် အခု ပြီးသွားပြီ ဘာမှ မဖြစ်တော့ဘူး",
    ],
)
def test_a_past_told_as_over_stays_dropped(always_raising, text):
    # The lexicon drops a past danger the message says is over; the model must not bring it back (2026.12.13).
    dropped: list[str] = []
    always_raising._analyse(text, 0, dropped)
    assert "dropped:over" in dropped
    assert always_raising.scan(text).tier == 0


def test_a_model_of_another_bucket_count_does_not_disturb_the_bundled_ones_scores():
    # Feature buckets were memoised as the first scoring model's: after a test's small model, the bundled model scored
    # those features in buckets of the wrong count.
    norm = default_normalizer().fast("qzvx wrbl took all my pills tonight goodbye qzvx-7")[0]
    small = Model(
        "test", 8, tuple([0] * len(HEADS)), {"any": 1, "high": 1, "doubt": 0}, {b: (1,) * len(HEADS) for b in range(8)}
    )
    small.score(norm)
    model = bundled_model()
    assert model is not None
    assert list(model.score(norm).scores) == _second_engine(norm)
