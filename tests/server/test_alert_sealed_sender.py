"""A seized server does not learn who filed a crisis alert (sealed format v2, "sealed sender": crypto/sealed.py).

The member in crisis (whose own client raises the alert before sending) and the friend whose client reports the
message on receipt are real devices on the real server. Their identity keys, in every encoding the wire uses, are
looked for in the server's database and log: the alert tables never hold them, and once both have deleted their
identities (so the key directory no longer lists them) no byte of the database file does either — while the sealed
reports are still there, and a moderator still sees who sealed each. The scanner finds the same keys in the
directory row before deletion and in a version-1 seal, so it is not blind (and it fails when clients seal version 1).
"""

from __future__ import annotations

import asyncio
import base64
import secrets
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import create_async_engine

from client.alert_packet import AlertPacket
from client.api import alerts as alerts_api
from client.haven import HavenClient
from crypto.keys import IdentityPublic
from crypto.sealed import DOMAIN_ALERT, open_sealed, parse_sealed, seal_v1
from server.config import Settings
from server.db import create_engine, create_sessionmaker, sqlite_path
from server.models import AlertReport
from tests.haven_testing.devices import Devices
from tests.haven_testing.inspect import database_contents, every_row
from tests.haven_testing.live_server import LiveServer

# Outside the alerts' question: the key directory, whose purpose is to hand identity keys out, and the relay's queue
# of ciphertexts not yet acked, in which an X3DH initial message carries its sender's identity key (as Signal's
# PreKeySignalMessage does) until the recipient acks it. The whole-file scan after deletion covers both.
NOT_ALERTS = {"identities", "messages"}


def encodings(identity: IdentityPublic) -> dict[str, bytes]:
    """The identity's keys as anything on the wire writes them: raw, hex, base64 and base64url (padded or not)."""
    out: dict[str, bytes] = {}
    for part, raw in (
        ("identity", bytes(identity)),
        ("signing", bytes(identity.signing)),
        ("agreement", bytes(identity.agreement)),
    ):
        out[f"{part}.raw"] = raw
        out[f"{part}.hex"] = raw.hex().encode()
        out[f"{part}.HEX"] = raw.hex().upper().encode()
        out[f"{part}.base64"] = base64.b64encode(raw)
        out[f"{part}.base64url"] = base64.urlsafe_b64encode(raw)
        # Unpadded forms are prefixes of the padded ones; listed so a change of padding rules is still covered.
        out[f"{part}.base64-nopad"] = base64.b64encode(raw).rstrip(b"=")
        out[f"{part}.base64url-nopad"] = base64.urlsafe_b64encode(raw).rstrip(b"=")
    return out


def found(haystack: bytes, identity: IdentityPublic) -> list[str]:
    return [name for name, needle in encodings(identity).items() if needle in haystack]


async def rows_outside(url: str, skip: set[str]) -> dict[str, bytes]:
    """Every row of every table but `skip`, as its repr plus its raw byte columns, by table (empty tables absent)."""
    parts: dict[str, list[bytes]] = {}
    for table, row in await every_row(url, skip):
        into = parts.setdefault(table.name, [])
        into.append(repr(row).encode())
        into += [bytes(v) for v in row if isinstance(v, bytes | memoryview)]
    return {name: b"\n".join(rows) for name, rows in parts.items()}


async def everything(url: str) -> bytes:
    """SQLite: every byte of the database files (tests/haven_testing/inspect.py). PostgreSQL: every row of every
    table, raw byte columns included (its files on disk are the server operator's to vacuum; not read here)."""
    if sqlite_path(url) is not None:
        return await database_contents(url)
    return b"\n".join((await rows_outside(url, set())).values())


async def sealed_reports(url: str) -> list[bytes]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            metadata = MetaData()
            await connection.run_sync(metadata.reflect, only=["alert_reports"])
            table = metadata.tables["alert_reports"]
            return [bytes(row.sealed) for row in await connection.execute(select(table))]
    finally:
        await engine.dispose()


async def test_the_database_and_log_never_name_who_raised_an_alert(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    # DEBUG, the most the log ever says (ids included, by design: docs/operations.md); keys must not be there even so.
    server = server_factory(fresh_database_url, purge_interval_seconds="0.3")
    devices = Devices(server, tmp_path)
    reporters: list[HavenClient] = []
    keys: dict[str, IdentityPublic] = {}
    try:
        _admin, moderator = await devices.staff()
        in_crisis, friend = await devices.person("in-crisis"), await devices.person("friend")
        reporters = [in_crisis, friend]
        group = await devices.group(moderator, reporters)
        sent = await in_crisis.groups.send(group.group_id, "i took all the pills an hour ago")
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        alert_id = sent.crisis.alert_id
        await friend.next_message(15)
        # The sender's own client (a self-report) and the friend's, on receipt, each filed a report.
        detail = await alerts_api.get_alert(moderator.api, alert_id)
        assert len(detail.reports) == 2
        keys.update({r.account_id: r.state.identity.public() for r in reporters})
        assert all(parse_sealed(r.sealed).domain == DOMAIN_ALERT and r.sealed[0] == 2 for r in detail.reports)

        # The moderator's device still learns, from the inner signature, who sealed each report.
        opened = await moderator.alerts.open(alert_id)
        assert {r.raised_by for r in opened.reports} == set(keys)

        # Before anyone leaves: no alert row, nor any table but those two, holds their keys.
        rows = await rows_outside(fresh_database_url, NOT_ALERTS)
        assert rows.get("alert_reports") and rows.get("alerts"), "the scan read the alert tables"
        for account_id, identity in keys.items():
            for table, dump in rows.items():
                assert found(dump, identity) == [], (table, account_id)
            for table in ("alerts", "alert_reports"):
                assert account_id.encode() not in rows[table], (table, account_id)
        before = await everything(fresh_database_url)
        assert all(found(before, identity) for identity in keys.values()), "the scanner sees keys in the file"

        # Both leave (the member in crisis may be dead or in hiding by the time the server is seized).
        for reporter in reporters:
            await reporter.delete_identity()
            devices.made.remove(reporter)
        await asyncio.sleep(1.0)  # purge rounds truncate SQLite's write-ahead log
        reports = await sealed_reports(fresh_database_url)
        assert sorted(reports) == sorted(r.sealed for r in detail.reports), "the sealed reports are kept"
        contents = await everything(fresh_database_url)
        assert all(report in contents for report in reports), "the scan read the sealed reports"
        for account_id, identity in keys.items():
            assert found(contents, identity) == [], account_id
            assert account_id.encode() not in contents, account_id
        # What version 1 stored: the same scan names the reporter in it at once.
        v1 = seal_v1(
            b"x", domain=DOMAIN_ALERT, sender=friend.state.identity, recipients=[moderator.state.identity.public()]
        )
        assert "identity.raw" in found(bytes(v1), keys[friend.account_id])
    finally:
        await devices.close_all()

    server.stop()
    log = server.log_path.read_bytes()
    assert b'"event":"started"' in log, "the log was captured"
    for account_id, identity in keys.items():
        assert found(log, identity) == [], account_id


async def test_a_stored_version_1_report_still_opens_and_verifies_beside_version_2(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    """An alert report stored before version 2 (written straight into the database: the server takes only version
    2 now) opens on the moderator's device next to a version-2 one, each showing its sealer, and verifies."""
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        _admin, moderator = await devices.staff()
        writer, friend = await devices.person("writer"), await devices.person("friend")
        group = await devices.group(moderator, [writer, friend])
        sent = await writer.groups.send(group.group_id, "i took all the pills an hour ago")
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        alert_id = sent.crisis.alert_id
        await friend.next_message(15)
        detail = await alerts_api.get_alert(moderator.api, alert_id)
        by_writer = next(
            r
            for r in detail.reports
            if open_sealed(r.sealed, domain=DOMAIN_ALERT, recipient=moderator.state.identity)[0]
            == writer.state.identity.public()
        )
        _, packet = open_sealed(by_writer.sealed, domain=DOMAIN_ALERT, recipient=moderator.state.identity)
        old = seal_v1(
            packet, domain=DOMAIN_ALERT, sender=friend.state.identity, recipients=[moderator.state.identity.public()]
        )
        engine = create_engine(Settings(database_url=fresh_database_url))
        try:
            async with create_sessionmaker(engine)() as session, session.begin():
                session.add(
                    AlertReport(
                        id=secrets.token_hex(16),
                        alert_id=alert_id,
                        tier=by_writer.tier,
                        source="automatic",
                        sealed=bytes(old),
                        verified=None,
                        created_ms=0,
                    )
                )
        finally:
            await engine.dispose()

        opened = await moderator.alerts.open(alert_id)
        assert len(opened.reports) == 3
        versions = {r.report_id: r.sealed[0] for r in (await alerts_api.get_alert(moderator.api, alert_id)).reports}
        assert sorted(versions.values()) == [1, 2, 2]
        v1_report = next(r for r in opened.reports if versions[r.report_id] == 1)
        assert v1_report.raised_by == friend.account_id and v1_report.content == AlertPacket.decode(packet).content
        await moderator.alerts.claim(alert_id)
        assert await moderator.alerts.verify(alert_id) is True
        outcomes = {r.report_id: r.verified for r in (await alerts_api.get_alert(moderator.api, alert_id)).reports}
        assert outcomes[v1_report.report_id] is True
    finally:
        await devices.close_all()


async def test_a_copy_of_someone_elses_sealed_alert_is_taken_and_shows_its_true_sealer(
    server_factory: Callable[..., LiveServer], fresh_database_url: str, tmp_path: Path
) -> None:
    """The server cannot see who sealed a version-2 alert, so it cannot refuse one member filing another's sealed
    bytes (which only the server and the moderators ever hold). What the copy can do: add a report that the
    moderators see as sealed by its true sealer — not by the member who filed it — under a tier the filer chose,
    which counts only if its franking report verifies, as a report of the filer's own would (docs/alerts.md)."""
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        _admin, moderator = await devices.staff()
        writer, friend, copier = [await devices.person(n) for n in ("writer", "friend", "copier")]
        group = await devices.group(moderator, [writer, friend, copier])
        sent = await writer.groups.send(group.group_id, "i took all the pills an hour ago")
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        await friend.next_message(15)
        await copier.next_message(15)
        detail = await alerts_api.get_alert(moderator.api, sent.crisis.alert_id)
        original = detail.reports[0]
        sealer = open_sealed(original.sealed, domain=DOMAIN_ALERT, recipient=moderator.state.identity)[0]
        raised = await alerts_api.raise_alert(
            copier.api,
            conversation=group.conversation_id,
            seq=sent.seq,
            tier=4,
            source="manual",
            language="en",
            sealed=original.sealed,
        )
        assert raised.alert_id == sent.crisis.alert_id
        reports = (await alerts_api.get_alert(moderator.api, raised.alert_id)).reports
        copies = [r for r in reports if r.sealed == original.sealed]
        assert len(copies) == 2 and copies[1].tier == 4
        opened = await moderator.alerts.open(raised.alert_id)
        shown = {r.report_id: r.raised_by for r in opened.reports}
        assert shown[copies[1].report_id] == sealer.account_id != copier.account_id
    finally:
        await devices.close_all()
