"""Health, readiness, and no OpenAPI page by default."""

from __future__ import annotations

import httpx


def test_health_ready_openapi(live_server):
    with httpx.Client(base_url=live_server.http_url) as http:
        assert http.get("/health").json() == {"status": "ok"}
        assert http.get("/ready").json() == {"status": "ready"}
        # The schema and its pages are off by default (HAVEN_API_DOCS; tests/server/test_scanner_surface.py).
        assert http.get("/openapi.json").status_code == 404
        assert http.get("/docs").status_code == 404
        # No Server header: nothing advertises what runs here.
        assert "server" not in {k.lower() for k in http.get("/health").headers}
