"""Counselors' availability, help requests waiting in the queue, and one-to-one counseling sessions."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class CounselorProfile(Base):
    __tablename__ = "counselor_profiles"

    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True
    )
    available: Mapped[bool] = mapped_column(Boolean, default=False)
    # Comma-separated language codes ("en,my").
    languages: Mapped[str] = mapped_column(String(64), default="")
    max_sessions: Mapped[int] = mapped_column(Integer, default=3)


class HelpRequest(Base):
    __tablename__ = "help_requests"
    __table_args__ = (
        Index("ix_help_requests_status_priority", "status", "priority", "created_ms"),
        # A member has at most one open request; the database says so, so two concurrent asks cannot both pass.
        Index(
            "uq_help_requests_open_member",
            "member_id",
            unique=True,
            sqlite_where=text("status IN ('waiting', 'offered', 'active')"),
            postgresql_where=text("status IN ('waiting', 'offered', 'active')"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    member_id: Mapped[str] = mapped_column(String(32), ForeignKey("identities.account_id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    # A code from a fixed list, never free text.
    topic: Mapped[str | None] = mapped_column(String(24), nullable=True)
    # 0 for a member's own request; the alert tier for an escalated crisis, which is served first.
    priority: Mapped[int] = mapped_column(Integer, default=0)
    alert_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # waiting | offered | active | closed | cancelled
    status: Mapped[str] = mapped_column(String(10))
    offered_to: Mapped[str | None] = mapped_column(String(32), nullable=True)
    offer_expires_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # Counselors who declined or let the offer lapse, comma-separated: not offered to them again.
    passed_by: Mapped[str] = mapped_column(String(1024), default="")
    created_ms: Mapped[int] = mapped_column(BigInteger)
    accepted_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CounselingSession(Base):
    __tablename__ = "counseling_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(32), ForeignKey("help_requests.id", ondelete="CASCADE"))
    # Cleared when the session closes: its conversation (and every ciphertext in it) is deleted then, while the
    # closed session stays for aggregate figures.
    conversation_id: Mapped[str | None] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="SET NULL"), nullable=True
    )
    member_id: Mapped[str] = mapped_column(String(32), ForeignKey("identities.account_id", ondelete="CASCADE"))
    counselor_id: Mapped[str] = mapped_column(String(32), index=True)
    # active | closed
    status: Mapped[str] = mapped_column(String(8))
    # A warm transfer in progress: the receiving counselor, already in the conversation.
    transfer_to: Mapped[str | None] = mapped_column(String(32), nullable=True)
    # A wrap-up outcome code from a fixed list, for aggregate figures only.
    outcome: Mapped[str | None] = mapped_column(String(24), nullable=True)
    created_ms: Mapped[int] = mapped_column(BigInteger)
    closed_ms: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class SessionNote(Base):
    """A counselor's notes on a session, sealed (crypto.sealed) to one counselor; the server cannot read them."""

    __tablename__ = "session_notes"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("counseling_sessions.id", ondelete="CASCADE"), index=True
    )
    recipient_id: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(32))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_ms: Mapped[int] = mapped_column(BigInteger)
