"""The rules of peer groups. Each function that changes state is one unit of work: it commits once, at its end,
through `_commit`, which then sends the events (an event announces a committed fact, never a plan). The router
only translates HTTP. `pair_channel` also rolls back, to resolve a race.

Order of checks in every moderator action: the group exists (404 `unknown_group`), the caller may act
(policy.py, 403 `forbidden`), the target exists (404 `unknown_member`), then the rule of the action (409 ...).

Privacy: the pseudonym is the only free text stored, in group_members.pseudonym alone (audit entries name
accounts only in erasable fields, erased when the membership ends; events carry ids, codes and numbers). A
banned row keeps no pseudonym.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from server import clock
from server.audit import log as audit
from server.clock import today
from server.config import Settings
from server.conversations.service import add_member, create_conversation, remove_member
from server.events import notify
from server.groups import exceptions as refused
from server.groups import repository as repo
from server.groups.policy import Action, Standing, authorize
from server.identity.caller import Caller
from server.identity.exceptions import InviteExpired, InviteUnknown
from server.identity.roles import roles_of
from server.invite_codes import code_hash, new_invite
from server.models import Group, GroupInvite, GroupMember, PairChannel
from server.runtime import Runtime
from server.statuses import MemberStatus

_INVITE_DOMAIN = b"haven-group-invite-v1\x00"


@dataclass(frozen=True, slots=True)
class Notice:
    """An event to send once the transaction has committed."""

    recipients: tuple[str, ...]
    event: str
    fields: dict[str, Any] = field(default_factory=dict)


async def _commit(db: AsyncSession, runtime: Runtime | None = None, notices: Sequence[Notice] = ()) -> None:
    """The end of every change here: commit, and only then tell whom it concerns."""
    await db.commit()
    for notice in notices:
        assert runtime is not None
        notify(runtime, notice.recipients, notice.event, **notice.fields)


def invite_code_hash(secret: bytes, code: str) -> bytes:
    """Only this HMAC of a group invite code is stored; its domain differs from role invites'."""
    return code_hash(secret, _INVITE_DOMAIN, code)


def audit_object(group_id: str, other_id: str) -> str:
    """The audit object of an action on an invite of a group: "<group id>:<invite id>". Never an account: an
    action on a member names the group as its object and the member as its erasable subject."""
    return f"{group_id}:{other_id}"


async def _forget_membership(
    db: AsyncSession, group_id: str, account_id: str, except_actions: tuple[str, ...] = ()
) -> None:
    """A membership ended: no audit entry of this group needs to say who it was about any more (DESIGN decision
    11, "membership facts only while they are true"). The entries stay and verify; their subject is erased."""
    await audit.erase_subject(db, account_id, object_id=group_id, except_actions=except_actions)


def _check_max_members(settings: Settings, max_members: int) -> None:
    if max_members > settings.group_max_members:
        raise refused.MaxMembersTooLarge()


async def _load(db: AsyncSession, group_id: str, caller: Caller) -> tuple[Group, Standing, GroupMember | None]:
    group = await repo.get_group(db, group_id)
    if group is None:
        raise refused.UnknownGroup()
    row = await repo.get_member(db, group_id, caller.account_id)
    standing = Standing(caller.roles, row.status if row else None, row.group_role if row else None)
    return group, standing, row


async def _authorized(db: AsyncSession, group_id: str, caller: Caller, action: Action) -> Group:
    group, standing, _row = await _load(db, group_id, caller)
    authorize(action, standing)
    return group


async def _member_in(
    db: AsyncSession, group_id: str, account_id: str, status: MemberStatus, *, fresh: bool = False
) -> GroupMember:
    """The account's row in the group if it is in `status`; a row in any other state is not the member the action
    is about, so it is refused as 404 `unknown_member` like no row at all."""
    row = await repo.get_member(db, group_id, account_id, fresh=fresh)
    if row is None or row.status != status:
        raise refused.UnknownMember()
    return row


async def _membership_notice(db: AsyncSession, group: Group, version: int, change: str, account: str) -> Notice:
    """Every active member after the change, and the account it concerns, start a new sender-key epoch."""
    recipients = (*await repo.active_ids(db, group.id), account)
    fields = {
        "group": group.id,
        "conversation": group.conversation_id,
        "version": version,
        "change": change,
        "account": account,
    }
    return Notice(tuple(dict.fromkeys(recipients)), "membership", fields)


async def _detach(db: AsyncSession, group: Group, account_id: str) -> None:
    """Out of the group conversation and every pair channel of theirs in this group: the relay checks
    membership at each send, so delivery to them stops with this commit."""
    await remove_member(db, group.conversation_id, account_id)
    await repo.delete_pairs_of(db, group.id, account_id)


async def _refuse_last_moderator(db: AsyncSession, group: Group, target: GroupMember) -> None:
    """The last group moderator cannot go while anyone else (active or pending) remains."""
    if target.group_role != "moderator":
        return
    moderators = await repo.group_moderator_ids(db, group.id)
    if [m for m in moderators if m != target.account_id]:
        return
    others = await repo.count_members(db, group.id, (MemberStatus.ACTIVE, MemberStatus.PENDING)) - 1
    if others > 0:
        raise refused.LastGroupModerator()


# --- groups --------------------------------------------------------------------------------------------------
async def create_group(
    runtime: Runtime,
    db: AsyncSession,
    caller: Caller,
    pseudonym: str,
    max_members: int | None,
    dm_enabled: bool,
) -> tuple[str, str]:
    authorize(Action.CREATE, Standing(caller.roles))
    settings = runtime.settings
    size = settings.group_max_members if max_members is None else max_members
    _check_max_members(settings, size)
    conversation_id = await create_conversation(db, "group", [caller.account_id])
    group_id = secrets.token_hex(16)
    db.add(
        Group(
            id=group_id,
            conversation_id=conversation_id,
            created_by=caller.account_id,
            dm_enabled=dm_enabled,
            max_members=size,
            membership_version=0,
            created_day=today(),
        )
    )
    await db.flush()
    db.add(
        GroupMember(
            group_id=group_id,
            account_id=caller.account_id,
            status=MemberStatus.ACTIVE,
            group_role="moderator",
            pseudonym=pseudonym,
            joined_ms=clock.now_ms(),
        )
    )
    await db.flush()
    await audit.append(db, caller.account_id, "group.create", group_id)
    await _commit(db)
    return group_id, conversation_id


async def my_groups(db: AsyncSession, caller: Caller) -> list[GroupMember]:
    return await repo.memberships_of(db, caller.account_id)


async def group_info(db: AsyncSession, caller: Caller, group_id: str) -> tuple[Group, GroupMember, list[GroupMember]]:
    """(group, the caller's row, active members); the member list is empty for a pending caller, who may only
    see its own status."""
    group, standing, row = await _load(db, group_id, caller)
    if row is not None and row.status == MemberStatus.PENDING:
        return group, row, []
    authorize(Action.VIEW, standing)
    assert row is not None
    return group, row, await repo.members_with_status(db, group_id, MemberStatus.ACTIVE)


async def update_group(
    runtime: Runtime,
    db: AsyncSession,
    caller: Caller,
    group_id: str,
    dm_enabled: bool | None,
    max_members: int | None,
) -> Group:
    group = await _authorized(db, group_id, caller, Action.UPDATE)
    if max_members is not None:
        # Lowering it below the current size removes nobody; it only stops further approvals.
        _check_max_members(runtime.settings, max_members)
        group.max_members = max_members
    if dm_enabled is not None:
        group.dm_enabled = dm_enabled
    await db.flush()
    await audit.append(db, caller.account_id, "group.update", group_id)
    fields = {"group": group_id, "dm_enabled": group.dm_enabled, "max_members": group.max_members}
    await _commit(db, runtime, [Notice(tuple(await repo.active_ids(db, group_id)), "group_updated", fields)])
    return group


# --- invites -------------------------------------------------------------------------------------------------
async def create_invite(
    runtime: Runtime,
    db: AsyncSession,
    caller: Caller,
    group_id: str,
    ttl_seconds: int,
    max_uses: int,
) -> tuple[str, str, int]:
    await _authorized(db, group_id, caller, Action.MANAGE_INVITES)
    if ttl_seconds > runtime.settings.group_invite_max_ttl_seconds:
        raise refused.InviteLifetimeTooLong()
    invite = new_invite(runtime.server_secret, _INVITE_DOMAIN, ttl_seconds)
    db.add(
        GroupInvite(
            id=invite.invite_id,
            code_hash=invite.code_hash,
            group_id=group_id,
            created_by=caller.account_id,
            max_uses=max_uses,
            uses=0,
            revoked=False,
            expires_at_ms=invite.expires_at_ms,
        )
    )
    await db.flush()
    await audit.append(db, caller.account_id, "group.invite.create", audit_object(group_id, invite.invite_id))
    await _commit(db)
    return invite.invite_id, invite.code, invite.expires_at_ms


async def list_invites(db: AsyncSession, caller: Caller, group_id: str) -> list[GroupInvite]:
    await _authorized(db, group_id, caller, Action.MANAGE_INVITES)
    return await repo.invites_of(db, group_id)


async def revoke_invite(db: AsyncSession, caller: Caller, group_id: str, invite_id: str) -> None:
    await _authorized(db, group_id, caller, Action.MANAGE_INVITES)
    if not await repo.revoke_invite(db, group_id, invite_id):
        raise refused.NoOpenGroupInvite()
    await audit.append(db, caller.account_id, "group.invite.revoke", audit_object(group_id, invite_id))
    await _commit(db)


# --- joining -------------------------------------------------------------------------------------------------
async def join(runtime: Runtime, db: AsyncSession, caller: Caller, code: str, pseudonym: str) -> str:
    """A pending membership: not in the conversation, so it receives nothing until a moderator approves."""
    invite = await repo.invite_by_hash(db, invite_code_hash(runtime.server_secret, code))
    now_ms = clock.now_ms()
    if invite is None or invite.revoked:
        raise InviteUnknown()
    if invite.expires_at_ms <= now_ms:
        raise InviteExpired()
    if invite.uses >= invite.max_uses:
        raise refused.InviteExhausted()
    group = await repo.get_group(db, invite.group_id)
    if group is None:  # pragma: no cover - invites go with their group (ON DELETE CASCADE)
        raise InviteUnknown()
    existing = await repo.get_member(db, group.id, caller.account_id)
    if existing is not None and existing.status == MemberStatus.BANNED:
        raise refused.BannedFromGroup()
    if existing is not None:
        raise refused.AlreadyMember()
    if await repo.count_members(db, group.id, (MemberStatus.ACTIVE,)) >= group.max_members:
        raise refused.GroupFull()
    if not await repo.spend_invite(db, invite.id, now_ms):
        # Someone else took the last use (or revoked it) between our read and our update.
        raise refused.InviteExhausted()
    db.add(
        GroupMember(
            group_id=group.id,
            account_id=caller.account_id,
            status=MemberStatus.PENDING,
            group_role="member",
            pseudonym=pseudonym,
            joined_ms=now_ms,
        )
    )
    try:
        await db.flush()
    except IntegrityError:
        await db.rollback()
        raise refused.AlreadyMember() from None
    moderators = await repo.group_moderator_ids(db, group.id)
    await _commit(db, runtime, [Notice(tuple(moderators), "join_requested", {"group": group.id})])
    return group.id


async def pending(db: AsyncSession, caller: Caller, group_id: str) -> list[GroupMember]:
    await _authorized(db, group_id, caller, Action.VIEW_PENDING)
    return await repo.members_with_status(db, group_id, MemberStatus.PENDING)


# --- moderator actions on a member -------------------------------------------------------------------------
async def approve(runtime: Runtime, db: AsyncSession, caller: Caller, group_id: str, account_id: str) -> int:
    group = await _authorized(db, group_id, caller, Action.APPROVE)
    version = await repo.lock_and_bump_version(db, group_id)
    target = await _member_in(db, group_id, account_id, MemberStatus.PENDING, fresh=True)
    if await repo.count_members(db, group_id, (MemberStatus.ACTIVE,)) >= group.max_members:
        raise refused.GroupFull()
    target.status = MemberStatus.ACTIVE
    await db.flush()
    # Starts at the conversation's current position: never handed what was said before.
    await add_member(db, group.conversation_id, account_id)
    await audit.append(db, caller.account_id, "group.approve", group_id, subject=account_id)
    await _commit(db, runtime, [await _membership_notice(db, group, version, "joined", account_id)])
    return version


async def reject(db: AsyncSession, caller: Caller, group_id: str, account_id: str) -> None:
    await _authorized(db, group_id, caller, Action.REJECT)
    await _member_in(db, group_id, account_id, MemberStatus.PENDING)
    await repo.delete_member(db, group_id, account_id)
    await audit.append(db, caller.account_id, "group.reject", group_id, subject=account_id)
    await _forget_membership(db, group_id, account_id)
    await _commit(db)


async def remove(runtime: Runtime, db: AsyncSession, caller: Caller, group_id: str, account_id: str) -> int:
    group = await _authorized(db, group_id, caller, Action.REMOVE)
    version = await repo.lock_and_bump_version(db, group_id)
    target = await _member_in(db, group_id, account_id, MemberStatus.ACTIVE, fresh=True)
    await _refuse_last_moderator(db, group, target)
    await repo.delete_member(db, group_id, account_id)
    await _detach(db, group, account_id)
    await audit.append(db, caller.account_id, "group.remove", group_id, subject=account_id)
    await _forget_membership(db, group_id, account_id)
    await _commit(db, runtime, [await _membership_notice(db, group, version, "removed", account_id)])
    return version


async def ban(runtime: Runtime, db: AsyncSession, caller: Caller, group_id: str, account_id: str) -> int:
    """Like remove (or reject, for a pending member), but the row stays as `banned` so they cannot rejoin."""
    group = await _authorized(db, group_id, caller, Action.BAN)
    version = await repo.lock_and_bump_version(db, group_id)
    target = await repo.get_member(db, group_id, account_id, fresh=True)
    if target is None:
        raise refused.UnknownMember()
    if target.status == MemberStatus.BANNED:
        raise refused.AlreadyBanned()
    await _refuse_last_moderator(db, group, target)
    target.status = MemberStatus.BANNED
    target.group_role = "member"
    target.pseudonym = ""  # nothing of theirs is kept beyond what the ban needs
    await db.flush()
    await _detach(db, group, account_id)
    await audit.append(db, caller.account_id, "group.ban", group_id, subject=account_id)
    # The ban is a fact still in force (its row stays): only its own entry keeps naming the account.
    await _forget_membership(db, group_id, account_id, except_actions=("group.ban",))
    await _commit(db, runtime, [await _membership_notice(db, group, version, "banned", account_id)])
    return version


async def leave(runtime: Runtime, db: AsyncSession, caller: Caller, group_id: str) -> int:
    """The caller leaves. A pending caller withdraws its request (no epoch: the active set is unchanged). The
    last member out takes the group with it: nobody is left to moderate or read it."""
    group, _standing, row = await _load(db, group_id, caller)
    if row is None:
        raise refused.UnknownMember()
    if row.status == MemberStatus.BANNED:
        raise refused.BanCannotBeLeft()
    if row.status == MemberStatus.PENDING:
        await repo.delete_member(db, group_id, caller.account_id)
        await _forget_membership(db, group_id, caller.account_id)
        await _commit(db)
        return group.membership_version
    version = await repo.lock_and_bump_version(db, group_id)
    row = await _member_in(db, group_id, caller.account_id, MemberStatus.ACTIVE, fresh=True)
    await _refuse_last_moderator(db, group, row)
    await repo.delete_member(db, group_id, caller.account_id)
    await _detach(db, group, caller.account_id)
    await _forget_membership(db, group_id, caller.account_id)
    if await repo.count_members(db, group_id, (MemberStatus.ACTIVE, MemberStatus.PENDING)) == 0:
        await repo.delete_group(db, group_id)
        await repo.delete_conversations(db, [group.conversation_id])
        await _commit(db)
        return version
    await _commit(db, runtime, [await _membership_notice(db, group, version, "left", caller.account_id)])
    return version


async def promote(db: AsyncSession, caller: Caller, group_id: str, account_id: str) -> None:
    await _authorized(db, group_id, caller, Action.PROMOTE)
    target = await _member_in(db, group_id, account_id, MemberStatus.ACTIVE)
    if "moderator" not in await roles_of(db, account_id):
        raise refused.NotStaffModerator()
    target.group_role = "moderator"
    await db.flush()
    await audit.append(db, caller.account_id, "group.promote", group_id, subject=account_id)
    await _commit(db)


# --- pair channels -------------------------------------------------------------------------------------------
async def pair_channel(db: AsyncSession, caller: Caller, group_id: str, peer: str) -> tuple[str, bool]:
    """(conversation id, dm_enabled) of the caller's pair channel with `peer`, made on first use. Commits.

    Two first uses at once: the loser's insert hits the primary key, rolls back and reads the winner's."""
    group = await _authorized(db, group_id, caller, Action.PAIR)
    dm_enabled = group.dm_enabled
    if peer == caller.account_id:
        raise refused.PairNeedsTwoMembers()
    await _member_in(db, group_id, peer, MemberStatus.ACTIVE)
    existing = await repo.get_pair(db, group_id, caller.account_id, peer)
    if existing is not None:
        return existing.conversation_id, dm_enabled
    low, high = repo.pair_key(caller.account_id, peer)
    try:
        conversation_id = await create_conversation(db, "direct", [low, high])
        db.add(PairChannel(group_id=group_id, account_low=low, account_high=high, conversation_id=conversation_id))
        await _commit(db)
    except IntegrityError:
        await db.rollback()
        existing = await repo.get_pair(db, group_id, caller.account_id, peer)
        if existing is None:
            raise
        return existing.conversation_id, dm_enabled
    return conversation_id, dm_enabled


async def pair_channels(db: AsyncSession, caller: Caller, group_id: str) -> list[tuple[str, str]]:
    """(peer, conversation id) for each of the caller's pair channels in the group."""
    await _authorized(db, group_id, caller, Action.PAIR)
    pairs = await repo.pairs_of(db, group_id, caller.account_id)
    return [
        (pair.account_high if pair.account_low == caller.account_id else pair.account_low, pair.conversation_id)
        for pair in pairs
    ]
