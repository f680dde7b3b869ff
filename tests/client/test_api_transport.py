"""HavenAPI over httpx's ASGITransport: the real app and a database of the test's own, in-process, no socket.

For domain rules where a real socket is not the point; the wire itself stays tested against real servers."""

from __future__ import annotations

import httpx
import pytest

from client.api import HavenAPI
from client.api import admin as admin_api
from client.errors import HavenClientError
from client.registration import register
from crypto.keys import IdentityKeyPair
from server.app import create_app
from server.config import Settings
from tests.haven_testing.live_server import TEST_SECRET


async def test_the_typed_api_runs_in_process_over_asgi(fresh_database_url: str) -> None:
    settings = Settings(
        database_url=fresh_database_url,
        server_secret=TEST_SECRET,
        registration_pow_bits=4,
        registrations_per_minute=100_000,
        registration_burst=100_000,
    )
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        identity = IdentityKeyPair.generate()
        async with httpx.AsyncClient(transport=transport, base_url="http://haven.test") as http:
            await register(http, identity)
        async with HavenAPI("http://haven.test", identity, transport=transport) as api:
            await admin_api.bootstrap(api, bytes.fromhex(TEST_SECRET))
            assert await admin_api.me(api) == (identity.account_id, frozenset({"admin"}))
            assert await admin_api.roster(api) == {identity.account_id: frozenset({"admin"})}
            # The answer's shape is checked: a list where an object was expected is the server's mistake.
            with pytest.raises(HavenClientError) as wrong_shape:
                await api.get("/v1/admin/roles")
            assert wrong_shape.value.code == "protocol_error"
            with pytest.raises(HavenClientError) as refused:
                await api.get_list("/v1/groups/" + "0" * 32 + "/pending")
            assert refused.value.code == "unknown_group"
