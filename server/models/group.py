"""Peer groups, who is in them, and their invite links."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from server.models.base import Base


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    # The group's own conversation (kind "group"): what members say to all.
    conversation_id: Mapped[str] = mapped_column(String(32), ForeignKey("conversations.id", ondelete="CASCADE"))
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    dm_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    max_members: Mapped[int] = mapped_column(Integer)
    # Bumped on every join, leave, removal and ban, so clients know when to start a new sender-key epoch.
    membership_version: Mapped[int] = mapped_column(BigInteger, default=0)
    created_day: Mapped[int] = mapped_column(BigInteger)


class GroupMember(Base):
    __tablename__ = "group_members"

    group_id: Mapped[str] = mapped_column(String(32), ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    account_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("identities.account_id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # pending | active | banned
    status: Mapped[str] = mapped_column(String(8))
    # member | moderator
    group_role: Mapped[str] = mapped_column(String(12), default="member")
    pseudonym: Mapped[str] = mapped_column(String(40))
    joined_ms: Mapped[int] = mapped_column(BigInteger)


class GroupInvite(Base):
    __tablename__ = "group_invites"
    __table_args__ = (Index("ix_group_invites_expires_at", "expires_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code_hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    group_id: Mapped[str] = mapped_column(String(32), ForeignKey("groups.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    max_uses: Mapped[int] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at_ms: Mapped[int] = mapped_column("expires_at", BigInteger)


class PairChannel(Base):
    """A two-member conversation inside a group: sender-key distributions travel here (and direct messages,
    where the group enables them). One per unordered pair of members per group."""

    __tablename__ = "pair_channels"

    group_id: Mapped[str] = mapped_column(String(32), ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True)
    # The pair in sorted order, so (a, b) and (b, a) are the same channel.
    account_low: Mapped[str] = mapped_column(String(32), primary_key=True)
    account_high: Mapped[str] = mapped_column(String(32), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("conversations.id", ondelete="CASCADE"), unique=True
    )
