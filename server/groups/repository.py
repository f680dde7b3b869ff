"""Queries on groups, members, invites and pair channels. No rules here: service.py decides."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Conversation, Group, GroupInvite, GroupMember, PairChannel
from server.statuses import MemberStatus


def _rowcount(result: Any) -> int:
    return int(result.rowcount)


async def get_group(db: AsyncSession, group_id: str) -> Group | None:
    return await db.get(Group, group_id)


async def get_member(db: AsyncSession, group_id: str, account_id: str, *, fresh: bool = False) -> GroupMember | None:
    """`fresh` re-reads the row even if this session already holds it (after taking the group's lock)."""
    return await db.get(GroupMember, (group_id, account_id), populate_existing=fresh)


async def lock_and_bump_version(db: AsyncSession, group_id: str) -> int:
    """Bump membership_version and return the new value. The UPDATE is the first write of the transaction, so
    it also serialises every membership change of this group (a row lock on PostgreSQL, the write lock on
    SQLite): counts read after it are current, and two approvals cannot both pass the size check."""
    result = await db.execute(
        update(Group)
        .where(Group.id == group_id)
        .values(membership_version=Group.membership_version + 1)
        .returning(Group.membership_version)
        .execution_options(synchronize_session=False)
    )
    return int(result.scalar_one())


async def memberships_of(db: AsyncSession, account_id: str) -> list[GroupMember]:
    rows = await db.scalars(
        select(GroupMember)
        .where(
            GroupMember.account_id == account_id, GroupMember.status.in_((MemberStatus.PENDING, MemberStatus.ACTIVE))
        )
        .order_by(GroupMember.group_id)
    )
    return list(rows)


async def members_with_status(db: AsyncSession, group_id: str, status: str) -> list[GroupMember]:
    rows = await db.scalars(
        select(GroupMember)
        .where(GroupMember.group_id == group_id, GroupMember.status == status)
        .order_by(GroupMember.joined_ms, GroupMember.account_id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def active_ids(db: AsyncSession, group_id: str) -> list[str]:
    rows = await db.scalars(
        select(GroupMember.account_id)
        .where(GroupMember.group_id == group_id, GroupMember.status == MemberStatus.ACTIVE)
        .order_by(GroupMember.account_id)
    )
    return list(rows)


async def count_members(db: AsyncSession, group_id: str, statuses: tuple[str, ...]) -> int:
    count = await db.scalar(
        select(func.count())
        .select_from(GroupMember)
        .where(GroupMember.group_id == group_id, GroupMember.status.in_(statuses))
    )
    return int(count or 0)


async def group_moderator_ids(db: AsyncSession, group_id: str) -> list[str]:
    rows = await db.scalars(
        select(GroupMember.account_id).where(
            GroupMember.group_id == group_id,
            GroupMember.status == MemberStatus.ACTIVE,
            GroupMember.group_role == "moderator",
        )
    )
    return list(rows)


async def delete_member(db: AsyncSession, group_id: str, account_id: str) -> None:
    await db.execute(
        delete(GroupMember)
        .where(GroupMember.group_id == group_id, GroupMember.account_id == account_id)
        .execution_options(synchronize_session=False)
    )


# --- invites -------------------------------------------------------------------------------------------------
async def invite_by_hash(db: AsyncSession, code_hash: bytes) -> GroupInvite | None:
    return await db.scalar(select(GroupInvite).where(GroupInvite.code_hash == code_hash))


async def invites_of(db: AsyncSession, group_id: str) -> list[GroupInvite]:
    rows = await db.scalars(
        select(GroupInvite).where(GroupInvite.group_id == group_id).order_by(GroupInvite.expires_at_ms)
    )
    return list(rows)


async def spend_invite(db: AsyncSession, invite_id: str, now_ms: int) -> bool:
    """Count one use, only while the invite is still open: a conditional UPDATE, so concurrent joins on the
    last use cannot both pass (the row is re-checked under its lock)."""
    result = await db.execute(
        update(GroupInvite)
        .where(
            GroupInvite.id == invite_id,
            GroupInvite.uses < GroupInvite.max_uses,
            GroupInvite.revoked.is_(False),
            GroupInvite.expires_at_ms > now_ms,
        )
        .values(uses=GroupInvite.uses + 1)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


async def revoke_invite(db: AsyncSession, group_id: str, invite_id: str) -> bool:
    result = await db.execute(
        update(GroupInvite)
        .where(GroupInvite.id == invite_id, GroupInvite.group_id == group_id, GroupInvite.revoked.is_(False))
        .values(revoked=True)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result) == 1


# --- pair channels -------------------------------------------------------------------------------------------
def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


async def get_pair(db: AsyncSession, group_id: str, a: str, b: str) -> PairChannel | None:
    low, high = pair_key(a, b)
    return await db.get(PairChannel, (group_id, low, high), populate_existing=True)


async def pairs_of(db: AsyncSession, group_id: str, account_id: str) -> list[PairChannel]:
    rows = await db.scalars(
        select(PairChannel)
        .where(
            PairChannel.group_id == group_id,
            or_(PairChannel.account_low == account_id, PairChannel.account_high == account_id),
        )
        .order_by(PairChannel.conversation_id)
    )
    return list(rows)


async def delete_pairs_of(db: AsyncSession, group_id: str, account_id: str) -> list[str]:
    """Delete the account's pair channels in the group and their conversations (messages and members go with
    them by ON DELETE CASCADE); the deleted conversation ids."""
    conversations = [pair.conversation_id for pair in await pairs_of(db, group_id, account_id)]
    if conversations:
        await db.execute(
            delete(PairChannel)
            .where(PairChannel.conversation_id.in_(conversations))
            .execution_options(synchronize_session=False)
        )
        await delete_conversations(db, conversations)
    return conversations


async def delete_conversations(db: AsyncSession, conversation_ids: list[str]) -> None:
    await db.execute(
        delete(Conversation).where(Conversation.id.in_(conversation_ids)).execution_options(synchronize_session=False)
    )


async def delete_group(db: AsyncSession, group_id: str) -> None:
    await db.execute(delete(Group).where(Group.id == group_id).execution_options(synchronize_session=False))
