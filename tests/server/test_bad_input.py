"""Bad input over a real websocket against a live server, on SQLite and PostgreSQL.

Whatever a client throws at the relay, the connection answers with a stable error code and keeps working
(unless the frame is past the hard ceiling), other connections are untouched, and nothing the server has
accepted is lost or delivered twice.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import time
from typing import Any

import httpx
import pytest
import websockets
from sqlalchemy import func, select
from websockets.asyncio.client import connect as ws_connect

from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair
from server.conversations.service import create_conversation
from server.models import Message
from wire.codes import CLOSE_AUTH_FAILED, CLOSE_AUTH_TIMEOUT, ErrorCode
from wire.messages import Accepted, Delivered

MAX_FRAME = 64 * 1024
HARD_CEILING = 256 * 1024
CLOSE_MESSAGE_TOO_BIG = 1009


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def open_conversation(db, *identities: IdentityKeyPair, kind: str = "direct") -> str:
    async with db() as session, session.begin():
        return await create_conversation(session, kind, [i.account_id for i in identities])


async def connect(server, identity: IdentityKeyPair) -> RelayConnection:
    connection = await RelayConnection.connect(server.ws_url, identity)
    await connection.resume()
    return connection


async def stored_count(db, conversation: str) -> int:
    async with db() as session:
        return int(await session.scalar(select(func.count()).where(Message.conversation_id == conversation)) or 0)


async def drain(connection: RelayConnection, count: int, timeout: float = 10.0) -> list[Delivered]:
    return [await connection.next_delivery(timeout) for _ in range(count)]


async def assert_no_more_deliveries(connection: RelayConnection, wait: float = 0.3) -> None:
    with pytest.raises(asyncio.TimeoutError):
        await connection.next_delivery(timeout=wait)


def assert_exactly_once_in_order(delivered: list[Delivered], accepted: list[Accepted], sent: dict[bytes, bytes]):
    """Every accepted message arrives once, in seq order, with the ciphertext that was sent under its id."""
    assert [d.seq for d in delivered] == sorted(a.seq for a in accepted)
    assert len({d.seq for d in delivered}) == len(delivered)
    by_seq = {a.seq: a.client_id for a in accepted}
    for delivery in delivered:
        assert delivery.client_id == by_seq[delivery.seq]
        assert delivery.ciphertext == sent[delivery.client_id]


def bad_frames(conversation: str) -> list[tuple[str | bytes, ErrorCode]]:
    """One frame of each class of bad input, with the code it must be refused with (when authenticated)."""
    send = {"type": "send", "conversation": conversation, "client_id": b64(bytes(16)), "ciphertext": b64(b"x")}

    def mutated(**fields: Any) -> str:
        return json.dumps({**send, **fields})

    return [
        ("", ErrorCode.MALFORMED_JSON),
        ("{", ErrorCode.MALFORMED_JSON),
        ("{'type': 'ping'}", ErrorCode.MALFORMED_JSON),
        ('{"type":"ping"} trailing', ErrorCode.MALFORMED_JSON),
        ("[" * 5000 + "]" * 5000, ErrorCode.MALFORMED_JSON),
        ('{"type":"ack","conversation":"' + conversation + '","seq":' + "9" * 5000 + "}", ErrorCode.MALFORMED_JSON),
        ("[]", ErrorCode.INVALID_FRAME),
        ("42", ErrorCode.INVALID_FRAME),
        ("null", ErrorCode.INVALID_FRAME),
        ('"send"', ErrorCode.INVALID_FRAME),
        ("{}", ErrorCode.UNKNOWN_TYPE),
        ('{"type":"deliver"}', ErrorCode.UNKNOWN_TYPE),
        ('{"type":7}', ErrorCode.UNKNOWN_TYPE),
        ('{"type":"Send"}', ErrorCode.UNKNOWN_TYPE),
        ('{"type":"ping","extra":true}', ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "send", "conversation": conversation}), ErrorCode.INVALID_FRAME),
        (mutated(sender="0" * 32), ErrorCode.INVALID_FRAME),
        (mutated(ciphertext="eA"), ErrorCode.BAD_BASE64),
        (mutated(ciphertext="eA="), ErrorCode.BAD_BASE64),
        (mutated(ciphertext="e A=="), ErrorCode.BAD_BASE64),
        (mutated(ciphertext="-_-_"), ErrorCode.BAD_BASE64),
        (mutated(ciphertext="ñA=="), ErrorCode.BAD_BASE64),
        (mutated(ciphertext=123), ErrorCode.BAD_BASE64),
        (mutated(ciphertext=""), ErrorCode.BAD_LENGTH),
        (mutated(client_id=b64(bytes(15))), ErrorCode.BAD_LENGTH),
        (mutated(client_id=b64(bytes(17))), ErrorCode.BAD_LENGTH),
        (
            json.dumps({"type": "auth", "account": "a" * 32, "time": 1, "signature": b64(bytes(63))}),
            ErrorCode.BAD_LENGTH,
        ),
        (mutated(conversation=conversation.upper()), ErrorCode.INVALID_FRAME),
        (mutated(conversation=conversation[:-1]), ErrorCode.INVALID_FRAME),
        (mutated(conversation=conversation + "0"), ErrorCode.INVALID_FRAME),
        (mutated(conversation="z" * 32), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": -1}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": 2**63}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": 10**30}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": True}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": 1.5}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "ack", "conversation": conversation, "seq": "1"}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "resume", "after": {conversation: -1}}), ErrorCode.INVALID_FRAME),
        (json.dumps({"type": "resume", "after": {conversation: False}}), ErrorCode.INVALID_FRAME),
        ('{"type":"ping"}' + " " * MAX_FRAME, ErrorCode.FRAME_TOO_LARGE),
        # Under the limit in characters, over it in UTF-8 bytes.
        ('{"type":"ping","x":"' + "€" * (MAX_FRAME // 2) + '"}', ErrorCode.FRAME_TOO_LARGE),
        (b'{"type":"ping"}', ErrorCode.BINARY_NOT_SUPPORTED),
        (b"\x00\x01\x02", ErrorCode.BINARY_NOT_SUPPORTED),
        (
            json.dumps({"type": "auth", "account": "a" * 32, "time": 1, "signature": b64(bytes(64))}),
            ErrorCode.ALREADY_AUTHENTICATED,
        ),
    ]


async def test_each_bad_frame_is_refused_and_the_connection_keeps_working(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    try:
        for frame, code in bad_frames(conversation):
            await a.send_raw(frame)
            error = await a.next_error()
            assert (error.code, error.fatal) == (code.value, False), frame[:80]
            assert not a.closed
            await a.ping()
        assert a.errors.empty()
        accepted = await a.send(conversation, b"after all that")
        assert accepted.seq == 1
        assert not accepted.duplicate
        delivered = await b.next_delivery()
        assert (delivered.seq, delivered.ciphertext, delivered.sender) == (1, b"after all that", alice.account_id)
        await assert_no_more_deliveries(b)
        # The recipient's side of the conversation survives junk too.
        for frame, code in bad_frames(conversation)[:10]:
            await b.send_raw(frame)
            assert (await b.next_error()).code == code.value
        reply = await b.send(conversation, b"reply")
        assert reply.seq == 2
        assert (await a.next_delivery()).ciphertext == b"reply"
    finally:
        await a.close()
        await b.close()
    assert await stored_count(db, conversation) == 2


async def test_oversized_send_and_mistyped_ack_are_answered_with_their_ref(live_server, register_identity, db):
    """An SDK send too big for a frame fails at once with frame_too_large (it used to wait for its timeout), and an
    ack whose seq is not an integer names its conversation."""
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a = await connect(live_server, alice)
    try:
        with pytest.raises(HavenClientError) as refused:
            await a.send(conversation, b"y" * MAX_FRAME, timeout=10.0)
        assert refused.value.code == ErrorCode.FRAME_TOO_LARGE.value
        for seq in ["1", 1.5, None]:
            await a.send_frame({"type": "ack", "conversation": conversation, "seq": seq})
            error = await a.next_error()
            assert (error.code, error.ref) == (ErrorCode.INVALID_FRAME.value, conversation)
        assert (await a.send(conversation, b"fits")).seq == 1
    finally:
        await a.close()
    assert await stored_count(db, conversation) == 1


async def test_refused_send_stores_and_delivers_nothing(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    try:
        client_id = secrets.token_bytes(16)
        huge = {
            "type": "send",
            "conversation": conversation,
            "client_id": b64(client_id),
            "ciphertext": b64(b"y" * MAX_FRAME),
        }
        await a.send_frame(huge)
        error = await a.next_error()
        assert error.code == ErrorCode.FRAME_TOO_LARGE.value
        # The too-large frame was not parsed, but its client id was found by the server's scan.
        assert error.ref == b64(client_id)
        with pytest.raises(HavenClientError) as bad:
            await a.send(conversation, b"ok", client_id=client_id[:15])
        assert bad.value.code == ErrorCode.BAD_LENGTH.value
        await a.ping()
        await assert_no_more_deliveries(b)
        assert await stored_count(db, conversation) == 0
        # The same client id, now sent properly, is a fresh message (the refusal reserved nothing).
        accepted = await a.send(conversation, b"proper", client_id=client_id)
        assert accepted.seq == 1
        assert not accepted.duplicate
        assert (await b.next_delivery()).ciphertext == b"proper"
    finally:
        await a.close()
        await b.close()


async def test_accepted_messages_survive_interleaved_bad_input_exactly_once(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    junk = bad_frames(conversation)
    sent: dict[bytes, bytes] = {}
    accepted: list[Accepted] = []
    expected_errors: list[str] = []
    try:
        pending: list[asyncio.Task[Accepted]] = []
        for i in range(40):
            client_id = secrets.token_bytes(16)
            sent[client_id] = f"message {i} ".encode() + secrets.token_bytes(8)
            if i % 2:
                # Pipelined: the accepted frame may come back after later junk is already refused.
                pending.append(asyncio.create_task(a.send(conversation, sent[client_id], client_id=client_id)))
            else:
                accepted.append(await a.send(conversation, sent[client_id], client_id=client_id))
            frame, code = junk[i % len(junk)]
            await a.send_raw(frame)
            expected_errors.append(code.value)
            # The recipient throws junk while messages stream in.
            await b.send_raw(junk[(i * 7) % len(junk)][0])
        accepted += await asyncio.gather(*pending)
        await a.ping()
        assert len(accepted) == 40
        assert not any(x.duplicate for x in accepted)
        assert sorted(x.seq for x in accepted) == list(range(1, 41))
        got_errors = [(await a.next_error()).code for _ in expected_errors]
        assert got_errors == expected_errors
        delivered = await drain(b, 40)
        assert_exactly_once_in_order(delivered, accepted, sent)
        await assert_no_more_deliveries(b)
        bob_errors = [b.errors.get_nowait() for _ in range(b.errors.qsize())]
        assert len(bob_errors) == 40
        assert not any(e.fatal for e in bob_errors)
    finally:
        await a.close()
        await b.close()
    # Nothing was acknowledged, so a fresh connection replays exactly the same messages, once each.
    again = await RelayConnection.connect(live_server.ws_url, bob)
    try:
        positions = await again.resume()
        assert positions[conversation] == 40
        replayed = [again.deliveries.get_nowait() for _ in range(again.deliveries.qsize())]
        assert_exactly_once_in_order(replayed, accepted, sent)
    finally:
        await again.close()
    assert await stored_count(db, conversation) == 40


async def test_frame_just_over_max_frame_bytes_is_refused_and_the_connection_survives(
    live_server, register_identity, db
):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    try:
        ping = '{"type":"ping"}'
        at_limit = ping + " " * (MAX_FRAME - len(ping))
        await a.send_raw(at_limit)
        await asyncio.wait_for(a._pongs.get(), 10)  # exactly at the limit is a valid frame
        for size in (MAX_FRAME + 1, MAX_FRAME * 2, HARD_CEILING - 1, HARD_CEILING):
            await a.send_raw(ping + " " * (size - len(ping)))
            error = await a.next_error()
            assert (error.code, error.fatal) == (ErrorCode.FRAME_TOO_LARGE.value, False), size
            await a.ping()
        accepted = await a.send(conversation, b"still here")
        assert (await b.next_delivery()).seq == accepted.seq
    finally:
        await a.close()
        await b.close()


async def test_frame_over_the_hard_ceiling_closes_only_that_connection(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(live_server, alice), await connect(live_server, bob)
    bystander = await connect(live_server, await register_identity())
    sent: dict[bytes, bytes] = {}
    try:
        confirmed: list[Accepted] = []
        for i in range(5):
            client_id = secrets.token_bytes(16)
            sent[client_id] = f"confirmed {i}".encode()
            confirmed.append(await a.send(conversation, sent[client_id], client_id=client_id))
        # Five more in flight when the oversized frame arrives: their fate is unknown to the client.
        in_flight = [secrets.token_bytes(16) for _ in range(5)]
        for i, client_id in enumerate(in_flight):
            sent[client_id] = f"in flight {i}".encode()
            await a.send_frame(
                {
                    "type": "send",
                    "conversation": conversation,
                    "client_id": b64(client_id),
                    "ciphertext": b64(sent[client_id]),
                }
            )
        await a.send_raw("x" * (HARD_CEILING + 1))
        assert await a.wait_closed() == CLOSE_MESSAGE_TOO_BIG
        # Other connections and the server are untouched.
        await b.ping()
        await bystander.ping()
        async with httpx.AsyncClient(base_url=live_server.http_url) as http:
            assert (await http.get("/health")).json() == {"status": "ok"}
        # The sender reconnects and resends what it had no answer for; the client id dedupes.
        a = await connect(live_server, alice)
        resent = [await a.send(conversation, sent[client_id], client_id=client_id) for client_id in in_flight]
        accepted = confirmed + resent
        assert sorted(x.seq for x in accepted) == list(range(1, 11))
        delivered = await drain(b, 10)
        assert_exactly_once_in_order(delivered, accepted, sent)
        await assert_no_more_deliveries(b)
        # A brand new client is served as usual.
        carol = await register_identity()
        c = await connect(live_server, carol)
        try:
            await c.ping()
        finally:
            await c.close()
    finally:
        await a.close()
        await b.close()
        await bystander.close()
    assert await stored_count(db, conversation) == 10


async def test_binary_frame_over_the_hard_ceiling_also_closes_with_1009(live_server, register_identity):
    a = await connect(live_server, await register_identity())
    try:
        await a.send_raw(b"\x00" * (HARD_CEILING + 1))
        assert await a.wait_closed() == CLOSE_MESSAGE_TOO_BIG
    finally:
        await a.close()
    again = await connect(live_server, await register_identity())
    try:
        await again.ping()
    finally:
        await again.close()


async def test_invalid_utf8_in_a_text_frame_closes_with_1007_and_loses_nothing(live_server, register_identity, db):
    alice, bob = await register_identity(), await register_identity()
    conversation = await open_conversation(db, alice, bob)
    b = await connect(live_server, bob)
    sent: dict[bytes, bytes] = {}
    accepted: list[Accepted] = []
    try:
        for payload in (b"\xff\xfe{", b'{"type":"ping"}\xc3', b'{"type":"send","x":"\xed\xa0\x80"}'):
            a = await connect(live_server, alice)
            client_id = secrets.token_bytes(16)
            sent[client_id] = secrets.token_bytes(12)
            accepted.append(await a.send(conversation, sent[client_id], client_id=client_id))
            # Not valid UTF-8, so not a text frame at all: RFC 6455 requires failing the connection.
            await a._socket.send(payload, text=True)
            assert await a.wait_closed() == 1007
            await a.close()
        await b.ping()
        delivered = await drain(b, len(accepted))
        assert_exactly_once_in_order(delivered, accepted, sent)
        await assert_no_more_deliveries(b)
    finally:
        await b.close()


async def test_send_flood_is_rate_limited_then_recovers(server_factory, database_url, register_identity, db):
    server = server_factory(database_url, sends_per_second="5", send_burst="10")
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(server, alice), await connect(server, bob)
    sent: dict[bytes, bytes] = {}
    try:
        ids = [secrets.token_bytes(16) for _ in range(40)]
        for i, client_id in enumerate(ids):
            sent[client_id] = f"flood {i}".encode()
        results = await asyncio.gather(
            *(a.send(conversation, sent[c], client_id=c) for c in ids), return_exceptions=True
        )
        accepted = [r for r in results if isinstance(r, Accepted)]
        refused = [(c, r) for c, r in zip(ids, results, strict=True) if not isinstance(r, Accepted)]
        assert all(isinstance(r, HavenClientError) for _, r in refused), refused
        assert {r.code for _, r in refused} == {ErrorCode.RATE_LIMITED.value}
        # The burst goes through (plus whatever refilled meanwhile), the rest is refused.
        assert 10 <= len(accepted) < 20
        assert len(refused) == 40 - len(accepted)
        # The connection is not closed for it, and the limit is on sends, not on frames.
        await a.ping()
        assert not a.closed
        delivered = await drain(b, len(accepted))
        assert_exactly_once_in_order(delivered, accepted, sent)
        await assert_no_more_deliveries(b)
        assert await stored_count(db, conversation) == len(accepted)

        # Once the bucket has refilled, sends go through again, including the refused ones resent.
        await asyncio.sleep(2.2)
        retried = [await a.send(conversation, sent[c], client_id=c) for c, _ in refused[:8]]
        assert not any(r.duplicate for r in retried)
        assert [r.seq for r in retried] == list(range(len(accepted) + 1, len(accepted) + 9))
        assert_exactly_once_in_order(await drain(b, 8), retried, sent)
        await assert_no_more_deliveries(b)
    finally:
        await a.close()
        await b.close()


async def test_send_limit_is_per_identity_not_per_connection(server_factory, database_url, register_identity, db):
    # A refill of one send per ten seconds: the test cannot outlast the empty bucket.
    server = server_factory(database_url, sends_per_second="0.1", send_burst="3")
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    first, second = await connect(server, alice), await connect(server, alice)
    b = await connect(server, bob)
    try:
        for _ in range(3):
            await first.send(conversation, b"x")
        # A second connection of the same identity shares the exhausted bucket.
        with pytest.raises(HavenClientError) as limited:
            await second.send(conversation, b"y")
        assert limited.value.code == ErrorCode.RATE_LIMITED.value
        # Another identity is not affected.
        assert (await b.send(conversation, b"z")).seq == 4
    finally:
        await first.close()
        await second.close()
        await b.close()


async def test_frame_flood_is_rate_limited_then_recovers(server_factory, database_url, register_identity, db):
    server = server_factory(database_url, frames_per_second="10", frame_burst="20")
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    a, b = await connect(server, alice), await connect(server, bob)
    try:
        accepted = await a.send(conversation, b"before the flood")
        for _ in range(60):
            await a.send_raw('{"type":"ping"}')
        await asyncio.sleep(0.5)
        pongs = a._pongs.qsize()
        while not a._pongs.empty():
            a._pongs.get_nowait()
        errors = [a.errors.get_nowait() for _ in range(a.errors.qsize())]
        assert {e.code for e in errors} == {ErrorCode.RATE_LIMITED.value}
        assert pongs + len(errors) == 60
        assert 10 <= len(errors) <= 50
        assert not any(e.fatal for e in errors)
        assert not a.closed
        await asyncio.sleep(0.5)  # five frames' worth at 10 per second
        await a.ping()
        after = await a.send(conversation, b"after the flood")
        assert [d.ciphertext for d in await drain(b, 2)] == [b"before the flood", b"after the flood"]
        assert (accepted.seq, after.seq) == (1, 2)
    finally:
        await a.close()
        await b.close()


# --- authentication over the wire --------------------------------------------------------------------------


async def open_raw(server) -> tuple[Any, dict[str, Any]]:
    socket = await ws_connect(server.ws_url, max_size=None, compression=None)
    greeting = json.loads(await asyncio.wait_for(socket.recv(), 10))
    assert greeting["type"] == "challenge"
    return socket, greeting


def auth_text(
    identity: IdentityKeyPair,
    greeting: dict[str, Any],
    *,
    time_ms: int | None = None,
    key: Any = None,
    server_id: str | None = None,
) -> str:
    time_ms = time.time_ns() // 1_000_000 if time_ms is None else time_ms
    signature = sign_auth(
        key or identity.signing,
        base64.b64decode(greeting["challenge"]),
        server_id or greeting["server_id"],
        time_ms,
        identity.account_id,
    )
    return json.dumps({"type": "auth", "account": identity.account_id, "time": time_ms, "signature": b64(signature)})


async def answer(socket) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), 10))
    return frame


async def frames_until_close(socket, timeout: float = 10.0) -> tuple[list[dict[str, Any]], int | None]:
    received: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            received.append(json.loads(await asyncio.wait_for(socket.recv(), deadline - time.monotonic())))
    except websockets.ConnectionClosed:
        pass
    return received, socket.close_code


async def assert_ping(socket) -> None:
    await socket.send('{"type":"ping"}')
    assert await answer(socket) == {"type": "pong"}


async def test_wire_auth_wrong_signature_then_correct(live_server, register_identity):
    alice = await register_identity()
    socket, greeting = await open_raw(live_server)
    try:
        await socket.send(auth_text(alice, greeting, key=IdentityKeyPair.generate().signing))
        error = await answer(socket)
        assert (error["type"], error["code"], error["fatal"]) == ("error", "auth_failed", False)
        await assert_ping(socket)
        # Requests are refused until a proper answer.
        await socket.send(json.dumps({"type": "resume", "after": {}}))
        assert (await answer(socket))["code"] == "not_authenticated"
        await socket.send(auth_text(alice, greeting))
        assert await answer(socket) == {"type": "ready", "account": alice.account_id}
        await assert_ping(socket)
    finally:
        await socket.close()


@pytest.mark.parametrize("offset_ms", [-600_000, 600_000], ids=["past", "future"])
async def test_wire_auth_stale_time(live_server, register_identity, offset_ms):
    alice = await register_identity()
    socket, greeting = await open_raw(live_server)
    try:
        await socket.send(auth_text(alice, greeting, time_ms=time.time_ns() // 1_000_000 + offset_ms))
        error = await answer(socket)
        assert (error["code"], error["fatal"]) == ("auth_stale", False)
        await socket.send(auth_text(alice, greeting))
        assert (await answer(socket))["type"] == "ready"
    finally:
        await socket.close()


async def test_wire_auth_for_another_server_id_fails(live_server, register_identity):
    alice = await register_identity()
    socket, greeting = await open_raw(live_server)
    try:
        await socket.send(auth_text(alice, greeting, server_id="haven-elsewhere"))
        assert (await answer(socket))["code"] == "auth_failed"
    finally:
        await socket.close()


async def test_wire_auth_unknown_account_looks_like_a_bad_signature(live_server, register_identity):
    alice = await register_identity()
    stranger = IdentityKeyPair.generate()  # never registered
    socket, greeting = await open_raw(live_server)
    try:
        await socket.send(auth_text(stranger, greeting))
        unknown = await answer(socket)
        await socket.send(auth_text(alice, greeting, key=stranger.signing))
        forged = await answer(socket)
        assert unknown["code"] == "auth_failed"
        assert unknown == forged
        await assert_ping(socket)
    finally:
        await socket.close()
    # The failed attempt did not register the stranger by accident.
    with pytest.raises(HavenClientError) as refused:
        await RelayConnection.connect(live_server.ws_url, stranger)
    assert refused.value.code == "auth_failed"


async def test_wire_captured_auth_frame_cannot_be_replayed(live_server, register_identity):
    alice = await register_identity()
    first, greeting = await open_raw(live_server)
    second, _ = await open_raw(live_server)
    try:
        captured = auth_text(alice, greeting)
        await first.send(captured)
        assert (await answer(first))["type"] == "ready"
        # Replayed on the same connection: already authenticated; on another connection: a wrong challenge.
        await first.send(captured)
        assert (await answer(first))["code"] == "already_authenticated"
        await second.send(captured)
        replay = await answer(second)
        assert (replay["code"], replay["fatal"]) == ("auth_failed", False)
        await second.send(json.dumps({"type": "resume", "after": {}}))
        assert (await answer(second))["code"] == "not_authenticated"
        await assert_ping(first)
    finally:
        await first.close()
        await second.close()


async def test_wire_three_failed_auths_close_the_connection(live_server, register_identity):
    alice = await register_identity()
    socket, greeting = await open_raw(live_server)
    wrong = IdentityKeyPair.generate().signing
    try:
        for _ in range(2):
            await socket.send(auth_text(alice, greeting, key=wrong))
            assert (await answer(socket))["fatal"] is False
        await socket.send(auth_text(alice, greeting, key=wrong))
        received, code = await frames_until_close(socket)
        assert code == CLOSE_AUTH_FAILED
        assert not any(f.get("type") == "ready" for f in received)
    finally:
        await socket.close()
    # The account is not locked out: a fresh connection authenticates.
    connection = await connect(live_server, alice)
    try:
        await connection.ping()
    finally:
        await connection.close()


async def test_wire_third_failed_auth_sends_a_fatal_error_before_closing(live_server, register_identity):
    alice = await register_identity()
    socket, greeting = await open_raw(live_server)
    wrong = IdentityKeyPair.generate().signing
    try:
        for _ in range(2):
            await socket.send(auth_text(alice, greeting, key=wrong))
            await answer(socket)
        await socket.send(auth_text(alice, greeting, key=wrong))
        received, code = await frames_until_close(socket)
        assert code == CLOSE_AUTH_FAILED
        assert [(f["code"], f["fatal"]) for f in received] == [("auth_failed", True)]
    finally:
        await socket.close()


async def test_wire_auth_timeout_closes_with_4002(server_factory, database_url, register_identity):
    server = server_factory(database_url, auth_timeout_seconds="1")
    alice = await register_identity(server)
    idle, _ = await open_raw(server)
    failed, greeting = await open_raw(server)
    signed_in = await RelayConnection.connect(server.ws_url, alice)
    try:
        await failed.send(auth_text(alice, greeting, key=IdentityKeyPair.generate().signing))
        assert (await answer(failed))["code"] == "auth_failed"
        frames, code = await frames_until_close(idle, timeout=10)
        # How long it took is a figure, not a test (bench/wall_clock.py).
        assert code == CLOSE_AUTH_TIMEOUT
        assert not any(f.get("type") in {"ready", "pong"} for f in frames)
        # A failed attempt does not extend the deadline.
        _, failed_code = await frames_until_close(failed, timeout=10)
        assert failed_code == CLOSE_AUTH_TIMEOUT
        # An authenticated connection is not subject to the timeout.
        await asyncio.sleep(0.5)
        assert not signed_in.closed
        await signed_in.ping()
        # The server keeps accepting connections.
        again = await RelayConnection.connect(server.ws_url, alice)
        await again.ping()
        await again.close()
    finally:
        await idle.close()
        await failed.close()
        await signed_in.close()


async def test_wire_auth_timeout_sends_auth_timeout_frame(server_factory, database_url):
    server = server_factory(database_url, auth_timeout_seconds="1")
    socket, _ = await open_raw(server)
    try:
        frames, code = await frames_until_close(socket, timeout=10)
        assert code == CLOSE_AUTH_TIMEOUT
        assert [(f["type"], f["code"], f["fatal"]) for f in frames] == [("error", "auth_timeout", True)]
    finally:
        await socket.close()
