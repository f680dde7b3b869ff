"""A conversation is an ordered stream of ciphertexts between its members."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    # The last sequence number handed out; the next message gets last_seq + 1.
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_day: Mapped[int] = mapped_column(BigInteger)
