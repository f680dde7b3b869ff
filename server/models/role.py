"""Who holds a staff role. A member has no row here: membership is the default."""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base

ROLES = ("admin", "moderator", "counselor")


class Role(Base):
    __tablename__ = "roles"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)
    granted_ms: Mapped[int] = mapped_column(BigInteger)
