"""Store-and-forward over real websockets against a real server process, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import secrets

import pytest
from sqlalchemy import func, select

from client.errors import HavenClientError
from client.relay import RelayConnection
from server.conversations.service import add_member, create_conversation
from server.models import ConversationMember, Message


async def open_conversation(db, *identities, kind: str = "direct") -> str:
    async with db() as session, session.begin():
        return await create_conversation(session, kind, [i.account_id for i in identities])


async def connect(server, identity) -> RelayConnection:
    connection = await RelayConnection.connect(server.ws_url, identity)
    await connection.resume()
    return connection


async def test_one_to_one_delivery_and_ack(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    try:
        accepted = await a.send(conversation, b"ciphertext-1")
        assert accepted.seq == 1 and not accepted.duplicate
        delivered = await b.next_delivery()
        assert (delivered.conversation, delivered.seq, delivered.sender) == (conversation, 1, alice.account_id)
        assert delivered.ciphertext == b"ciphertext-1"
        assert delivered.client_id == accepted.client_id
        # The sender is not echoed its own message.
        with pytest.raises(asyncio.TimeoutError):
            await a.next_delivery(timeout=0.3)
    finally:
        await a.close()
        await b.close()


async def test_multi_member_delivery_in_order(live_server, register_identity, db):
    people = [await register_identity() for _ in range(4)]
    conversation = await open_conversation(db, *people, kind="group")
    connections = [await connect(live_server, p) for p in people]
    try:
        sender, *receivers = connections
        sent = [await sender.send(conversation, f"m{i}".encode()) for i in range(20)]
        assert [s.seq for s in sent] == list(range(1, 21))
        for receiver in receivers:
            got = [await receiver.next_delivery() for _ in range(20)]
            assert [g.ciphertext for g in got] == [f"m{i}".encode() for i in range(20)]
            assert [g.seq for g in got] == list(range(1, 21))
    finally:
        for c in connections:
            await c.close()


async def test_offline_recipient_gets_queue_on_resume_then_acks_delete(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a = await connect(live_server, alice)
    try:
        for i in range(5):
            await a.send(conversation, f"while you were away {i}".encode())
    finally:
        await a.close()
    async with db() as session:
        stored = await session.scalar(select(func.count()).where(Message.conversation_id == conversation))
    assert stored == 5

    b = await RelayConnection.connect(live_server.ws_url, bob)
    try:
        positions = await b.resume()
        assert positions[conversation] == 5
        got = [b.deliveries.get_nowait() for _ in range(5)]
        assert [g.seq for g in got] == [1, 2, 3, 4, 5]
        await b.ack(conversation, 3)
        await b.ping()  # acks are answered by nothing; a pong after them means they were processed
        await asyncio.sleep(0.2)
    finally:
        await b.close()
    async with db() as session:
        left = list(await session.scalars(select(Message.seq).where(Message.conversation_id == conversation)))
        acked = await session.scalar(
            select(ConversationMember.acked_seq).where(
                ConversationMember.conversation_id == conversation, ConversationMember.account_id == bob.account_id
            )
        )
    assert sorted(left) == [4, 5]
    assert acked == 3

    # Reconnecting resumes after the acknowledged position: only 4 and 5 come again.
    b = await RelayConnection.connect(live_server.ws_url, bob)
    try:
        await b.resume()
        assert [b.deliveries.get_nowait().seq for _ in range(2)] == [4, 5]
        assert b.deliveries.empty()
        await b.ack(conversation, 5)
        await b.ping()
        await asyncio.sleep(0.2)
    finally:
        await b.close()
    async with db() as session:
        count = await session.scalar(select(func.count()).where(Message.conversation_id == conversation))
    assert count == 0


async def test_resume_from_explicit_position(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a = await connect(live_server, alice)
    for i in range(4):
        await a.send(conversation, bytes([i]) * 8)
    await a.close()
    b = await RelayConnection.connect(live_server.ws_url, bob)
    try:
        await b.resume({conversation: 2})
        assert [b.deliveries.get_nowait().seq for _ in range(2)] == [3, 4]
    finally:
        await b.close()


async def test_idempotent_resend_is_answered_with_original_ack(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a = await connect(live_server, alice)
    b = await connect(live_server, bob)
    try:
        client_id = secrets.token_bytes(16)
        first = await a.send(conversation, b"once", client_id=client_id)
        again = await a.send(conversation, b"once", client_id=client_id)
        assert again.duplicate and (again.seq, again.server_time_ms) == (first.seq, first.server_time_ms)
        assert (await b.next_delivery()).seq == first.seq
        with pytest.raises(asyncio.TimeoutError):
            await b.next_delivery(timeout=0.3)
        # Even after delivery and deletion, the resend is still recognised.
        await b.ack(conversation, first.seq)
        await b.ping()
        await asyncio.sleep(0.2)
        third = await a.send(conversation, b"once", client_id=client_id)
        assert third.duplicate and third.seq == first.seq
    finally:
        await a.close()
        await b.close()
    async with db() as session:
        count = await session.scalar(select(func.count()).where(Message.conversation_id == conversation))
    assert count == 0


async def test_duplicates_pipelined_into_one_batch_are_stored_once(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a = await connect(live_server, alice)
    try:
        client_id = secrets.token_bytes(16)
        # Five identical sends written back to back, before any answer: they reach the writer together.
        answers = await asyncio.gather(*(a.send(conversation, b"x", client_id=client_id) for _ in range(5)))
    finally:
        await a.close()
    assert {answer.seq for answer in answers} == {1}
    async with db() as session:
        count = await session.scalar(select(func.count()).where(Message.conversation_id == conversation))
    assert count == 1


async def test_non_member_cannot_send_ack_or_resume(live_server, register_identity, db):
    alice, bob, mallory = await register_identity(), await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    m = await connect(live_server, mallory)
    try:
        with pytest.raises(HavenClientError) as refused:
            await m.send(conversation, b"let me in")
        assert refused.value.code == "unknown_conversation"
        with pytest.raises(HavenClientError) as unknown:
            await m.send(secrets.token_hex(16), b"nowhere")
        assert unknown.value.code == "unknown_conversation"
        await m.ack(conversation, 1)
        assert (await m.next_error()).code == "unknown_conversation"
        await m.resume({conversation: 0})
        assert (await m.next_error()).code == "unknown_conversation"
        assert m.deliveries.empty()
        await m.ping()  # still connected
    finally:
        await m.close()


async def test_newcomer_is_not_handed_earlier_messages(live_server, register_identity, db):
    alice, bob, carol = await register_identity(), await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob, kind="group")
    a = await connect(live_server, alice)
    try:
        await a.send(conversation, b"before carol")
        async with db() as session, session.begin():
            await add_member(session, conversation, carol.account_id)
        c = await connect(live_server, carol)
        assert c.deliveries.empty()
        await a.send(conversation, b"after carol")
        got = await c.next_delivery()
        assert (got.seq, got.ciphertext) == (2, b"after carol")
        await c.close()
    finally:
        await a.close()


async def test_ack_beyond_last_message_is_refused(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    b = await connect(live_server, bob)
    try:
        await b.ack(conversation, 99)
        error = await b.next_error()
        assert error.code == "ack_out_of_range" and not error.fatal
        await b.ping()
    finally:
        await b.close()


async def test_overload_is_refused_not_queued_without_bound(server_factory, database_url, register_identity, db):
    server = server_factory(
        database_url,
        commit_queue_max="2",
        sends_per_second="100000",
        send_burst="100000",
        frames_per_second="100000",
        frame_burst="100000",
    )
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(server, alice), await connect(server, bob)
    try:
        results = await asyncio.gather(
            *(a.send(conversation, f"burst {i}".encode()) for i in range(300)), return_exceptions=True
        )
        refused = [r for r in results if isinstance(r, HavenClientError)]
        accepted = [r for r in results if not isinstance(r, BaseException)]
        assert refused and accepted
        assert {r.code for r in refused} == {"rate_limited"}
        # Everything accepted is delivered, in order; nothing refused is.
        got = [await b.next_delivery() for _ in accepted]
        assert [g.seq for g in got] == sorted(r.seq for r in accepted)
        with pytest.raises(asyncio.TimeoutError):
            await b.next_delivery(timeout=0.3)
    finally:
        await a.close()
        await b.close()
