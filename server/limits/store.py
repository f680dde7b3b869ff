"""The Redis link every shared limit of a process goes through, and what happens while Redis is unreachable.

Fail-open to the process's own buckets, not closed: Redis only coordinates the limits (the database stays the
truth), and refusing every send and API call while it is down would turn a cache outage into a relay outage —
exactly the denial of service the limits are there to prevent. The local buckets still bound each identity, as
they did before limits were shared: during an outage an attacker with N processes gets N budgets again, never an
unbounded one. After a failure the store is not asked again for `RETRY_SECONDS`, so an outage costs one timeout per
retry period, not one per request."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import redis.asyncio as aioredis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import NoScriptError, RedisError

from server.limits import scripts
from server.logs import get_logger

log = get_logger("limits")

# A limit check waits at most this long for Redis before it falls back to the local bucket.
TIMEOUT_SECONDS = 0.5
RETRY_SECONDS = 2.0
# Bucket keys live at least this long, so that a key refilling in a few milliseconds is not re-created at once.
MIN_TTL_MS = 1000
# A lane's recent count below this no longer matters (a thousandth of a request); its key expires there.
DIFFICULTY_FLOOR = 1e-3


@dataclass(frozen=True, slots=True)
class Grant:
    granted: float
    wait_seconds: float


class _Script:
    __slots__ = ("sha", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.sha = hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest()  # how Redis names scripts


LEASE = _Script(scripts.LEASE)
DECAY = _Script(scripts.DECAY)


def connect(url: str) -> aioredis.Redis:
    # No retries inside the client: a retry would multiply the time a check waits on a dead Redis.
    return aioredis.from_url(
        url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS, retry=Retry(NoBackoff(), 0)
    )


class LimitStore:
    def __init__(
        self,
        client: aioredis.Redis,
        clock: Callable[[], float] = time.monotonic,
        redis_now: Callable[[], float] | None = None,
    ) -> None:
        self.client = client
        self._clock = clock
        # Tests inject the time the scripts see; otherwise Redis's own clock, shared by every process.
        self._redis_now = redis_now
        self._down_until = float("-inf")
        self._down = False

    @property
    def available(self) -> bool:
        return self._clock() >= self._down_until

    async def lease(self, key: str, rate: float, burst: float, need: float, want: float) -> Grant | None:
        """Between `need` and `want` tokens of the bucket (or none, and how long until `need`); None: Redis is
        unreachable, decide locally."""
        reply = await self._run(LEASE, key, rate, burst, need, want, MIN_TTL_MS)
        if not isinstance(reply, list):
            return None
        granted, wait, _left = reply
        return Grant(float(granted), float(wait))

    async def decay(self, key: str, tau: float, add: int) -> float | None:
        """A lane's recent count, after adding `add`; None: Redis is unreachable."""
        reply = await self._run(DECAY, key, tau, add, DIFFICULTY_FLOOR, MIN_TTL_MS)
        return float(reply) if isinstance(reply, str) else None

    async def _run(self, script: _Script, key: str, *args: float | int) -> list[str] | str | None:
        now = "" if self._redis_now is None else repr(self._redis_now())
        argv: Sequence[str | float | int] = (*args, now)
        try:
            try:
                reply: object = await self.client.evalsha(script.sha, 1, key, *argv)
            except NoScriptError:
                # Redis restarted or its scripts were flushed: load this one and run it again.
                await self.client.script_load(script.source)
                reply = await self.client.evalsha(script.sha, 1, key, *argv)
        except (RedisError, OSError) as exc:
            self._down_until = self._clock() + RETRY_SECONDS
            if not self._down:
                self._down = True
                log.warning("redis limits down", extra={"event": "limits_down", "reason": type(exc).__name__})
            return None
        if self._down:
            self._down = False
            log.info("redis limits back", extra={"event": "limits_up"})
        return _decoded(reply)

    async def close(self) -> None:
        await self.client.aclose()


def _decoded(reply: object) -> list[str] | str:
    # Both scripts answer with strings (a number would come back truncated to an integer), or a list of them.
    if isinstance(reply, list):
        return [bytes(item).decode() for item in reply]
    return bytes(reply).decode() if isinstance(reply, bytes) else str(reply)
