"""Where the commit writer's transactions run, and which queued work goes into each.

The batch logic is plain synchronous SQLAlchemy Core on a `Connection`, so it runs the same on both engines:
on PostgreSQL through the async engine's `run_sync` (asyncpg, no threads); on SQLite in one dedicated thread
with its own synchronous connection, so a whole batch costs one hop to that thread instead of several hops
per statement through aiosqlite.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from server.config import Settings
from server.db import create_sqlite_writer_engine

T = TypeVar("T")
Item = TypeVar("Item")


class GroupCommit(Generic[Item]):
    """Group commit that waits only when waiting pays.

    The writer commits one batch at a time, so whatever arrives while a commit is in flight waits in the queue
    and goes into the next transaction together: under load, batches grow by themselves and one fsync covers
    many messages. When the writer is idle the first arrival is committed at once: a fixed delay there (the old
    2 ms) only adds latency, since with no commit in flight nobody else is coming soon enough to share it.

    Two refinements, both cheap when idle:
    - One pass of the event loop before taking the batch: sends already read from other sockets in the same
      pass (their tasks are queued behind the writer's wake-up) join this commit instead of waiting for the next.
    - `commit_delay_ms` (default 0.5) applies only when the previous batch had company, like PostgreSQL's
      `commit_delay`, which applies only with at least `commit_siblings` concurrent transactions: with several
      senders active, a moment's wait makes batches bigger and the fixed cost of a batch (its statements, the
      commit) is shared by more messages; an idle relay's lone send never waits.
    """

    def __init__(self, queue: asyncio.Queue[Item], settings: Settings) -> None:
        self._queue = queue
        self._batch_max = settings.commit_batch_max
        self._delay = settings.commit_delay_ms / 1000.0
        self._previous_size = 0

    async def next_batch(self) -> list[Item]:
        queue = self._queue
        batch = [await queue.get()]
        if queue.empty():
            await asyncio.sleep(0)
        if self._delay and self._previous_size > 1 and queue.qsize() < self._batch_max:
            await asyncio.sleep(self._delay)
        while len(batch) < self._batch_max and not queue.empty():
            batch.append(queue.get_nowait())
        self._previous_size = len(batch)
        return batch


class TransactionRunner(Protocol):
    async def run(self, work: Callable[[Connection], T]) -> T: ...

    async def close(self) -> None: ...


class AsyncEngineRunner:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # One connection held by the writer (only the writer task calls `run`, one batch at a time) instead of
        # a pool checkout per batch: with `pool_pre_ping` and reset-on-return that checkout costs two extra
        # round trips to PostgreSQL (a ping, a rollback) on top of the batch's own, each a wake-up of the
        # PostgreSQL backend on a busy machine.
        self._connection: AsyncConnection | None = None

    async def run(self, work: Callable[[Connection], T]) -> T:
        connection = self._connection
        if connection is None or connection.closed or connection.invalidated:
            connection = self._connection = await self._engine.connect()
        try:
            async with connection.begin():
                return await connection.run_sync(work)
        except BaseException:
            # A failed batch (or a dropped server) starts the next one on a fresh, pre-pinged connection.
            self._connection = None
            await connection.close()
            raise

    async def close(self) -> None:
        if self._connection is not None:
            await self._connection.close()
            self._connection = None


class SqliteThreadRunner:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="haven-sqlite-writer")
        # The writer thread keeps one connection open instead of checking one out of the pool per batch: the
        # checkout, the reset-on-return rollback and the checkin cost ~130 us of CPU per batch (a third of a
        # one-message batch's CPU), and with commit-at-once small batches are the common case. Only this
        # thread ever touches it.
        self._connection: Connection | None = None

    async def run(self, work: Callable[[Connection], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, self._transaction, work)

    def _transaction(self, work: Callable[[Connection], T]) -> T:
        connection = self._connection
        if connection is None or connection.closed or connection.invalidated:
            connection = self._connection = self._engine.connect()
        try:
            with connection.begin():
                return work(connection)
        except BaseException:
            # After a failed batch start again from a fresh connection rather than trust this one's state.
            self._connection = None
            connection.close()
            raise

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        await asyncio.get_running_loop().run_in_executor(self._thread, self._close_connection)
        self._thread.shutdown(wait=True)
        self._engine.dispose()


def transaction_runner(settings: Settings, engine: AsyncEngine) -> TransactionRunner:
    if settings.is_sqlite:
        return SqliteThreadRunner(create_sqlite_writer_engine(settings))
    return AsyncEngineRunner(engine)
