"""Who may do what to a group: one table, so a role × action matrix test can walk it.

A caller's `Standing` towards a group combines its staff roles (deployment-wide) with its membership row in
this group (status and group role). Each action lists the grants that permit it; a caller holding none of them
is refused with 403 `forbidden`. The table only answers "is this kind of caller allowed at all"; the rules about
the *target* (unknown member, last moderator, group full ...) live in service.py and come after it.

Group-moderator powers need two things: the group role "moderator" on an ACTIVE membership, and a staff role
(moderator or admin) still held now — so revoking someone's staff role also ends their moderation of every
group, without touching each group. Staff roles alone confer nothing inside a group (an admin or a staff
moderator who does not moderate THIS group cannot approve or remove there), except that an admin may change a
group's settings and appoint its moderators, which is how an orphaned group gets a moderator again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from server.groups.exceptions import ActionNotPermitted
from server.statuses import MemberStatus


class Action(StrEnum):
    CREATE = "create"
    VIEW = "view"
    UPDATE = "update"
    PROMOTE = "promote"
    MANAGE_INVITES = "manage_invites"
    VIEW_PENDING = "view_pending"
    APPROVE = "approve"
    REJECT = "reject"
    REMOVE = "remove"
    BAN = "ban"
    PAIR = "pair"


class Grant(StrEnum):
    """What a caller can be, towards one group."""

    STAFF_ADMIN = "staff_admin"
    STAFF_MODERATOR = "staff_moderator"
    ACTIVE_MEMBER = "active_member"
    GROUP_MODERATOR = "group_moderator"


ALLOWED: dict[Action, frozenset[Grant]] = {
    Action.CREATE: frozenset({Grant.STAFF_MODERATOR, Grant.STAFF_ADMIN}),
    Action.VIEW: frozenset({Grant.ACTIVE_MEMBER}),
    Action.UPDATE: frozenset({Grant.GROUP_MODERATOR, Grant.STAFF_ADMIN}),
    Action.PROMOTE: frozenset({Grant.GROUP_MODERATOR, Grant.STAFF_ADMIN}),
    Action.MANAGE_INVITES: frozenset({Grant.GROUP_MODERATOR}),
    Action.VIEW_PENDING: frozenset({Grant.GROUP_MODERATOR}),
    Action.APPROVE: frozenset({Grant.GROUP_MODERATOR}),
    Action.REJECT: frozenset({Grant.GROUP_MODERATOR}),
    Action.REMOVE: frozenset({Grant.GROUP_MODERATOR}),
    Action.BAN: frozenset({Grant.GROUP_MODERATOR}),
    Action.PAIR: frozenset({Grant.ACTIVE_MEMBER}),
}

# Staff roles that keep a group-moderator membership effective.
MODERATING_STAFF_ROLES = frozenset({"moderator", "admin"})


@dataclass(frozen=True, slots=True)
class Standing:
    staff_roles: frozenset[str]
    # None: no row in this group; else "pending" | "active" | "banned".
    status: str | None = None
    group_role: str | None = None

    @property
    def grants(self) -> frozenset[Grant]:
        held: set[Grant] = set()
        if "admin" in self.staff_roles:
            held.add(Grant.STAFF_ADMIN)
        if "moderator" in self.staff_roles:
            held.add(Grant.STAFF_MODERATOR)
        if self.status == MemberStatus.ACTIVE:
            held.add(Grant.ACTIVE_MEMBER)
            if self.group_role == "moderator" and self.staff_roles & MODERATING_STAFF_ROLES:
                held.add(Grant.GROUP_MODERATOR)
        return frozenset(held)

    @property
    def is_group_moderator(self) -> bool:
        return Grant.GROUP_MODERATOR in self.grants


def permits(action: Action, standing: Standing) -> bool:
    return bool(ALLOWED[action] & standing.grants)


def authorize(action: Action, standing: Standing) -> None:
    """Refuse with 403 `forbidden` unless `standing` permits `action`."""
    if not permits(action, standing):
        raise ActionNotPermitted(action=action)
