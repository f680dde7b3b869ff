"""The authenticated HTTP transport: logs in with a signed challenge, keeps the bearer token fresh, and turns
every refusal into a HavenClientError carrying the server's stable code."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import httpx

from client.errors import HavenClientError
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair

# Log in again this long before the token would expire, so a request never races its expiry.
_REFRESH_MARGIN_MS = 60_000

# A JSON object as decoded: what every endpoint answers, one per row for the endpoints that answer a list.
JsonObject = dict[str, Any]


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def raise_for_error(response: httpx.Response) -> None:
    if response.is_success:
        return
    try:
        error = response.json()["error"]
        code, message = str(error["code"]), str(error["message"])
    except (ValueError, KeyError, TypeError):
        raise HavenClientError("http_error", f"HTTP {response.status_code}") from None
    raise HavenClientError(code, message)


class HavenAPI:
    """One identity's session with one server's HTTP API."""

    def __init__(
        self,
        base_url: str,
        identity: IdentityKeyPair,
        *,
        timeout: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """`transport` replaces the network, e.g. `httpx.ASGITransport(app)` to talk to an app in-process."""
        self.base_url = base_url.rstrip("/")
        self.identity = identity
        self.http = httpx.AsyncClient(base_url=self.base_url, timeout=timeout, transport=transport)
        self._token: str | None = None
        self._expires_ms = 0
        self._login_lock = asyncio.Lock()

    @property
    def account_id(self) -> str:
        return self.identity.account_id

    async def close(self) -> None:
        await self.http.aclose()

    async def __aenter__(self) -> HavenAPI:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.close()

    # --- login ---------------------------------------------------------------------------------------------
    async def login(self) -> None:
        async with self._login_lock:
            if self._token is not None and self._expires_ms - _REFRESH_MARGIN_MS > _now_ms():
                return
            response = await self.http.get("/v1/auth/challenge")
            raise_for_error(response)
            body = response.json()
            challenge = unb64(body["challenge"])
            time_ms = _now_ms()
            signature = sign_auth(self.identity.signing, challenge, body["server_id"], time_ms, self.account_id)
            response = await self.http.post(
                "/v1/auth/tokens",
                json={
                    "account": self.account_id,
                    "challenge": b64(challenge),
                    "time": time_ms,
                    "signature": b64(signature),
                },
            )
            raise_for_error(response)
            token = response.json()
            self._token = str(token["token"])
            self._expires_ms = int(token["expires_at"])

    async def logout(self) -> None:
        if self._token is not None:
            await self.request("DELETE", "/v1/auth/tokens/current")
            self._token = None

    # --- requests ------------------------------------------------------------------------------------------
    async def request(
        self, method: str, path: str, *, json: object = None, params: dict[str, Any] | None = None
    ) -> object:
        """Send an authenticated request; the decoded JSON answer (None for 204). Logs in again once on 401."""
        for attempt in range(2):
            await self.login()
            response = await self.http.request(
                method, path, json=json, params=params, headers={"Authorization": f"Bearer {self._token}"}
            )
            if response.status_code == 401 and attempt == 0:
                self._token = None
                continue
            raise_for_error(response)
            answer: object = None if response.status_code == 204 or not response.content else response.json()
            return answer
        raise AssertionError("unreachable")  # pragma: no cover

    async def get(self, path: str, **params: Any) -> JsonObject:
        return _object(await self.request("GET", path, params=params or None))

    async def get_list(self, path: str, **params: Any) -> list[JsonObject]:
        answer = await self.request("GET", path, params=params or None)
        if not isinstance(answer, list) or not all(isinstance(row, dict) for row in answer):
            raise HavenClientError("protocol_error", "expected a list of JSON objects from the server")
        return answer

    async def post(self, path: str, body: object = None) -> JsonObject:
        return _object(await self.request("POST", path, json=body if body is not None else {}))

    async def post_optional(self, path: str, body: object = None) -> JsonObject | None:
        """POST to an endpoint that answers an object or 204 when it has nothing: None for the 204."""
        answer = await self.request("POST", path, json=body if body is not None else {})
        return None if answer is None else _object(answer)

    async def put(self, path: str, body: object = None) -> JsonObject:
        return _object(await self.request("PUT", path, json=body if body is not None else {}))

    async def patch(self, path: str, body: object) -> JsonObject:
        return _object(await self.request("PATCH", path, json=body))

    async def delete(self, path: str) -> JsonObject:
        return _object(await self.request("DELETE", path))


def _object(answer: object) -> JsonObject:
    """The answer as a JSON object; an empty one for 204 (no content), which callers of such endpoints ignore."""
    if answer is None:
        return {}
    if not isinstance(answer, dict):
        raise HavenClientError("protocol_error", "expected a JSON object from the server")
    return answer


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
