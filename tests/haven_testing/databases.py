"""A fresh database per test run on each engine, dropped afterwards, so leftover state never decides a result."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("HAVEN_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
# .ci/run sets this, so that on CI an unreachable PostgreSQL fails the run instead of skipping tests.
REQUIRE_SERVICES = os.environ.get("HAVEN_TEST_REQUIRE_SERVICES") == "1"


def _postgres_admin(statement: str) -> None:
    import asyncpg

    async def run() -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    # In a thread of its own, so that it also runs where an event loop already does (an async fixture's helper).
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, run()).result()


def postgres_unavailable_reason() -> str | None:
    try:
        _postgres_admin("SELECT 1")
    except Exception as exc:
        return f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL} ({type(exc).__name__})"
    return None


def skip_or_fail(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"{reason}; HAVEN_TEST_REQUIRE_SERVICES=1 forbids skipping", pytrace=False)
    pytest.skip(reason)


def migrate(database_url: str, *arguments: str) -> None:
    """Run alembic in a child process, exactly as `make` does."""
    env = {**os.environ, "HAVEN_DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "-m", "alembic", *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise RuntimeError(f"alembic {' '.join(arguments)} failed:\n{result.stderr}")


@contextmanager
def sqlite_database(directory: Path) -> Iterator[str]:
    yield f"sqlite+aiosqlite:///{directory / 'haven.db'}"


@contextmanager
def postgres_database() -> Iterator[str]:
    reason = postgres_unavailable_reason()
    if reason:
        skip_or_fail(reason)
    name = f"haven_test_{secrets.token_hex(6)}"
    _postgres_admin(f'CREATE DATABASE "{name}"')
    try:
        yield _postgres_url(name)
    finally:
        _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_url(name: str) -> str:
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://", 1)
    return f"{base}/{name}"


@contextmanager
def fresh_database(engine: str, directory: Path) -> Iterator[str]:
    manager = sqlite_database(directory) if engine == "sqlite" else postgres_database()
    with manager as url:
        yield url


class Template:
    """A database migrated once (see `fresh_database`) that gives each test a database of its own in that state.

    Migrating costs about a second per test and engine. SQLite copies the file. On PostgreSQL creating a database
    from the template, and dropping it, each wait on the disk (seconds on a busy machine), so the databases a test
    has finished with are kept and, when the next test takes one, emptied back to the migrated state (every table
    but `alembic_version` is empty after the migrations; sequences restart) with every connection to it ended
    first; only as many are created as tests hold at once, and all are dropped at the end."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._free: list[str] = []
        self._made: list[str] = []

    @contextmanager
    def clone(self, directory: Path) -> Iterator[str]:
        if self.url.startswith("sqlite"):
            path = directory / "haven.db"
            shutil.copyfile(self.url.split(":///", 1)[1], path)
            yield f"sqlite+aiosqlite:///{path}"
            return
        if self._free:
            name = self._free.pop()
            _postgres_empty(name)
        else:
            name = f"haven_test_{secrets.token_hex(6)}"
            _postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.url.rsplit("/", 1)[1]}"')
            self._made.append(name)
        try:
            yield _postgres_url(name)
        finally:
            self._free.append(name)

    def close(self) -> None:
        """Drop every database made (before the template itself is dropped)."""
        for name in self._made:
            _postgres_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _postgres_empty(name: str) -> None:
    """Back to the state the migrations leave: end every connection to it, empty every table, restart sequences."""
    import asyncpg

    async def run() -> None:
        admin = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        try:
            await admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                name,
            )
        finally:
            await admin.close()
        connection = await asyncpg.connect(f"{POSTGRES_ADMIN_URL.rsplit('/', 1)[0]}/{name}", timeout=5)
        try:
            async with connection.transaction():
                # Foreign keys are not checked while every table is emptied (the superuser's replica role).
                await connection.execute("SET LOCAL session_replication_role = replica")
                tables = await connection.fetch(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'"
                )
                sequences = await connection.fetch("SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")
                statements = [f'DELETE FROM "{row[0]}";' for row in tables]
                statements += [f"SELECT setval('\"{row[0]}\"', 1, false);" for row in sequences]
                await connection.execute("\n".join(statements))
        finally:
            await connection.close()

    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, run()).result()
