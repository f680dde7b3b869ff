"""A client's connection to the relay: authenticate, send, receive, acknowledge, resume.

It knows nothing about encryption: it moves opaque ciphertext, as the server does. The SDK layers above it
encrypt before `send` and decrypt what `deliveries` yields.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from typing import Any, TypeVar

import websockets
from pydantic import BaseModel, ValidationError
from websockets.asyncio.client import ClientConnection

from client.errors import HavenClientError
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair
from wire import frames
from wire.b64 import b64encode
from wire.frames import (
    AcceptedFrame,
    AckFrame,
    AuthFrame,
    ChallengeFrame,
    DeliverFrame,
    ErrorFrame,
    EventFrame,
    PingFrame,
    PongFrame,
    ReadyFrame,
    ResumedFrame,
    ResumeFrame,
    SendFrame,
    ServerFrame,
)
from wire.messages import Accepted, Delivered

log = logging.getLogger("haven.relay")

_FrameT = TypeVar("_FrameT", bound=BaseModel)


class RelayConnection:
    def __init__(self, socket: ClientConnection, account_id: str) -> None:
        self._socket = socket
        self.account_id = account_id
        self.deliveries: asyncio.Queue[Delivered] = asyncio.Queue()
        # Error frames that answer no particular request (bad frames, rate limits on acks, a fatal close reason).
        self.errors: asyncio.Queue[ErrorFrame] = asyncio.Queue()
        self._pending_sends: dict[str, asyncio.Future[Accepted]] = {}
        self._resumed: asyncio.Future[dict[str, int]] | None = None
        self._pongs: asyncio.Queue[None] = asyncio.Queue()
        # Notices outside any conversation (membership changes, offers, urgent alerts), as the server sent them.
        self.events: asyncio.Queue[EventFrame] = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, url: str, identity: IdentityKeyPair, *, open_timeout: float = 10.0) -> RelayConnection:
        socket = await websockets.connect(url, max_size=None, compression=None, open_timeout=open_timeout)
        try:
            greeting = await _expect(socket, ChallengeFrame, open_timeout, "server did not open with a challenge")
            time_ms = time.time_ns() // 1_000_000
            account_id = identity.account_id
            signature = sign_auth(identity.signing, greeting.challenge, greeting.server_id, time_ms, account_id)
            await socket.send(
                _encode(AuthFrame.model_construct(type="auth", account=account_id, time=time_ms, signature=signature))
            )
            await _expect(socket, ReadyFrame, open_timeout, "unexpected answer to auth")
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
        ref = b64encode(client_id)
        # A resend while the first attempt is still unanswered waits for the same answer.
        future = self._pending_sends.get(ref)
        owner = future is None
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._pending_sends[ref] = future
        try:
            frame = SendFrame.model_construct(
                type="send",
                conversation=conversation,
                client_id=client_id,
                ciphertext=ciphertext,
                commitment=commitment,
            )
            await self.send_raw(_encode(frame))
            return await asyncio.wait_for(asyncio.shield(future), timeout)
        finally:
            if owner:
                self._pending_sends.pop(ref, None)

    async def ack(self, conversation: str, seq: int) -> None:
        await self.send_raw(_encode(AckFrame.model_construct(type="ack", conversation=conversation, seq=seq)))

    async def resume(self, after: dict[str, int] | None = None, timeout: float = 30.0) -> dict[str, int]:
        """Ask for everything unacknowledged (or after `after`); returns the server's replay positions.

        The replayed messages arrive on `deliveries` before this returns; live delivery starts here too.
        """
        self._resumed = asyncio.get_running_loop().create_future()
        await self.send_raw(_encode(ResumeFrame.model_construct(type="resume", after=after or {})))
        try:
            return await asyncio.wait_for(self._resumed, timeout)
        finally:
            self._resumed = None

    async def ping(self, timeout: float = 10.0) -> None:
        await self.send_raw(_encode(PingFrame.model_construct(type="ping")))
        await asyncio.wait_for(self._pongs.get(), timeout)

    async def send_frame(self, frame: dict[str, Any]) -> None:
        """Any JSON object, unchecked (tests use it to send what a well-behaved client never would)."""
        await self.send_raw(json.dumps(frame))

    async def send_raw(self, data: str | bytes) -> None:
        await self._socket.send(data)

    async def next_delivery(self, timeout: float = 10.0) -> Delivered:
        return await asyncio.wait_for(self.deliveries.get(), timeout)

    async def next_event(self, kind: str | None = None, timeout: float = 10.0) -> EventFrame:
        """The next event frame (of `kind`, passing over others: events are hints a caller may not need)."""

        async def wait() -> EventFrame:
            while True:
                frame = await self.events.get()
                if kind is None or frame.event == kind:
                    return frame

        return await asyncio.wait_for(wait(), timeout)

    async def next_error(self, timeout: float = 10.0) -> ErrorFrame:
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
                try:
                    frame = frames.parse_server_frame(raw)
                except ValidationError as exc:
                    if frames.only_unknown_kind(exc):
                        # A kind a later server added: hints and notices this client does not know of.
                        log.info("frame of an unknown kind passed over")
                        continue
                    # Anything else means the server does not speak this protocol: stop rather than guess.
                    log.warning("malformed frame from the server", extra={"error": exc.errors()[0]["type"]})
                    await self._socket.close(1002, "malformed frame")
                    break
                self._dispatch(frame)
        except websockets.ConnectionClosed:
            pass
        finally:
            closed = HavenClientError("connection_closed", "the connection closed")
            for future in self._pending_sends.values():
                if not future.done():
                    future.set_exception(closed)
            if self._resumed is not None and not self._resumed.done():
                self._resumed.set_exception(closed)

    def _dispatch(self, frame: ServerFrame) -> None:
        if isinstance(frame, DeliverFrame):
            self.deliveries.put_nowait(frame.delivered())
        elif isinstance(frame, AcceptedFrame):
            future = self._pending_sends.get(b64encode(frame.client_id))
            if future is not None and not future.done():
                future.set_result(frame.accepted())
        elif isinstance(frame, ResumedFrame):
            if self._resumed is not None and not self._resumed.done():
                self._resumed.set_result(dict(frame.conversations))
        elif isinstance(frame, PongFrame):
            self._pongs.put_nowait(None)
        elif isinstance(frame, ErrorFrame):
            future = self._pending_sends.get(frame.ref or "")
            if future is not None and not future.done():
                future.set_exception(HavenClientError(frame.code, frame.message))
            else:
                self.errors.put_nowait(frame)
        elif isinstance(frame, ChallengeFrame | ReadyFrame):
            log.warning("handshake frame after the handshake passed over", extra={"type": frame.type})
        else:
            self.events.put_nowait(frame)


def _encode(frame: BaseModel) -> str:
    # Optional members are left out when None. Built with model_construct: the server is the one that validates
    # a client frame, so what a caller passes reaches it (and its refusal comes back) as before.
    return frame.model_dump_json(exclude_none=True)


async def _expect(socket: ClientConnection, expected: type[_FrameT], timeout: float, otherwise: str) -> _FrameT:
    """The next frame of the handshake: `expected`, or the server's refusal raised as its code."""
    try:
        frame = frames.parse_server_frame(await asyncio.wait_for(socket.recv(), timeout))
    except ValidationError:
        raise HavenClientError("protocol_error", otherwise) from None
    if isinstance(frame, ErrorFrame):
        raise HavenClientError(frame.code, frame.message)
    if not isinstance(frame, expected):
        raise HavenClientError("protocol_error", otherwise)
    return frame
