"""HTTP refusals with the same stable codes and shape as websocket error frames."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse


class HavenHTTPError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HavenHTTPError)
    async def _haven_error(_request: Request, exc: HavenHTTPError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "type": "invalid"}
        field = ".".join(str(part) for part in first.get("loc", ()))
        # Names the field and the rule, never echoes the input.
        code = first.get("type") if first.get("type") in ("bad_base64", "bad_length") else "invalid_request"
        return JSONResponse(error_body(str(code), f"{field}: {first.get('type')}"), status_code=422)
