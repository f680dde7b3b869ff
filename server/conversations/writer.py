"""Where the commit writer's transactions run.

The batch logic is plain synchronous SQLAlchemy Core on a `Connection`, so it runs the same on both engines:
on PostgreSQL through the async engine's `run_sync` (asyncpg, no threads); on SQLite in one dedicated thread
with its own synchronous connection, so a whole batch costs one hop to that thread instead of several hops
per statement through aiosqlite.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from server.config import Settings
from server.db import create_sqlite_writer_engine

T = TypeVar("T")


class TransactionRunner(Protocol):
    async def run(self, work: Callable[[Connection], T]) -> T: ...

    async def close(self) -> None: ...


class AsyncEngineRunner:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def run(self, work: Callable[[Connection], T]) -> T:
        async with self._engine.begin() as connection:
            return await connection.run_sync(work)

    async def close(self) -> None:
        return None


class SqliteThreadRunner:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="haven-sqlite-writer")

    async def run(self, work: Callable[[Connection], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, self._transaction, work)

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        with self._engine.begin() as connection:
            return work(connection)

    async def close(self) -> None:
        self._thread.shutdown(wait=True)
        self._engine.dispose()


def transaction_runner(settings: Settings, engine: AsyncEngine) -> TransactionRunner:
    if settings.is_sqlite:
        return SqliteThreadRunner(create_sqlite_writer_engine(settings))
    return AsyncEngineRunner(engine)
