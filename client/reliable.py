"""A relay link that survives lost connections: reconnect, resume, resend — exactly once, in order, to the app.

The server delivers at least once and in seq order per connection. Across reconnects a message can come twice
(delivered, not yet acknowledged, connection lost); this layer drops anything at or below the position the
application already consumed, so what `receive` yields is exactly once and in order per conversation. Sends
are retried with the same client id until the server accepts them, which makes a retry idempotent.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import secrets
from collections.abc import Sequence

from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.keys import IdentityKeyPair
from wire.frames import EventFrame
from wire.messages import Accepted, Delivered

# Codes after which retrying the same request cannot succeed.
PERMANENT_CODES = frozenset(
    {"unknown_conversation", "bad_base64", "bad_length", "invalid_frame", "frame_too_large", "auth_failed"}
)


class ReliableRelay:
    def __init__(
        self,
        urls: Sequence[str],
        identity: IdentityKeyPair,
        positions: dict[str, int] | None = None,
        *,
        ack_every: int = 1,
        max_backoff: float = 2.0,
        auto_ack: bool = True,
    ) -> None:
        if not urls:
            raise ValueError("at least one server URL")
        self._urls = itertools.cycle(list(urls))
        self._identity = identity
        # conversation -> highest seq handed to the application; persist it to resume after a restart.
        self.positions: dict[str, int] = dict(positions or {})
        self._ack_every = ack_every
        # Off: the application acknowledges with `ack` once it has made what it received durable itself.
        self._auto_ack = auto_ack
        self._max_backoff = max_backoff
        self._connection: RelayConnection | None = None
        self._connected = asyncio.Event()
        self._inbox: asyncio.Queue[Delivered] = asyncio.Queue()
        # Event frames from whichever connection is current (hints; never replayed after a reconnect).
        self.events: asyncio.Queue[EventFrame] = asyncio.Queue()
        # Set after every (re)connection: what was missed while away must be read from the HTTP API.
        self.reconnected = asyncio.Event()
        self._supervisor: asyncio.Task[None] | None = None
        self._forwarders: list[asyncio.Task[None]] = []
        self._since_ack: dict[str, int] = {}
        self.reconnects = 0

    @property
    def connected(self) -> bool:
        """True while a resumed connection is up; False while the supervisor reconnects."""
        return self._connected.is_set()

    async def start(self) -> None:
        await self._connect_once()
        self._supervisor = asyncio.create_task(self._supervise())

    async def close(self) -> None:
        if self._supervisor is not None:
            self._supervisor.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._supervisor
        self._retire()
        if self._connection is not None:
            await self._connection.close()

    # --- sending -------------------------------------------------------------------------------------------
    async def send(
        self,
        conversation: str,
        ciphertext: bytes,
        client_id: bytes | None = None,
        commitment: bytes | None = None,
    ) -> Accepted:
        client_id = client_id or secrets.token_bytes(16)
        while True:
            await self._connected.wait()
            connection = self._connection
            assert connection is not None
            try:
                return await connection.send(
                    conversation, ciphertext, client_id=client_id, timeout=10, commitment=commitment
                )
            except HavenClientError as exc:
                if exc.code in PERMANENT_CODES:
                    raise
                if exc.code == "rate_limited":
                    await asyncio.sleep(0.2)
            except (TimeoutError, OSError):
                pass
            # The connection is gone or the answer was lost: wait for the supervisor, then resend the same id.
            await asyncio.sleep(0.05)

    # --- receiving -----------------------------------------------------------------------------------------
    async def receive(self, timeout: float | None = None) -> Delivered:
        """The next message for the application: never one it already had, never out of order."""
        while True:
            message = await asyncio.wait_for(self._inbox.get(), timeout)
            if message.seq <= self.positions.get(message.conversation, 0):
                continue
            self.positions[message.conversation] = message.seq
            if self._auto_ack:
                await self._maybe_ack(message)
            return message

    async def ack(self, conversation: str, seq: int) -> None:
        """Acknowledge up to `seq` on the current connection; best effort (a lost ack only means a redelivery,
        which `receive` drops)."""
        connection = self._connection
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.ack(conversation, seq)

    async def _maybe_ack(self, message: Delivered) -> None:
        count = self._since_ack.get(message.conversation, 0) + 1
        self._since_ack[message.conversation] = count
        if count < self._ack_every or self._connection is None:
            return
        self._since_ack[message.conversation] = 0
        with contextlib.suppress(Exception):
            await self._connection.ack(message.conversation, message.seq)

    # --- the connection's life -----------------------------------------------------------------------------
    async def _connect_once(self) -> None:
        url = next(self._urls)
        connection = await RelayConnection.connect(url, self._identity, open_timeout=5)
        self._retire()
        forwarders = [
            asyncio.create_task(self._forward(connection)),
            asyncio.create_task(self._forward_events(connection)),
        ]
        try:
            await connection.resume(dict(self.positions))
        except BaseException:
            for task in forwarders:
                task.cancel()
            await connection.close()
            raise
        self._connection = connection
        self._forwarders = forwarders
        self._connected.set()
        self.reconnected.set()

    async def _forward(self, connection: RelayConnection) -> None:
        while True:
            self._inbox.put_nowait(await connection.deliveries.get())

    async def _forward_events(self, connection: RelayConnection) -> None:
        while True:
            self.events.put_nowait(await connection.events.get())

    def _retire(self) -> None:
        """Stop forwarding from the previous connection, keeping whatever it had already received."""
        for task in self._forwarders:
            task.cancel()
        self._forwarders = []
        old = self._connection
        while old is not None and not old.deliveries.empty():
            self._inbox.put_nowait(old.deliveries.get_nowait())
        while old is not None and not old.events.empty():
            self.events.put_nowait(old.events.get_nowait())

    async def _supervise(self) -> None:
        backoff = 0.05
        while True:
            connection = self._connection
            assert connection is not None
            await connection.wait_closed(timeout=None)
            self._connected.clear()
            while True:
                try:
                    await self._connect_once()
                    self.reconnects += 1
                    backoff = 0.05
                    break
                except (OSError, HavenClientError, TimeoutError):
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self._max_backoff)
                except Exception:  # websockets raises its own errors for refused handshakes
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, self._max_backoff)
