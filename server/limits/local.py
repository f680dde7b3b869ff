"""The limits of one process (no Redis configured, or Redis unreachable): today's buckets behind the interface."""

from __future__ import annotations

import time
from collections.abc import Callable

from server.ratelimit import AdaptiveDifficulty, KeyedRateLimiter


class LocalRateLimiter:
    def __init__(self, buckets: KeyedRateLimiter, clock: Callable[[], float] = time.monotonic) -> None:
        self.buckets = buckets
        self._clock = clock

    async def take(self, key: str, cost: float = 1.0) -> bool:
        return self.buckets.take(key, self._clock(), cost)


class LocalDifficulty:
    def __init__(self, difficulty: AdaptiveDifficulty, clock: Callable[[], float] = time.monotonic) -> None:
        self.difficulty = difficulty
        self._clock = clock

    async def bits(self) -> int:
        return self.difficulty.bits(self._clock())

    async def record(self) -> None:
        self.difficulty.record(self._clock())
