"""One websocket's outbound side: a bounded queue drained by a writer task.

A connection that cannot keep up is closed with `slow_consumer` instead of growing memory without bound; its
client reconnects and resumes from its last acknowledgement, so nothing durable is lost.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from starlette.websockets import WebSocket, WebSocketDisconnect

from server.conversations.delivery import Delivery
from server.protocol import frames
from server.protocol.errors import CLOSE_SLOW_CONSUMER, ErrorCode
from server.ws.sequencer import Sequencer

_CLOSE = object()


class Connection:
    def __init__(self, websocket: WebSocket, max_queued_frames: int) -> None:
        self.websocket = websocket
        self.account: str | None = None
        # Live delivery starts with the first resume, so a client sees its backlog before anything newer.
        self.live = False
        self._replay_buffer: list[tuple[str, int, str | None]] | None = None
        self.sequencer = Sequencer()
        # Set by the session that owns this connection: they run the database catch-ups.
        self.on_gap: Callable[[str, bool], None] = lambda _conversation, _urgent: None
        self.on_resync: Callable[[], None] = lambda: None
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=max_queued_frames)
        self._close: tuple[int, str, str] | None = None
        self.closed = asyncio.Event()

    # --- producers ---------------------------------------------------------------------------------------
    def push(self, frame: str) -> None:
        if self._close is not None:
            return
        try:
            self._queue.put_nowait(frame)
        except asyncio.QueueFull:
            self.close(
                CLOSE_SLOW_CONSUMER,
                frames.error_frame(ErrorCode.SLOW_CONSUMER.value, "too far behind; reconnect and resume", fatal=True),
            )

    def deliver(self, delivery: Delivery) -> None:
        self._offer(delivery.conversation, delivery.seq, delivery.frame)

    def skip(self, conversation: str, seq: int) -> None:
        self._offer(conversation, seq, None)

    def request_resync(self) -> None:
        if self.live:
            self.on_resync()

    def _offer(self, conversation: str, seq: int, frame: str | None) -> None:
        if not self.live:
            return
        if self._replay_buffer is not None:
            self._replay_buffer.append((conversation, seq, frame))
            return
        ready, gap = self.sequencer.offer(conversation, seq, frame)
        for item in ready:
            self.push(item)
        if gap:
            self.on_gap(conversation, self.sequencer.urgent(conversation))

    def begin_replay(self) -> None:
        self.live = True
        self._replay_buffer = []

    def end_replay(self, replayed_up_to: dict[str, int]) -> None:
        """Position every conversation where the replay ended, then pass on what arrived meanwhile."""
        buffered, self._replay_buffer = self._replay_buffer or [], None
        for conversation, seq in replayed_up_to.items():
            for item in self.sequencer.set_position(conversation, seq):
                self.push(item)
        for conversation, seq, frame in buffered:
            self._offer(conversation, seq, frame)

    def push_caught_up(self, frames_in_order: list[str]) -> None:
        for item in frames_in_order:
            self.push(item)

    def close(self, code: int, final_frame: str | None = None, reason: str = "") -> None:
        """Send what is queued, then `final_frame`, then close. Safe from any task, more than once.

        Only a connection whose queue is full (a slow consumer) loses what was queued: it must resume anyway.
        """
        if self._close is not None:
            return
        self._close = (code, final_frame or "", reason)
        try:
            self._queue.put_nowait(_CLOSE)
        except asyncio.QueueFull:
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(_CLOSE)

    # --- the writer task ---------------------------------------------------------------------------------
    async def run_writer(self) -> None:
        websocket = self.websocket
        try:
            while True:
                item = await self._queue.get()
                if item is _CLOSE:
                    break
                await websocket.send_text(item)  # type: ignore[arg-type]
            assert self._close is not None
            code, final, reason = self._close
            with contextlib.suppress(Exception):
                if final:
                    await websocket.send_text(final)
                await websocket.close(code, reason)
        except (WebSocketDisconnect, RuntimeError, OSError):
            pass
        finally:
            self.closed.set()
