"""Token buckets keyed by identity or connection, and proof-of-work difficulties that rise with the load — never
keyed by address (DESIGN decision 8)."""

from __future__ import annotations

import math
from collections import OrderedDict

from crypto.pow import MAX_BITS as MAX_POW_BITS


class TokenBucket:
    __slots__ = ("_capacity", "_rate", "_stamp", "_tokens")

    def __init__(self, rate_per_second: float, burst: int, now_s: float) -> None:
        self._rate = rate_per_second
        self._capacity = float(burst)
        self._tokens = float(burst)
        self._stamp = now_s

    def take(self, now_s: float, cost: float = 1.0) -> bool:
        elapsed = max(0.0, now_s - self._stamp)
        self._stamp = now_s
        self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
        if self._tokens >= cost:
            self._tokens -= cost
            return True
        return False


class KeyedRateLimiter:
    """One bucket per key, the least recently used forgotten past `max_keys` so memory stays bounded."""

    def __init__(self, rate_per_second: float, burst: int, max_keys: int = 100_000) -> None:
        self._rate = rate_per_second
        self._burst = burst
        self._max_keys = max_keys
        self._buckets: OrderedDict[str, TokenBucket] = OrderedDict()

    def take(self, key: str, now_s: float, cost: float = 1.0) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self._rate, self._burst, now_s)
            self._buckets[key] = bucket
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
        return bucket.take(now_s, cost)


class AdaptiveDifficulty:
    """A proof-of-work difficulty that rises with the recent rate of paid requests, where a token bucket would
    refuse (issue 10, item 8): an attacker who drains a bucket locks everyone else out, whereas here nobody is
    refused for the rate — each request just costs more while many arrive.

    The recent rate is a count that decays exponentially with time constant tau = burst / free_rate, so that a
    steady `free_rate` keeps it at `burst`. While a new request keeps the count within `burst` the difficulty is
    `base_bits`; from there each doubling adds one bit, up to `max_extra_bits`. At a sustained rate r above the
    free rate the difficulty is about base + log2(r / free_rate), so an attacker with H hashes a second sustains only
    r = sqrt(H * free_rate / 2**base) requests a second, and an honest request costs sqrt(H * 2**base / free_rate)
    hashes — a few seconds of a phone against one fast machine (docs/counseling.md)."""

    __slots__ = ("_base", "_burst", "_count", "_max_extra", "_stamp", "_tau")

    def __init__(self, base_bits: int, free_rate_per_second: float, burst: int, max_extra_bits: int) -> None:
        self._base = base_bits
        self._burst = float(burst)
        self._tau = burst / free_rate_per_second
        self._max_extra = max_extra_bits
        self._count = 0.0
        self._stamp = 0.0

    def _decay(self, now_s: float) -> None:
        elapsed = max(0.0, now_s - self._stamp)
        self._stamp = now_s
        self._count *= math.exp(-elapsed / self._tau)

    def record(self, now_s: float) -> None:
        """One paid request was accepted."""
        self._decay(now_s)
        self._count += 1.0

    def bits(self, now_s: float) -> int:
        """The difficulty a challenge issued now carries."""
        self._decay(now_s)
        return difficulty_bits(self._count, self._base, self._burst, self._max_extra)


def difficulty_bits(recent: float, base_bits: int, burst: float, max_extra_bits: int) -> int:
    """The difficulty for a recent (decayed) count of paid requests; the cluster-wide count in Redis
    (server.limits.difficulty) goes through the same function."""
    # Counting the request this challenge is for: while it keeps the recent count within `burst` it costs the
    # base; each doubling past that adds a bit.
    ratio = (recent + 1.0) / burst
    if ratio <= 1.0:
        return base_bits
    return min(base_bits + min(math.ceil(math.log2(ratio)), max_extra_bits), MAX_POW_BITS)
