"""The whole product through the SDK against a real server: an admin, a moderator, two counselors and three
members. Members chat in a group; one writes a tier-4 message in Burmese (Zawgyi); the moderator gets the alert,
verifies it, escalates; the first counselor takes the priority session and talks with the member, who is offline
when the session opens; a warm transfer with notes to the second counselor, who closes. Afterwards the database
and the log hold none of the plaintexts, the audit chain verifies, and a tampered audit row is detected."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from client.errors import HavenClientError
from client.haven import HavenClient
from client.messages import IncomingMessage
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from moderation import Audience, crisis_notice
from tests.haven_testing.inspect import database_contents
from tests.haven_testing.live_server import TEST_SECRET
from tests.haven_testing.scenario import (
    GROUP_HELLO,
    GROUP_REPLY,
    MEMBER_REPLY,
    NOTES,
    PLAINTEXTS,
    SECOND_COUNSELOR,
    SESSION_OPEN,
    ZAWGYI_TIER4,
    tamper_audit_entry,
)
from wire.frames import AlertEvent, EventFrame

PASSPHRASE = "correct horse battery staple"


async def new_client(server, directory: Path, name: str) -> HavenClient:
    return await HavenClient.create(
        server.http_url, directory / f"{name}.haven", PASSPHRASE, opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN
    )


async def next_text(client: HavenClient, timeout: float = 15.0) -> IncomingMessage:
    return await client.next_message(timeout)


async def next_event(client: HavenClient, kind: str, timeout: float = 15.0) -> EventFrame:
    while True:
        event = await client.next_notice(timeout)
        if event.event == kind:
            return event


@pytest.mark.slow
async def test_the_whole_product_through_the_sdk(server_factory, fresh_database_url, tmp_path):
    server = server_factory(fresh_database_url, help_pow_bits="4")
    clients: list[HavenClient] = []
    try:
        admin = await new_client(server, tmp_path, "admin")
        clients.append(admin)
        await admin.admin.bootstrap(bytes.fromhex(TEST_SECRET))
        assert "admin" in (await admin.admin.whoami())[1]

        staff = {}
        for name, role in (("moderator", "moderator"), ("counselor1", "counselor"), ("counselor2", "counselor")):
            invite = await admin.admin.invite(role)
            client = await new_client(server, tmp_path, name)
            clients.append(client)
            assert await client.admin.redeem(invite.code) == role
            staff[name] = client
        moderator, counselor1, counselor2 = staff["moderator"], staff["counselor1"], staff["counselor2"]
        members = [await new_client(server, tmp_path, f"member{i}") for i in range(3)]
        clients += members
        m1, m2, m3 = members

        # --- a peer group: invite, join (pending), approve ---------------------------------------------
        group = await moderator.groups.create("Haven moderator", max_members=20)
        invite = await moderator.groups.invite(group.group_id, max_uses=3)
        for i, member in enumerate(members):
            assert (await member.groups.join(invite.code, f"friend-{i}")).status == "pending"
        for member in members:
            await moderator.groups.approve(group.group_id, member.account_id)
        for client in (moderator, *members):
            await client.connect()
        for member in members:
            await member.groups.sync()

        await m1.groups.send(group.group_id, GROUP_HELLO)
        for reader in (m2, m3, moderator):
            got = await next_text(reader)
            assert (got.text, got.sender, got.kind) == (GROUP_HELLO, m1.account_id, "group")
        await m2.groups.send(group.group_id, GROUP_REPLY)
        for reader in (m1, m3, moderator):
            assert (await next_text(reader)).text == GROUP_REPLY

        # --- a tier-4 message in Zawgyi: resources at once, an alert pushed to the moderator -----------
        sent = await m3.groups.send(group.group_id, ZAWGYI_TIER4)
        assert sent.crisis is not None and sent.crisis.tier == 4 and sent.crisis.resources
        assert sent.crisis.alert_id is not None
        pushed = await next_event(moderator, "alert")
        assert isinstance(pushed, AlertEvent) and pushed.tier == 4 and pushed.alert_id == sent.crisis.alert_id
        for reader in (m1, m2):
            got = await next_text(reader)
            assert got.text == ZAWGYI_TIER4 and got.verdict is not None and got.verdict.tier == 4
        # The writer is told it is not alone, in Burmese; a reader is told how to help and that the moderators were
        # told — never the writer's words (moderation/data/notices.toml).
        writer_words, reader_words = (
            crisis_notice("my", Audience.WRITER),
            crisis_notice("my", Audience.READER, alerted=True),
        )
        assert sent.crisis.audience is Audience.WRITER and sent.crisis.text == writer_words
        read_notice = await m1.next_crisis(timeout=30)
        assert read_notice.audience is Audience.READER and read_notice.alert_id is not None
        assert read_notice.text == reader_words and reader_words.headline != writer_words.headline
        assert (await next_text(moderator)).text == ZAWGYI_TIER4

        alerts = await moderator.alerts.list(status="open")
        assert alerts[0].alert_id == sent.crisis.alert_id and alerts[0].tier == 4
        # The recipients' clients raised the same alert: one alert, several reports.
        assert alerts[0].reports == 4  # the writer, the two other members and the moderator (a member too)
        await moderator.alerts.claim(alerts[0].alert_id)
        assert await moderator.alerts.verify(alerts[0].alert_id) is True
        opened = await moderator.alerts.open(alerts[0].alert_id)
        assert opened.message_text == ZAWGYI_TIER4 and opened.subject == m3.account_id
        escalation = await moderator.alerts.escalate(alerts[0].alert_id)
        assert escalation.request_id

        # --- the priority session, opened while the member is offline --------------------------------
        await m3.close()
        await counselor1.counseling.set_availability(True, ["my", "en"])
        await counselor2.counseling.set_availability(True, ["my", "en"])
        await counselor1.connect()
        await counselor2.connect()
        offer = await counselor1.counseling.next_offer()
        assert offer is not None and offer.request_id == escalation.request_id and offer.priority == 4
        session = await counselor1.counseling.accept(offer.request_id)
        await counselor1.counseling.send(session.session_id, SESSION_OPEN)

        m3 = await HavenClient.load(tmp_path / "member2.haven", PASSPHRASE)
        clients[clients.index(members[2])] = m3
        await m3.connect()
        mine = await m3.counseling.my_request()
        assert mine.session is not None and mine.session.session_id == session.session_id
        got = await next_text(m3)
        assert (got.text, got.kind, got.sender) == (SESSION_OPEN, "session", counselor1.account_id)
        await m3.counseling.send(session.session_id, MEMBER_REPLY)
        assert (await next_text(counselor1)).text == MEMBER_REPLY

        # --- warm transfer with notes, then the second counselor closes ------------------------------
        await counselor1.counseling.transfer(session.session_id, counselor2.account_id, mode="warm", notes=NOTES)
        notes = await counselor2.counseling.notes(session.session_id)
        assert [n.text for n in notes] == [NOTES] and notes[0].author == counselor1.account_id
        await counselor2.counseling.send(session.session_id, SECOND_COUNSELOR)
        for reader in (m3, counselor1):
            got = await next_text(reader)
            assert (got.text, got.sender) == (SECOND_COUNSELOR, counselor2.account_id)
        await counselor2.counseling.complete_transfer(session.session_id)
        with pytest.raises(HavenClientError) as gone:
            await counselor1.counseling.notes(session.session_id)
        assert gone.value.code == "forbidden"
        await counselor2.counseling.close(session.session_id, "follow_up")

        # --- afterwards: nothing readable left behind; the audit chain holds, and a forgery shows ----
        for client in clients:
            await client.close()
        clients = []
        await asyncio.sleep(0.2)
        stored = await database_contents(fresh_database_url)
        log = server.log_text().encode()
        for plaintext in PLAINTEXTS:
            assert plaintext.encode() not in stored, plaintext
            assert plaintext.encode() not in log, plaintext

        admin = await HavenClient.load(tmp_path / "admin.haven", PASSPHRASE)
        clients.append(admin)
        check = await admin.admin.verify_audit()
        assert check.ok and check.entries >= 8
        actions = {entry.action for entry in await admin.admin.audit_log()}
        assert {"alert.claim", "alert.verify", "alert.escalate", "session.transfer.warm"} <= actions

        target = await tamper_audit_entry(fresh_database_url)
        tampered = await admin.admin.verify_audit()
        assert not tampered.ok and tampered.broken_at == target
    finally:
        for client in clients:
            await client.close()
