"""The commit writer's transactions on SQLite: one thread, one `sqlite3` connection, prepared statements.

The batch runs in a dedicated thread on the driver directly, not through SQLAlchemy: a one-message batch spent
most of its CPU building, caching and binding Core statements, and that CPU is taken from the event loop's
core (the GIL). Every statement text here is fixed, so `sqlite3`'s statement cache prepares each once per
connection; lookups are per key (a primary-key probe costs microseconds in SQLite, with no round trip), writes
are `executemany`. `BEGIN IMMEDIATE` takes the write lock before the reads, so what the batch read is still
true when it writes, even beside the HTTP side's own connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import queue
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from server.config import Settings
from server.conversations.batch import (
    BatchState,
    Item,
    Lifetimes,
    Plan,
    Send,
    plan_batch,
)
from server.db import connect_sqlite_writer

_LAST_SEQ = "SELECT last_seq FROM conversations WHERE id = ?"
_MEMBERS = "SELECT account_id, acked_seq FROM conversation_members WHERE conversation_id = ?"
_RECEIPT = "SELECT conversation_id, seq, server_time_ms FROM send_receipts WHERE dedupe_key = ?"
_SET_LAST_SEQ = "UPDATE conversations SET last_seq = ? WHERE id = ?"
_INSERT_MESSAGE = (
    "INSERT INTO messages (conversation_id, seq, sender_id, client_msg_id, ciphertext, server_time_ms, expires_at,"
    " commitment, franking_tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_RECEIPT = (
    "INSERT INTO send_receipts (dedupe_key, conversation_id, seq, server_time_ms, expires_at) VALUES (?, ?, ?, ?, ?)"
)
_ACK = (
    "UPDATE conversation_members SET acked_seq = ?3 WHERE conversation_id = ?1 AND account_id = ?2 AND acked_seq < ?3"
)
# fully_acknowledged() of store.py for one conversation: ciphertext every member but its sender has acknowledged.
_PURGE_ACKED = (
    "DELETE FROM messages WHERE conversation_id = ? AND NOT EXISTS (SELECT 1 FROM conversation_members"
    " WHERE conversation_members.conversation_id = messages.conversation_id"
    " AND conversation_members.account_id != messages.sender_id AND conversation_members.acked_seq < messages.seq)"
)


R = TypeVar("R")


def _settle(future: asyncio.Future[Any], outcome: Callable[[asyncio.Future[Any]], None]) -> None:
    if not future.done():
        outcome(future)


class WriterThread:
    """One thread that runs the writer's work, one job at a time, and hands each result back to the loop.

    Lighter than `run_in_executor` on a one-thread pool: no pool bookkeeping, no concurrent future with its
    condition and callbacks, one `call_soon_threadsafe` back. The hop costs ~8 us of CPU against ~20-45 us
    measured on this machine, and with commit-at-once a quiet relay pays it for every message."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], asyncio.Future[Any], asyncio.AbstractEventLoop] | None]
        self._jobs = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def run(self, work: Callable[[], R]) -> asyncio.Future[R]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self._jobs.put((work, future, loop))
        return future

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            work, future, loop = job
            outcome: Callable[[asyncio.Future[Any]], None]
            try:
                result = work()
                outcome = functools.partial(_set_result, result=result)
            except BaseException as exc:  # handed to the awaiting task, as an executor would
                outcome = functools.partial(_set_exception, error=exc)
            # RuntimeError: the loop closed meanwhile, so nobody is waiting any more.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_settle, future, outcome)

    async def stop(self) -> None:
        self._jobs.put(None)
        await asyncio.get_running_loop().run_in_executor(None, self._thread.join)


def _set_result(future: asyncio.Future[Any], result: object) -> None:
    future.set_result(result)


def _set_exception(future: asyncio.Future[Any], error: BaseException) -> None:
    future.set_exception(error)


class SqliteBatchWriter:
    def __init__(self, settings: Settings, lifetimes: Lifetimes, secret: bytes) -> None:
        self._settings = settings
        self._lifetimes = lifetimes
        self._secret = secret
        self._thread = WriterThread("haven-sqlite-writer")
        # Held by the writer thread for the process's life (only that thread touches it): a pool checkout, its
        # reset-on-return rollback and checkin cost more CPU than a one-message batch's own statements.
        self._connection: sqlite3.Connection | None = None

    async def commit(self, items: list[Item], now_ms: int) -> Plan:
        return await self._thread.run(lambda: self._transaction(items, now_ms))

    def _transaction(self, items: list[Item], now_ms: int) -> Plan:
        connection = self._connection
        if connection is None:
            connection = self._connection = connect_sqlite_writer(self._settings)
        try:
            connection.execute("BEGIN IMMEDIATE")
            plan = plan_batch(items, self._read(connection, items), now_ms, self._lifetimes, self._secret)
            self._write(connection, plan)
            connection.execute("COMMIT")
            return plan
        except BaseException:
            # Start the next batch from a fresh connection rather than trust this one's state.
            self._connection = None
            connection.close()
            raise

    @staticmethod
    def _read(connection: sqlite3.Connection, items: list[Item]) -> BatchState:
        state = BatchState()
        for conversation in {item.conversation for item in items}:
            row = connection.execute(_LAST_SEQ, (conversation,)).fetchone()
            if row is None:
                continue
            state.last_seq[conversation] = row[0]
            state.members[conversation] = dict(connection.execute(_MEMBERS, (conversation,)).fetchall())
        for item in items:
            if isinstance(item, Send):
                receipt = connection.execute(_RECEIPT, (item.dedupe_key,)).fetchone()
                if receipt is not None:
                    state.receipts[item.dedupe_key] = receipt
        return state

    @staticmethod
    def _write(connection: sqlite3.Connection, plan: Plan) -> None:
        if plan.messages:
            connection.executemany(_SET_LAST_SEQ, [(seq, conversation) for conversation, seq in plan.last_seq])
            connection.executemany(_INSERT_MESSAGE, plan.messages)
            connection.executemany(_INSERT_RECEIPT, plan.receipts)
        if plan.acked:
            connection.executemany(_ACK, plan.acked)
            connection.executemany(_PURGE_ACKED, [(conversation,) for conversation in plan.acked_conversations])

    def _close_connection(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def close(self) -> None:
        await self._thread.run(self._close_connection)
        await self._thread.stop()
