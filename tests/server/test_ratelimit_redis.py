"""The shared limits against a real Redis on loopback, on an injected clock (no sleeping): the Lua maths equals
the in-process bucket and difficulty step for step, leases keep N processes to one budget, Redis holds no raw
identity and every key expires, and an unreachable Redis falls back to the local bucket."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis.asyncio as aioredis

from server.limits.bucket import SharedRateLimiter
from server.limits.difficulty import SharedDifficulty
from server.limits.keys import LimitKeys
from server.limits.store import MIN_TTL_MS, RETRY_SECONDS, Grant, LimitStore, connect
from server.ratelimit import AdaptiveDifficulty, TokenBucket
from tests.haven_testing.databases import skip_or_fail
from tests.haven_testing.live_server import free_port
from tests.haven_testing.redis_service import SHARED_REDIS_URL, PrivateRedis, redis_unavailable_reason, unique_prefix

pytestmark = pytest.mark.redis

SECRET = bytes(range(32))
ACCOUNT = "AliceAccountIdThatMustNeverReachRedis"


@dataclass
class Clock:
    """The injected time: every process of a test reads the same one, as they all read Redis's in production."""

    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class CountingStore(LimitStore):
    """The real store, counting its round trips for a lease (what the hot path must rarely pay)."""

    leases = 0

    async def lease(self, key: str, rate: float, burst: float, need: float, want: float) -> Grant | None:
        self.leases += 1
        return await super().lease(key, rate, burst, need, want)


@dataclass
class Shared:
    url: str
    prefix: str
    clock: Clock
    stores: list[LimitStore]

    def store(self, url: str | None = None) -> CountingStore:
        """A store of its own (its own connection, as a separate process has) on the test's clock."""
        store = CountingStore(connect(url or self.url), clock=self.clock, redis_now=self.clock)
        self.stores.append(store)
        return store

    @property
    def keys(self) -> LimitKeys:
        return LimitKeys(self.prefix, SECRET)


@pytest.fixture
async def shared() -> AsyncIterator[Shared]:
    reason = redis_unavailable_reason()
    if reason:
        skip_or_fail(reason)
    prefix = unique_prefix()
    state = Shared(SHARED_REDIS_URL, prefix, Clock(), [])
    try:
        yield state
    finally:
        for store in state.stores:
            await store.close()
        client = aioredis.from_url(SHARED_REDIS_URL)
        async for key in client.scan_iter(match=f"{prefix}:*"):
            await client.delete(key)
        await client.aclose()


async def redis_state(client: aioredis.Redis, prefix: str) -> dict[bytes, dict[bytes, bytes]]:
    return {key: await client.hgetall(key) async for key in client.scan_iter(match=f"{prefix}:*")}


# --- the Lua maths equals the in-process maths ------------------------------------------------------------------
@pytest.mark.parametrize(("rate", "burst"), [(5.0, 10), (0.25, 3), (1000.0, 1)])
async def test_lease_script_is_the_token_bucket(shared: Shared, rate: float, burst: int) -> None:
    store = shared.store()
    key = shared.keys.bucket("equivalence", ACCOUNT)
    rng = random.Random(f"{rate}/{burst}")
    now = shared.clock.now
    local = TokenBucket(rate, burst, now)
    outcomes = []
    for _ in range(400):
        # Mostly small steps, sometimes a long pause, now and then a clock that goes back (max(0, ...) in both).
        now += rng.choice([0.0, rng.uniform(0, 0.3), rng.uniform(0, 5 / rate), -rng.uniform(0, 0.05)])
        cost = rng.choice([1.0, 1.0, 2.0, 0.5, float(burst) + 1])
        shared.clock.now = now
        grant = await store.lease(key, rate, float(burst), cost, cost)
        assert grant is not None
        expected = local.take(now, cost)
        assert (grant.granted > 0) == expected
        assert grant.granted == (cost if expected else 0.0)
        state = await store.client.hgetall(key)
        # A missing key is a full bucket: the key is dropped once nothing distinguishes it from one.
        assert float(state.get(b"tokens", burst)) == local._tokens
        outcomes.append(expected)
    assert True in outcomes and False in outcomes, "the sequence never reached both answers"


async def test_decay_script_is_the_adaptive_difficulty(shared: Shared) -> None:
    store = shared.store()
    shared_difficulty = SharedDifficulty(
        shared.keys.difficulty("registration"), 20, 0.5, 6, 6, store, clock=shared.clock
    )
    local = AdaptiveDifficulty(20, 0.5, 6, 6)
    rng = random.Random(7)
    seen = set()
    for _ in range(300):
        shared.clock.now += rng.choice([0.0, 0.05, rng.uniform(0, 3), rng.uniform(0, 40)])
        for _ in range(rng.choice([0, 1, 1, 3, 12])):
            await shared_difficulty.record()
            local.record(shared.clock.now)
        bits = await shared_difficulty.bits()
        assert bits == local.bits(shared.clock.now)
        seen.add(bits)
    assert len(seen) >= 3, f"the load never moved the difficulty far enough: {seen}"


async def test_two_processes_raise_the_difficulty_as_one(shared: Shared) -> None:
    first, second = (
        SharedDifficulty(shared.keys.difficulty("registration"), 10, 1.0, 4, 6, shared.store(), clock=shared.clock)
        for _ in range(2)
    )
    alone = AdaptiveDifficulty(10, 1.0, 4, 6)
    for i in range(40):
        shared.clock.now += 0.01
        await (first if i % 2 else second).record()
        alone.record(shared.clock.now)
    assert await first.bits() == await second.bits() == alone.bits(shared.clock.now) > 10


# --- one budget across processes, few round trips -----------------------------------------------------------------
def limiter(shared: Shared, store: LimitStore, chunk: int, burst: int = 10, rate: float = 0.01) -> SharedRateLimiter:
    return SharedRateLimiter("send", rate, burst, store, shared.keys, chunk=chunk, clock=shared.clock)


@pytest.mark.parametrize("chunk", [1, 4])
async def test_processes_share_one_budget(shared: Shared, chunk: int) -> None:
    stores = [shared.store() for _ in range(3)]
    processes = [limiter(shared, store, chunk) for store in stores]
    admitted = [await processes[i % 3].take(ACCOUNT) for i in range(60)]
    # One bucket of 10 across three processes (a bucket each would admit 30); nothing refilled on the frozen clock.
    assert sum(admitted) == 10
    # Another identity has a budget of its own.
    assert await processes[0].take("someone-else")
    # Time refills the one bucket: 0.01 a second, so 100 seconds give one more.
    shared.clock.now += 100.0
    assert sum([await processes[i % 3].take(ACCOUNT) for i in range(6)]) == 1


async def test_leases_spare_the_round_trips_and_refusals_are_remembered(shared: Shared) -> None:
    store = shared.store()
    sends = limiter(shared, store, chunk=20, burst=200, rate=50.0)
    assert all([await sends.take(ACCOUNT) for _ in range(200)])
    assert store.leases == 10  # one per 20 sends, not one per send
    assert not await sends.take(ACCOUNT)
    trips = store.leases
    # A flood of refusals costs no round trip until the bucket can hold a token again (1/50 s on this clock).
    assert not any([await sends.take(ACCOUNT) for _ in range(1000)])
    assert store.leases == trips
    shared.clock.now += 0.02
    assert await sends.take(ACCOUNT)
    assert store.leases == trips + 1


async def test_concurrent_takes_share_one_lease(shared: Shared) -> None:
    import asyncio

    store = shared.store()
    sends = limiter(shared, store, chunk=8, burst=100, rate=1.0)
    results = await asyncio.gather(*(sends.take(ACCOUNT) for _ in range(8)))
    assert all(results) and store.leases == 1


# --- privacy: no raw identity, every key expires ---------------------------------------------------------------------
async def test_redis_holds_no_identity_and_every_key_expires(shared: Shared) -> None:
    store = shared.store()
    prekeys = SharedRateLimiter("prekey", 2.0 / 3600, 5, store, shared.keys, clock=shared.clock)
    sends = limiter(shared, store, chunk=4, burst=10, rate=5.0)
    assert await prekeys.take(f"{ACCOUNT}>BobAccountId")
    assert await sends.take(ACCOUNT)
    difficulty = SharedDifficulty(shared.keys.difficulty("help:crisis"), 18, 0.5, 10, 6, store, clock=shared.clock)
    await difficulty.record()
    state = await redis_state(store.client, shared.prefix)
    assert len(state) == 3
    dump = repr(state).encode()
    for secret_name in (ACCOUNT, "BobAccountId"):
        assert secret_name.encode() not in dump
        assert secret_name.lower().encode() not in dump.lower()
    for key in state:
        ttl = await store.client.pttl(key)
        assert ttl > 0, f"{key!r} never expires"
    # Each bucket lives as long as it takes to refill: one prekey fetch refills in 30 min, four sends in 0.8 s.
    assert await store.client.pttl(shared.keys.bucket("prekey", f"{ACCOUNT}>BobAccountId")) <= 1800 * 1000
    assert await store.client.pttl(shared.keys.bucket("send", ACCOUNT)) <= max(MIN_TTL_MS, 800)
    # A lane's count expires once decayed below a thousandth: tau = 20 s, ln(1000) * 20 s is about 138 s.
    assert await store.client.pttl(shared.keys.difficulty("help:crisis")) <= 139 * 1000
    # The key names of another deployment (another server secret) differ: nothing to correlate across them.
    assert LimitKeys(shared.prefix, bytes(32)).bucket("send", ACCOUNT) != shared.keys.bucket("send", ACCOUNT)


# --- Redis unreachable: fail open to the local bucket ----------------------------------------------------------------
async def test_unreachable_redis_falls_back_to_the_local_bucket_then_recovers(shared: Shared, tmp_path: Path) -> None:
    redis = PrivateRedis(tmp_path, free_port())  # not started yet: nothing listens on its port
    store = shared.store(redis.url)
    sends = limiter(shared, store, chunk=1, burst=3, rate=0.01)
    try:
        # The local bucket decides: its burst, then refusals, and the relay goes on answering.
        assert [await sends.take(ACCOUNT) for _ in range(4)] == [True, True, True, False]
        assert not store.available
        redis.start()
        # Within the retry period the store is not asked (the local bucket still refuses)...
        assert not await sends.take(ACCOUNT)
        # ...after it, the shared bucket decides again: a fresh, full one in the new Redis, which did not know the
        # script (its NOSCRIPT answer made the store load it).
        shared.clock.now += RETRY_SECONDS
        assert [await sends.take(ACCOUNT) for _ in range(4)] == [True, True, True, False]
        assert store.available
    finally:
        redis.kill()
