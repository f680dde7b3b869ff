"""After a full run, neither the database nor the server's log holds a payload, an address or a user agent."""

from __future__ import annotations

import asyncio

import httpx
import websockets

from client.registration import register
from client.relay import RelayConnection
from crypto.keys import IdentityKeyPair
from server.conversations.service import create_conversation
from tests.haven_testing.inspect import database_contents

CANARIES = [f"CANARY-{i:03d} my unit is in Hpa-an and I want to leave".encode() for i in range(30)]
AGENT = "CanaryAgent/9.9 (defector-phone)"
FORBIDDEN_IN_LOGS = [*CANARIES, b"127.0.0.1", AGENT.encode(), b"Hpa-an"]


async def test_nothing_sent_is_left_on_disk_or_in_logs(server_factory, fresh_database_url):
    server = server_factory(fresh_database_url, purge_interval_seconds="0.3")
    people = [IdentityKeyPair.generate() for _ in range(3)]
    async with httpx.AsyncClient(base_url=server.http_url, headers={"User-Agent": AGENT}) as http:
        for person in people:
            await register(http, person)
        # A proxy-style header must not be trusted or recorded either.
        await http.get("/health", headers={"X-Forwarded-For": "127.0.0.1"})

    from server.config import Settings
    from server.db import create_engine, create_sessionmaker

    engine = create_engine(Settings(database_url=fresh_database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            conversation = await create_conversation(session, "group", [p.account_id for p in people])
    finally:
        await engine.dispose()

    # A raw websocket with the canary user agent, then the real clients.
    async with websockets.connect(server.ws_url, user_agent_header=AGENT) as raw:
        await raw.recv()
    sender, *receivers = [await RelayConnection.connect(server.ws_url, p) for p in people]
    try:
        for receiver in receivers:
            await receiver.resume()
        for canary in CANARIES:
            await sender.send(conversation, canary)
        for receiver in receivers:
            got = [await receiver.next_delivery() for _ in CANARIES]
            assert [g.ciphertext for g in got] == CANARIES
            await receiver.ack(conversation, got[-1].seq)
            await receiver.ping()
        await asyncio.sleep(1.0)  # at least two purge rounds, which also truncate SQLite's write-ahead log
    finally:
        for connection in (sender, *receivers):
            await connection.close()

    contents = await database_contents(fresh_database_url)
    assert contents, "the scan must have read something"
    for canary in CANARIES:
        assert canary not in contents
    assert b"127.0.0.1" not in contents
    assert AGENT.encode() not in contents

    server.stop()
    log = server.log_path.read_bytes()
    assert b'"event":"auth_ok"' in log, "the log was captured (DEBUG level) and records ids"
    for forbidden in FORBIDDEN_IN_LOGS:
        assert forbidden not in log, forbidden
