"""Read queries of the relay: what a reconnecting member missed, and the periodic purge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import (
    AuthToken,
    Conversation,
    ConversationMember,
    GroupInvite,
    Message,
    RoleInvite,
    SendReceipt,
    UsedChallenge,
)
from wire.messages import Delivered


@dataclass(frozen=True, slots=True)
class Membership:
    acked_seq: int
    # The conversation's last seq when read: every message up to it was committed by then.
    last_seq: int


async def memberships(session: AsyncSession, account_id: str) -> dict[str, Membership]:
    """Every conversation the account belongs to, with its acknowledged position and the last seq."""
    rows = await session.execute(
        select(ConversationMember.conversation_id, ConversationMember.acked_seq, Conversation.last_seq)
        .join(Conversation, Conversation.id == ConversationMember.conversation_id)
        .where(ConversationMember.account_id == account_id)
    )
    return {conversation: Membership(acked, last) for conversation, acked, last in rows}


async def acked_position(session: AsyncSession, account_id: str, conversation_id: str) -> int | None:
    """The account's acknowledged position in the conversation, or None when it is not a member."""
    return await session.scalar(
        select(ConversationMember.acked_seq).where(
            ConversationMember.account_id == account_id, ConversationMember.conversation_id == conversation_id
        )
    )


async def pending_for(
    session: AsyncSession,
    account_id: str,
    conversation_id: str,
    after_seq: int,
    limit: int,
    up_to: int | None = None,
) -> list[Delivered]:
    # The reader's join position, read in the same statement: nothing at or before it goes out, whatever
    # `after_seq` a client asked for, and a non-member (NULL) gets nothing at all.
    joined = (
        select(ConversationMember.joined_seq)
        .where(ConversationMember.account_id == account_id, ConversationMember.conversation_id == conversation_id)
        .scalar_subquery()
    )
    rows = await session.execute(
        select(
            Message.conversation_id,
            Message.seq,
            Message.sender_id,
            Message.client_msg_id,
            Message.ciphertext,
            Message.server_time_ms,
            Message.commitment,
            Message.franking_tag,
        )
        .where(
            Message.conversation_id == conversation_id,
            Message.seq > after_seq,
            Message.seq > joined,
            Message.seq <= (up_to if up_to is not None else 2**62),
            Message.sender_id != account_id,
        )
        .order_by(Message.seq)
        .limit(limit)
    )
    return [Delivered(*row) for row in rows]


async def purge_expired(session: AsyncSession, now_ms: int) -> dict[str, int]:
    counts = {}
    Expiring = type[Message | SendReceipt | UsedChallenge | AuthToken | RoleInvite | GroupInvite]
    expiring: tuple[tuple[str, Expiring], ...] = (
        ("messages", Message),
        ("receipts", SendReceipt),
        ("challenges", UsedChallenge),
        ("tokens", AuthToken),
        ("role_invites", RoleInvite),
        ("group_invites", GroupInvite),
    )
    for name, model in expiring:
        result = await session.execute(delete(model).where(model.expires_at_ms <= now_ms))
        counts[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return counts
