"""Registered identities with an authenticated API session, and staff made the way production makes them."""

from __future__ import annotations

from typing import Protocol

import httpx

from client.api import HavenAPI
from client.api import admin as admin_api
from client.registration import register
from crypto.keys import IdentityKeyPair
from tests.haven_testing.live_server import TEST_SECRET


class Server(Protocol):
    """A real server (`LiveServer`, over the network) or the app in this process (`InProcessServer`, whose
    `transport` is its ASGI transport)."""

    database_url: str

    @property
    def http_url(self) -> str: ...

    @property
    def transport(self) -> httpx.AsyncBaseTransport | None: ...

    def http(self) -> httpx.AsyncClient: ...


async def new_person(server: Server, identity: IdentityKeyPair | None = None) -> HavenAPI:
    """A freshly registered identity with an HTTP session (close it with `await api.close()`)."""
    identity = identity or IdentityKeyPair.generate()
    async with server.http() as http:
        await register(http, identity)
    api = HavenAPI(server.http_url, identity, transport=server.transport)
    await api.login()
    return api


async def admin_of(server: Server) -> HavenAPI:
    """The deployment's admin: bootstrapped with the server secret the first time, the same identity after.

    A new session each call (an HTTP client belongs to one event loop, and each test has its own)."""
    known = _ADMINS.get(server.database_url)
    if known is not None:
        api = HavenAPI(server.http_url, known, transport=server.transport)
        await api.login()
        return api
    api = await new_person(server)
    await admin_api.bootstrap(api, bytes.fromhex(TEST_SECRET))
    _ADMINS[server.database_url] = api.identity
    return api


async def staff(server: Server, role: str) -> HavenAPI:
    """A new identity holding `role`, through an admin's single-use invite."""
    admin = await admin_of(server)
    try:
        invite = await admin_api.create_role_invite(admin, role)
    finally:
        await admin.close()
    api = await new_person(server)
    await admin_api.redeem_role_invite(api, invite.code)
    return api


def forget_admin(database_url: str) -> None:
    """The database at this address starts over (a test's own database, emptied for the next test)."""
    _ADMINS.pop(database_url, None)


# Keyed by database: a restarted server on the same database keeps its admin.
_ADMINS: dict[str, IdentityKeyPair] = {}
