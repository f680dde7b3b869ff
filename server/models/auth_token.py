"""Bearer tokens for the HTTP API, kept only as a hash and only until they expire (DESIGN decision 1)."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class AuthToken(Base):
    __tablename__ = "auth_tokens"
    __table_args__ = (Index("ix_auth_tokens_expires_at", "expires_at"),)

    token_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), index=True
    )
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)
