"""After a full run, neither the database nor the server's log holds a payload, an address or a user agent.

At INFO, the production level, the log holds no account, group or conversation id either (issue 10, item 5):
a log of logins and actions by id is a timeline of who was online and what they did.
"""

from __future__ import annotations

import asyncio

import httpx
import websockets

from client.api import groups as groups_api
from client.registration import register
from client.relay import RelayConnection
from crypto.keys import IdentityKeyPair
from server.conversations.service import create_conversation
from tests.haven_testing.inspect import database_contents
from tests.haven_testing.people import new_person, staff

CANARIES = [f"CANARY-{i:03d} my unit is in Hpa-an and I want to leave".encode() for i in range(30)]
AGENT = "CanaryAgent/9.9 (defector-phone)"
FORBIDDEN_IN_LOGS = [*CANARIES, b"127.0.0.1", AGENT.encode(), b"Hpa-an"]


async def test_nothing_sent_is_left_on_disk_or_in_logs(server_factory, fresh_database_url):
    server = server_factory(fresh_database_url, purge_interval_seconds="0.3", log_level="INFO")
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

    # A group made and joined the way production does it, so its ids are in play too.
    moderator = await staff(server, "moderator")
    member = await new_person(server)
    try:
        group = await groups_api.create_group(moderator, "Moderator")
        invite = await groups_api.create_invite(moderator, group.group_id)
        await groups_api.join(member, invite.code, "Member")
        await groups_api.approve(moderator, group.group_id, member.identity.account_id)
        mod_ws = await RelayConnection.connect(server.ws_url, moderator.identity)
        member_ws = await RelayConnection.connect(server.ws_url, member.identity)
        try:
            await member_ws.resume()
            await mod_ws.resume()
            await mod_ws.send(group.conversation_id, CANARIES[0])
            await member_ws.ack(group.conversation_id, (await member_ws.next_delivery()).seq)
            # Refusals log nothing with an id either: a conversation the account is not in.
            await member_ws.resume(after={conversation: 0})
        finally:
            await mod_ws.close()
            await member_ws.close()
    finally:
        await moderator.close()
        await member.close()
    ids = [
        *(p.account_id for p in people),
        moderator.identity.account_id,
        member.identity.account_id,
        conversation,
        group.group_id,
        group.conversation_id,
    ]

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
    assert b'"event":"started"' in log, "the log was captured"
    for forbidden in FORBIDDEN_IN_LOGS:
        assert forbidden not in log, forbidden
    for identifier in ids:
        assert identifier.encode() not in log, "an id in the INFO log"
