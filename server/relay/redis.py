"""Fan-out between server processes through Redis pub/sub.

Each process subscribes once to one channel. A committed message is handed to this process's own connections
at once and published for the others; each process ignores what it published itself. Redis carries only
wake-ups with their payload in flight — the database stays the truth. When the link to Redis drops, whatever
was published meanwhile is lost to this process, so after resubscribing it asks every live connection to
catch up from the database; a client that missed anything else recovers by `resume`.

Wire format on the channel (UTF-8 text, newline separated; every frame is JSON the server built, so it holds no
raw newline):
    the deliveries of one commit: origin process id, "d", then per delivery five lines: conversation, seq,
                                  sender, comma-separated recipients, deliver frame
    an event:                     origin process id, "e", comma-separated recipients, event frame
One message per committed batch, not per delivery: the other process pays pub/sub's per-message cost (a
PUBLISH, the subscriber's parse and wake-up) once for the whole batch, then a split and a dispatch per
delivery; no database read. The channel's name carries the format's version (`:v2`), so a process of an
older version, which took one delivery per message, never reads these as its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import Sequence

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from server.conversations.delivery import Delivery, Event
from server.logs import get_logger
from server.relay.hub import Hub

log = get_logger("relay.redis")

RECONNECT_MIN_SECONDS = 0.1
RECONNECT_MAX_SECONDS = 5.0
PUBLISH_BATCH = 256


def encode(origin: str, deliveries: Sequence[Delivery]) -> bytes:
    lines = [origin, "d"]
    for delivery in deliveries:
        lines += (
            delivery.conversation,
            str(delivery.seq),
            delivery.sender,
            ",".join(delivery.recipients),
            delivery.frame,
        )
    return "\n".join(lines).encode()


def encode_event(origin: str, event: Event) -> bytes:
    return "\n".join((origin, "e", ",".join(event.recipients), event.frame)).encode()


def decode(raw: bytes) -> tuple[str, list[Delivery] | Event]:
    text = raw.decode()
    origin, kind, rest = text.split("\n", 2)
    if kind == "e":
        recipients, frame = rest.split("\n", 1)
        return origin, Event(tuple(recipients.split(",")) if recipients else (), frame)
    lines = rest.split("\n")
    return origin, [
        Delivery(
            conversation=lines[i],
            seq=int(lines[i + 1]),
            sender=lines[i + 2],
            recipients=tuple(lines[i + 3].split(",")) if lines[i + 3] else (),
            frame=lines[i + 4],
        )
        for i in range(0, len(lines), 5)
    ]


class RedisRelay:
    name = "redis"

    def __init__(self, hub: Hub, url: str, prefix: str, max_queued: int) -> None:
        self._hub = hub
        self._url = url
        self.channel = f"{prefix}:deliveries:v2"
        self.origin = secrets.token_hex(8)
        self._outbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=max_queued)
        self._tasks: list[asyncio.Task[None]] = []
        self._client: aioredis.Redis | None = None
        self.connected = asyncio.Event()
        self.dropped = 0

    def publish(self, deliveries: Sequence[Delivery]) -> None:
        self._hub.dispatch(deliveries)
        if not deliveries:
            return
        try:
            self._outbox.put_nowait(encode(self.origin, deliveries))
        except asyncio.QueueFull:
            # Redis is gone or too slow; the messages are durable and other processes catch up on reconnect.
            self.dropped += len(deliveries)

    def publish_event(self, event: Event) -> None:
        self._hub.notify(event)
        try:
            self._outbox.put_nowait(encode_event(self.origin, event))
        except asyncio.QueueFull:
            # Events are hints: a client that misses one refreshes its state on its next connect.
            self.dropped += 1

    async def start(self) -> None:
        self._client = aioredis.from_url(self._url, socket_connect_timeout=2, socket_keepalive=True)
        self._tasks = [
            asyncio.create_task(self._subscribe_forever(), name="haven-redis-subscriber"),
            asyncio.create_task(self._publish_forever(), name="haven-redis-publisher"),
        ]
        # Start serving even if Redis is down: local fan-out works, remote catches up later.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.connected.wait(), timeout=5)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._client is not None:
            await self._client.aclose()

    async def _subscribe_forever(self) -> None:
        assert self._client is not None
        delay = RECONNECT_MIN_SECONDS
        first = True
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self.channel)
                self.connected.set()
                if not first:
                    log.info("redis resubscribed", extra={"event": "redis_resubscribed"})
                    self._hub.resync_all()
                first = False
                delay = RECONNECT_MIN_SECONDS
                while True:
                    message = await pubsub.get_message(timeout=None)
                    if message is None or message.get("type") != "message":
                        continue
                    origin, item = decode(message["data"])
                    if origin == self.origin:
                        continue
                    if isinstance(item, Event):
                        self._hub.notify(item)
                    else:
                        self._hub.dispatch(item)
            except (RedisError, OSError) as exc:
                self.connected.clear()
                log.warning("redis link down", extra={"event": "redis_down", "reason": type(exc).__name__})
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()  # type: ignore[no-untyped-call,unused-ignore]
            await asyncio.sleep(delay)
            delay = min(delay * 2, RECONNECT_MAX_SECONDS)

    async def _publish_forever(self) -> None:
        assert self._client is not None
        while True:
            batch = [await self._outbox.get()]
            while len(batch) < PUBLISH_BATCH and not self._outbox.empty():
                batch.append(self._outbox.get_nowait())
            try:
                async with self._client.pipeline(transaction=False) as pipe:
                    for payload in batch:
                        pipe.publish(self.channel, payload)
                    await pipe.execute()
            except (RedisError, OSError) as exc:
                self.dropped += len(batch)
                log.warning(
                    "redis publish failed",
                    extra={"event": "redis_publish_failed", "count": len(batch), "reason": type(exc).__name__},
                )
                await asyncio.sleep(RECONNECT_MIN_SECONDS)
