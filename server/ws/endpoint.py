"""The websocket loop: a thin shell that feeds the protocol machine and carries out its events."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import time
from collections.abc import AsyncIterator

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.websockets import WebSocket, WebSocketDisconnect

from server.clock import now_ms
from server.conversations import repository
from server.conversations.store import Accepted, Refused
from server.identity.repository import signing_key_of
from server.logs import get_logger
from server.protocol import frames
from server.protocol.b64 import b64encode
from server.protocol.errors import CLOSE_AUTH_TIMEOUT, ErrorCode
from server.protocol.machine import (
    AckRequested,
    AuthRequested,
    Close,
    ConnectionProtocol,
    Event,
    Outbound,
    ResumeRequested,
    SendRequested,
    State,
    error,
)
from server.runtime import Runtime, runtime_of
from server.ws.connection import Connection

log = get_logger("ws")

# Sends a connection may have waiting for their commit; past this the client is told to slow down.
MAX_IN_FLIGHT_SENDS = 1024
# How long a connection waits for a missing seq to arrive by itself before reading it from the database.
CATCH_UP_GRACE_SECONDS = 0.05


class Session:
    def __init__(self, runtime: Runtime, connection: Connection) -> None:
        settings = runtime.settings
        self.runtime = runtime
        self.connection = connection
        self.protocol = ConnectionProtocol(
            server_id=settings.server_id,
            challenge=secrets.token_bytes(32),
            now_ms=now_ms(),
            max_frame_bytes=settings.max_frame_bytes,
            clock_skew_ms=settings.auth_clock_skew_seconds * 1000,
            frames_per_second=settings.frames_per_second,
            frame_burst=settings.frame_burst,
        )
        self.in_flight = 0
        self._catching_up: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        connection.on_gap = self._on_gap
        connection.on_resync = self._on_resync

    async def handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Outbound):
                self.connection.push(event.frame)
            elif isinstance(event, SendRequested):
                self._send(event)
            elif isinstance(event, AckRequested):
                self._ack(event)
            elif isinstance(event, ResumeRequested):
                await self._resume(event)
            elif isinstance(event, AuthRequested):
                async with self.runtime.sessionmaker() as db:
                    key = await signing_key_of(db, event.account)
                await self.handle(self.protocol.complete_auth(key))
            elif isinstance(event, Close):
                self.connection.close(event.code, reason=event.reason)
            else:  # Authenticated
                self.connection.account = event.account
                self.runtime.hub.add(self.connection)
                log.info("authenticated", extra={"event": "auth_ok", "account": event.account})

    def _send(self, event: SendRequested) -> None:
        account = self.protocol.account
        assert account is not None
        ref = b64encode(event.client_id)
        if self.in_flight >= MAX_IN_FLIGHT_SENDS or not self.runtime.send_limiter.take(account, time.monotonic()):
            self.connection.push(error(ErrorCode.RATE_LIMITED, "send rate limit reached; retry later", ref).frame)
            return
        self.in_flight += 1
        future = self.runtime.store.send(
            account, event.conversation, event.client_id, event.ciphertext, event.commitment
        )

        def answered(done: asyncio.Future[Accepted | Refused]) -> None:
            self.in_flight -= 1
            if done.cancelled():
                return
            result = done.result()
            if isinstance(result, Accepted):
                self.connection.push(
                    frames.accepted_frame(
                        event.client_id,
                        result.conversation,
                        result.seq,
                        result.server_time_ms,
                        result.duplicate,
                        result.franking_tag,
                    )
                )
            else:
                self.connection.push(error(result.code, result.message, ref).frame)

        future.add_done_callback(answered)

    def _ack(self, event: AckRequested) -> None:
        account = self.protocol.account
        assert account is not None
        future = self.runtime.store.ack(account, event.conversation, event.seq)

        def answered(done: asyncio.Future[Refused | None]) -> None:
            if not done.cancelled() and (result := done.result()) is not None:
                self.connection.push(error(result.code, result.message, event.conversation).frame)

        future.add_done_callback(answered)

    async def _resume(self, event: ResumeRequested) -> None:
        account = self.protocol.account
        assert account is not None
        self.connection.begin_replay()
        replayed: dict[str, int] = {}
        try:
            async with self.runtime.sessionmaker() as db:
                positions = await repository.memberships(db, account)
                for conversation in sorted(set(event.after) - positions.keys()):
                    self.connection.push(
                        error(ErrorCode.UNKNOWN_CONVERSATION, "not a member of this conversation", conversation).frame
                    )
                for conversation, membership in positions.items():
                    start = event.after.get(conversation, membership.acked_seq)
                    replayed[conversation] = start
                    async for message in self._stored(db, account, conversation, start):
                        self.connection.push(_deliver_frame(message))
                        replayed[conversation] = message.seq
                    # Whatever up to the last seq read above was not replayed is not for us (our own, expired).
                    replayed[conversation] = max(replayed[conversation], membership.last_seq)
        finally:
            self.connection.end_replay(replayed)
        self.connection.push(frames.resumed_frame(replayed))

    async def _stored(
        self, db: AsyncSession, account: str, conversation: str, after: int, up_to: int | None = None
    ) -> AsyncIterator[repository.StoredMessage]:
        page_size = self.runtime.settings.resume_page_size
        while True:
            page = await repository.pending_for(db, account, conversation, after, page_size, up_to)
            for message in page:
                yield message
            if len(page) < page_size:
                return
            after = page[-1].seq

    # --- catch-ups: the database fills what a lost or reordered wake-up left out ---------------------------
    def _on_gap(self, conversation: str, urgent: bool) -> None:
        if conversation in self._catching_up:
            return
        self._catching_up.add(conversation)
        task = asyncio.create_task(self._catch_up(conversation, 0.0 if urgent else CATCH_UP_GRACE_SECONDS))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _catch_up(self, conversation: str, delay: float) -> None:
        try:
            await asyncio.sleep(delay)
            gap = self.connection.sequencer.gap(conversation)
            if gap is None or self.protocol.account is None:
                return
            after, up_to = gap
            account = self.protocol.account
            async with self.runtime.sessionmaker() as db:
                if after is None:
                    after = await repository.acked_position(db, account, conversation)
                    if after is None:  # no longer a member: nothing held for it may go out
                        self.connection.sequencer.fill(conversation, up_to, [], up_to)
                        return
                rows = [(m.seq, _deliver_frame(m)) async for m in self._stored(db, account, conversation, after, up_to)]
            self.connection.push_caught_up(self.connection.sequencer.fill(conversation, after, rows, up_to))
        except (SQLAlchemyError, OSError) as exc:
            log.warning("catch-up failed", extra={"event": "catch_up_failed", "reason": type(exc).__name__})
        finally:
            self._catching_up.discard(conversation)
        if self.connection.sequencer.gap(conversation) is not None:
            self._on_gap(conversation, urgent=False)

    def _on_resync(self) -> None:
        task = asyncio.create_task(self._resync())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resync(self) -> None:
        """After wake-ups may have been lost (the Redis link dropped), read everything newer from the database."""
        account = self.protocol.account
        if account is None:
            return
        sequencer = self.connection.sequencer
        try:
            async with self.runtime.sessionmaker() as db:
                for conversation, membership in (await repository.memberships(db, account)).items():
                    after = sequencer.position(conversation)
                    after = membership.acked_seq if after is None else after
                    up_to = max(after, membership.last_seq)
                    rows = [
                        (m.seq, _deliver_frame(m)) async for m in self._stored(db, account, conversation, after, up_to)
                    ]
                    self.connection.push_caught_up(sequencer.fill(conversation, after, rows, up_to))
        except (SQLAlchemyError, OSError) as exc:
            log.warning("resync failed", extra={"event": "resync_failed", "reason": type(exc).__name__})

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()


def _deliver_frame(message: repository.StoredMessage) -> str:
    return frames.deliver_frame(
        message.conversation,
        message.seq,
        message.sender,
        message.client_id,
        message.ciphertext,
        message.server_time_ms,
        message.commitment,
        message.franking_tag,
    )


async def websocket_endpoint(websocket: WebSocket) -> None:
    runtime = runtime_of(websocket)
    await websocket.accept()
    connection = Connection(websocket, runtime.settings.outbound_queue_frames)
    session = Session(runtime, connection)
    writer = asyncio.create_task(connection.run_writer())
    connection.push(session.protocol.greeting)
    deadline = time.monotonic() + runtime.settings.auth_timeout_seconds
    try:
        while not connection.closed.is_set():
            if session.protocol.state is State.AUTHENTICATED:
                message = await websocket.receive()
            else:
                try:
                    message = await asyncio.wait_for(websocket.receive(), deadline - time.monotonic())
                except TimeoutError:
                    await session.handle(
                        session.protocol.close_for_policy(
                            ErrorCode.AUTH_TIMEOUT, "authenticate sooner", CLOSE_AUTH_TIMEOUT
                        )
                    )
                    break
            if message["type"] == "websocket.disconnect":
                break
            text = message.get("text")
            data = text if text is not None else message.get("bytes") or b""
            await session.handle(session.protocol.receive(data, now_ms()))
    except WebSocketDisconnect:
        pass
    except Exception:
        log.exception("connection failed", extra={"event": "connection_error"})
        connection.close(1011, frames.error_frame(ErrorCode.INTERNAL_ERROR.value, "internal error", fatal=True))
    finally:
        runtime.hub.remove(connection)
        session.close()
        if not connection.closed.is_set():
            connection.close(1000)
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(writer, timeout=5)
        writer.cancel()
