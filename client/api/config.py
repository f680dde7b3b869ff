"""The deployment's settings a client reads before it talks to the server (GET /v1/config, no login needed)."""

from __future__ import annotations

from dataclasses import dataclass

from client.api.transport import HavenAPI
from client.payloads import DEFAULT_MAX_FRAME_BYTES


@dataclass(frozen=True, slots=True)
class ServerConfig:
    server_id: str
    # The lowest crisis tier for which a client raises an alert on its own.
    alert_min_tier: int
    # The largest websocket frame the server reads; a server that does not say is taken to read the default.
    max_frame_bytes: int
    # How long the server keeps a message no one has acknowledged.
    message_ttl_seconds: int


async def server_config(api: HavenAPI) -> ServerConfig:
    response = await api.http.get("/v1/config")
    response.raise_for_status()
    body = response.json()
    return ServerConfig(
        server_id=str(body["server_id"]),
        alert_min_tier=int(body["alert_min_tier"]),
        max_frame_bytes=int(body.get("max_frame_bytes", DEFAULT_MAX_FRAME_BYTES)),
        message_ttl_seconds=int(body["message_ttl_seconds"]),
    )
