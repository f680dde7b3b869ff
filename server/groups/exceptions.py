"""Refusals of the groups domain. A group invite that matches nothing or has expired is identity's rule for any
invite (`InviteUnknown`, `InviteExpired`), raised here too."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


class ActionNotPermitted(DomainError):
    """policy.ALLOWED grants none of the caller's standing for the action."""

    code = ApiCode.FORBIDDEN
    message = "{action}: not permitted for this caller in this group"


class UnknownGroup(DomainError):
    code = ApiCode.UNKNOWN_GROUP
    message = "no such group"


class UnknownMember(DomainError):
    code = ApiCode.UNKNOWN_MEMBER
    message = "no such member in this group"


class MaxMembersTooLarge(DomainError):
    code = ApiCode.INVALID_REQUEST
    message = "max_members: above the deployment's largest group size"


class InviteLifetimeTooLong(DomainError):
    code = ApiCode.INVALID_REQUEST
    message = "ttl_seconds: above the deployment's longest invite lifetime"


class NoOpenGroupInvite(DomainError):
    code = ApiCode.INVITE_INVALID
    message = "no open invite with this id in this group"


class InviteExhausted(DomainError):
    code = ApiCode.INVITE_EXHAUSTED
    message = "this invite has been used as often as it allows"


class BannedFromGroup(DomainError):
    code = ApiCode.BANNED
    message = "you cannot join this group"


class BanCannotBeLeft(DomainError):
    code = ApiCode.BANNED
    message = "a ban cannot be left"


class AlreadyMember(DomainError):
    code = ApiCode.ALREADY_MEMBER
    message = "you already belong to this group or asked to"


class GroupFull(DomainError):
    code = ApiCode.GROUP_FULL
    message = "this group has as many members as it allows"


class AlreadyBanned(DomainError):
    code = ApiCode.ALREADY_BANNED
    message = "this account is already banned from this group"


class LastGroupModerator(DomainError):
    code = ApiCode.LAST_MODERATOR
    message = "the last group moderator cannot leave while members remain"


class NotStaffModerator(DomainError):
    code = ApiCode.NOT_STAFF_MODERATOR
    message = "only a holder of the staff role moderator can moderate"


class PairNeedsTwoMembers(DomainError):
    code = ApiCode.INVALID_REQUEST
    message = "peer: a pair channel needs two different members"
