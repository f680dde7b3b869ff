"""Engine and session factory for SQLite (WAL) and PostgreSQL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from server.config import Settings
from server.files import narrow_if_present, private_directory, private_file


def _apply_sqlite_pragmas(cursor: Any, synchronous: str) -> None:
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={synchronous}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted ciphertext must not linger in free pages of the file.
    cursor.execute("PRAGMA secure_delete=ON")


def _sqlite_pragmas(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _apply(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        _apply_sqlite_pragmas(cursor, synchronous)
        cursor.close()


def create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        _ensure_sqlite_directory(settings.database_url)
        engine = create_async_engine(
            settings.database_url,
            # One writer at a time is SQLite's rule anyway; readers share the WAL.
            connect_args={"timeout": 30},
            pool_size=4,
            max_overflow=4,
        )
        _sqlite_pragmas(engine.sync_engine, settings.sqlite_synchronous)
        return engine
    return create_async_engine(settings.database_url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def connect_sqlite_writer(settings: Settings) -> sqlite3.Connection:
    """A `sqlite3` connection on the same file for the commit writer's own thread (conversations/sqlite_writer.py).

    In autocommit mode (`isolation_level=None`): the writer says BEGIN IMMEDIATE and COMMIT itself. The file's
    modes were set by `create_engine` at startup; this runs later, while other connections of this process hold
    the file, and must not open and close it itself: closing any descriptor of a file drops every POSIX lock the
    process holds on it, SQLite's included (its readers would then see stale snapshots)."""
    database = make_url(settings.database_url).database or ":memory:"
    connection = sqlite3.connect(database, timeout=30, isolation_level=None, check_same_thread=False)
    _apply_sqlite_pragmas(connection, settings.sqlite_synchronous)
    return connection


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _ensure_sqlite_directory(url: str) -> None:
    """The data folder 0700 and the database file 0600 before SQLite first opens it. SQLite creates the -wal and
    -shm files with the database file's own mode, so they are 0600 too; files an older version (or alembic
    before this) left with the umask's mode are narrowed here, at every start (issue 10, item 9)."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    private_directory(path.parent)
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        narrow_if_present(path.with_name(path.name + suffix))


def sqlite_path(url: str) -> str | None:
    parsed = make_url(url)
    return parsed.database if parsed.get_backend_name() == "sqlite" else None


__all__: list[Any] = ["connect_sqlite_writer", "create_engine", "create_sessionmaker", "sqlite_path"]
