"""The objects one server process shares between its HTTP routes and its websockets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from server.config import Settings
from server.conversations.store import MessageStore
from server.ratelimit import AdaptiveDifficulty, KeyedRateLimiter
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
    # Deployment-wide: registration's proof of work, harder while many register (never a refusal).
    registration_difficulty: AdaptiveDifficulty
    # Per identity on the HTTP API.
    api_limiter: KeyedRateLimiter
    # Help requests from outside any group: the difficulty per lane ("crisis", "general"), and a budget per
    # identity that cancelling does not refund.
    help_difficulty: dict[str, AdaptiveDifficulty]
    help_identity_limiter: KeyedRateLimiter
    # Per identity: crisis alerts and manual reports.
    alert_limiter: KeyedRateLimiter
    # Per (requester, owner) pair: prekey bundle fetches.
    prekey_limiter: KeyedRateLimiter
    server_secret: bytes


def runtime_of(connection: HTTPConnection) -> Runtime:
    runtime: Runtime = connection.app.state.runtime
    return runtime
