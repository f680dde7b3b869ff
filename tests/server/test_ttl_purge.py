"""Ciphertext nobody fetched is deleted once its time-to-live passes."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from client.relay import RelayConnection
from server.conversations.service import create_conversation
from server.models import Message, SendReceipt


async def test_undelivered_messages_expire(server_factory, database_url, register_identity, db):
    server = server_factory(
        database_url, message_ttl_seconds="1", dedupe_window_seconds="1", purge_interval_seconds="0.2"
    )
    alice, bob = await register_identity(server), await register_identity(server)
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
    a = await RelayConnection.connect(server.ws_url, alice)
    try:
        first = await a.send(conversation, b"nobody will read this")
    finally:
        await a.close()
    async with db() as session:
        assert await session.scalar(select(func.count()).where(Message.conversation_id == conversation)) == 1

    await asyncio.sleep(1.8)
    async with db() as session:
        assert await session.scalar(select(func.count()).where(Message.conversation_id == conversation)) == 0
        assert await session.scalar(select(func.count()).where(SendReceipt.conversation_id == conversation)) == 0
    b = await RelayConnection.connect(server.ws_url, bob)
    try:
        positions = await b.resume()
        # The replay covered seq 1 (it is gone, so nothing came) and the connection is positioned after it.
        assert positions[conversation] == first.seq
        assert b.deliveries.empty()
        # The sequence keeps counting: an expired message's number is never reused.
        a = await RelayConnection.connect(server.ws_url, alice)
        second = await a.send(conversation, b"later")
        assert second.seq == first.seq + 1
        assert (await b.next_delivery()).seq == second.seq
        await a.close()
    finally:
        await b.close()
