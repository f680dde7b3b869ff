"""The states of the server's stateful rows, one enum per column, shared by every domain that reads them.

Each value is exactly the string stored in the `status` column (no migration: the columns stay `String`), and a
`StrEnum` member equals its string, so rows read back from the database compare equal to the members. This module
imports nothing from the server, so identity, groups, counseling and alerts can all use it without an import cycle.
"""

from __future__ import annotations

from enum import StrEnum


class HelpRequestStatus(StrEnum):
    """`help_requests.status` (docs/counseling.md): waiting → offered → active → closed."""

    WAITING = "waiting"
    OFFERED = "offered"
    ACTIVE = "active"
    CLOSED = "closed"
    # No longer written (a cancelled request is deleted at once, security issue 10 item 3); the purge still clears
    # rows an older version left in this state.
    CANCELLED = "cancelled"


class SessionStatus(StrEnum):
    """`counseling_sessions.status`."""

    ACTIVE = "active"
    CLOSED = "closed"


class AlertStatus(StrEnum):
    """`alerts.status` (docs/alerts.md): open → claimed → escalated | dismissed | resolved."""

    OPEN = "open"
    CLAIMED = "claimed"
    ESCALATED = "escalated"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


class MemberStatus(StrEnum):
    """`group_members.status` (docs/groups.md)."""

    PENDING = "pending"
    ACTIVE = "active"
    BANNED = "banned"


class InviteStatus(StrEnum):
    """`role_invites.status`: a staff invite is open until redeemed (used) or revoked."""

    OPEN = "open"
    USED = "used"
    REVOKED = "revoked"
