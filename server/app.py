"""The FastAPI application: create_app() and the lifespan that owns the database, the writer and the relay."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from sqlalchemy import text

from server.accounts.router import router as accounts_router
from server.admin.router import router as admin_router
from server.alerts.router import router as alerts_router
from server.config import Settings, get_settings
from server.conversations.store import MessageStore, batch_writer
from server.counseling.router import router as counseling_router
from server.db import create_engine, create_sessionmaker
from server.errors import ERROR_RESPONSES, install_error_handlers
from server.groups.router import router as groups_router
from server.identity.router import router as identity_router
from server.limits.build import build_limits
from server.logs import get_logger
from server.metrics import CONTENT_TYPE as METRICS_CONTENT_TYPE
from server.metrics import METRICS
from server.prekeys.router import router as prekeys_router
from server.purge import run_purge_loop
from server.relay.base import InProcessRelay, Relay
from server.relay.hub import Hub
from server.relay.redis import RedisRelay
from server.runtime import Runtime, runtime_of
from server.webapp import mount_webapp
from server.ws.endpoint import websocket_endpoint

log = get_logger("app")


def _relay_for(settings: Settings, hub: Hub) -> Relay:
    if settings.redis_url:
        return RedisRelay(hub, settings.redis_url, settings.redis_prefix, settings.redis_outbox_max)
    return InProcessRelay(hub)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    settings: Settings = app.state.settings
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    hub = Hub()
    relay = _relay_for(settings, hub)
    server_secret = settings.server_secret_bytes()
    store = MessageStore(batch_writer(settings, engine, server_secret), settings, relay.publish, server_secret)
    limits = build_limits(settings, server_secret)
    runtime = Runtime(
        settings=settings,
        engine=engine,
        sessionmaker=sessionmaker,
        hub=hub,
        relay=relay,
        store=store,
        send_limiter=limits.send,
        registration_difficulty=limits.registration,
        api_limiter=limits.api,
        help_difficulty=limits.help,
        help_identity_limiter=limits.help_identity,
        alert_limiter=limits.alert,
        prekey_limiter=limits.prekey,
        server_secret=server_secret,
    )
    app.state.runtime = runtime
    await relay.start()
    store.start()
    purge = asyncio.create_task(
        run_purge_loop(
            sessionmaker,
            settings.purge_interval_seconds,
            sqlite=settings.is_sqlite,
            counseling_retention_seconds=settings.counseling_retention_seconds,
        )
    )
    log.info("started", extra={"event": "started", "engine": engine.dialect.name, "relay": relay.name})
    try:
        yield
    finally:
        purge.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purge
        await store.stop()
        await relay.stop()
        await limits.close()
        await engine.dispose()
        log.info("stopped", extra={"event": "stopped"})


async def metrics(request: Request) -> PlainTextResponse:
    """Aggregate counters in the Prometheus text format: no ids, no per-person labels (docs/operations.md)."""
    hub = runtime_of(request).hub
    body = METRICS.render({"haven_identities_connected": ("Identities with an open websocket.", hub.identity_count)})
    return PlainTextResponse(body, media_type=METRICS_CONTENT_TYPE)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        title="Haven relay",
        version="0.1.0",
        summary="Relays end-to-end encrypted messages it cannot read.",
        lifespan=lifespan,
        # A scanner learns nothing by default: no schema, and never the HTML pages, which load their scripts
        # from a third-party CDN (issue 10, item 9). HAVEN_API_DOCS serves the schema alone, for development.
        openapi_url="/openapi.json" if settings.api_docs else None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    for router in (
        identity_router,
        accounts_router,
        prekeys_router,
        admin_router,
        groups_router,
        counseling_router,
        alerts_router,
    ):
        app.include_router(router, responses=ERROR_RESPONSES)
    app.add_api_websocket_route("/v1/ws", websocket_endpoint)

    @app.get("/health", tags=["operations"])
    async def health() -> dict[str, str]:
        """Liveness: the process answers."""
        return {"status": "ok"}

    if app.state.settings.metrics_enabled:
        app.add_api_route("/metrics", metrics, methods=["GET"], tags=["operations"], response_class=PlainTextResponse)

    @app.get("/v1/config", tags=["operations"])
    async def client_config(request: Request) -> dict[str, int | str]:
        """What a client needs to know about this deployment before it talks to it."""
        settings = runtime_of(request).settings
        return {
            "server_id": settings.server_id,
            "alert_min_tier": settings.alert_min_tier,
            "max_frame_bytes": settings.max_frame_bytes,
            "message_ttl_seconds": settings.message_ttl_seconds,
        }

    @app.get("/ready", tags=["operations"])
    async def ready(request: Request) -> JSONResponse:
        """Readiness: the database answers and the commit writer runs."""
        runtime = runtime_of(request)
        try:
            async with runtime.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "unavailable", "reason": "database"}, status_code=503)
        if not runtime.store.alive:
            return JSONResponse({"status": "unavailable", "reason": "writer"}, status_code=503)
        return JSONResponse({"status": "ready"})

    # The web app at / (issue 13): static files under a strict CSP, and CORS for a separately hosted copy.
    mount_webapp(app, settings)
    return app
