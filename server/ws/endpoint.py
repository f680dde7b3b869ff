"""The websocket loop: a thin shell that feeds the protocol machine and carries out its events."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Coroutine

from sqlalchemy.exc import SQLAlchemyError
from starlette.websockets import WebSocket, WebSocketDisconnect

from server.clock import now_ms
from server.conversations import repository
from server.conversations.store import Refused
from server.identity.repository import signing_key_of
from server.logs import get_logger
from server.metrics import METRICS, CloseReason, InboundKind
from server.protocol.machine import (
    AckRequested,
    Authenticated,
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
from wire import frames
from wire.b64 import b64encode
from wire.codes import CLOSE_AUTH_TIMEOUT, CLOSE_TOO_MANY_CONNECTIONS, ErrorCode
from wire.messages import Accepted, Delivered

log = get_logger("ws")

# Sends a connection may have waiting for their commit; past this the client is told to slow down.
MAX_IN_FLIGHT_SENDS = 1024
# How long a connection waits for a missing seq to arrive by itself before reading it from the database.
CATCH_UP_GRACE_SECONDS = 0.05
# What a deliver frame adds to the largest ciphertext a send can carry (ids, seq, times, franking fields).
DELIVER_OVERHEAD_BYTES = 1024


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
        # Rows per database page of a replay or catch-up: one page of the largest messages fits the connection's
        # page budget, so what a page adds to memory is bounded whatever the messages' sizes.
        largest = settings.max_frame_bytes + DELIVER_OVERHEAD_BYTES
        self.page_rows = max(1, min(settings.resume_page_size, connection.page_bytes // largest))
        self._catching_up: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        # Replays run beside the read loop (they last as long as the reader takes to drain them, and a loop
        # that stopped reading would stop answering pings too); one at a time, in the order they were asked.
        self._replay_lock = asyncio.Lock()
        connection.on_gap = self._on_gap
        connection.on_resync = self._on_resync

    async def handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Outbound):
                self.connection.push(event.frame)
            elif isinstance(event, SendRequested):
                await self._send(event)
            elif isinstance(event, AckRequested):
                self._ack(event)
            elif isinstance(event, ResumeRequested):
                self._spawn(self._resume(event))
            elif isinstance(event, AuthRequested):
                async with self.runtime.sessionmaker() as db:
                    key = await signing_key_of(db, event.account)
                await self.handle(self._admit(self.protocol.complete_auth(key)))
            elif isinstance(event, Close):
                self.connection.close(event.code, reason=event.reason)
            else:  # Authenticated
                self.connection.account = event.account
                self.runtime.hub.add(self.connection)
                METRICS.authenticated()
                # The id only at DEBUG: at INFO a log of logins is a timeline of who was online when.
                log.debug("authenticated", extra={"event": "auth_ok", "account": event.account})

    def _admit(self, events: list[Event]) -> list[Event]:
        """Refuse, before `ready`, an identity that already holds its share of this process's connections.

        Checked and registered with no await in between, so concurrent logins cannot both slip under the cap.
        """
        authenticated = next((e for e in events if isinstance(e, Authenticated)), None)
        cap = self.runtime.settings.max_connections_per_identity
        if authenticated is None or self.runtime.hub.count(authenticated.account) < cap:
            return events
        METRICS.server_closed(CloseReason.TOO_MANY_CONNECTIONS)
        return self.protocol.close_for_policy(
            ErrorCode.TOO_MANY_CONNECTIONS,
            f"this identity already has {cap} open connections",
            CLOSE_TOO_MANY_CONNECTIONS,
        )

    async def _send(self, event: SendRequested) -> None:
        account = self.protocol.account
        assert account is not None
        ref = b64encode(event.client_id)
        # Awaits Redis only when this process's lease of the identity's shared bucket runs out (server.limits.bucket).
        if self.in_flight >= MAX_IN_FLIGHT_SENDS or not await self.runtime.send_limiter.take(account):
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
                METRICS.accepted()
                self.connection.push(frames.accepted_frame(result))
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

    def _spawn(self, work: Coroutine[None, None, None]) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _resume(self, event: ResumeRequested) -> None:
        """Replay the backlog at the reader's pace: a page is read only once the previous ones have drained.

        Live deliveries meanwhile are only noted (`Connection.begin_replay`) and read as a catch-up afterwards,
        so neither the backlog nor what arrives during it is ever held in memory as a whole.
        """
        async with self._replay_lock:
            try:
                await self._replay(event)
            except (SQLAlchemyError, OSError) as exc:
                log.warning("resume failed", extra={"event": "resume_failed", "reason": type(exc).__name__})
                self.connection.close(
                    1011, frames.error_frame(ErrorCode.INTERNAL_ERROR.value, "internal error", fatal=True)
                )

    async def _replay(self, event: ResumeRequested) -> None:
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
                async for page, _ in self._pages(account, conversation, start):
                    self.connection.push_page([_deliver_frame(message) for message in page])
                    if page:
                        replayed[conversation] = page[-1].seq
                # Whatever up to the last seq read above was not replayed is not for us (our own, expired).
                replayed[conversation] = max(replayed[conversation], membership.last_seq)
        finally:
            self.connection.end_replay(replayed)
        self.connection.push(frames.resumed_frame(replayed))

    async def _pages(
        self, account: str, conversation: str, after: int, up_to: int | None = None
    ) -> AsyncIterator[tuple[list[Delivered], int | None]]:
        """Pages of what is stored for `account` in (after, up_to], each read once the queue has room for it.

        Yields (page, the seq the page covers up to: its last row's when more may follow, else `up_to`). The
        caller queues the page before asking for the next one, with no await in between, so nothing overtakes
        it; each page has a database session of its own, so a reader that stops reading holds no connection.
        """
        while await self.connection.wait_for_room():
            async with self.runtime.sessionmaker() as db:
                page = await repository.pending_for(db, account, conversation, after, self.page_rows, up_to)
            if len(page) < self.page_rows:
                yield page, up_to
                return
            yield page, page[-1].seq
            after = page[-1].seq

    async def _fill(self, conversation: str, after: int, up_to: int) -> None:
        """Read (after, up_to] from the database into the sequencer, page by page as the socket drains."""
        account = self.protocol.account
        assert account is not None
        sequencer = self.connection.sequencer
        async for page, covered in self._pages(account, conversation, after, up_to):
            if self.connection.replaying:
                # A resume began meanwhile: it replays this conversation, and its end asks again for any gap.
                return
            rows = [(m.seq, _deliver_frame(m)) for m in page]
            self.connection.push_page(sequencer.fill(conversation, after, rows, up_to if covered is None else covered))
            after = up_to if covered is None else covered

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
            # During a replay the gap waits: the replay's end asks for every gap left.
            if gap is None or self.protocol.account is None or self.connection.replaying:
                return
            after, up_to = gap
            account = self.protocol.account
            if after is None:
                async with self.runtime.sessionmaker() as db:
                    after = await repository.acked_position(db, account, conversation)
                if after is None:  # no longer a member: nothing held for it may go out
                    self.connection.sequencer.fill(conversation, up_to, [], up_to)
                    return
            await self._fill(conversation, after, up_to)
        except (SQLAlchemyError, OSError) as exc:
            log.warning("catch-up failed", extra={"event": "catch_up_failed", "reason": type(exc).__name__})
        finally:
            self._catching_up.discard(conversation)
        if not self.connection.replaying and self.connection.sequencer.gap(conversation) is not None:
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
                positions = await repository.memberships(db, account)
            for conversation, membership in positions.items():
                after = sequencer.position(conversation)
                after = membership.acked_seq if after is None else after
                await self._fill(conversation, after, max(after, membership.last_seq))
        except (SQLAlchemyError, OSError) as exc:
            log.warning("resync failed", extra={"event": "resync_failed", "reason": type(exc).__name__})

    def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()


def _deliver_frame(message: Delivered) -> str:
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


def _inbound_kind(events: list[Event]) -> InboundKind:
    """What the protocol machine made of one inbound frame (the frame's own `type` is the client's to choose)."""
    for event in events:
        if isinstance(event, SendRequested):
            return InboundKind.SEND
        if isinstance(event, AckRequested):
            return InboundKind.ACK
        if isinstance(event, ResumeRequested):
            return InboundKind.RESUME
        if isinstance(event, AuthRequested):
            return InboundKind.AUTH
        if isinstance(event, Outbound) and event.frame == PONG:
            return InboundKind.PING
    return InboundKind.REFUSED


PONG = frames.pong_frame()


async def websocket_endpoint(websocket: WebSocket) -> None:
    runtime = runtime_of(websocket)
    settings = runtime.settings
    await websocket.accept()
    METRICS.connection_opened()
    connection = Connection(websocket, settings.outbound_queue_bytes, settings.keepalive_timeout_seconds)
    session = Session(runtime, connection)
    writer = asyncio.create_task(connection.run_writer())
    connection.push(session.protocol.greeting)
    deadline = asyncio.get_running_loop().time() + settings.auth_timeout_seconds
    # The loop also ends when the writer gives up (a slow or stalled peer), even while no frame comes in: a peer
    # that neither reads nor writes must not keep its session and hub entry alive. The writer's end cancels the
    # read it is blocked in; a plain `await receive()` per frame costs no task and no `asyncio.wait`, which a
    # race between a receive task and a watch task did for every frame.
    reader = asyncio.current_task()
    assert reader is not None
    reading = True

    def writer_gone(_writer: asyncio.Task[None]) -> None:
        if reading:
            reader.cancel()

    writer.add_done_callback(writer_gone)
    try:
        while True:
            if session.protocol.state is State.AUTHENTICATED:
                message = await websocket.receive()
            else:
                try:
                    async with asyncio.timeout_at(deadline):
                        message = await websocket.receive()
                except TimeoutError:
                    METRICS.server_closed(CloseReason.AUTH_TIMEOUT)
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
            events = session.protocol.receive(data, now_ms())
            METRICS.frame_in(_inbound_kind(events))
            await session.handle(events)
            if connection.closed.is_set():
                break
    except asyncio.CancelledError:
        if not writer.done():
            raise
        # Cancelled by `writer_gone`, not by the server: the connection is over, clean up below.
        reader.uncancel()
    except WebSocketDisconnect:
        pass
    except Exception:
        log.exception("connection failed", extra={"event": "connection_error"})
        METRICS.server_closed(CloseReason.INTERNAL_ERROR)
        connection.close(1011, frames.error_frame(ErrorCode.INTERNAL_ERROR.value, "internal error", fatal=True))
    finally:
        reading = False
        writer.remove_done_callback(writer_gone)
        runtime.hub.remove(connection)
        session.close()
        METRICS.connection_closed(authenticated=connection.account is not None)
        if not connection.closed.is_set():
            connection.close(1000)
        # The writer ends by itself within a send timeout or two (the final frame, then the close).
        with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
            await asyncio.wait_for(writer, timeout=2 * settings.keepalive_timeout_seconds + 1)
        writer.cancel()
