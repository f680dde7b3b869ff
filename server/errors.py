"""HTTP refusals with the same stable codes and shape as websocket error frames: every answer that is not a
success is `{"error": {"code", "message"}}` — Haven's own refusals, malformed requests, and the router's own 404
and 405 (which Starlette would otherwise answer as `{"detail": ...}`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.protocol.errors import ErrorCode


class ApiCode(StrEnum):
    """Every code an HTTP refusal can carry, the HTTP counterpart of the websocket `ErrorCode`
    (server/protocol/errors.py). docs/protocol.md §1.7 lists each with its status and meaning, and
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
    # Verify: the sealed content was replaced (by a more severe report) after the moderator read it.
    CONTENT_CHANGED = "content_changed"


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
    ApiCode.CONTENT_CHANGED: 409,
}


class HavenHTTPError(Exception):
    """A refusal: the code decides the status (HTTP_STATUS), the message names the rule and never the value."""

    def __init__(self, code: ApiCode, message: str) -> None:
        super().__init__(code)
        self.status = HTTP_STATUS[code]
        self.code = code
        self.message = message


class ErrorDetail(BaseModel):
    code: ApiCode
    message: str


class ErrorBody(BaseModel):
    """The shape of every refusal."""

    error: ErrorDetail


def _declared(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


_MEANING = {
    400: "a challenge or proof is invalid, expired or missing",
    401: "no valid bearer token, or a login that does not verify",
    403: "the caller lacks the role, relation or standing the action needs",
    404: "an unknown id, or a path that names no endpoint",
    405: "the path exists for other methods (see the Allow header)",
    409: "the state does not allow it now",
    410: "the invite has expired",
    413: "more than the deployment allows at once",
    422: "the body or a parameter is malformed",
    429: "a rate or other limit",
}


def _codes_of(status: int) -> str:
    return ", ".join(f"`{code}`" for code, of in HTTP_STATUS.items() if of == status)


# Declared on every /v1 operation so the OpenAPI document says what a client (or a fuzzer) may get back, built
# from HTTP_STATUS so that it lists every code of each status; docs/protocol.md §1.7 says when each is sent.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: _declared(f"{meaning}: {_codes_of(status)}") for status, meaning in _MEANING.items()
}

_MESSAGES = {404: "no such endpoint", 405: "this path does not take this method"}


def error_body(code: ApiCode, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _literal_methods(request: Request) -> set[str]:
    """Methods of routes whose path is exactly this one, with no parameter in it. `GET /v1/identities/me` would
    otherwise fall into `GET /v1/identities/{account_id}` and fail validation: the path exists (for DELETE), the
    method does not — a 405, not a 422."""
    table: dict[str, set[str]] | None = getattr(request.app.state, "literal_routes", None)
    if table is None:
        table = {}
        for route in request.app.routes:
            # Included routers stay nested in this FastAPI; each context is one route with its full path.
            contexts = getattr(route, "effective_route_contexts", None)
            routes = [(c.path, c) for c in contexts()] if contexts else [(getattr(route, "path", None), route)]
            pairs = [(path, getattr(found, "methods", None)) for path, found in routes]
            for path, methods in pairs:
                if isinstance(path, str) and "{" not in path and methods:
                    table.setdefault(path, set()).update(methods)
        request.app.state.literal_routes = table
    return table.get(request.url.path, set())


def _not_allowed(allowed: set[str]) -> JSONResponse:
    return JSONResponse(
        error_body(ApiCode.METHOD_NOT_ALLOWED, _MESSAGES[405]),
        status_code=405,
        headers={"Allow": ", ".join(sorted(allowed))},
    )


def _publish_websocket_codes(app: FastAPI) -> None:
    """Adds the websocket's `ErrorCode` to the OpenAPI components beside the HTTP `ApiCode` (which the error
    body's `code` already carries as an enum), so that one document names every code a client can receive. The
    websocket route itself has no OpenAPI operation to hang it on."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas["WebsocketErrorCode"] = {
                "title": "WebsocketErrorCode",
                "description": "The `code` of a websocket `error` frame (docs/protocol.md §3.4).",
                "type": "string",
                "enum": [code.value for code in ErrorCode],
            }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    _publish_websocket_codes(app)

    @app.exception_handler(HavenHTTPError)
    async def _haven_error(_request: Request, exc: HavenHTTPError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _routing(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: ApiCode.NOT_FOUND, 405: ApiCode.METHOD_NOT_ALLOWED}.get(exc.status_code, ApiCode.HTTP_ERROR)
        message = _MESSAGES.get(exc.status_code, f"HTTP {exc.status_code}")
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        allowed = _literal_methods(request)
        if allowed and request.method not in allowed:
            return _not_allowed(allowed)
        first = exc.errors()[0] if exc.errors() else {"loc": (), "type": "invalid"}
        field = ".".join(str(part) for part in first.get("loc", ()))
        # Names the field and the rule, never echoes the input.
        kind = first.get("type")
        code = ApiCode(kind) if kind in (ApiCode.BAD_BASE64, ApiCode.BAD_LENGTH) else ApiCode.INVALID_REQUEST
        return JSONResponse(error_body(code, f"{field}: {kind}"), status_code=HTTP_STATUS[code])
