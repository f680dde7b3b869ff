"""Ciphertext waiting for its recipients; deleted once all acknowledged it or its time-to-live passed."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base, BigIntId


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq"),
        Index("ix_messages_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(32), ForeignKey("conversations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(BigInteger)
    sender_id: Mapped[str] = mapped_column(String(32))
    client_msg_id: Mapped[bytes] = mapped_column(LargeBinary(16))
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    server_time_ms: Mapped[int] = mapped_column(BigInteger)
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)
    # Message franking (crypto/franking.py): the sender's commitment and the server's tag binding it to this
    # ciphertext, conversation and time. Replayed with the message so a recipient can report it later.
    commitment: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    franking_tag: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
