"""A token bucket per key shared by every relay process, spent from leases so a hot path rarely waits on Redis.

The bucket itself lives in Redis (scripts.LEASE; its key is a keyed hash, keys.LimitKeys). A process does not
ask Redis per request: it leases up to `chunk` tokens at once, spends them locally, and leases again when they
run out. A lease takes the tokens out of the shared bucket, so leased-but-unspent tokens count as spent and
the shared bucket alone bounds what every process together admits: over any window of T seconds at most
`burst + rate * T + N * chunk` requests of one key across N processes (the N * chunk being leases taken before
the window and spent inside it), against `N * (burst + rate * T)` with a bucket per process. The price is
fairness, not safety: tokens one process holds for a key cannot be spent through another (at most `chunk` per
process, refilled at the bucket's rate). With `chunk` 1 every admitted request is one round trip and the bound
is exactly one bucket's.

A refusal is remembered until the shared bucket can hold the tokens asked for (Redis answers how long that is;
no other process can make it sooner), so a flood of refused requests costs no round trips either. While Redis
is unreachable the key's local bucket decides (store.LimitStore says why that is fail-open)."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from server.limits.keys import LimitKeys
from server.limits.store import LimitStore
from server.ratelimit import KeyedRateLimiter


@dataclass(slots=True)
class _Held:
    tokens: float = 0.0
    refused_until: float = float("-inf")


class SharedRateLimiter:
    def __init__(
        self,
        name: str,
        rate_per_second: float,
        burst: int,
        store: LimitStore,
        keys: LimitKeys,
        chunk: int = 1,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._name = name
        self._rate = rate_per_second
        self._burst = float(burst)
        self._store = store
        self._keys = keys
        self._chunk = float(max(1, min(chunk, burst)))
        self._max_keys = max_keys
        self._clock = clock
        self._held: OrderedDict[str, _Held] = OrderedDict()
        # One lease in flight per key: concurrent requests of that key wait for it instead of asking again.
        self._leasing: dict[str, asyncio.Future[None]] = {}
        self.fallback = KeyedRateLimiter(rate_per_second, burst, max_keys)

    async def take(self, key: str, cost: float = 1.0) -> bool:
        while True:
            now = self._clock()
            held = self._held.get(key)
            if held is not None:
                self._held.move_to_end(key)
                if held.tokens >= cost:
                    held.tokens -= cost
                    return True
                if now < held.refused_until:
                    return False
            if not self._store.available:
                return self.fallback.take(key, now, cost)
            leasing = self._leasing.get(key)
            if leasing is None:
                return await self._lease(key, cost)
            await asyncio.shield(leasing)

    async def _lease(self, key: str, cost: float) -> bool:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._leasing[key] = done
        try:
            held = self._held_for(key)
            need = cost - held.tokens
            grant = await self._store.lease(
                self._keys.bucket(self._name, key), self._rate, self._burst, need, max(need, self._chunk)
            )
            if grant is None:
                return self.fallback.take(key, self._clock(), cost)
            if grant.granted <= 0:
                held.refused_until = self._clock() + grant.wait_seconds
                return False
            held.tokens += grant.granted - cost
            return True
        finally:
            del self._leasing[key]
            done.set_result(None)

    def _held_for(self, key: str) -> _Held:
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = _Held()
            if len(self._held) > self._max_keys:
                # Forgetting a key forfeits its unspent lease: never more than `chunk` tokens, and only ever to the
                # caller's disadvantage.
                self._held.popitem(last=False)
        return held
