"""Fixtures for SDK tests that cut a device's network: a server of its own, a TCP proxy in front of it, and the
devices made on it (closed whatever happens)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from tests.haven_testing.devices import Devices
from tests.haven_testing.live_server import LiveServer
from tests.haven_testing.proxy import TcpProxy


@pytest.fixture
def server(server_factory: Callable[..., LiveServer], fresh_database_url: str) -> LiveServer:
    """A server of its own: each test bootstraps its own admin."""
    return server_factory(fresh_database_url)


@pytest.fixture
async def proxy(server: LiveServer) -> AsyncIterator[TcpProxy]:
    proxy = await TcpProxy(server.port).start()
    try:
        yield proxy
    finally:
        await proxy.close()


@pytest.fixture
async def devices(server: LiveServer, tmp_path: Path) -> AsyncIterator[Devices]:
    made = Devices(server, tmp_path)
    try:
        yield made
    finally:
        await made.close_all()
