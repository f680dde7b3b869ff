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


def _v1_hash(entry_id: int, actor: str, action: str, object_id: str, time_ms: int, prev: bytes) -> bytes:
    """The v1 entry hash (crypto/audit.py before revision 0003), to write and check rows of the old schema."""
    from crypto.encoding import lp, u64
    from crypto.primitives import blake2b

    return blake2b(
        lp(b"haven-audit-v1")
        + u64(entry_id)
        + lp(actor.encode())
        + lp(action.encode())
        + lp(object_id.encode())
        + u64(time_ms)
        + prev
    )


async def test_0003_moves_the_audit_chain_to_v2_and_back(fresh_database_url):
    """Revision 0003 re-links existing entries under chain v2 with members split out of the object and erased
    where nothing needs them; its downgrade re-links them under v1. Join positions start at the ack position."""
    from sqlalchemy import text

    from crypto.audit import GENESIS, AuditRecord, verify_chain

    migrate(fresh_database_url, "downgrade", "0002")
    mod, alice, bob, carol, dave = (f"{c}" * 32 for c in "abcde")
    group, conversation, invite = "1" * 32, "2" * 32, "3" * 32
    entries = [
        (mod, "admin.bootstrap", mod),
        (mod, "group.create", group),
        (mod, "group.approve", f"{group}:{alice}"),  # still a member: kept
        (mod, "group.approve", f"{group}:{bob}"),  # removed since: erased
        (mod, "group.remove", f"{group}:{bob}"),
        (mod, "group.ban", f"{group}:{carol}"),  # the ban stands: kept
        (mod, "group.approve", f"{group}:{dave}"),  # deleted identity: erased
        (dave, "group.invite.create", f"{group}:{invite}"),  # deleted actor: erased
        (mod, "role.revoke.moderator", alice),
    ]
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as connection:
            for account in (mod, alice, bob, carol):
                await connection.execute(
                    text("INSERT INTO identities VALUES (:a, :s, :k, 1)"),
                    {"a": account, "s": bytes.fromhex(account), "k": bytes(32)},
                )
            await connection.execute(text(f"INSERT INTO conversations VALUES ('{conversation}', 'group', 5, 1)"))
            await connection.execute(
                text(f"INSERT INTO groups VALUES ('{group}', '{conversation}', NULL, false, 10, 3, 1)")
            )
            for account, status in ((mod, "active"), (alice, "active"), (carol, "banned")):
                await connection.execute(
                    text("INSERT INTO group_members VALUES (:g, :a, :s, 'member', 'p', 1)"),
                    {"g": group, "a": account, "s": status},
                )
            await connection.execute(
                text("INSERT INTO conversation_members VALUES (:c, :a, 3)"), {"c": conversation, "a": alice}
            )
            previous = GENESIS
            for entry_id, (actor, action, object_id) in enumerate(entries, start=1):
                digest = _v1_hash(entry_id, actor, action, object_id, 1000 + entry_id, previous)
                await connection.execute(
                    text("INSERT INTO audit_log VALUES (:i, :a, :n, :o, :t, :p, :h)"),
                    {
                        "i": entry_id,
                        "a": actor,
                        "n": action,
                        "o": object_id,
                        "t": 1000 + entry_id,
                        "p": previous,
                        "h": digest,
                    },
                )
                previous = digest

        migrate(fresh_database_url, "upgrade", "head")
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text(
                        "SELECT id, actor, action, object_id, time_ms, prev_hash, entry_hash, actor_salt, actor_commit,"
                        " subject, subject_salt, subject_commit FROM audit_log ORDER BY id"
                    )
                )
            ).all()
            joined = await connection.scalar(text("SELECT joined_seq FROM conversation_members"))
        records = [AuditRecord(*row) for row in rows]
        check = verify_chain(records)
        assert check.ok, check
        assert [(r.actor, r.object_id, r.subject) for r in records] == [
            (mod, "", ""),
            (mod, group, ""),
            (mod, group, alice),
            (mod, group, None),
            (mod, group, None),
            (mod, group, carol),
            (mod, group, None),
            (None, f"{group}:{invite}", ""),
            (mod, "", alice),
        ]
        assert check.erased == 4
        assert joined == 3

        migrate(fresh_database_url, "downgrade", "0002")
        async with engine.connect() as connection:
            old = (
                await connection.execute(
                    text(
                        "SELECT id, actor, action, object_id, time_ms, prev_hash, entry_hash FROM audit_log ORDER BY id"
                    )
                )
            ).all()
        previous = GENESIS
        for entry_id, actor, action, object_id, time_ms, prev_hash, entry_hash in old:
            assert prev_hash == previous and entry_hash == _v1_hash(
                entry_id, actor, action, object_id, time_ms, prev_hash
            )
            previous = entry_hash
        assert old[2][3] == f"{group}:{alice}" and old[3][3] == f"{group}:" and old[7][1] == ""
    finally:
        await engine.dispose()
        migrate(fresh_database_url, "upgrade", "head")


async def test_0005_makes_each_alerts_content_its_one_report_and_keeps_the_most_severe_going_down(
    fresh_database_url,
):
    """Revision 0005 moves an alert's single sealed content into alert_reports (with the alert's tier, source and
    verification); going down, an alert keeps its most severe report's content."""
    from sqlalchemy import text

    migrate(fresh_database_url, "downgrade", "0004")
    alert, other = "a" * 32, "b" * 32
    engine = create_async_engine(fresh_database_url)
    try:
        async with engine.begin() as connection:
            for alert_id, seq, sealed in ((alert, 1, b"first content"), (other, 2, None)):
                await connection.execute(
                    text(
                        "INSERT INTO alerts (id, conversation_id, seq, tier, source, subject_id, sealed, status,"
                        " claimed_by, verified, dismiss_reason, reports, created_ms, updated_ms) VALUES"
                        " (:i, :c, :s, 3, 'manual', NULL, :b, 'open', NULL, true, NULL, 2, 1000, 1001)"
                    ),
                    {"i": alert_id, "c": "c" * 32, "s": seq, "b": sealed},
                )
        migrate(fresh_database_url, "upgrade", "head")
        async with engine.begin() as connection:
            rows = (
                await connection.execute(
                    text("SELECT alert_id, tier, source, sealed, verified, created_ms FROM alert_reports")
                )
            ).all()
            assert [tuple(r) for r in rows] == [(alert, 3, "manual", b"first content", True, 1000)]
            await connection.execute(
                text(
                    "INSERT INTO alert_reports (id, alert_id, tier, source, sealed, verified, created_ms)"
                    " VALUES (:i, :a, 4, 'manual', :b, NULL, 2000)"
                ),
                {"i": "d" * 32, "a": alert, "b": b"more severe content"},
            )
        migrate(fresh_database_url, "downgrade", "0004")
        async with engine.connect() as connection:
            kept = (await connection.execute(text("SELECT id, sealed FROM alerts ORDER BY id"))).all()
        assert [tuple(r) for r in kept] == [(alert, b"more severe content"), (other, None)]
        migrate(fresh_database_url, "upgrade", "head")
    finally:
        await engine.dispose()


async def test_an_alerts_reports_go_with_it(fresh_database_url):
    from sqlalchemy import event, text

    engine = create_async_engine(fresh_database_url)
    if engine.dialect.name == "sqlite":
        # As the server's engine does (server/db.py): SQLite enforces foreign keys only when asked.
        event.listen(engine.sync_engine, "connect", lambda dbapi, _record: dbapi.execute("PRAGMA foreign_keys=ON"))
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO alerts (id, conversation_id, seq, tier, source, subject_id, status, claimed_by,"
                    " verified, dismiss_reason, reports, created_ms, updated_ms) VALUES"
                    " (:i, :c, 1, 2, 'automatic', NULL, 'open', NULL, NULL, NULL, 1, 1, 1)"
                ),
                {"i": "a" * 32, "c": "c" * 32},
            )
            await connection.execute(
                text(
                    "INSERT INTO alert_reports (id, alert_id, tier, source, sealed, verified, created_ms)"
                    " VALUES (:i, :a, 2, 'automatic', :b, NULL, 1)"
                ),
                {"i": "d" * 32, "a": "a" * 32, "b": b"sealed"},
            )
            await connection.execute(text("DELETE FROM alerts"))
            assert await connection.scalar(text("SELECT count(*) FROM alert_reports")) == 0
    finally:
        await engine.dispose()
