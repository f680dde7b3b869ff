"""Nobody reads what was said in a conversation before they were in it (security issue 10, item 2).

The attack: `resume` with `after: {"<conversation>": 0}` once returned every stored message of a conversation,
so a member approved later got the group's whole backlog (sender, time, size, ciphertext), and a counselor
receiving a cold transfer got the session's earlier messages. Every read of stored messages is now bounded by
the reader's join position (conversation_members.joined_seq). Real server, real websockets, both engines.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from client.api import HavenAPI, groups
from client.api import counseling as counseling_api
from client.relay import RelayConnection
from crypto.sealed import DOMAIN_SESSION_NOTE, open_sealed, seal
from server.clock import now_ms, today
from server.conversations import repository
from server.models import Conversation, Group, GroupMember, Message
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.people import new_person, staff
from wire.messages import Delivered

QUIET = 0.5  # how long "nothing arrives" is watched for, after a delivery on the same path proved it works
Sessionmaker = async_sessionmaker[AsyncSession]


class Crowd:
    def __init__(self, server: LiveServer) -> None:
        self.server = server
        self.apis: list[HavenAPI] = []
        self.connections: list[RelayConnection] = []

    async def person(self) -> HavenAPI:
        api = await new_person(self.server)
        self.apis.append(api)
        return api

    async def staff(self, role: str) -> HavenAPI:
        api = await staff(self.server, role)
        self.apis.append(api)
        return api

    async def connect(self, api: HavenAPI) -> RelayConnection:
        """A websocket that has not resumed yet: the test chooses what it asks for."""
        connection = await RelayConnection.connect(self.server.ws_url, api.identity)
        self.connections.append(connection)
        return connection

    async def close(self) -> None:
        for connection in self.connections:
            await connection.close()
        for api in self.apis:
            await api.close()


@pytest.fixture
async def crowd(live_server: LiveServer) -> AsyncIterator[Crowd]:
    people = Crowd(live_server)
    try:
        yield people
    finally:
        await people.close()


async def drain(connection: RelayConnection) -> list[Delivered]:
    """Every delivery that arrives until the connection has been quiet for QUIET seconds."""
    received = []
    while True:
        try:
            received.append(await connection.next_delivery(timeout=QUIET))
        except TimeoutError:
            return received


async def stored(db: Sessionmaker, conversation: str) -> int:
    async with db() as session:
        return int(
            await session.scalar(
                select(func.count()).select_from(Message).where(Message.conversation_id == conversation)
            )
            or 0
        )


async def test_a_member_approved_later_gets_nothing_from_before_it_joined(crowd, db):
    moderator = await crowd.staff("moderator")
    group = await groups.create_group(moderator, "Moderator Kyaw")
    conversation = group.conversation_id
    # An early member who stays offline and never acknowledges: the backlog stays stored for it.
    early = await crowd.person()
    invite = await groups.create_invite(moderator, group.group_id, max_uses=5)
    await groups.join(early, invite.code, "early")
    await groups.approve(moderator, group.group_id, early.account_id)
    speaker = await crowd.connect(moderator)
    await speaker.resume()
    before = [await speaker.send(conversation, f"before-{i}".encode().ljust(64, b".")) for i in range(5)]
    assert await stored(db, conversation) == 5  # the precondition of the attack: the backlog is there

    late = await crowd.person()
    await groups.join(late, invite.code, "late")
    await groups.approve(moderator, group.group_id, late.account_id)
    # The attack: resume from 0, on a fresh connection, asking for everything the conversation holds.
    reader = await crowd.connect(late)
    positions = await reader.resume({conversation: 0})
    assert positions[conversation] >= before[-1].seq
    assert await drain(reader) == []

    # What is said after joining arrives, live and on a later resume from 0 — and only that.
    after = await speaker.send(conversation, b"after".ljust(64, b"."))
    live = await reader.next_delivery()
    assert (live.conversation, live.seq) == (conversation, after.seq)
    second = await crowd.connect(late)
    await second.resume({conversation: 0})
    assert [(d.conversation, d.seq) for d in await drain(second)] == [(conversation, after.seq)]

    # The bound is the join position, not an acknowledgement: the early member still gets all six.
    early_reader = await crowd.connect(early)
    await early_reader.resume({conversation: 0})
    assert [d.seq for d in await drain(early_reader)] == [m.seq for m in (*before, after)]

    # Gap catch-up, resync after a Redis outage and resume all read through this one query: the bound is in it.
    async with db() as session:
        late_reads = await repository.pending_for(session, late.account_id, conversation, 0, 100)
        assert [m.seq for m in late_reads] == [after.seq]
        early_reads = await repository.pending_for(session, early.account_id, conversation, 0, 100, after.seq)
        assert [m.seq for m in early_reads] == [m.seq for m in (*before, after)]
        assert await repository.pending_for(session, "f" * 32, conversation, 0, 100) == []


async def _seed_group_membership(db: Sessionmaker, account_id: str) -> None:
    """Members of a group skip the help request's proof of work."""
    async with db() as session:
        conversation, group = secrets.token_hex(16), secrets.token_hex(16)
        session.add(Conversation(id=conversation, kind="group", last_seq=0, created_day=today()))
        await session.flush()
        session.add(
            Group(
                id=group,
                conversation_id=conversation,
                created_by=None,
                dm_enabled=False,
                max_members=10,
                membership_version=0,
                created_day=today(),
            )
        )
        await session.flush()
        session.add(
            GroupMember(
                group_id=group,
                account_id=account_id,
                status="active",
                group_role="member",
                pseudonym="p",
                joined_ms=now_ms(),
            )
        )
        await session.commit()


async def _counselor(crowd: Crowd, lang: str) -> HavenAPI:
    counselor = await crowd.staff("counselor")
    await counseling_api.set_profile(counselor, available=True, languages=[lang], max_sessions=3)
    return counselor


@pytest.mark.parametrize("mode", ["cold", "warm"])
async def test_a_transferred_session_hands_over_the_note_not_the_backlog(crowd, db, mode):
    lang = "".join(secrets.choice(string.ascii_lowercase) for _ in range(3))
    member = await crowd.person()
    await _seed_group_membership(db, member.account_id)
    old = await _counselor(crowd, lang)
    await counseling_api.request_help(member, lang, "general")
    offer = await counseling_api.next_offer(old)
    assert offer is not None
    session = await counseling_api.accept_offer(old, offer.request_id)
    conversation = session.conversation_id
    assert conversation is not None
    member_socket = await crowd.connect(member)
    await member_socket.resume()
    # The old counselor is offline and acknowledges nothing: three messages stay stored.
    earlier = [await member_socket.send(conversation, f"earlier-{i}".encode().ljust(64, b".")) for i in range(3)]
    assert await stored(db, conversation) == 3

    new = await _counselor(crowd, lang)
    note = seal(b"handover", domain=DOMAIN_SESSION_NOTE, sender=old.identity, recipients=[new.identity.public()])
    await counseling_api.transfer(old, session.session_id, new.account_id, mode, bytes(note))
    if mode == "cold":
        assert await stored(db, conversation) == 3  # still there to be stolen, had the bound not held
    reader = await crowd.connect(new)
    positions = await reader.resume({conversation: 0})
    assert positions[conversation] >= earlier[-1].seq
    assert await drain(reader) == []
    # The note is what moves with the session.
    [received] = await counseling_api.notes(new, session.session_id)
    assert open_sealed(received.sealed, domain=DOMAIN_SESSION_NOTE, recipient=new.identity)[1] == b"handover"
    # From the transfer on, the receiving counselor hears the member.
    after = await member_socket.send(conversation, b"after".ljust(64, b"."))
    delivered = await reader.next_delivery()
    assert (delivered.conversation, delivered.seq, delivered.sender) == (conversation, after.seq, member.account_id)
