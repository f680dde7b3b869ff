"""The result types of a scan: a verdict made of matches."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORIES: frozenset[str] = frozenset({"suicide", "self_harm", "violence", "abuse", "danger", "distress"})
MAX_TIER = 4


@dataclass(frozen=True, slots=True)
class Match:
    """One lexicon hit. Offsets index the ORIGINAL text given to `Detector.scan`."""

    start: int
    end: int
    term: str
    category: str
    tier: int
    base_tier: int
    language: str
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the detector concluded about one message.

    `tier` is the highest tier of any match (0 when there is none). `degraded` is set only if an
    internal error was swallowed so that scanning never raises; callers may want to log that locally.
    """

    tier: int
    categories: frozenset[str]
    matches: tuple[Match, ...]
    language: str
    zawgyi: bool = False
    truncated: bool = False
    degraded: bool = False

    @property
    def flagged(self) -> bool:
        return self.tier > 0


_EMPTY: dict[tuple[str, bool, bool], Verdict] = {}


def empty_verdict(language: str, *, zawgyi: bool = False, truncated: bool = False) -> Verdict:
    """The tier-0 verdict; shared instances, since most messages get one (verdicts are frozen)."""
    key = (language, zawgyi, truncated)
    verdict = _EMPTY.get(key)
    if verdict is None:
        verdict = _EMPTY.setdefault(key, Verdict(0, frozenset(), (), language, zawgyi, truncated))
    return verdict
