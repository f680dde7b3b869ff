"""The schema only changes through Alembic, and every revision goes down as cleanly as it came up."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import create_async_engine

from server.models import Base
from tests.haven_testing.databases import migrate


async def _tables_and_diff(url: str) -> tuple[set[str], list]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:

            def inspect_sync(sync_connection):
                tables = set(inspect(sync_connection).get_table_names())
                diff = compare_metadata(MigrationContext.configure(sync_connection), Base.metadata)
                return tables, diff

            return await connection.run_sync(inspect_sync)
    finally:
        await engine.dispose()


async def test_upgrade_downgrade_round_trip_matches_models(fresh_database_url):
    tables, diff = await _tables_and_diff(fresh_database_url)
    assert {"identities", "conversations", "conversation_members", "messages"} <= tables
    assert diff == [], f"models and migrations disagree: {diff}"

    migrate(fresh_database_url, "downgrade", "base")
    tables, _ = await _tables_and_diff(fresh_database_url)
    assert tables <= {"alembic_version"}

    migrate(fresh_database_url, "upgrade", "head")
    tables, diff = await _tables_and_diff(fresh_database_url)
    assert "messages" in tables and diff == []


def test_no_personal_fields_in_the_schema():
    personal = ("ip", "address", "phone", "email", "name", "agent", "location", "password")
    for table in Base.metadata.tables.values():
        for column in table.columns:
            assert not any(word in column.name.lower().split("_") for word in personal), (table.name, column.name)
