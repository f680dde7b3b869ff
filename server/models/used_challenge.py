"""Registration challenges already spent, kept until they would have expired anyway (replay guard)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class UsedChallenge(Base):
    __tablename__ = "used_challenges"
    __table_args__ = (Index("ix_used_challenges_expires_at", "expires_at"),)

    nonce: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)
