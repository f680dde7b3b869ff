"""Group messages held for a sender's chain that never comes are dropped once the server would have expired them."""

from __future__ import annotations

import time

from client.haven import HavenClient
from client.state import HeldMessage
from crypto.keystore import MEMLIMIT_MIN, OPSLIMIT_MIN

DAY_MS = 86_400_000


async def test_stale_held_messages_are_dropped_on_connect(live_server, tmp_path):
    client = await HavenClient.create(
        live_server.http_url, tmp_path / "me.haven", "pass phrase", opslimit=OPSLIMIT_MIN, memlimit=MEMLIMIT_MIN
    )
    now = time.time_ns() // 1_000_000
    ttl_days = (await client.config()).message_ttl_seconds * 1000 // DAY_MS
    fresh = HeldMessage("a" * 32, 1, "b" * 32, b"\x01ciphertext", now - DAY_MS, b"c" * 32, b"t" * 32)
    stale = HeldMessage("a" * 32, 2, "b" * 32, b"\x01ciphertext", now - (ttl_days + 1) * DAY_MS, b"c" * 32, b"t" * 32)
    client.state.held = [fresh, stale]
    client.save()
    try:
        await client.connect()
        assert client.state.held == [fresh]
        reloaded = await HavenClient.load(tmp_path / "me.haven", "pass phrase")
        assert [h.seq for h in reloaded.state.held] == [1]
        await reloaded.close()
    finally:
        await client.close()
