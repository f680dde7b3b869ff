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


class HavenHTTPError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message


class RoutingCode(StrEnum):
    """Codes of refusals that come before any endpoint runs (docs/protocol.md §1)."""

    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    INVALID_REQUEST = "invalid_request"
    HTTP_ERROR = "http_error"


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    """The shape of every refusal."""

    error: ErrorDetail


def _declared(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# Declared on every /v1 operation so the OpenAPI document says what a client (or a fuzzer) may get back; the codes
# of each are in docs/protocol.md and the domain documents.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _declared("`unauthenticated`: no valid bearer token (endpoints that need one)"),
    403: _declared("`forbidden`: the caller lacks the role or relation the action needs"),
    404: _declared("an unknown id (`unknown_…`), or `not_found` for a path that names no endpoint"),
    405: _declared("`method_not_allowed`: the path exists for other methods (see the Allow header)"),
    409: _declared("the state does not allow it now (`request_open`, `challenge_used`, …)"),
    422: _declared("`invalid_request`, `bad_base64`, `bad_length`: the body or a parameter is malformed"),
    429: _declared("`rate_limited` and other limits (`prekey_fetch_limited`)"),
}

_MESSAGES = {404: "no such endpoint", 405: "this path does not take this method"}


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
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
        error_body(RoutingCode.METHOD_NOT_ALLOWED, _MESSAGES[405]),
        status_code=405,
        headers={"Allow": ", ".join(sorted(allowed))},
    )


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HavenHTTPError)
    async def _haven_error(_request: Request, exc: HavenHTTPError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)

    @app.exception_handler(StarletteHTTPException)
    async def _routing(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: RoutingCode.NOT_FOUND, 405: RoutingCode.METHOD_NOT_ALLOWED}.get(
            exc.status_code, RoutingCode.HTTP_ERROR
        )
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
        code = first.get("type") if first.get("type") in ("bad_base64", "bad_length") else "invalid_request"
        return JSONResponse(error_body(str(code), f"{field}: {first.get('type')}"), status_code=422)
