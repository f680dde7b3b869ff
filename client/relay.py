"""A client's connection to the relay: authenticate, send, receive, acknowledge, resume.

It knows nothing about encryption: it moves opaque ciphertext, as the server does. The SDK layers above it
encrypt before `send` and decrypt what `deliveries` yields.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import websockets
from websockets.asyncio.client import ClientConnection

from client.errors import HavenClientError
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair


@dataclass(frozen=True, slots=True)
class Accepted:
    client_id: bytes
    conversation: str
    seq: int
    server_time_ms: int
    duplicate: bool
    # The server's franking tag over the commitment sent with the message (None when none was sent).
    franking_tag: bytes | None = None


@dataclass(frozen=True, slots=True)
class Delivered:
    conversation: str
    seq: int
    sender: str
    client_id: bytes
    ciphertext: bytes
    server_time_ms: int
    commitment: bytes | None = None
    franking_tag: bytes | None = None


@dataclass(frozen=True, slots=True)
class ServerError:
    code: str
    message: str
    ref: str | None
    fatal: bool


class RelayConnection:
    def __init__(self, socket: ClientConnection, account_id: str) -> None:
        self._socket = socket
        self.account_id = account_id
        self.deliveries: asyncio.Queue[Delivered] = asyncio.Queue()
        # Errors that answer no particular request (bad frames, rate limits on acks, a fatal close reason).
        self.errors: asyncio.Queue[ServerError] = asyncio.Queue()
        self._pending_sends: dict[str, asyncio.Future[Accepted]] = {}
        self._resumed: asyncio.Future[dict[str, int]] | None = None
        self._pongs: asyncio.Queue[None] = asyncio.Queue()
        # Notices outside any conversation (membership changes, offers, urgent alerts), as the server sent them.
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, url: str, identity: IdentityKeyPair, *, open_timeout: float = 10.0) -> RelayConnection:
        socket = await websockets.connect(url, max_size=None, compression=None, open_timeout=open_timeout)
        try:
            greeting = json.loads(await asyncio.wait_for(socket.recv(), open_timeout))
            if greeting.get("type") != "challenge":
                raise HavenClientError("protocol_error", "server did not open with a challenge")
            challenge = base64.b64decode(greeting["challenge"])
            time_ms = time.time_ns() // 1_000_000
            account_id = identity.account_id
            signature = sign_auth(identity.signing, challenge, greeting["server_id"], time_ms, account_id)
            await socket.send(
                json.dumps(
                    {
                        "type": "auth",
                        "account": account_id,
                        "time": time_ms,
                        "signature": base64.b64encode(signature).decode(),
                    }
                )
            )
            answer = json.loads(await asyncio.wait_for(socket.recv(), open_timeout))
            if answer.get("type") == "error":
                raise HavenClientError(answer["code"], answer["message"])
            if answer.get("type") != "ready":
                raise HavenClientError("protocol_error", "unexpected answer to auth")
        except BaseException:
            await socket.close()
            raise
        return cls(socket, account_id)

    # --- requests ------------------------------------------------------------------------------------------
    async def send(
        self,
        conversation: str,
        ciphertext: bytes,
        client_id: bytes | None = None,
        timeout: float = 30.0,
        commitment: bytes | None = None,
    ) -> Accepted:
        """Send and wait for the server's durable acceptance. Resending the same client_id is safe."""
        client_id = client_id or secrets.token_bytes(16)
        ref = base64.b64encode(client_id).decode()
        # A resend while the first attempt is still unanswered waits for the same answer.
        future = self._pending_sends.get(ref)
        owner = future is None
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._pending_sends[ref] = future
        try:
            frame = {
                "type": "send",
                "conversation": conversation,
                "client_id": ref,
                "ciphertext": base64.b64encode(ciphertext).decode(),
            }
            if commitment is not None:
                frame["commitment"] = base64.b64encode(commitment).decode()
            await self.send_frame(frame)
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        finally:
            if owner:
                self._pending_sends.pop(ref, None)

    async def ack(self, conversation: str, seq: int) -> None:
        await self.send_frame({"type": "ack", "conversation": conversation, "seq": seq})

    async def resume(self, after: dict[str, int] | None = None, timeout: float = 30.0) -> dict[str, int]:
        """Ask for everything unacknowledged (or after `after`); returns the server's replay positions.

        The replayed messages arrive on `deliveries` before this returns; live delivery starts here too.
        """
        self._resumed = asyncio.get_running_loop().create_future()
        await self.send_frame({"type": "resume", "after": after or {}})
        try:
            return await asyncio.wait_for(self._resumed, timeout)
        finally:
            self._resumed = None

    async def ping(self, timeout: float = 10.0) -> None:
        await self.send_frame({"type": "ping"})
        await asyncio.wait_for(self._pongs.get(), timeout)

    async def send_frame(self, frame: dict[str, Any]) -> None:
        await self.send_raw(json.dumps(frame))

    async def send_raw(self, data: str | bytes) -> None:
        await self._socket.send(data)

    async def next_delivery(self, timeout: float = 10.0) -> Delivered:
        return await asyncio.wait_for(self.deliveries.get(), timeout)

    async def next_event(self, kind: str | None = None, timeout: float = 10.0) -> dict[str, Any]:
        """The next event frame (of `kind`, passing over others: events are hints a caller may not need)."""

        async def wait() -> dict[str, Any]:
            while True:
                frame = await self.events.get()
                if kind is None or frame.get("event") == kind:
                    return frame

        return await asyncio.wait_for(wait(), timeout)

    async def next_error(self, timeout: float = 10.0) -> ServerError:
        return await asyncio.wait_for(self.errors.get(), timeout)

    @property
    def closed(self) -> bool:
        return self._reader.done()

    async def wait_closed(self, timeout: float | None = 10.0) -> int | None:
        """Wait until the connection is closed (or `timeout` passes); the close code, if closed."""
        await asyncio.wait({self._reader}, timeout=timeout)
        return self._socket.close_code

    async def close(self) -> None:
        await self._socket.close()
        self._reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await self._reader

    # --- reader --------------------------------------------------------------------------------------------
    async def _read(self) -> None:
        try:
            async for raw in self._socket:
                self._dispatch(json.loads(raw))
        except websockets.ConnectionClosed:
            pass
        finally:
            closed = HavenClientError("connection_closed", "the connection closed")
            for future in self._pending_sends.values():
                if not future.done():
                    future.set_exception(closed)
            if self._resumed is not None and not self._resumed.done():
                self._resumed.set_exception(closed)

    def _dispatch(self, frame: dict[str, Any]) -> None:
        kind = frame.get("type")
        if kind == "deliver":
            self.deliveries.put_nowait(
                Delivered(
                    frame["conversation"],
                    frame["seq"],
                    frame["sender"],
                    base64.b64decode(frame["client_id"]),
                    base64.b64decode(frame["ciphertext"]),
                    frame["server_time"],
                    _optional_bytes(frame.get("commitment")),
                    _optional_bytes(frame.get("franking_tag")),
                )
            )
        elif kind == "accepted":
            future = self._pending_sends.get(frame["client_id"])
            if future is not None and not future.done():
                future.set_result(
                    Accepted(
                        base64.b64decode(frame["client_id"]),
                        frame["conversation"],
                        frame["seq"],
                        frame["server_time"],
                        frame["duplicate"],
                        _optional_bytes(frame.get("franking_tag")),
                    )
                )
        elif kind == "resumed":
            if self._resumed is not None and not self._resumed.done():
                self._resumed.set_result(dict(frame["conversations"]))
        elif kind == "event":
            self.events.put_nowait(frame)
        elif kind == "pong":
            self._pongs.put_nowait(None)
        elif kind == "error":
            error = ServerError(frame["code"], frame["message"], frame.get("ref"), bool(frame.get("fatal")))
            future = self._pending_sends.get(error.ref or "")
            if future is not None and not future.done():
                future.set_exception(HavenClientError(error.code, error.message))
            else:
                self.errors.put_nowait(error)


def _optional_bytes(value: object) -> bytes | None:
    return base64.b64decode(value) if isinstance(value, str) else None
