"""Fixtures shared by every test package: engines, fresh databases, live servers, registered identities."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from client.registration import register
from crypto.keys import IdentityKeyPair
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from tests.haven_testing.databases import Template, fresh_database, migrate
from tests.haven_testing.inprocess import InProcessServer, in_process
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.people import forget_admin

ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session", params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every case run against PostgreSQL carries the `postgres` marker, so `pytest -m 'not postgres'` runs the suite
    on SQLite alone (files that need PostgreSQL or Redis outright mark themselves)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("engine_name") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def database_url(engine_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated database of its own for the session, on each engine."""
    with fresh_database(engine_name, tmp_path_factory.mktemp(f"db-{engine_name}")) as url:
        migrate(url, "upgrade", "head")
        yield url


@pytest.fixture(scope="session")
def live_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(database_url, tmp_path_factory.mktemp("server") / "server.log").start()
    yield server
    server.stop()


@pytest.fixture
def server_factory(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    """Start extra servers with their own settings (short TTLs, tight limits) on a database of their own."""
    started: list[LiveServer] = []

    def start(database_url: str, **settings: str) -> LiveServer:
        env = {f"HAVEN_{key.upper()}": value for key, value in settings.items()}
        server = LiveServer(database_url, tmp_path / f"server-{len(started)}.log", env).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A session factory on the same database the live server uses (the database is the truth)."""
    engine = create_engine(Settings(database_url=database_url))
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def register_identity(live_server: LiveServer) -> Callable[..., object]:
    async def make(server: LiveServer | None = None) -> IdentityKeyPair:
        identity = IdentityKeyPair.generate()
        async with httpx.AsyncClient(base_url=(server or live_server).http_url) as http:
            await register(http, identity)
        return identity

    return make


@pytest.fixture(scope="session")
def database_template(engine_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Template]:
    """A database migrated once per session and engine, from which each test gets a database of its own in that
    state (`fresh_database_url`, `app_server_factory`)."""
    with fresh_database(engine_name, tmp_path_factory.mktemp(f"template-{engine_name}")) as url:
        migrate(url, "upgrade", "head")
        template = Template(url)
        try:
            yield template
        finally:
            template.close()


@pytest.fixture
def fresh_database_url(database_template: Template, tmp_path: Path) -> Iterator[str]:
    """A migrated database for one test alone (for tests that inspect everything the server wrote)."""
    with database_template.clone(tmp_path) as url:
        forget_admin(url)
        yield url


@pytest.fixture
async def app_server(fresh_database_url: str) -> AsyncIterator[InProcessServer]:
    """The app in this process on a database of its own, over ASGITransport (tests/haven_testing/inprocess.py)."""
    async with in_process(fresh_database_url) as server:
        yield server


@pytest.fixture
def app_server_factory(
    database_template: Template, tmp_path: Path
) -> Callable[..., AbstractAsyncContextManager[InProcessServer]]:
    """In-process apps with settings of their own (short timeouts, tight limits), each on a database of its own:
    `async with app_server_factory(offer_timeout_seconds=1) as server:`."""

    @asynccontextmanager
    async def start(**settings: object) -> AsyncIterator[InProcessServer]:
        directory = tmp_path / f"app-{secrets.token_hex(4)}"
        directory.mkdir()
        with database_template.clone(directory) as url:
            forget_admin(url)
            async with in_process(url, **settings) as server:
                yield server

    return start


@pytest.fixture
async def db_factory() -> AsyncIterator[Callable[[str], async_sessionmaker[AsyncSession]]]:
    """Session factories on any database a test made (e.g. `fresh_database_url`), disposed afterwards."""
    engines = []

    def make(url: str) -> async_sessionmaker[AsyncSession]:
        engine = create_engine(Settings(database_url=url))
        engines.append(engine)
        return create_sessionmaker(engine)

    yield make
    for engine in engines:
        await engine.dispose()
