"""Looking at what a server left behind: every byte of its database."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import create_async_engine

from server.db import sqlite_path


async def database_contents(url: str) -> bytes:
    """Every byte the database holds: the files on disk for SQLite, every row of every table for PostgreSQL."""
    path = sqlite_path(url)
    if path is not None:
        directory = Path(path).parent
        return b"".join(p.read_bytes() for p in sorted(directory.glob(Path(path).name + "*")))
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(metadata.reflect)
            dump = []
            for table in metadata.sorted_tables:
                for row in await connection.execute(select(table)):
                    dump.append(repr(tuple(row)).encode())
            return b"\n".join(dump)
    finally:
        await engine.dispose()
