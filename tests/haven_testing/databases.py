"""A fresh database per test run on each engine, dropped afterwards, so leftover state never decides a result."""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
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
    """A database migrated once (see `fresh_database`) that tests copy, each into a database of its own.

    Copying costs milliseconds where the migrations cost about a second, per test and per engine. SQLite copies the
    file. PostgreSQL creates the copy from the template (which nothing else holds open: the migrations ran in a
    child process that has exited); creating and dropping a database waits for the disk, so one thread of its own
    makes the next copy and drops the last one while the test runs."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._worker: ThreadPoolExecutor | None = None
        self._next: Future[str] | None = None
        self._dropped: list[Future[None]] = []

    @contextmanager
    def clone(self, directory: Path) -> Iterator[str]:
        if self.url.startswith("sqlite"):
            path = directory / "haven.db"
            shutil.copyfile(self.url.split(":///", 1)[1], path)
            yield f"sqlite+aiosqlite:///{path}"
            return
        if self._worker is None:
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="haven-test-databases")
        name = (self._next or self._worker.submit(self._create)).result()
        self._next = self._worker.submit(self._create)
        try:
            yield _postgres_url(name)
        finally:
            self._dropped.append(self._worker.submit(_postgres_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _create(self) -> str:
        name = f"haven_test_{secrets.token_hex(6)}"
        _postgres_admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.url.rsplit("/", 1)[1]}"')
        return name

    def close(self) -> None:
        """Drop the copy made ahead and wait for every drop (before the template itself is dropped)."""
        if self._worker is None:
            return
        if self._next is not None:
            name = self._next.result()
            self._dropped.append(self._worker.submit(_postgres_admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._worker.shutdown(wait=True)
        for dropped in self._dropped:
            dropped.result()
