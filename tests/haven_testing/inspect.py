"""Looking at what a server left behind: every byte of its database."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, select
from sqlalchemy.ext.asyncio import create_async_engine

from server.db import sqlite_path


async def every_row(url: str, skip: Collection[str] = ()) -> list[tuple[Table, Sequence[Any]]]:
    """Every row of every table but those named in `skip`, with its table (reflected from the live database, so a
    table a migration added is read too), in dependency order."""
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(metadata.reflect)
            return [
                (table, tuple(row))
                for table in metadata.sorted_tables
                if table.name not in skip
                for row in await connection.execute(select(table))
            ]
    finally:
        await engine.dispose()


async def database_contents(url: str) -> bytes:
    """Every byte the database holds: the files on disk for SQLite, every row of every table for PostgreSQL."""
    path = sqlite_path(url)
    if path is not None:
        directory = Path(path).parent
        return b"".join(p.read_bytes() for p in sorted(directory.glob(Path(path).name + "*")))
    return b"\n".join(repr(row).encode() for _, row in await every_row(url))
