"""Read queries of the relay: what a reconnecting member missed, and the periodic purge."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import ConversationMember, Message, SendReceipt, UsedChallenge


@dataclass(frozen=True, slots=True)
class StoredMessage:
    conversation: str
    seq: int
    sender: str
    client_id: bytes
    ciphertext: bytes
    server_time_ms: int


async def memberships(session: AsyncSession, account_id: str) -> dict[str, int]:
    """conversation id -> acknowledged position, for every conversation the account belongs to."""
    rows = await session.execute(
        select(ConversationMember.conversation_id, ConversationMember.acked_seq).where(
            ConversationMember.account_id == account_id
        )
    )
    return dict(rows.tuples().all())


async def pending_for(
    session: AsyncSession, account_id: str, conversation_id: str, after_seq: int, limit: int
) -> list[StoredMessage]:
    rows = await session.execute(
        select(
            Message.conversation_id,
            Message.seq,
            Message.sender_id,
            Message.client_msg_id,
            Message.ciphertext,
            Message.server_time_ms,
        )
        .where(
            Message.conversation_id == conversation_id,
            Message.seq > after_seq,
            Message.sender_id != account_id,
        )
        .order_by(Message.seq)
        .limit(limit)
    )
    return [StoredMessage(*row) for row in rows.tuples()]


async def purge_expired(session: AsyncSession, now_ms: int) -> dict[str, int]:
    counts = {}
    for name, model in (("messages", Message), ("receipts", SendReceipt), ("challenges", UsedChallenge)):
        result = await session.execute(delete(model).where(model.expires_at_ms <= now_ms))
        counts[name] = int(result.rowcount or 0)  # type: ignore[attr-defined]
    return counts
