"""`python -m server`: run uvicorn with Haven's privacy defaults.

No access log, no proxy headers (a forwarded-for header is an address), no Server header, no websocket
compression (ciphertext does not compress, and compression leaks lengths).
"""

from __future__ import annotations

import argparse

import uvicorn

from server.app import create_app
from server.config import get_settings
from server.logs import configure_logging


def main() -> None:
    argparse.ArgumentParser(
        prog="python -m server", description="Run the Haven relay server; every setting is a HAVEN_ variable."
    ).parse_args()
    settings = get_settings()
    configure_logging(settings.log_level)
    config = uvicorn.Config(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        server_header=False,
        date_header=False,
        ws_per_message_deflate=False,
        ws_max_size=settings.hard_frame_ceiling_bytes,
        # RFC 6455 pings: a peer that does not answer within the timeout (dead, or not reading) is closed.
        ws_ping_interval=settings.keepalive_interval_seconds,
        ws_ping_timeout=settings.keepalive_timeout_seconds,
        lifespan="on",
        timeout_graceful_shutdown=10,
    )
    uvicorn.Server(config).run()


if __name__ == "__main__":
    main()
