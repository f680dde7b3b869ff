"""The objects one server process shares between its HTTP routes and its websockets."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.requests import HTTPConnection

from server.config import Settings
from server.conversations.store import MessageStore
from server.limits.interface import Difficulty, RateLimiter
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
    # The limits below are built together (server.limits.build): in this process, or shared by every process
    # through Redis when one is configured.
    # Per identity: websocket sends.
    send_limiter: RateLimiter
    # Deployment-wide: registration's proof of work, harder while many register (never a refusal).
    registration_difficulty: Difficulty
    # Per identity on the HTTP API.
    api_limiter: RateLimiter
    # Help requests from outside any group: the difficulty per lane ("crisis", "general"), and a budget per
    # identity that cancelling does not refund.
    help_difficulty: dict[str, Difficulty]
    help_identity_limiter: RateLimiter
    # Per identity: crisis alerts and manual reports.
    alert_limiter: RateLimiter
    # Per (requester, owner) pair: prekey bundle fetches.
    prekey_limiter: RateLimiter
    server_secret: bytes


def runtime_of(connection: HTTPConnection) -> Runtime:
    runtime: Runtime = connection.app.state.runtime
    return runtime
