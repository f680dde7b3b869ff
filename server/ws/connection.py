"""One websocket's outbound side: a bounded queue drained by a writer task.

A connection that cannot keep up is closed with `slow_consumer` instead of growing memory without bound; its
client reconnects and resumes from its last acknowledgement, so nothing durable is lost.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.websockets import WebSocket, WebSocketDisconnect

from server.conversations.delivery import Delivery
from server.protocol import frames
from server.protocol.errors import CLOSE_SLOW_CONSUMER, ErrorCode

_CLOSE = object()


class Connection:
    def __init__(self, websocket: WebSocket, max_queued_frames: int) -> None:
        self.websocket = websocket
        self.account: str | None = None
        # Live delivery starts with the first resume, so a client sees its backlog before anything newer.
        self.live = False
        self._replay_buffer: list[Delivery] | None = None
        self._queue: asyncio.Queue[object] = asyncio.Queue(maxsize=max_queued_frames)
        self._close: tuple[int, str] | None = None
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
                frames.error_frame(
                    ErrorCode.SLOW_CONSUMER.value, "too far behind; reconnect and resume", fatal=True
                ),
            )

    def deliver(self, delivery: Delivery) -> None:
        if not self.live:
            return
        if self._replay_buffer is not None:
            self._replay_buffer.append(delivery)
        else:
            self.push(delivery.frame)

    def begin_replay(self) -> None:
        self.live = True
        self._replay_buffer = []

    def end_replay(self, replayed_up_to: dict[str, int]) -> None:
        """Send what arrived live during the replay, minus what the replay already carried."""
        buffered, self._replay_buffer = self._replay_buffer or [], None
        for delivery in buffered:
            if delivery.seq > replayed_up_to.get(delivery.conversation, -1):
                self.push(delivery.frame)

    def close(self, code: int, final_frame: str | None = None) -> None:
        """Drop whatever is queued, send `final_frame`, close. Safe to call from any task, more than once."""
        if self._close is not None:
            return
        self._close = (code, final_frame or "")
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
            code, final = self._close
            with contextlib.suppress(Exception):
                if final:
                    await websocket.send_text(final)
                await websocket.close(code)
        except (WebSocketDisconnect, RuntimeError, OSError):
            pass
        finally:
            self.closed.set()
