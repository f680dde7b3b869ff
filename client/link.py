"""What a device's link to its server is doing, and how a step that needs the server waits out an outage.

The websocket reconnects by itself (client/reliable.py); the HTTP API has no connection to keep, so a step that
needs it while a delivery, an event or an alert is being handled retries here with backoff until the server
answers — it never gives up on a message, which would lose it, nor re-runs one already half processed, which
would decrypt it twice. `HavenClient.status` reports which of these states the device is in.
"""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Awaitable, Callable
from typing import TypeVar

import httpx
import websockets

from client.errors import HavenClientError

_T = TypeVar("_T")

# What an outage looks like from here: the HTTP API unreachable, a timeout, or the websocket gone.
NETWORK_ERRORS: tuple[type[BaseException], ...] = (
    httpx.HTTPError,
    OSError,
    TimeoutError,
    websockets.WebSocketException,
)

# Refusals that say "not now" rather than "no": a reverse proxy's 502/503 while the server restarts (not JSON, so
# `http_error`), and a rate limit. The server's own refusals are JSON with a stable code and are not retried.
TRANSIENT_CODES = frozenset({"http_error", "rate_limited"})

_RETRIED: tuple[type[BaseException], ...] = (*NETWORK_ERRORS, HavenClientError)

FIRST_WAIT_SECONDS = 0.1
MAX_WAIT_SECONDS = 2.0


class LinkStatus(enum.Enum):
    NOT_CONNECTED = "not_connected"  # connect() not called yet, or close() was
    CONNECTED = "connected"  # websocket up, nothing waiting on the server
    RECONNECTING = "reconnecting"  # websocket lost: reconnecting with backoff, then resuming where it stopped
    API_UNREACHABLE = "api_unreachable"  # a delivery, event or alert waits on an HTTP call that failed; retrying


class Abandoned(Exception):
    """The client is closing while a step waits for the server: the step stops, leaving its message unconsumed."""


class Outages:
    """Counts the steps now waiting on the server, so the status says so while any does."""

    def __init__(self) -> None:
        self.waiting = 0
        self.closing = asyncio.Event()

    async def until_reachable(self, call: Callable[[], Awaitable[_T]], *, max_wait: float = MAX_WAIT_SECONDS) -> _T:
        """`call()` until it does not fail with a network error; Abandoned once the client closes."""
        wait = FIRST_WAIT_SECONDS
        counted = False
        try:
            while True:
                if self.closing.is_set():
                    raise Abandoned
                try:
                    return await call()
                except _RETRIED as exc:
                    if isinstance(exc, HavenClientError) and exc.code not in TRANSIENT_CODES:
                        raise
                    if not counted:
                        counted = True
                        self.waiting += 1
                closing = asyncio.ensure_future(self.closing.wait())
                try:
                    await asyncio.wait({closing}, timeout=wait)
                finally:
                    closing.cancel()
                wait = min(wait * 2, max_wait)
        finally:
            if counted:
                self.waiting -= 1
