"""Stable, machine-readable refusal codes of both transports: `ErrorCode` in websocket error frames, `ApiCode`
in HTTP error bodies. docs/protocol.md lists each with its meaning; never rename one."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    MALFORMED_JSON = "malformed_json"
    INVALID_FRAME = "invalid_frame"
    UNKNOWN_TYPE = "unknown_type"
    FRAME_TOO_LARGE = "frame_too_large"
    BINARY_NOT_SUPPORTED = "binary_not_supported"
    BAD_BASE64 = "bad_base64"
    BAD_LENGTH = "bad_length"
    NOT_AUTHENTICATED = "not_authenticated"
    ALREADY_AUTHENTICATED = "already_authenticated"
    AUTH_FAILED = "auth_failed"
    AUTH_STALE = "auth_stale"
    AUTH_TIMEOUT = "auth_timeout"
    UNKNOWN_CONVERSATION = "unknown_conversation"
    ACK_OUT_OF_RANGE = "ack_out_of_range"
    RATE_LIMITED = "rate_limited"
    SLOW_CONSUMER = "slow_consumer"
    TOO_MANY_CONNECTIONS = "too_many_connections"
    SHUTTING_DOWN = "shutting_down"
    INTERNAL_ERROR = "internal_error"


# Websocket close codes (4000-4999 is the application range of RFC 6455 §7.4.2).
CLOSE_AUTH_FAILED = 4001
CLOSE_AUTH_TIMEOUT = 4002
CLOSE_POLICY = 4008
CLOSE_SLOW_CONSUMER = 4009
CLOSE_TOO_MANY_CONNECTIONS = 4010
CLOSE_SHUTTING_DOWN = 1001


class ApiCode(StrEnum):
    """Every code an HTTP refusal can carry, the HTTP counterpart of the websocket `ErrorCode`
    (wire/codes.py). docs/protocol.md §1.7 lists each with its status and meaning, and
    tests/server/test_codes.py holds the server to this enum and the document to the server. Never rename one:
    clients match on them."""

    # Before any endpoint runs (the router, body validation).
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INVALID_REQUEST = "invalid_request"
    BAD_BASE64 = "bad_base64"
    BAD_LENGTH = "bad_length"
    HTTP_ERROR = "http_error"
    # Authentication and permission.
    UNAUTHENTICATED = "unauthenticated"
    AUTH_FAILED = "auth_failed"
    AUTH_STALE = "auth_stale"
    FORBIDDEN = "forbidden"
    RATE_LIMITED = "rate_limited"
    # Challenges and proofs (registration, login, help requests outside a group).
    CHALLENGE_INVALID = "challenge_invalid"
    CHALLENGE_EXPIRED = "challenge_expired"
    CHALLENGE_USED = "challenge_used"
    POW_REQUIRED = "pow_required"
    POW_INSUFFICIENT = "pow_insufficient"
    PROOF_INVALID = "proof_invalid"
    SIGNATURE_INVALID = "signature_invalid"
    # Identities and prekeys.
    IDENTITY_EXISTS = "identity_exists"
    UNKNOWN_IDENTITY = "unknown_identity"
    LAST_ADMIN = "last_admin"
    PREKEY_INVALID = "prekey_invalid"
    PREKEY_EXISTS = "prekey_exists"
    TOO_MANY_PREKEYS = "too_many_prekeys"
    PREKEY_FETCH_LIMITED = "prekey_fetch_limited"
    NO_PREKEYS = "no_prekeys"
    # Staff roles and invites.
    BOOTSTRAP_INVALID = "bootstrap_invalid"
    ALREADY_INITIALIZED = "already_initialized"
    NO_SUCH_ROLE = "no_such_role"
    INVITE_INVALID = "invite_invalid"
    INVITE_USED = "invite_used"
    INVITE_EXPIRED = "invite_expired"
    INVITE_EXHAUSTED = "invite_exhausted"
    # Groups.
    UNKNOWN_GROUP = "unknown_group"
    UNKNOWN_MEMBER = "unknown_member"
    ALREADY_MEMBER = "already_member"
    GROUP_FULL = "group_full"
    # The caller is banned from the group (join, leave): 403.
    BANNED = "banned"
    # The target of a ban is banned already: 409. Until 2026.12 this was `banned` too, with a different status.
    ALREADY_BANNED = "already_banned"
    LAST_MODERATOR = "last_moderator"
    NOT_STAFF_MODERATOR = "not_staff_moderator"
    # Counseling.
    UNKNOWN_REQUEST = "unknown_request"
    UNKNOWN_SESSION = "unknown_session"
    REQUEST_OPEN = "request_open"
    REQUEST_NOT_CANCELLABLE = "request_not_cancellable"
    NOT_AVAILABLE = "not_available"
    AT_CAPACITY = "at_capacity"
    NOT_OFFERED = "not_offered"
    OFFER_EXPIRED = "offer_expired"
    SESSION_CLOSED = "session_closed"
    TRANSFER_PENDING = "transfer_pending"
    COUNSELOR_UNAVAILABLE = "counselor_unavailable"
    NO_TRANSFER = "no_transfer"
    # Alerts.
    TIER_BELOW_THRESHOLD = "tier_below_threshold"
    UNKNOWN_MESSAGE = "unknown_message"
    INVALID_SEALED = "invalid_sealed"
    UNKNOWN_ALERT = "unknown_alert"
    ALREADY_CLAIMED = "already_claimed"
    INVALID_TRANSITION = "invalid_transition"
    NOT_CLAIMER = "not_claimer"
    # Escalation needs a report whose relay tag the server confirmed: nobody is queued on an unverified claim.
    UNVERIFIED = "unverified"
    NO_SUBJECT = "no_subject"
    # Verify: the alert has no report with this id.
    UNKNOWN_REPORT = "unknown_report"


# The one status of each code: a client may branch on either and they never disagree. `http_error` alone has
# none, since it relays whatever status Starlette raised that Haven does not name (none today).
HTTP_STATUS: dict[ApiCode, int] = {
    ApiCode.NOT_FOUND: 404,
    ApiCode.METHOD_NOT_ALLOWED: 405,
    ApiCode.INVALID_REQUEST: 422,
    ApiCode.BAD_BASE64: 422,
    ApiCode.BAD_LENGTH: 422,
    ApiCode.UNAUTHENTICATED: 401,
    ApiCode.AUTH_FAILED: 401,
    ApiCode.AUTH_STALE: 401,
    ApiCode.FORBIDDEN: 403,
    ApiCode.RATE_LIMITED: 429,
    ApiCode.CHALLENGE_INVALID: 400,
    ApiCode.CHALLENGE_EXPIRED: 400,
    ApiCode.CHALLENGE_USED: 409,
    ApiCode.POW_REQUIRED: 400,
    ApiCode.POW_INSUFFICIENT: 400,
    ApiCode.PROOF_INVALID: 400,
    ApiCode.SIGNATURE_INVALID: 400,
    ApiCode.IDENTITY_EXISTS: 409,
    ApiCode.UNKNOWN_IDENTITY: 404,
    ApiCode.LAST_ADMIN: 409,
    ApiCode.PREKEY_INVALID: 400,
    ApiCode.PREKEY_EXISTS: 409,
    ApiCode.TOO_MANY_PREKEYS: 413,
    ApiCode.PREKEY_FETCH_LIMITED: 429,
    ApiCode.NO_PREKEYS: 404,
    ApiCode.BOOTSTRAP_INVALID: 403,
    ApiCode.ALREADY_INITIALIZED: 409,
    ApiCode.NO_SUCH_ROLE: 404,
    ApiCode.INVITE_INVALID: 404,
    ApiCode.INVITE_USED: 409,
    ApiCode.INVITE_EXPIRED: 410,
    ApiCode.INVITE_EXHAUSTED: 409,
    ApiCode.UNKNOWN_GROUP: 404,
    ApiCode.UNKNOWN_MEMBER: 404,
    ApiCode.ALREADY_MEMBER: 409,
    ApiCode.GROUP_FULL: 409,
    ApiCode.BANNED: 403,
    ApiCode.ALREADY_BANNED: 409,
    ApiCode.LAST_MODERATOR: 409,
    ApiCode.NOT_STAFF_MODERATOR: 409,
    ApiCode.UNKNOWN_REQUEST: 404,
    ApiCode.UNKNOWN_SESSION: 404,
    ApiCode.REQUEST_OPEN: 409,
    ApiCode.REQUEST_NOT_CANCELLABLE: 409,
    ApiCode.NOT_AVAILABLE: 409,
    ApiCode.AT_CAPACITY: 409,
    ApiCode.NOT_OFFERED: 409,
    ApiCode.OFFER_EXPIRED: 409,
    ApiCode.SESSION_CLOSED: 409,
    ApiCode.TRANSFER_PENDING: 409,
    ApiCode.COUNSELOR_UNAVAILABLE: 409,
    ApiCode.NO_TRANSFER: 409,
    ApiCode.TIER_BELOW_THRESHOLD: 422,
    ApiCode.UNKNOWN_MESSAGE: 404,
    ApiCode.INVALID_SEALED: 422,
    ApiCode.UNKNOWN_ALERT: 404,
    ApiCode.ALREADY_CLAIMED: 409,
    ApiCode.INVALID_TRANSITION: 409,
    ApiCode.NOT_CLAIMER: 403,
    ApiCode.UNVERIFIED: 409,
    ApiCode.NO_SUBJECT: 409,
    ApiCode.UNKNOWN_REPORT: 404,
}
