"""Crisis alerts: the server keeps tier, conversation and time beside content it cannot open."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        # One alert per message, however many clients (sender, recipients, a manual report) raise it.
        UniqueConstraint("conversation_id", "seq"),
        Index("ix_alerts_status_tier", "status", "tier", "created_ms"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    tier: Mapped[int] = mapped_column(Integer)
    # automatic (client-side detection) | manual (a member's report)
    source: Mapped[str] = mapped_column(String(10))
    # Whose message it is, so an escalation can offer that member a session. Cleared if they delete themselves.
    subject_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # crypto.sealed.SealedMessage to the moderators current when it was raised; more copies as others report.
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # open | claimed | escalated | dismissed | resolved
    status: Mapped[str] = mapped_column(String(10))
    claimed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    verified: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    dismiss_reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    reports: Mapped[int] = mapped_column(Integer, default=1)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    updated_ms: Mapped[int] = mapped_column(BigInteger)
