"""HTTP refusals with the same stable codes and shape as websocket error frames: every answer that is not a
success is `{"error": {"code", "message"}}` — Haven's own refusals, malformed requests, and the router's own 404
and 405 (which Starlette would otherwise answer as `{"detail": ...}`).

The one place a domain's refusal becomes HTTP: services raise a named `server.domain.DomainError` subclass (one
per rule, in each package's `exceptions.py`) and import nothing of HTTP; `install_error_handlers` maps that root
to its status (`HTTP_STATUS[code]`) and body here."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.domain import DomainError
from wire.codes import HTTP_STATUS, ApiCode, ErrorCode


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

    @app.exception_handler(DomainError)
    async def _refused(_request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=HTTP_STATUS[exc.code])

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
