"""Refusals of the counseling domain: help requests, offers, sessions, transfers and notes. A spent or
insufficient proof of work is identity's rule (`ChallengeSpent`, `PowInsufficient`), raised here too."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


# --- members' help requests ------------------------------------------------------------------------------------
class UnknownHelpRequest(DomainError):
    code = ApiCode.UNKNOWN_REQUEST
    message = "no such help request"


class ProofOfWorkRequired(DomainError):
    code = ApiCode.POW_REQUIRED
    message = "outside any group a help request needs a proof of work"


class ChallengeForOtherLane(DomainError):
    code = ApiCode.CHALLENGE_INVALID
    message = "this challenge was issued for another topic's lane"


class HelpRateLimited(DomainError):
    code = ApiCode.RATE_LIMITED
    message = "this identity has asked for help too often today"


class RequestAlreadyOpen(DomainError):
    code = ApiCode.REQUEST_OPEN
    message = "you already have an open help request"


class NotRequestOwner(DomainError):
    code = ApiCode.FORBIDDEN
    message = "only the member who asked can cancel a request"


class RequestNotCancellable(DomainError):
    code = ApiCode.REQUEST_NOT_CANCELLABLE
    message = "only a waiting or offered request can be cancelled"


# --- counselors' offers ----------------------------------------------------------------------------------------
class NotAvailable(DomainError):
    code = ApiCode.NOT_AVAILABLE
    message = "set yourself available (PUT /v1/counseling/profile) first"


class AtCapacity(DomainError):
    code = ApiCode.AT_CAPACITY
    message = "you are carrying as many sessions as your profile allows"


class NotOffered(DomainError):
    code = ApiCode.NOT_OFFERED
    message = "this request is not offered to you"


class OfferExpired(DomainError):
    code = ApiCode.OFFER_EXPIRED
    message = "the offer lapsed; the request went back to the queue"


# --- sessions, transfers, notes --------------------------------------------------------------------------------
class UnknownSession(DomainError):
    code = ApiCode.UNKNOWN_SESSION
    message = "no such session"


class NotSessionParticipant(DomainError):
    code = ApiCode.FORBIDDEN
    message = "only the session's member and counselors can see it"


class NotCurrentCounselor(DomainError):
    code = ApiCode.FORBIDDEN
    message = "only the session's current counselor can do this"


class NotSessionCounselor(DomainError):
    code = ApiCode.FORBIDDEN
    message = "only a counselor on the session can read its notes"


class SessionClosed(DomainError):
    code = ApiCode.SESSION_CLOSED
    message = "the session is closed"


class TransferPending(DomainError):
    code = ApiCode.TRANSFER_PENDING
    message = "finish or cancel the warm transfer in progress first"


class CounselorUnavailable(DomainError):
    code = ApiCode.COUNSELOR_UNAVAILABLE
    message = "the target is not an available counselor with capacity"


class NoTransfer(DomainError):
    code = ApiCode.NO_TRANSFER
    message = "no warm transfer is in progress"
