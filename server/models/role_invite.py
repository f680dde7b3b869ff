"""Single-use, expiring invitations to a staff role. Only an HMAC of the code is kept, so a copy of the
database cannot be used to redeem one."""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class RoleInvite(Base):
    __tablename__ = "role_invites"
    __table_args__ = (Index("ix_role_invites_expires_at", "expires_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    issued_by: Mapped[str] = mapped_column(String(32))
    # open | used | revoked
    status: Mapped[str] = mapped_column(String(8), default="open")
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)
