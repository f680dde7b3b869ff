"""Refusals of the identity domain: challenges, registration, login, bearer tokens, staff roles and their
invites. Several other domains reuse the challenge and invite rules, which are the same rules there."""

from __future__ import annotations

from server.domain import DomainError
from wire.codes import ApiCode


# --- challenges (registration, login, help requests) -----------------------------------------------------------
class ChallengeNotIssued(DomainError):
    code = ApiCode.CHALLENGE_INVALID
    message = "not a challenge issued by this server"


class ChallengeExpired(DomainError):
    code = ApiCode.CHALLENGE_EXPIRED
    message = "the challenge has expired; fetch a new one"


class ChallengeSpent(DomainError):
    code = ApiCode.CHALLENGE_USED
    message = "this challenge was already spent"


class PowInsufficient(DomainError):
    code = ApiCode.POW_INSUFFICIENT
    message = "the proof of work does not meet the difficulty"


# --- registration ----------------------------------------------------------------------------------------------
class AgreementProofInvalid(DomainError):
    code = ApiCode.PROOF_INVALID
    message = "the agreement-key proof does not verify"


class RegistrationSignatureInvalid(DomainError):
    code = ApiCode.SIGNATURE_INVALID
    message = "the signature does not verify"


class IdentityExists(DomainError):
    code = ApiCode.IDENTITY_EXISTS
    message = "this identity is already registered"


class UnknownIdentity(DomainError):
    code = ApiCode.UNKNOWN_IDENTITY
    message = "no such identity"


# --- login and bearer tokens -----------------------------------------------------------------------------------
class SignedTimeStale(DomainError):
    code = ApiCode.AUTH_STALE
    message = "signed time is too far from the server's clock"


class LoginSignatureInvalid(DomainError):
    code = ApiCode.AUTH_FAILED
    message = "signature does not verify for this account"


class LoginChallengeSpent(DomainError):
    code = ApiCode.CHALLENGE_USED
    message = "this login challenge was already spent"


class BearerTokenMissing(DomainError):
    code = ApiCode.UNAUTHENTICATED
    message = "send Authorization: Bearer <token> (POST /v1/auth/tokens)"


class BearerTokenMalformed(DomainError):
    code = ApiCode.UNAUTHENTICATED
    message = "the token is not valid"


class BearerTokenUnknown(DomainError):
    code = ApiCode.UNAUTHENTICATED
    message = "the token is unknown or expired; log in again"


class TooManyRequests(DomainError):
    """Per identity, never per address (DESIGN decision 8)."""

    code = ApiCode.RATE_LIMITED
    message = "too many requests; slow down"


# --- staff roles and their invites -----------------------------------------------------------------------------
class RoleRequired(DomainError):
    code = ApiCode.FORBIDDEN
    message = "this needs the role {roles}"


class UnknownRole(DomainError):
    code = ApiCode.INVALID_REQUEST
    message = "role: unknown role"


class InviteUnknown(DomainError):
    """A staff or group invite code that matches no open invite."""

    code = ApiCode.INVITE_INVALID
    message = "no such invite, or it was revoked"


class InviteAlreadyUsed(DomainError):
    code = ApiCode.INVITE_USED
    message = "this invite was already used"


class InviteExpired(DomainError):
    code = ApiCode.INVITE_EXPIRED
    message = "this invite has expired"


class NoOpenStaffInvite(DomainError):
    code = ApiCode.INVITE_INVALID
    message = "no open invite with this id"
