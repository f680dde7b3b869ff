"""Crisis alerts: the server keeps tier, conversation and time beside content it cannot open."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
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
    # The first report's tier, raised only by a report a moderator verified (never by an unverified claim).
    tier: Mapped[int] = mapped_column(Integer)
    # automatic (client-side detection) | manual (a member's report), of the first report
    source: Mapped[str] = mapped_column(String(10))
    # Whose message it is, so an escalation can offer that member a session: only ever the sender a verified
    # report's relay tag named. Cleared if they delete themselves.
    subject_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # open | claimed | escalated | dismissed | resolved
    status: Mapped[str] = mapped_column(String(10))
    claimed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # True once any of its reports verified; False when reports were checked and none did; None before.
    verified: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    dismiss_reason: Mapped[str | None] = mapped_column(String(24), nullable=True)
    reports: Mapped[int] = mapped_column(Integer, default=1)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    updated_ms: Mapped[int] = mapped_column(BigInteger)


class AlertReport(Base):
    """One report about an alert's message, kept as it came: a later report never replaces an earlier one's
    content, so an informer cannot swap a real report for a forged one. Who raised it is not stored, not even in
    `sealed`: version 2 carries the sealer's identity and signature inside the encryption, for the moderators
    alone (crypto/sealed.py; reports stored as version 1 before still name their sealer in the clear)."""

    __tablename__ = "alert_reports"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # Goes with its alert, whatever removes the alert.
    alert_id: Mapped[str] = mapped_column(String(32), ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    # The reporter's claim; it counts for the alert only once this report verified.
    tier: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))
    # crypto.sealed.SealedMessageV2 (domain alert) to the moderators current when it was raised: the alert packet
    # with the content and the franking report (commitment, ciphertext hash, time, relay tag).
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    # None until the claimer checked it; then whether the relay's tag confirmed it.
    verified: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
