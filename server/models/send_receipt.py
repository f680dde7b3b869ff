"""What the sender was told about a message, kept for the dedupe window so a resend gets the same answer.

It outlives the ciphertext on purpose: a message may be delivered and deleted before the sender's retry.
The key is an HMAC of (sender, client message id) under the server secret, so the table does not say who
sent what once the message itself is gone.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class SendReceipt(Base):
    __tablename__ = "send_receipts"
    __table_args__ = (Index("ix_send_receipts_expires_at", "expires_at"),)

    dedupe_key: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    server_time_ms: Mapped[int] = mapped_column(BigInteger)
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)
