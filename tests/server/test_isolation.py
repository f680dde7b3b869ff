"""Each test's own database (tests/haven_testing/databases.py `Template`) starts in the state the migrations leave,
even where it is a PostgreSQL database an earlier test used and the template emptied for reuse."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import MetaData, func, select
from sqlalchemy.ext.asyncio import create_async_engine

from server.config import Settings
from server.conversations.service import create_conversation
from server.db import create_engine, create_sessionmaker
from tests.haven_testing.databases import Template


async def _rows(url: str) -> dict[str, int]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(metadata.reflect)
            return {
                table.name: int(await connection.scalar(select(func.count()).select_from(table)) or 0)
                for table in metadata.sorted_tables
            }
    finally:
        await engine.dispose()


async def test_a_database_handed_on_is_back_to_the_migrated_state(database_template: Template, tmp_path: Path):
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    with database_template.clone(tmp_path / "first") as first:
        migrated = await _rows(first)
        assert migrated["alembic_version"] == 1 and sum(migrated.values()) == 1
        engine = create_engine(Settings(database_url=first))
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                await create_conversation(session, "group", [])
        finally:
            await engine.dispose()
        written = await _rows(first)
        assert written["conversations"] == 1
    with database_template.clone(tmp_path / "second") as second:
        assert await _rows(second) == migrated
