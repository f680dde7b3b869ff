"""Waiting on several sources at once: incoming messages, crisis notices, notices, and (for chat) stdin lines."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Awaitable, Callable
from typing import Any

from client.haven import HavenClient

Source = Callable[[], Awaitable[Any]]


class Listener:
    """One pending `get` per source; `next()` returns (name, value) of whichever is ready first."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self._sources = sources
        self._pending: dict[asyncio.Task[Any], str] = {}
        for name in sources:
            self._start(name)

    def _start(self, name: str) -> None:
        self._pending[asyncio.ensure_future(self._sources[name]())] = name

    async def next(self, timeout: float | None) -> tuple[str, Any] | None:
        """None when `timeout` passed with nothing."""
        done, _ = await asyncio.wait(self._pending, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        if not done:
            return None
        # Crisis notices first: they are what the person most needs to see.
        task = min(done, key=lambda t: self._pending[t] != "crisis")
        name = self._pending.pop(task)
        self._start(name)
        return name, task.result()

    async def close(self) -> None:
        for task in self._pending:
            task.cancel()
        await asyncio.gather(*self._pending, return_exceptions=True)
        self._pending.clear()


def client_sources(client: HavenClient) -> dict[str, Source]:
    return {"message": client.next_message, "crisis": client.next_crisis, "notice": client.next_notice}


def stdin_lines() -> Source:
    """Lines from stdin (a terminal, a pipe or a file) read on a daemon thread; None at end of input."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def put(item: str | None) -> None:
        with contextlib.suppress(RuntimeError):  # the loop is gone: the command is over
            loop.call_soon_threadsafe(queue.put_nowait, item)

    def read() -> None:
        while True:
            try:
                text = sys.stdin.readline()
            except (OSError, ValueError):
                text = ""
            if not text:
                put(None)
                return
            put(text.rstrip("\r\n"))

    threading.Thread(target=read, name="haven-stdin", daemon=True).start()
    return queue.get
