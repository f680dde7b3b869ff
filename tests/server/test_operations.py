"""Health, readiness and the OpenAPI page."""

from __future__ import annotations

import httpx


def test_health_ready_openapi(live_server):
    with httpx.Client(base_url=live_server.http_url) as http:
        assert http.get("/health").json() == {"status": "ok"}
        assert http.get("/ready").json() == {"status": "ready"}
        spec = http.get("/openapi.json").json()
        assert "/v1/identities" in spec["paths"] and "/v1/registration/challenge" in spec["paths"]
        assert http.get("/docs").status_code == 200
        # No Server header: nothing advertises what runs here.
        assert "server" not in {k.lower() for k in http.get("/health").headers}
