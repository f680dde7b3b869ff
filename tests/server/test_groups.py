"""Peer groups on SQLite and PostgreSQL: the rules over HTTP on the app in process, each test on a database of its
own (`crowd`); deliveries, membership events and the server's log over real websockets against the shared real
server (`live_crowd`)."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import MetaData, select, update

from client.api import HavenAPI, groups
from client.api import admin as admin_api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.audit import verify_chain
from server.clock import now_ms
from server.groups.policy import ALLOWED, Action, Grant, Standing, permits
from server.groups.service import audit_object
from server.models import ConversationMember, GroupInvite, GroupMember, PairChannel
from tests.haven_testing.inprocess import InProcessServer
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.people import admin_of, new_person, staff
from wire.frames import as_sent

QUIET = 0.4  # how long "nothing arrives" is watched for, after a positive delivery proved the path works


class Crowd:
    """Everyone a test opens (HTTP sessions and websockets), closed together at the end."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.apis: list[HavenAPI] = []
        self.connections: list[RelayConnection] = []

    async def person(self) -> HavenAPI:
        return self._keep(await new_person(self.server))

    async def staff(self, role: str) -> HavenAPI:
        return self._keep(await staff(self.server, role))

    async def admin(self) -> HavenAPI:
        return self._keep(await admin_of(self.server))

    async def connect(self, api: HavenAPI) -> RelayConnection:
        connection = await RelayConnection.connect(self.server.ws_url, api.identity)
        self.connections.append(connection)
        await connection.resume()
        return connection

    def _keep(self, api: HavenAPI) -> HavenAPI:
        self.apis.append(api)
        return api

    async def close(self) -> None:
        for connection in self.connections:
            await connection.close()
        for api in self.apis:
            await api.close()


@pytest.fixture
async def crowd(app_server: InProcessServer) -> AsyncIterator[Crowd]:
    """People on the app in process, on a database of the test's own (tests/haven_testing/inprocess.py)."""
    people = Crowd(app_server)
    try:
        yield people
    finally:
        await people.close()


@pytest.fixture
async def live_crowd(live_server: LiveServer) -> AsyncIterator[Crowd]:
    """People on the shared real server, for the tests that need websockets or the server's log."""
    people = Crowd(live_server)
    try:
        yield people
    finally:
        await people.close()


async def refused(code: str, call: Any) -> None:
    with pytest.raises(HavenClientError) as error:
        await call
    assert error.value.code == code, error.value


async def new_group(crowd: Crowd, **options: Any) -> tuple[HavenAPI, groups.GroupCreated]:
    moderator = await crowd.staff("moderator")
    return moderator, await groups.create_group(moderator, "Moderator Kyaw", **options)


async def joined_member(crowd: Crowd, moderator: HavenAPI, group_id: str, pseudonym: str = "member") -> HavenAPI:
    person = await crowd.person()
    invite = await groups.create_invite(moderator, group_id)
    await groups.join(person, invite.code, pseudonym)
    await groups.approve(moderator, group_id, person.account_id)
    return person


async def nothing_delivered(connection: RelayConnection) -> None:
    with pytest.raises(asyncio.TimeoutError):
        await connection.next_delivery(timeout=QUIET)


# --- the whole lifecycle -------------------------------------------------------------------------------------
async def test_group_lifecycle(crowd):
    moderator, group = await new_group(crowd, max_members=10)
    info = await groups.group_info(moderator, group.group_id)
    assert info.status == "active" and info.group_role == "moderator"
    assert info.conversation_id == group.conversation_id and info.dm_enabled is False and info.max_members == 10
    assert info.membership_version == 0
    assert info.members == (groups.Member(moderator.account_id, "Moderator Kyaw", "moderator"),)

    invite = await groups.create_invite(moderator, group.group_id, ttl_seconds=3600, max_uses=5)
    assert invite.expires_at_ms > now_ms()
    person = await crowd.person()
    assert await groups.join(person, invite.code, "  Thiha  ") == groups.Joined(group.group_id, "pending")
    assert await groups.my_groups(person) == [groups.MyGroup(group.group_id, "pending", "member")]
    # A pending member sees only its own status.
    mine = await groups.group_info(person, group.group_id)
    assert mine == groups.GroupInfo(group.group_id, "pending", "member")
    await refused("forbidden", groups.pair_channels(person, group.group_id))

    [waiting] = await groups.pending(moderator, group.group_id)
    assert (waiting.account_id, waiting.pseudonym) == (person.account_id, "Thiha")
    change = await groups.approve(moderator, group.group_id, person.account_id)
    assert change == groups.MembershipChange(group.group_id, person.account_id, "joined", 1)
    assert await groups.pending(moderator, group.group_id) == []
    info = await groups.group_info(person, group.group_id)
    assert info.status == "active" and info.membership_version == 1
    assert {m.account_id: m.pseudonym for m in info.members} == {
        moderator.account_id: "Moderator Kyaw",
        person.account_id: "Thiha",
    }
    [listed] = await groups.list_invites(moderator, group.group_id)
    assert (listed.invite_id, listed.uses, listed.max_uses, listed.revoked) == (invite.invite_id, 1, 5, False)

    pair = await groups.pair_channel(person, group.group_id, moderator.account_id)
    assert pair.dm_enabled is False and pair.peer == moderator.account_id
    assert (await groups.pair_channel(moderator, group.group_id, person.account_id)).conversation_id == (
        pair.conversation_id
    )
    assert await groups.pair_channels(moderator, group.group_id) == [
        groups.PairListing(person.account_id, pair.conversation_id)
    ]
    settings = await groups.update_group(moderator, group.group_id, dm_enabled=True)
    assert settings == groups.GroupSettings(group.group_id, True, 10)
    assert (await groups.pair_channel(person, group.group_id, moderator.account_id)).dm_enabled is True

    await groups.revoke_invite(moderator, group.group_id, invite.invite_id)
    assert (await groups.list_invites(moderator, group.group_id))[0].revoked is True
    await refused("invite_invalid", groups.revoke_invite(moderator, group.group_id, invite.invite_id))

    left = await groups.leave(person, group.group_id)
    assert left.change == "left" and left.membership_version == 2
    assert await groups.my_groups(person) == []
    assert await groups.pair_channels(moderator, group.group_id) == []
    await refused("forbidden", groups.group_info(person, group.group_id))
    # The last member out takes the group with it.
    await groups.leave(moderator, group.group_id)
    await refused("unknown_group", groups.group_info(moderator, group.group_id))


async def test_a_pending_member_can_withdraw_and_a_rejected_one_is_gone(crowd):
    moderator, group = await new_group(crowd)
    invite = await groups.create_invite(moderator, group.group_id, max_uses=3)
    quitter, rejected = await crowd.person(), await crowd.person()
    await groups.join(quitter, invite.code, "quitter")
    await groups.join(rejected, invite.code, "rejected")
    assert (await groups.leave(quitter, group.group_id)).membership_version == 0
    await groups.reject(moderator, group.group_id, rejected.account_id)
    assert await groups.pending(moderator, group.group_id) == []
    assert await groups.my_groups(rejected) == []
    await refused("unknown_member", groups.reject(moderator, group.group_id, rejected.account_id))
    await refused("unknown_member", groups.leave(rejected, group.group_id))
    # A rejected person may ask again with a valid invite.
    await groups.join(rejected, invite.code, "rejected again")


# --- creation and settings -----------------------------------------------------------------------------------
async def test_only_staff_moderators_and_admins_create_groups(crowd):
    member, counselor = await crowd.person(), await crowd.staff("counselor")
    await refused("forbidden", groups.create_group(member, "me"))
    await refused("forbidden", groups.create_group(counselor, "me"))
    admin = await crowd.admin()
    made = await groups.create_group(admin, "admin")
    info = await groups.group_info(admin, made.group_id)
    assert info.max_members == 200 and info.group_role == "moderator"  # HAVEN_GROUP_MAX_MEMBERS by default
    await refused("invalid_request", groups.create_group(admin, "too big", max_members=201))
    await refused("invalid_request", groups.create_group(admin, "too small", max_members=1))


@pytest.mark.parametrize("pseudonym", ["", "   ", "x" * 41, "bad\nname", "tab\tname", "zero\u200bwidth", "\u202eevil"])
async def test_pseudonyms_are_checked(crowd, pseudonym):
    moderator, group = await new_group(crowd)
    invite = await groups.create_invite(moderator, group.group_id)
    person = await crowd.person()
    await refused("invalid_request", groups.join(person, invite.code, pseudonym))
    await refused("invalid_request", groups.create_group(moderator, pseudonym))
    await groups.join(person, invite.code, "မောင်" + "x" * 35)  # 40 characters, Burmese included


async def test_update_and_invite_limits(crowd):
    moderator, group = await new_group(crowd)
    await refused("invalid_request", groups.update_group(moderator, group.group_id, max_members=201))
    assert (await groups.update_group(moderator, group.group_id, max_members=50)).max_members == 50
    await refused("invalid_request", groups.create_invite(moderator, group.group_id, ttl_seconds=30 * 86400 + 1))
    await refused("invalid_request", groups.create_invite(moderator, group.group_id, max_uses=0))
    await refused("invalid_request", groups.create_invite(moderator, group.group_id, max_uses=1001))
    assert (await groups.create_invite(moderator, group.group_id, max_uses=1000)).code


# --- join refusals -------------------------------------------------------------------------------------------
async def test_every_join_refusal(crowd):
    moderator, group = await new_group(crowd, max_members=2)
    person = await crowd.person()
    await refused("invite_invalid", groups.join(person, "notarealinvitecodeatallxyz", "p"))

    revoked = await groups.create_invite(moderator, group.group_id)
    await groups.revoke_invite(moderator, group.group_id, revoked.invite_id)
    await refused("invite_invalid", groups.join(person, revoked.code, "p"))

    expired = await groups.create_invite(moderator, group.group_id)
    async with crowd.server.db() as session, session.begin():
        await session.execute(
            update(GroupInvite).where(GroupInvite.id == expired.invite_id).values(expires_at_ms=now_ms() - 1)
        )
    await refused("invite_expired", groups.join(person, expired.code, "p"))

    single = await groups.create_invite(moderator, group.group_id, max_uses=1)
    await groups.join(person, single.code, "p")
    await refused("invite_exhausted", groups.join(await crowd.person(), single.code, "p"))

    invite = await groups.create_invite(moderator, group.group_id, max_uses=10)
    await refused("already_member", groups.join(person, invite.code, "p"))  # pending
    await refused("already_member", groups.join(moderator, invite.code, "p"))  # active
    await groups.approve(moderator, group.group_id, person.account_id)
    # Two active of at most two.
    await refused("group_full", groups.join(await crowd.person(), invite.code, "p"))

    await groups.ban(moderator, group.group_id, person.account_id)
    await refused("banned", groups.join(person, invite.code, "p"))
    await refused("banned", groups.leave(person, group.group_id))
    await refused("already_banned", groups.ban(moderator, group.group_id, person.account_id))
    async with crowd.server.db() as session:
        row = await session.get(GroupMember, (group.group_id, person.account_id))
        assert row is not None and row.status == "banned" and row.pseudonym == ""


async def test_size_limit_is_rechecked_at_approval(crowd):
    moderator, group = await new_group(crowd, max_members=2)
    invite = await groups.create_invite(moderator, group.group_id, max_uses=5)
    first, second = await crowd.person(), await crowd.person()
    await groups.join(first, invite.code, "first")
    await groups.join(second, invite.code, "second")  # pending members do not count
    await groups.approve(moderator, group.group_id, first.account_id)
    await refused("group_full", groups.approve(moderator, group.group_id, second.account_id))
    await groups.update_group(moderator, group.group_id, max_members=3)
    assert (await groups.approve(moderator, group.group_id, second.account_id)).membership_version == 2


# --- who may do what -----------------------------------------------------------------------------------------
async def test_moderator_actions_need_a_moderator_of_this_group(crowd):
    moderator, group = await new_group(crowd)
    member = await joined_member(crowd, moderator, group.group_id)
    outsider_moderator = await crowd.staff("moderator")
    admin = await crowd.admin()
    invite = await groups.create_invite(moderator, group.group_id, max_uses=5)
    candidate = await crowd.person()
    await groups.join(candidate, invite.code, "candidate")
    gid, target = group.group_id, candidate.account_id

    for caller in (member, outsider_moderator, admin):
        await refused("forbidden", groups.approve(caller, gid, target))
        await refused("forbidden", groups.reject(caller, gid, target))
        await refused("forbidden", groups.remove(caller, gid, member.account_id))
        await refused("forbidden", groups.ban(caller, gid, target))
        await refused("forbidden", groups.pending(caller, gid))
        await refused("forbidden", groups.create_invite(caller, gid))
        await refused("forbidden", groups.list_invites(caller, gid))
        await refused("forbidden", groups.revoke_invite(caller, gid, invite.invite_id))
    for caller in (member, outsider_moderator):
        await refused("forbidden", groups.update_group(caller, gid, dm_enabled=True))
        await refused("forbidden", groups.promote(caller, gid, member.account_id))
    await refused("forbidden", groups.group_info(outsider_moderator, gid))
    await refused("forbidden", groups.pair_channel(outsider_moderator, gid, member.account_id))

    # An admin may change settings and appoint moderators, nothing else.
    assert (await groups.update_group(admin, gid, dm_enabled=True)).dm_enabled is True
    await refused("not_staff_moderator", groups.promote(admin, gid, member.account_id))
    staff_member = await joined_member(crowd, moderator, gid, "staff member")
    await admin_api.redeem_role_invite(staff_member, (await admin_api.create_role_invite(admin, "moderator")).code)
    await groups.promote(admin, gid, staff_member.account_id)
    assert (await groups.group_info(staff_member, gid)).group_role == "moderator"
    assert await groups.pending(staff_member, gid) != []

    unknown = secrets.token_hex(16)
    await refused("unknown_group", groups.group_info(moderator, unknown))
    await refused("unknown_group", groups.approve(moderator, unknown, target))
    await refused("unknown_group", groups.leave(member, unknown))
    await refused("unknown_member", groups.approve(moderator, gid, unknown))
    await refused("unknown_member", groups.approve(moderator, gid, member.account_id))  # already active
    await refused("unknown_member", groups.remove(moderator, gid, target))  # still pending
    await refused("unknown_member", groups.promote(moderator, gid, target))
    await refused("unknown_member", groups.pair_channel(member, gid, target))
    await refused("invalid_request", groups.pair_channel(member, gid, member.account_id))


async def test_promotion_and_the_last_moderator(crowd):
    moderator, group = await new_group(crowd)
    gid = group.group_id
    member = await joined_member(crowd, moderator, gid)
    second = await crowd.staff("moderator")
    invite = await groups.create_invite(moderator, gid)
    await groups.join(second, invite.code, "second moderator")
    await groups.approve(moderator, gid, second.account_id)

    await refused("last_moderator", groups.leave(moderator, gid))
    await refused("last_moderator", groups.remove(moderator, gid, moderator.account_id))
    await refused("not_staff_moderator", groups.promote(moderator, gid, member.account_id))
    await refused("forbidden", groups.pending(second, gid))
    await groups.promote(moderator, gid, second.account_id)
    assert await groups.pending(second, gid) == []
    await groups.leave(moderator, gid)
    await refused("last_moderator", groups.leave(second, gid))

    # Losing the staff role ends the group-moderator powers too; an admin can appoint another moderator.
    admin = await crowd.admin()
    await admin_api.revoke_role(admin, second.account_id, "moderator")
    await refused("forbidden", groups.pending(second, gid))
    # With no effective group moderator left, the admin restores the staff role (or appoints another).
    invite_role = await admin_api.create_role_invite(admin, "moderator")
    await admin_api.redeem_role_invite(second, invite_role.code)
    assert await groups.pending(second, gid) == []


def test_policy_table_covers_every_action():
    """The table the matrix test walks: every action has a rule, and the rules mean what the docs say."""
    assert set(ALLOWED) == set(Action)
    nobody = Standing(frozenset())
    admin = Standing(frozenset({"admin"}))
    group_moderator = Standing(frozenset({"moderator"}), "active", "moderator")
    demoted = Standing(frozenset(), "active", "moderator")
    member = Standing(frozenset(), "active", "member")
    pending = Standing(frozenset({"moderator"}), "pending", "member")
    assert Grant.GROUP_MODERATOR not in demoted.grants and Grant.GROUP_MODERATOR not in pending.grants
    for action in Action:
        assert not permits(action, nobody)
        assert not permits(action, pending) or action is Action.CREATE
    assert permits(Action.UPDATE, admin) and permits(Action.PROMOTE, admin) and not permits(Action.APPROVE, admin)
    assert all(permits(a, group_moderator) for a in Action)
    assert {a for a in Action if permits(a, member)} == {Action.VIEW, Action.PAIR}


# --- what goes over the wire ---------------------------------------------------------------------------------
async def test_pending_members_receive_nothing_and_newcomers_see_no_history(live_crowd):
    moderator, group = await new_group(live_crowd)
    gid, conversation = group.group_id, group.conversation_id
    early = await joined_member(live_crowd, moderator, gid, "early")
    newcomer = await live_crowd.person()
    invite = await groups.create_invite(moderator, gid)
    await groups.join(newcomer, invite.code, "newcomer")

    sender = await live_crowd.connect(moderator)
    early_connection = await live_crowd.connect(early)
    newcomer_connection = await live_crowd.connect(newcomer)
    await sender.send(conversation, b"before approval")
    assert (await early_connection.next_delivery()).ciphertext == b"before approval"
    await nothing_delivered(newcomer_connection)
    await refused("unknown_conversation", newcomer_connection.send(conversation, b"pending cannot send"))

    await groups.approve(moderator, gid, newcomer.account_id)
    await sender.send(conversation, b"after approval")
    got = await newcomer_connection.next_delivery()
    assert got.ciphertext == b"after approval"
    await nothing_delivered(newcomer_connection)
    # A fresh connection replaying everything unacknowledged still holds nothing from before.
    replay = await live_crowd.connect(newcomer)
    assert [(await replay.next_delivery()).ciphertext] == [b"after approval"]
    await nothing_delivered(replay)
    await newcomer_connection.send(conversation, b"hello from the newcomer")
    assert (await early_connection.next_delivery()).ciphertext == b"after approval"
    assert (await early_connection.next_delivery()).ciphertext == b"hello from the newcomer"


async def test_removed_members_stop_receiving_and_sending(live_crowd, db):
    moderator, group = await new_group(live_crowd)
    gid, conversation = group.group_id, group.conversation_id
    stays = await joined_member(live_crowd, moderator, gid, "stays")
    removed = await joined_member(live_crowd, moderator, gid, "removed")
    pair = await groups.pair_channel(removed, gid, stays.account_id)
    other_pair = await groups.pair_channel(moderator, gid, stays.account_id)

    sender = await live_crowd.connect(moderator)
    stays_connection = await live_crowd.connect(stays)
    removed_connection = await live_crowd.connect(removed)
    await sender.send(conversation, b"while a member")
    assert (await removed_connection.next_delivery()).ciphertext == b"while a member"
    assert (await stays_connection.next_delivery()).ciphertext == b"while a member"

    assert (await groups.remove(moderator, gid, removed.account_id)).change == "removed"
    await sender.send(conversation, b"after removal")
    assert (await stays_connection.next_delivery()).ciphertext == b"after removal"
    await nothing_delivered(removed_connection)
    await refused("unknown_conversation", removed_connection.send(conversation, b"still here?"))
    await refused("unknown_conversation", removed_connection.send(pair.conversation_id, b"psst"))
    await refused("forbidden", groups.group_info(removed, gid))
    await refused("unknown_member", groups.remove(moderator, gid, removed.account_id))

    async with db() as session:
        channels = list(await session.scalars(select(PairChannel).where(PairChannel.group_id == gid)))
        assert [c.conversation_id for c in channels] == [other_pair.conversation_id]
        members = await session.scalars(
            select(ConversationMember.conversation_id).where(ConversationMember.account_id == removed.account_id)
        )
        assert set(members).isdisjoint({conversation, pair.conversation_id})
    # Removed, not banned: a new invite lets them ask again.
    invite = await groups.create_invite(moderator, gid)
    assert (await groups.join(removed, invite.code, "back")).status == "pending"


async def test_membership_events_reach_members_and_the_affected_account(live_crowd):
    moderator, group = await new_group(live_crowd)
    gid, conversation = group.group_id, group.conversation_id
    first = await joined_member(live_crowd, moderator, gid, "first")
    moderator_connection = await live_crowd.connect(moderator)
    first_connection = await live_crowd.connect(first)
    second = await live_crowd.person()
    second_connection = await live_crowd.connect(second)

    invite = await groups.create_invite(moderator, gid)
    await groups.join(second, invite.code, "second")
    assert as_sent(await moderator_connection.next_event("join_requested")) == {
        "type": "event",
        "event": "join_requested",
        "group": gid,
    }

    await groups.approve(moderator, gid, second.account_id)
    expected = {
        "type": "event",
        "event": "membership",
        "group": gid,
        "conversation": conversation,
        "version": 2,
        "change": "joined",
        "account": second.account_id,
    }
    for connection in (moderator_connection, first_connection, second_connection):
        assert as_sent(await connection.next_event("membership")) == expected

    await groups.ban(moderator, gid, first.account_id)
    for connection in (moderator_connection, first_connection, second_connection):
        event = await connection.next_event("membership")
        assert (event.change, event.account, event.version) == ("banned", first.account_id, 3)

    await groups.leave(second, gid)
    for connection in (moderator_connection, second_connection):
        event = await connection.next_event("membership")
        assert (event.change, event.account, event.version) == ("left", second.account_id, 4)
    # The banned member hears of nothing after its ban.
    with pytest.raises(asyncio.TimeoutError):
        await first_connection.next_event("membership", timeout=QUIET)
    # An offline client catches up from the version.
    assert (await groups.group_info(moderator, gid)).membership_version == 4


# --- races ---------------------------------------------------------------------------------------------------
async def test_concurrent_joins_cannot_overspend_an_invite(crowd):
    moderator, group = await new_group(crowd)
    invite = await groups.create_invite(moderator, group.group_id, max_uses=1)
    people = [await crowd.person() for _ in range(6)]
    results = await asyncio.gather(*(groups.join(p, invite.code, "racer") for p in people), return_exceptions=True)
    winners = [r for r in results if isinstance(r, groups.Joined)]
    losers = [r for r in results if isinstance(r, HavenClientError)]
    assert len(winners) == 1 and len(losers) == 5, results
    assert {e.code for e in losers} == {"invite_exhausted"}
    assert len(await groups.pending(moderator, group.group_id)) == 1
    async with crowd.server.db() as session:
        row = await session.get(GroupInvite, invite.invite_id)
        assert row is not None and row.uses == 1


async def test_concurrent_pair_channel_creation_yields_one_channel(crowd):
    moderator, group = await new_group(crowd)
    a = await joined_member(crowd, moderator, group.group_id, "a")
    b = await joined_member(crowd, moderator, group.group_id, "b")
    calls = [groups.pair_channel(a, group.group_id, b.account_id) for _ in range(3)]
    calls += [groups.pair_channel(b, group.group_id, a.account_id) for _ in range(3)]
    channels = await asyncio.gather(*calls)
    assert len({c.conversation_id for c in channels}) == 1
    async with crowd.server.db() as session:
        rows = list(await session.scalars(select(PairChannel).where(PairChannel.group_id == group.group_id)))
        assert len(rows) == 1
        members = await session.scalars(
            select(ConversationMember.account_id).where(ConversationMember.conversation_id == rows[0].conversation_id)
        )
        assert sorted(members) == sorted([a.account_id, b.account_id])


# --- the audit log and what is stored ------------------------------------------------------------------------
async def test_moderator_actions_are_audited(crowd):
    moderator, group = await new_group(crowd)
    gid = group.group_id
    approved = await joined_member(crowd, moderator, gid)
    invite = await groups.create_invite(moderator, gid, max_uses=5)
    rejected, banned = await crowd.person(), await crowd.person()
    await groups.join(rejected, invite.code, "r")
    await groups.join(banned, invite.code, "b")
    await groups.reject(moderator, gid, rejected.account_id)
    await groups.ban(moderator, gid, banned.account_id)
    second = await crowd.staff("moderator")
    await groups.join(second, invite.code, "s")
    await groups.approve(moderator, gid, second.account_id)
    await groups.promote(moderator, gid, second.account_id)
    await groups.remove(second, gid, approved.account_id)
    await groups.update_group(moderator, gid, dm_enabled=True)
    await groups.revoke_invite(moderator, gid, invite.invite_id)

    admin = await crowd.admin()
    records = await admin_api.audit_entries(admin)
    assert verify_chain(records).ok
    seen = {(r.actor, r.action, r.object_id, r.subject) for r in records}
    m, s = moderator.account_id, second.account_id
    assert audit_object(gid, invite.invite_id) == f"{gid}:{invite.invite_id}"
    # The member an action is about is its erasable subject, erased once the membership ended (None); a ban in
    # force and a current membership keep theirs.
    assert {
        (m, "group.create", gid, ""),
        (m, "group.approve", gid, None),
        (m, "group.reject", gid, None),
        (m, "group.ban", gid, banned.account_id),
        (m, "group.approve", gid, s),
        (m, "group.promote", gid, s),
        (s, "group.remove", gid, None),
        (m, "group.update", gid, ""),
        (m, "group.invite.create", audit_object(gid, invite.invite_id), ""),
        (m, "group.invite.revoke", audit_object(gid, invite.invite_id), ""),
    } <= seen
    gone = {approved.account_id, rejected.account_id}
    assert not [r for r in records if r.subject in gone or any(a in r.object_id for a in gone)]


async def test_the_pseudonym_is_stored_only_as_the_members_pseudonym(live_crowd, db, live_server):
    canary = f"Canary{secrets.token_hex(6)}"
    moderator, group = await new_group(live_crowd)
    invite = await groups.create_invite(moderator, group.group_id)
    person = await live_crowd.person()
    await groups.join(person, invite.code, canary)
    await groups.approve(moderator, group.group_id, person.account_id)
    await groups.pair_channel(person, group.group_id, moderator.account_id)
    await groups.remove(moderator, group.group_id, person.account_id)
    invite = await groups.create_invite(moderator, group.group_id)
    await groups.join(person, invite.code, canary)

    places = []
    async with db() as session:
        connection = await session.connection()
        metadata = MetaData()
        await connection.run_sync(metadata.reflect)
        for table in metadata.sorted_tables:
            for row in await connection.execute(select(table)):
                for column, value in row._mapping.items():
                    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                    if canary in text:
                        places.append((table.name, column))
    assert places == [("group_members", "pseudonym")]
    assert canary not in live_server.log_path.read_text(errors="replace")
