"""The periodic purge: ciphertext past its time-to-live, spent receipts and challenges, acknowledged leftovers,
and counseling sessions and requests that ended more than HAVEN_COUNSELING_RETENTION_SECONDS ago."""

from __future__ import annotations

import asyncio

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server import clock
from server.conversations.repository import purge_expired
from server.conversations.store import fully_acknowledged
from server.counseling.counters import forget_ended
from server.logs import get_logger

log = get_logger("purge")


async def purge_once(
    sessionmaker: async_sessionmaker[AsyncSession], *, sqlite: bool, counseling_retention_seconds: int = 0
) -> dict[str, int]:
    async with sessionmaker() as db, db.begin():
        now_ms = clock.now_ms()
        counts = await purge_expired(db, now_ms)
        # Who sought help, about what, with whom: gone once the grace period after closing has passed.
        counts.update(await forget_ended(db, now_ms - counseling_retention_seconds * 1000))
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
    sessionmaker: async_sessionmaker[AsyncSession],
    interval_seconds: float,
    *,
    sqlite: bool,
    counseling_retention_seconds: int = 0,
) -> None:
    while True:
        try:
            counts = await purge_once(
                sessionmaker, sqlite=sqlite, counseling_retention_seconds=counseling_retention_seconds
            )
            if any(counts.values()):
                log.info("purged", extra={"event": "purge", "deleted": counts})
        except (SQLAlchemyError, OSError) as exc:
            log.warning("purge failed", extra={"event": "purge_failed", "reason": type(exc).__name__})
        await asyncio.sleep(interval_seconds)
