"""Store-and-forward with group commit.

Every send and ack goes through one queue. A single writer task takes whatever has queued up (up to
`commit_batch_max` items) and commits it in one transaction, so one fsync covers many messages: durability
does not serialise throughput. Only after the commit are senders answered and recipients handed the message.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any, Protocol, cast

import asyncpg
from sqlalchemy import Delete, Table, and_, delete, exists
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from server.clock import now_ms
from server.config import Settings
from server.conversations.batch import Ack, Item, Lifetimes, Plan, Refused, Send
from server.conversations.delivery import Delivery
from server.conversations.postgres_writer import PostgresBatchWriter
from server.conversations.sqlite_writer import SqliteBatchWriter
from server.conversations.writer import GroupCommit
from server.logs import get_logger
from server.models import ConversationMember, Message
from wire.codes import ErrorCode
from wire.messages import Accepted

log = get_logger("store")

DEDUPE_DOMAIN = b"haven-dedupe-v1\x00"
# What a failed batch raises: from SQLAlchemy (never on the hot path now), the drivers, or the socket.
STORE_ERRORS = (SQLAlchemyError, OSError, sqlite3.Error, asyncpg.PostgresError, asyncpg.InterfaceError)

__all__ = ["Accepted", "MessageStore", "Refused", "dedupe_key", "fully_acknowledged"]


def dedupe_key(secret: bytes, sender: str, client_id: bytes) -> bytes:
    """HMAC-SHA256 under the server secret: a receipt outlives its message, and without the secret nobody can
    test which sender a receipt belongs to. (Also ~30x cheaper per message than a libsodium call via cffi.)"""
    return hmac.digest(secret, DEDUPE_DOMAIN + sender.encode() + b"\x00" + client_id, "sha256")


_messages = cast(Table, Message.__table__)
_members = cast(Table, ConversationMember.__table__)


class BatchWriter(Protocol):
    """Runs one batch's transaction: reads what the batch needs, plans it (batch.plan_batch), writes, commits."""

    async def commit(self, items: list[Item], now_ms: int) -> Plan: ...

    async def close(self) -> None: ...


def batch_writer(settings: Settings, engine: AsyncEngine, server_secret: bytes) -> BatchWriter:
    lifetimes = Lifetimes(
        message_ttl_ms=settings.message_ttl_seconds * 1000,
        dedupe_window_ms=settings.dedupe_window_seconds * 1000,
    )
    if engine.dialect.name == "sqlite":
        return SqliteBatchWriter(settings, lifetimes, server_secret)
    return PostgresBatchWriter(settings.database_url, lifetimes, server_secret)


def _resolve(future: asyncio.Future[Any], value: object) -> None:
    if not future.done():
        future.set_result(value)


class MessageStore:
    def __init__(
        self,
        writer: BatchWriter,
        settings: Settings,
        on_committed: Callable[[Sequence[Delivery]], None],
        server_secret: bytes,
    ) -> None:
        self._writer_backend = writer
        self._server_secret = server_secret
        self._settings = settings
        self._on_committed = on_committed
        self._queue: asyncio.Queue[Item] = asyncio.Queue()
        self._writer: asyncio.Task[None] | None = None
        self.batches_committed = 0

    # --- producer side: never awaits the database, so the order of calls is the order of commits ----------
    def send(
        self,
        sender: str,
        conversation: str,
        client_id: bytes,
        ciphertext: bytes,
        commitment: bytes | None = None,
    ) -> asyncio.Future[Accepted | Refused]:
        future: asyncio.Future[Accepted | Refused] = asyncio.get_running_loop().create_future()
        if self._queue.qsize() >= self._settings.commit_queue_max:
            future.set_result(Refused(ErrorCode.RATE_LIMITED, "server busy; retry shortly"))
            return future
        key = dedupe_key(self._server_secret, sender, client_id)
        self._queue.put_nowait(Send(sender, conversation, client_id, ciphertext, future, key, commitment))
        return future

    def ack(self, account: str, conversation: str, seq: int) -> asyncio.Future[Refused | None]:
        future: asyncio.Future[Refused | None] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(Ack(account, conversation, seq, future))
        return future

    # --- writer ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._writer = asyncio.create_task(self._run(), name="haven-commit-writer")

    @property
    def alive(self) -> bool:
        return self._writer is not None and not self._writer.done()

    async def stop(self) -> None:
        """Commit what is queued, then stop: nothing a client was about to be told about is dropped."""
        await self._queue.join()
        if self._writer is not None:
            self._writer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._writer
        await self._writer_backend.close()

    async def _run(self) -> None:
        batches = GroupCommit(self._queue, self._settings)
        while True:
            batch = await batches.next_batch()
            try:
                await self._commit_isolating_failures(batch)
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _commit_isolating_failures(self, batch: list[Item]) -> None:
        try:
            await self._commit(batch)
            return
        except STORE_ERRORS as exc:
            log.warning(
                "batch commit failed",
                extra={"event": "commit_failed", "batch": len(batch), "reason": type(exc).__name__},
            )
        if len(batch) == 1:
            item = batch[0]
            _resolve(item.future, Refused(ErrorCode.INTERNAL_ERROR, "could not store; retry later"))
            return
        # One bad item (or a race with another process on a unique key) must not fail its neighbours.
        for item in batch:
            await self._commit_isolating_failures([item])

    async def _commit(self, batch: list[Item]) -> None:
        plan = await self._writer_backend.commit(batch, now_ms())
        for future, value in plan.results:
            _resolve(future, value)
        self.batches_committed += 1
        if plan.deliveries:
            self._on_committed(plan.deliveries)


def fully_acknowledged(conversation_ids: set[str] | None = None) -> Delete:
    """Deletes ciphertext that every recipient (every member but its sender) has acknowledged."""
    waiting = exists().where(
        and_(
            _members.c.conversation_id == _messages.c.conversation_id,
            _members.c.account_id != _messages.c.sender_id,
            _members.c.acked_seq < _messages.c.seq,
        )
    )
    statement = delete(_messages).where(~waiting)
    if conversation_ids is not None:
        statement = statement.where(_messages.c.conversation_id.in_(conversation_ids))
    return statement
