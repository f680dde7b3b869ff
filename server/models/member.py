"""Who belongs to a conversation, and how far each member has acknowledged it."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class ConversationMember(Base):
    __tablename__ = "conversation_members"

    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Cumulative: the member holds every message of this conversation with seq <= acked_seq. Set to the
    # conversation's last_seq on joining, so a newcomer is never handed what was sent before it joined.
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    # The conversation's last_seq when the member was added; never changes. Every read of stored messages is
    # bounded by it, whatever position a client asks to resume from (`resume` with 0 once handed a newcomer the
    # whole backlog; security issue 10, item 2). 0 for the members a conversation is created with.
    joined_seq: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
