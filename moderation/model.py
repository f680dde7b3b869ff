"""A small trained model beside the lexicon: hashed n-grams and logistic regression, scored in integers.

The lexicon catches what it anticipates; the model catches phrasing near what it was trained on
(`python -m moderation.train`, docs/moderation.md). Scoring is exactly reproducible by a second
engine (the browser client): features are strings built from the normalised text, hashed with
CRC-32 (IEEE, as zlib) of their UTF-8 bytes modulo `buckets`; each head's score is its integer
bias plus the sum of its integer weights over the DISTINCT buckets present; a head fires when its
score is at least its integer threshold. No floating point is involved at run time.

The model can only raise (a silent lexicon to 1 or 3, a lexicon 1 or 2 that context did not lower to 3): a lexicon
tier is never lowered, and the model itself reaches tier 3
at most (tier 4 needs a time, place or act under way that the lexicon reads).
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass
from functools import cache

from moderation.bundled import DataFileError, read_text
from moderation.script import is_myanmar

HEADS = ("any", "high", "suicide", "self_harm", "danger", "abuse", "violence", "distress")
CATEGORY_HEADS = HEADS[2:]
SOURCE = "moderation/data/model.json"


# Feature string -> its CRC-32, bounded. Not the bucket: a model of another bucket count (a test's) would find the
# buckets of the bundled model's count here and score wrongly; the modulo is taken per model.
_CRCS: dict[str, int] = {}
_MEMO_LIMIT = 1 << 16


def features(norm: str) -> list[str]:
    """Feature strings of a normalised text: Latin words and word pairs, Myanmar character trigrams.

    Myanmar script is written without spaces between words, so its runs give character trigrams;
    Latin tokens give themselves and each adjacent pair."""
    out: list[str] = []
    words = norm.split()
    prev = ""
    for word in words:
        if is_myanmar(word[0]):
            padded = f"^{word}$"
            out.extend("c:" + padded[i : i + 3] for i in range(len(padded) - 2))
            prev = ""
            continue
        out.append("w:" + word)
        if prev:
            out.append("b:" + prev + " " + word)
        prev = word
    return out


def bucket_of(feature: str, buckets: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) % buckets


@dataclass(frozen=True, slots=True)
class ModelScore:
    scores: tuple[int, ...]  # one per head, in HEADS order
    tier: int  # 0, 1 or 3
    category: str
    reason: str


@dataclass(frozen=True, slots=True)
class Model:
    version: str
    buckets: int
    bias: tuple[int, ...]
    thresholds: dict[str, int]
    weights: dict[int, tuple[int, ...]]

    def doubts(self, score: ModelScore) -> bool:
        """Whether the tier >= 1 head finds the message unlike a crisis, below what 98% of the hand-written crisis
        messages of the validation split score (train.py, MAX_DOUBTED_POSITIVE_RATE)."""
        return score.scores[0] < self.thresholds["doubt"]

    def score(self, norm: str) -> ModelScore:
        weights = self.weights
        buckets = self.buckets
        memo = _CRCS
        seen: set[int] = set()
        rows: list[tuple[int, ...]] = [self.bias]
        for feature in features(norm):
            crc = memo.get(feature)
            if crc is None:
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()  # bounded: chat vocabulary repeats, so this is rare
                crc = memo[feature] = zlib.crc32(feature.encode("utf-8"))
            b = crc % buckets
            if b in seen:
                continue
            seen.add(b)
            row = weights.get(b)
            if row is not None:
                rows.append(row)
        scores = tuple(sum(column) for column in zip(*rows, strict=True))
        # 2026.12.13: the high head raises to 3 only where the tier >= 1 head leans to a crisis too (score >= 0, even
        # odds): trained on the dev13 and dev14 rounds, it read an everyday plan with a clock time ("dee nya 10 nar yi
        # mhar ait mal", "I'll sleep at 10 tonight") as imminent while the tier >= 1 head said no.
        if scores[1] >= self.thresholds["high"] and scores[0] >= 0:
            tier = 3
        elif scores[0] >= self.thresholds["any"]:
            tier = 1
        else:
            return ModelScore(scores, 0, "", "")
        # The category head with the highest score (ties: the first in HEADS order).
        best = max(range(len(CATEGORY_HEADS)), key=lambda i: (scores[2 + i], -i))
        category = CATEGORY_HEADS[best]
        head = "high" if tier == 3 else "any"
        return ModelScore(scores, tier, category, f"model:{head}={scores[1] if tier == 3 else scores[0]}")


def parse_model(text: str) -> Model:
    try:
        data = json.loads(text)
        if tuple(data["heads"]) != HEADS:
            raise ValueError(f"heads must be {HEADS}")
        buckets = int(data["buckets"])
        bias = tuple(int(x) for x in data["bias"])
        raw = data["thresholds"]
        thresholds = {"any": int(raw["any"]), "high": int(raw["high"]), "doubt": int(raw["doubt"])}
        weights = {int(k): tuple(map(int, v)) for k, v in data["weights"].items()}
        if len(bias) != len(HEADS) or any(len(v) != len(HEADS) for v in weights.values()):
            raise ValueError("every weight row needs one integer per head")
        return Model(str(data["version"]), buckets, bias, thresholds, weights)
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{SOURCE}: malformed model: {exc}") from exc


@cache
def bundled_model() -> Model | None:
    """The shipped model, or None when the package has none (the lexicon works alone)."""
    try:
        text = read_text("data", "model.json")
    except FileNotFoundError:
        return None
    return parse_model(text)
