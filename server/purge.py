"""The periodic purge: ciphertext past its time-to-live, spent receipts and challenges, acknowledged leftovers."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.clock import now_ms
from server.conversations.repository import purge_expired
from server.conversations.store import fully_acknowledged
from server.logs import get_logger

log = get_logger("purge")


async def purge_once(sessionmaker: async_sessionmaker[AsyncSession], *, sqlite: bool) -> dict[str, int]:
    async with sessionmaker() as db, db.begin():
        counts = await purge_expired(db, now_ms())
        # Acks normally delete as they go; this catches what a membership change made deletable.
        result = await db.execute(fully_acknowledged())
        counts["acknowledged"] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    if sqlite:
        async with sessionmaker() as db:
            # secure_delete zeroes freed cells in the database file, but the write-ahead log still holds older
            # copies of those pages until it is truncated: do that, so deleted ciphertext leaves the disk.
            await db.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    return counts


async def run_purge_loop(
    sessionmaker: async_sessionmaker[AsyncSession], interval_seconds: float, *, sqlite: bool
) -> None:
    while True:
        try:
            counts = await purge_once(sessionmaker, sqlite=sqlite)
            if any(counts.values()):
                log.info("purged", extra={"event": "purge", "deleted": counts})
        except (SQLAlchemyError, OSError) as exc:
            log.warning("purge failed", extra={"event": "purge_failed", "reason": type(exc).__name__})
        await asyncio.sleep(interval_seconds)
