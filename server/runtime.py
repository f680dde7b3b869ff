"""The objects one server process shares between its HTTP routes and its websockets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from server.config import Settings
from server.conversations.store import MessageStore
from server.ratelimit import KeyedRateLimiter
from server.relay.base import Relay
from server.relay.hub import Hub


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    hub: Hub
    relay: Relay
    store: MessageStore
    send_limiter: KeyedRateLimiter
    registration_limiter: KeyedRateLimiter
    # Per identity on the HTTP API; the deployment-wide bucket for help requests from outside any group.
    api_limiter: KeyedRateLimiter
    help_limiter: KeyedRateLimiter
    # Per identity: crisis alerts and manual reports.
    alert_limiter: KeyedRateLimiter
    # Per (requester, owner) pair: prekey bundle fetches.
    prekey_limiter: KeyedRateLimiter
    server_secret: bytes


def runtime_of(connection: HTTPConnection) -> Runtime:
    runtime: Runtime = connection.app.state.runtime
    return runtime
