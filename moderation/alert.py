"""The content of a crisis alert: the least a moderator needs to triage, and nothing more.

Only the matched spans with a little context travel, never the whole message. The client seals
the serialised form to the moderators' keys (crypto/); this module only defines and checks it.
The format is versioned JSON so that clients of different versions can read each other's alerts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from moderation.verdict import CATEGORIES, MAX_TIER, Verdict

ALERT_VERSION = 1
CONTEXT_CHARS = 40
MAX_EXCERPTS = 3
MAX_ALERT_BYTES = 16_384


class AlertFormatError(ValueError):
    """Serialised alert content that is not valid for this version."""


@dataclass(frozen=True, slots=True)
class AlertExcerpt:
    """A matched span with up to CONTEXT_CHARS characters either side.

    `start`/`end` locate the match inside `snippet`.
    """

    term: str
    category: str
    tier: int
    snippet: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class AlertContent:
    message_id: str
    tier: int
    categories: tuple[str, ...]
    language: str
    excerpts: tuple[AlertExcerpt, ...]
    version: int = ALERT_VERSION

    @classmethod
    def from_verdict(cls, verdict: Verdict, message: str, message_id: str) -> AlertContent:
        if verdict.tier < 1:
            raise ValueError("no alert for a tier-0 verdict")
        ranked = sorted(verdict.matches, key=lambda m: (-m.tier, m.start))[:MAX_EXCERPTS]
        excerpts = []
        for m in sorted(ranked, key=lambda m: m.start):
            lo = max(0, m.start - CONTEXT_CHARS)
            hi = min(len(message), m.end + CONTEXT_CHARS)
            # Lone surrogates cannot be encoded; replace them so the alert always serialises.
            snippet = message[lo:hi].encode("utf-8", "replace").decode("utf-8")
            excerpts.append(AlertExcerpt(m.term, m.category, m.tier, snippet, m.start - lo, m.end - lo))
        return cls(message_id, verdict.tier, tuple(sorted(verdict.categories)), verdict.language, tuple(excerpts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "v": self.version,
            "message_id": self.message_id,
            "tier": self.tier,
            "categories": list(self.categories),
            "language": self.language,
            "excerpts": [
                {
                    "term": e.term,
                    "category": e.category,
                    "tier": e.tier,
                    "snippet": e.snippet,
                    "start": e.start,
                    "end": e.end,
                }
                for e in self.excerpts
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def to_bytes(self) -> bytes:
        return self.to_json().encode("utf-8")

    @classmethod
    def from_json(cls, text: str) -> AlertContent:
        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise AlertFormatError(f"not JSON: {exc}") from exc
        return cls.from_dict(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> AlertContent:
        if len(data) > MAX_ALERT_BYTES:
            raise AlertFormatError("alert content too large")
        try:
            return cls.from_json(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise AlertFormatError("not UTF-8") from exc

    @classmethod
    def from_dict(cls, data: Any) -> AlertContent:
        if not isinstance(data, dict):
            raise AlertFormatError("alert content must be an object")
        if data.get("v") != ALERT_VERSION:
            raise AlertFormatError(f"unsupported alert version {data.get('v')!r}")
        expected = {"v", "message_id", "tier", "categories", "language", "excerpts"}
        if set(data) != expected:
            raise AlertFormatError(f"fields must be exactly {sorted(expected)}")
        message_id = _typed(data["message_id"], str, "message_id")
        tier = _tier(data["tier"], 1)
        categories = data["categories"]
        if not isinstance(categories, list) or not categories or any(c not in CATEGORIES for c in categories):
            raise AlertFormatError("categories must be a non-empty list of known categories")
        language = _typed(data["language"], str, "language")
        raw_excerpts = data["excerpts"]
        if not isinstance(raw_excerpts, list) or len(raw_excerpts) > MAX_EXCERPTS:
            raise AlertFormatError(f"excerpts must be a list of at most {MAX_EXCERPTS}")
        excerpts = []
        for e in raw_excerpts:
            if not isinstance(e, dict) or set(e) != {"term", "category", "tier", "snippet", "start", "end"}:
                raise AlertFormatError("malformed excerpt")
            snippet = _typed(e["snippet"], str, "snippet")
            start, end = _typed(e["start"], int, "start"), _typed(e["end"], int, "end")
            if not 0 <= start <= end <= len(snippet):
                raise AlertFormatError("excerpt offsets outside the snippet")
            if e["category"] not in CATEGORIES:
                raise AlertFormatError("unknown excerpt category")
            excerpts.append(
                AlertExcerpt(_typed(e["term"], str, "term"), e["category"], _tier(e["tier"], 1), snippet, start, end)
            )
        return cls(message_id, tier, tuple(categories), language, tuple(excerpts))


def _typed(value: Any, kind: type, name: str) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise AlertFormatError(f"{name} must be {kind.__name__}")
    return value


def _tier(value: Any, lo: int) -> int:
    tier: int = _typed(value, int, "tier")
    if not lo <= tier <= MAX_TIER:
        raise AlertFormatError(f"tier must be {lo}..{MAX_TIER}")
    return tier
