"""The real app in this process, on a database of the test's own, reached over httpx's ASGITransport (no socket).

For domain rules over HTTP, where a real socket is not the point: each test starts from an empty migrated
database, so no test sees another's people, groups, requests or admins, and none pays for a server process. The
wire itself (websockets, restarts, clusters, Redis, memory bounds, a real server's logs) stays on real servers
(`live_server`, `server_factory`). The settings are the ones `LiveServer` gives its child process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.app import create_app
from server.config import Settings
from server.runtime import Runtime
from tests.haven_testing.live_server import TEST_SECRET

# Never resolved: ASGITransport hands each request to the app directly.
IN_PROCESS_URL = "http://haven.test"

SETTINGS: dict[str, Any] = {
    "server_secret": TEST_SECRET,
    "server_id": "haven-test",
    "registration_pow_bits": 4,
    "registrations_per_minute": 100_000,
    "registration_burst": 100_000,
}


@dataclass
class InProcessServer:
    """What the people helpers (`tests/haven_testing/people.py`) need of a server, without a process or a port."""

    app: FastAPI
    database_url: str
    transport: httpx.ASGITransport
    http_url: str = IN_PROCESS_URL

    def http(self) -> httpx.AsyncClient:
        """An anonymous HTTP client on this app (close it, e.g. `async with server.http() as http:`)."""
        return httpx.AsyncClient(base_url=self.http_url, transport=self.transport)

    @property
    def db(self) -> async_sessionmaker[AsyncSession]:
        """The app's own session factory: the database is the truth, as the `db` fixture is for `live_server`."""
        runtime: Runtime = self.app.state.runtime
        return runtime.sessionmaker


@asynccontextmanager
async def in_process(database_url: str, **settings: Any) -> AsyncIterator[InProcessServer]:
    """Run the app's lifespan (engine, commit writer, relay, purge loop) around the block, on `database_url`."""
    app = create_app(Settings(database_url=database_url, **{**SETTINGS, **settings}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        try:
            yield InProcessServer(app, database_url, transport)
        finally:
            await transport.aclose()
