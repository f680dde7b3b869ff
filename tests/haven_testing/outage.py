"""Helpers for tests where a device's network fails: a device behind the test's TCP proxy, and waiting for a
condition (a status, a counter) without comparing clocks."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from client.haven import HavenClient
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN
from tests.haven_testing.devices import PASSPHRASE, Devices
from tests.haven_testing.proxy import TcpProxy


async def behind(proxy: TcpProxy, devices: Devices, name: str) -> HavenClient:
    """A device whose every connection (HTTP and websocket) goes through the proxy."""
    client = await HavenClient.create(
        proxy.http_url, devices.directory / f"{name}.haven", PASSPHRASE, opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN
    )
    devices.made.append(client)
    return client


async def until(check: Callable[[], bool], rounds: int = 400) -> None:
    for _ in range(rounds):
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the condition never held")
