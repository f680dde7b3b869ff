"""Refusals of the alerts domain: raising an alert, and each moderator action on one."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


# --- raising an alert ------------------------------------------------------------------------------------------
class AlertRateLimited(DomainError):
    code = ApiCode.RATE_LIMITED
    message = "too many alerts from this identity; retry later"


class TierBelowThreshold(DomainError):
    code = ApiCode.TIER_BELOW_THRESHOLD
    message = "automatic alerts start at the deployment's minimum tier"


class NotConversationMember(DomainError):
    code = ApiCode.FORBIDDEN
    message = "the caller must be a member of the conversation"


class UnknownMessage(DomainError):
    code = ApiCode.UNKNOWN_MESSAGE
    message = "no message with this seq in the conversation yet"


class SealedInvalid(DomainError):
    code = ApiCode.INVALID_SEALED
    message = "sealed: not a well-formed sealed message (version 2, domain alert, 1..64 recipients)"


# --- moderator actions -----------------------------------------------------------------------------------------
class UnknownAlert(DomainError):
    code = ApiCode.UNKNOWN_ALERT
    message = "no alert with this id"


class AlertAlreadyClaimed(DomainError):
    code = ApiCode.ALREADY_CLAIMED
    message = "another moderator holds this alert"


class AlertNotClaimable(DomainError):
    code = ApiCode.INVALID_TRANSITION
    message = "an alert that is {status} cannot be claimed"


class TransitionNotAllowed(DomainError):
    code = ApiCode.INVALID_TRANSITION
    message = "not allowed on an alert that is {status}"


class AlertChangedMeanwhile(DomainError):
    code = ApiCode.INVALID_TRANSITION
    message = "the alert changed meanwhile; read it again"


class NotClaimer(DomainError):
    code = ApiCode.NOT_CLAIMER
    message = "only the moderator who claimed this alert may do this"


class UnknownReport(DomainError):
    code = ApiCode.UNKNOWN_REPORT
    message = "this alert has no report with this id"


class AlertUnverified(DomainError):
    code = ApiCode.UNVERIFIED
    message = "only a verified alert can be escalated: verify its franking report first"


class AlertSubjectDeleted(DomainError):
    code = ApiCode.NO_SUBJECT
    message = "the member this alert is about has deleted their identity"
