"""AdaptiveDifficulty's decaying count of paid requests shared by every relay process: one Redis key per lane.

Same maths as server.ratelimit.AdaptiveDifficulty (scripts.DECAY decays and counts, difficulty_bits turns the
count into bits), so N processes raise the difficulty as fast as one would for the same traffic. Each process
also counts its own accepted requests locally: while Redis is unreachable that count decides (fail-open, see
store.LimitStore) — a process's share of the load, as before the count was shared."""

from __future__ import annotations

import time
from collections.abc import Callable

from server.limits.store import LimitStore
from server.ratelimit import AdaptiveDifficulty, difficulty_bits


class SharedDifficulty:
    def __init__(
        self,
        key: str,
        base_bits: int,
        free_rate_per_second: float,
        burst: int,
        max_extra_bits: int,
        store: LimitStore,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._key = key
        self._base = base_bits
        self._burst = float(burst)
        self._tau = burst / free_rate_per_second
        self._max_extra = max_extra_bits
        self._store = store
        self._clock = clock
        self.fallback = AdaptiveDifficulty(base_bits, free_rate_per_second, burst, max_extra_bits)

    async def bits(self) -> int:
        count = await self._store.decay(self._key, self._tau, 0) if self._store.available else None
        if count is None:
            return self.fallback.bits(self._clock())
        return difficulty_bits(count, self._base, self._burst, self._max_extra)

    async def record(self) -> None:
        self.fallback.record(self._clock())
        if self._store.available:
            await self._store.decay(self._key, self._tau, 1)
