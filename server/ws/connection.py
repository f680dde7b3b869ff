"""One websocket's outbound side: a queue bounded in bytes, drained by a writer task.

Three kinds of producer share the queue, each with its own share of `max_queued_bytes` (L):
- replays and catch-ups (`wait_for_room` then `push_page`) read the database one page at a time, and only once
  the queue is down to L/2, so a backlog of any size streams through at the reader's pace in one connection;
- live deliveries are queued while the queue holds under 3/4 L; past that the sequencer notes the seq and a
  catch-up reads it from the database once there is room (the database is the truth, so nothing is lost);
- everything else (answers, errors, events) may use the whole of L; a client that provokes those faster than it
  reads is closed with `slow_consumer` and resumes from its last acknowledgement.
A peer whose socket takes nothing for `send_timeout` seconds is dead or hostile: the writer gives up on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import deque
from collections.abc import Callable

from starlette.websockets import WebSocket, WebSocketDisconnect

from server.conversations.delivery import Delivery
from server.metrics import METRICS, CloseReason
from server.ws.sequencer import Sequencer
from wire import frames
from wire.codes import CLOSE_SLOW_CONSUMER, ErrorCode

_TYPE_PREFIX = '{"type":"'


def frame_type(frame: str) -> str:
    """The `type` of a frame the server built (each starts with it), for counting only."""
    if not frame.startswith(_TYPE_PREFIX):
        return "other"
    end = frame.find('"', len(_TYPE_PREFIX))
    return frame[len(_TYPE_PREFIX) : end] if end > 0 else "other"


class Connection:
    def __init__(self, websocket: WebSocket, max_queued_bytes: int, send_timeout: float) -> None:
        self.websocket = websocket
        self.account: str | None = None
        # Live delivery starts with the first resume, so a client sees its backlog before anything newer.
        self.live = False
        self._replaying = False
        self._max_bytes = max_queued_bytes
        self._live_limit = max_queued_bytes * 3 // 4
        self._low_water = max_queued_bytes // 2
        # What one page of a replay may add: with the low water mark, replays stay within 3/4 L.
        self.page_bytes = max_queued_bytes // 4
        self._send_timeout = send_timeout
        # Live frames held ahead of a gap count against the same budget as the queue's live share.
        self.sequencer = Sequencer(max_ahead_bytes=max_queued_bytes // 4)
        # Set by the session that owns this connection: they run the database catch-ups.
        self.on_gap: Callable[[str, bool], None] = lambda _conversation, _urgent: None
        self.on_resync: Callable[[], None] = lambda: None
        self._queue: deque[str] = deque()
        self.queued_bytes = 0
        self._wake = asyncio.Event()
        self._room = asyncio.Event()
        self._room.set()
        self._close: tuple[int, str, str] | None = None
        self.close_reason: CloseReason | None = None
        self.closed = asyncio.Event()

    # --- producers ---------------------------------------------------------------------------------------
    def push(self, frame: str) -> None:
        """Queue an answer, error or event; past the whole budget the client is a slow consumer."""
        if self._close is not None:
            return
        if self.queued_bytes + len(frame) > self._max_bytes:
            self.close(
                CLOSE_SLOW_CONSUMER,
                frames.error_frame(ErrorCode.SLOW_CONSUMER.value, "too far behind; reconnect and resume", fatal=True),
                drop_queued=True,
                why=CloseReason.SLOW_CONSUMER,
            )
            return
        self._enqueue(frame)

    def push_page(self, frames_in_order: list[str]) -> None:
        """Queue frames a paced producer read after `wait_for_room` (in one go, so nothing overtakes them)."""
        if self._close is None:
            for frame in frames_in_order:
                self._enqueue(frame)

    async def wait_for_room(self) -> bool:
        """Wait until the queue is down to its low water mark; False once the connection is closing."""
        while self._close is None and self.queued_bytes > self._low_water:
            self._room.clear()
            await self._room.wait()
        return self._close is None

    def _enqueue(self, frame: str) -> None:
        self._queue.append(frame)
        self.queued_bytes += len(frame)
        METRICS.queue_changed(len(frame))
        self._wake.set()

    def deliver(self, delivery: Delivery) -> None:
        self._offer(delivery.conversation, delivery.seq, delivery.frame)

    def skip(self, conversation: str, seq: int) -> None:
        self._offer(conversation, seq, None)

    def request_resync(self) -> None:
        if self.live:
            self.on_resync()

    def _offer(self, conversation: str, seq: int, frame: str | None) -> None:
        if not self.live or self._close is not None:
            return
        if self._replaying or (frame is not None and self.queued_bytes + len(frame) > self._live_limit):
            # Keep only the fact: the replay's end, or a catch-up once there is room, reads it from the database.
            self.sequencer.defer(conversation, seq)
            if not self._replaying:
                self.on_gap(conversation, True)
            return
        ready, gap = self.sequencer.offer(conversation, seq, frame)
        for item in ready:
            self._enqueue(item)
        if gap:
            self.on_gap(conversation, self.sequencer.urgent(conversation))

    @property
    def replaying(self) -> bool:
        return self._replaying

    def begin_replay(self) -> None:
        self.live = True
        self._replaying = True

    def end_replay(self, replayed_up_to: dict[str, int]) -> None:
        """Position every conversation where the replay ended; what arrived meanwhile is read as a catch-up."""
        self._replaying = False
        for conversation, seq in replayed_up_to.items():
            for item in self.sequencer.set_position(conversation, seq):
                self._enqueue(item)
        for conversation in self.sequencer.lanes_with_gaps():
            self.on_gap(conversation, True)

    def close(
        self,
        code: int,
        final_frame: str | None = None,
        reason: str = "",
        *,
        drop_queued: bool = False,
        why: CloseReason | None = None,
    ) -> None:
        """Send what is queued (unless `drop_queued`), then `final_frame`, then close. Safe more than once.

        Only a slow consumer loses what was queued: it must resume anyway.
        """
        if self._close is not None:
            return
        self._close = (code, final_frame or "", reason)
        self.close_reason = why
        if why is not None:
            METRICS.server_closed(why)
        if drop_queued:
            self._drop_queued()
        self._wake.set()
        self._room.set()

    def _drop_queued(self) -> None:
        METRICS.queue_changed(-self.queued_bytes)
        self._queue.clear()
        self.queued_bytes = 0

    # --- the writer task ---------------------------------------------------------------------------------
    async def run_writer(self) -> None:
        websocket = self.websocket
        try:
            while True:
                if not self._queue:
                    if self._close is not None:
                        break
                    self._wake.clear()
                    await self._wake.wait()
                    continue
                item = self._queue[0]
                if not await self._send(item):
                    return
                self._queue.popleft()
                self.queued_bytes -= len(item)
                METRICS.queue_changed(-len(item))
                if self.queued_bytes <= self._low_water:
                    self._room.set()
                _count_out(item)
            assert self._close is not None
            code, final, reason = self._close
            with contextlib.suppress(Exception):
                if final:
                    await asyncio.wait_for(websocket.send_text(final), self._send_timeout)
                    _count_out(final)
                await asyncio.wait_for(websocket.close(code, reason), self._send_timeout)
        except (WebSocketDisconnect, RuntimeError, OSError):
            pass
        finally:
            if self._close is None:
                self._close = (1000, "", "")
            self._drop_queued()
            self._room.set()
            self.closed.set()

    async def _send(self, item: str) -> bool:
        """Write one frame; False when the peer took nothing for `send_timeout` (it is then given up on)."""
        try:
            # A timer rather than `wait_for`, which wraps every frame in a task of its own on Python 3.11.
            async with asyncio.timeout(self._send_timeout):
                await self.websocket.send_text(item)
        except TimeoutError:
            # Not reading, or gone without a word: a close frame would wait behind the same full buffer.
            if self.close_reason is None:
                self.close_reason = CloseReason.STALLED
                METRICS.server_closed(CloseReason.STALLED)
            return False
        return True


def _count_out(frame: str) -> None:
    kind = frame_type(frame)
    METRICS.frame_out(kind)
    if kind == "error":
        # Error frames are small and built by the server; the code is one of ErrorCode's.
        with contextlib.suppress(ValueError, KeyError, TypeError):
            METRICS.error(str(json.loads(frame)["code"]))
