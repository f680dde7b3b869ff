"""Counseling history is not kept (security issue 10, item 3), and the audit log stops naming a member once
nothing needs it (item 4).

The finding: closed `counseling_sessions` kept member, counselor, times and outcome, closed and cancelled
`help_requests` kept member, language, topic and time, forever — a seized server said who sought help, about
what, with whom and when. Now a cancelled request is deleted at once, a closed session and its request after
HAVEN_COUNSELING_RETENTION_SECONDS, and the admin's figures come from id-free counters. Real servers over real
HTTP and websockets, both engines; the database is read directly, every table and column.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack

import pytest
from sqlalchemy import func, select

from client.api import HavenAPI, groups
from client.api import admin as admin_api
from client.api import counseling as api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.audit import verify_chain
from crypto.sealed import DOMAIN_SESSION_NOTE, seal
from server.config import Settings
from server.db import create_engine, create_sessionmaker
from server.models import CounselingCounter, CounselingSession, HelpRequest
from tests.haven_testing.inspect import every_row
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.people import admin_of, new_person, staff

# Rows that are the identity itself while it exists (it has not deleted itself here): its keys and tokens.
THE_IDENTITY_ITSELF = {"identities", "auth_tokens", "signed_prekeys", "one_time_prekeys"}


async def rows_mentioning(url: str, needle: str, skip: set[str]) -> dict[str, list[str]]:
    """table -> the columns of the rows that contain `needle` (as text or bytes), over every table but `skip`."""
    found: dict[str, list[str]] = {}
    for table, row in await every_row(url, skip):
        for column, value in zip(table.columns, row, strict=True):
            text = value if isinstance(value, bytes) else repr(value).encode()
            if needle.encode() in text or bytes.fromhex(needle) in text:
                found.setdefault(table.name, []).append(column.name)
    return found


async def counselor(stack: AsyncExitStack, server: LiveServer, language: str) -> HavenAPI:
    person = await staff(server, "counselor")
    stack.push_async_callback(person.close)
    await api.set_profile(person, available=True, languages=[language], max_sessions=3)
    return person


@pytest.fixture
async def stack() -> AsyncIterator[AsyncExitStack]:
    async with AsyncExitStack() as opened:
        yield opened


async def test_after_close_and_cancel_no_row_holds_the_member(server_factory, fresh_database_url, stack):
    server = server_factory(fresh_database_url, counseling_retention_seconds="0")
    admin = await admin_of(server)
    stack.push_async_callback(admin.close)
    moderator = await staff(server, "moderator")
    stack.push_async_callback(moderator.close)
    member = await new_person(server)
    stack.push_async_callback(member.close)
    # In a group (so no proof of work is needed) through a moderator's approval: an audited action about it.
    group = await groups.create_group(moderator, "Moderator Kyaw")
    invite = await groups.create_invite(moderator, group.group_id)
    await groups.join(member, invite.code, "thiha")
    await groups.approve(moderator, group.group_id, member.account_id)
    first, second = await counselor(stack, server, "my"), await counselor(stack, server, "my")

    # A request, a session with messages both ways, a cold transfer with a sealed note, a close.
    request = await api.request_help(member, "my", "trauma")
    offer = await api.next_offer(first)
    assert offer is not None and offer.request_id == request.request_id
    session = await api.accept_offer(first, offer.request_id)
    assert session.conversation_id is not None
    # The scan sees what it looks for: while the session is open, these rows name the member.
    open_rows = await rows_mentioning(fresh_database_url, member.account_id, THE_IDENTITY_ITSELF)
    assert {"help_requests", "counseling_sessions", "conversation_members", "group_members", "audit_log"} <= set(
        open_rows
    )
    member_socket = await RelayConnection.connect(server.ws_url, member.identity)
    stack.push_async_callback(member_socket.close)
    await member_socket.resume()
    await member_socket.send(session.conversation_id, b"m" * 64)
    note = seal(b"handover", domain=DOMAIN_SESSION_NOTE, sender=first.identity, recipients=[second.identity.public()])
    await api.transfer(first, session.session_id, second.account_id, "cold", bytes(note))
    second_socket = await RelayConnection.connect(server.ws_url, second.identity)
    stack.push_async_callback(second_socket.close)
    await second_socket.resume()
    await second_socket.send(session.conversation_id, b"c" * 64)
    await api.add_note(second, session.session_id, b"sealed-by-the-counselor")
    assert (await member_socket.next_event("session_transfer")).mode == "cold"
    await api.close_session(second, session.session_id, "referred")
    assert (await member_socket.next_event("session_closed")).session == session.session_id
    # Another request, cancelled.
    cancelled = await api.request_help(member, "my", "family")
    await api.cancel_request(member, cancelled.request_id)
    # The membership ends too: nothing needs the audit log to name the member any more.
    await groups.leave(member, group.group_id)

    found = await rows_mentioning(fresh_database_url, member.account_id, THE_IDENTITY_ITSELF)
    assert found == {}, f"rows still naming the member: {found}"
    with pytest.raises(HavenClientError) as gone:
        await api.session(member, session.session_id)
    assert gone.value.code == "unknown_session"

    # The figures survive as counters, and no counter names anyone.
    figures = await api.stats(admin)
    assert figures.median_time_to_accept_ms is not None
    raw = await admin.get("/v1/counseling/stats")
    assert raw["outcomes"] == {"referred": 1} and raw["cancelled"] == 1
    for needle in (first.account_id, second.account_id, session.session_id, request.request_id):
        assert "counseling_counters" not in await rows_mentioning(fresh_database_url, needle, set())
    # The audit log still holds the staff's actions on the session, and still verifies with the link erased.
    records = await admin_api.audit_entries(admin)
    check = verify_chain(records)
    assert check.ok and check.erased >= 1
    assert {"session.accept", "session.transfer.cold", "session.close", "group.approve"} <= {r.action for r in records}


async def test_the_purge_deletes_a_closed_session_after_the_grace_period(server_factory, fresh_database_url, stack):
    server = server_factory(
        fresh_database_url, counseling_retention_seconds="1", purge_interval_seconds="0.2", help_pow_bits="4"
    )
    member = await new_person(server)
    stack.push_async_callback(member.close)
    helper = await counselor(stack, server, "en")
    request = await api.request_help(member, "en", "general", await api.solve_help_pow(member))
    offer = await api.next_offer(helper)
    assert offer is not None
    session = await api.accept_offer(helper, offer.request_id)
    await api.close_session(helper, session.session_id, "resolved")
    # Within the grace period the member, back online, still learns that the session closed.
    closed = await api.session(member, session.session_id)
    assert (closed.status, closed.outcome) == ("closed", "resolved")

    engine = create_engine(Settings(database_url=fresh_database_url))
    try:
        db = create_sessionmaker(engine)

        async def remaining() -> int:
            async with db() as check:
                sessions = await check.scalar(
                    select(func.count())
                    .select_from(CounselingSession)
                    .where(CounselingSession.id == session.session_id)
                )
                requests = await check.scalar(
                    select(func.count()).select_from(HelpRequest).where(HelpRequest.id == request.request_id)
                )
                return int(sessions or 0) + int(requests or 0)

        assert await remaining() == 2
        # Wait for the purge (it runs every 0.2 s and takes what closed more than 1 s ago); no time is asserted.
        for _ in range(300):
            if await remaining() == 0:
                break
            await asyncio.sleep(0.1)
        assert await remaining() == 0
        async with db() as check:
            counters = (await check.scalars(select(CounselingCounter))).all()
        assert {(c.event, c.language, c.label, c.count) for c in counters} >= {("closed", "en", "resolved", 1)}
        assert {c.event for c in counters} == {"accepted", "closed"}
    finally:
        await engine.dispose()
