"""A server killed with SIGKILL mid-traffic loses nothing it acknowledged (SQLite, synchronous=FULL, and PostgreSQL).

Clients keep sending and receiving through client.reliable.ReliableRelay, which reconnects, resumes from what
the application consumed, and resends unanswered messages under the same client id.
"""

from __future__ import annotations

import asyncio
import signal

import pytest

from client.reliable import ReliableRelay
from server.conversations.service import create_conversation


@pytest.mark.slow
async def test_sigkill_and_restart_lose_nothing_acknowledged(server_factory, database_url, register_identity, db):
    server = server_factory(database_url, sends_per_second="10000", send_burst="10000")
    alice, bob = await register_identity(server), await register_identity(server)
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
    sender = ReliableRelay([server.ws_url], alice, max_backoff=0.2)
    receiver = ReliableRelay([server.ws_url], bob, max_backoff=0.2)
    await sender.start()
    await receiver.start()
    try:
        accepted = []
        for i in range(80):
            if i == 30:
                server.stop(signal.SIGKILL)
                server.start()  # same port: the clients' reconnect loop finds it again
            accepted.append(await asyncio.wait_for(sender.send(conversation, f"m{i}".encode()), 30))
        received = []
        while len(received) < len(accepted):
            received.append(await receiver.receive(timeout=30))
        assert [r.client_id for r in received] == [a.client_id for a in accepted]
        assert [r.seq for r in received] == sorted({a.seq for a in accepted})
        assert sender.reconnects >= 1 and receiver.reconnects >= 1
        with pytest.raises(TimeoutError):
            await receiver.receive(timeout=0.5)
    finally:
        await sender.close()
        await receiver.close()
