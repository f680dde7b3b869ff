"""What one identity can make the server hold (security issue 10, item 7), over real websockets.

The attack: connections that `resume` from 0 and never read held their whole backlog in memory; an identity
could open as many connections as it liked and keep them forever. The server now bounds each connection's
queue in bytes and streams backlogs from the database as the socket drains, gives up on peers that take
nothing or miss pings, and caps connections per identity. Settings are tightened so that small backlogs
already exceed the queue many times over; outcomes are awaited with generous timeouts, never timed.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import socket as stdlib_socket
import time
from collections.abc import Awaitable, Callable

import httpx
import pytest
import websockets
from websockets.asyncio.client import ClientConnection

from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair
from server.conversations.service import create_conversation
from wire.messages import Delivered

QUEUE_BYTES = 256 * 1024
# Small frames keep the backlog quick to build while it still outgrows the queue about forty times.
TIGHT = {
    "outbound_queue_bytes": str(QUEUE_BYTES),
    "max_frame_bytes": "4096",
    # One page per resume would queue the whole backlog at once; the server must page by bytes regardless.
    "resume_page_size": "100000",
    "sends_per_second": "100000",
    "send_burst": "100000",
    "frames_per_second": "100000",
    "frame_burst": "100000",
    "keepalive_interval_seconds": "1",
    "keepalive_timeout_seconds": "2",
}
BACKLOG = 3000
BODY = 2000


async def open_conversation(db, *identities: IdentityKeyPair) -> str:
    async with db() as session, session.begin():
        return await create_conversation(session, "group", [i.account_id for i in identities])


def body(i: int) -> bytes:
    return f"{i:06d}".encode() + os.urandom(BODY - 6)


async def send_many(sender: RelayConnection, conversation: str, start: int, count: int) -> list[int]:
    seqs: list[int] = []
    for first in range(start, start + count, 200):
        batch = range(first, min(first + 200, start + count))
        accepted = await asyncio.gather(*(sender.send(conversation, body(i)) for i in batch))
        seqs.extend(a.seq for a in accepted)
    return seqs


async def raw_authenticated(server, identity: IdentityKeyPair, receive_buffer: int | None = None) -> ClientConnection:
    """A websocket that authenticates like the SDK, for a test to then misbehave with.

    `receive_buffer` pins the client's kernel buffer small, as a reader that takes nothing does in effect
    (otherwise loopback autotuning lets the client's kernel absorb tens of MiB before the server notices).
    """
    sock = stdlib_socket.socket()
    if receive_buffer is not None:
        sock.setsockopt(stdlib_socket.SOL_SOCKET, stdlib_socket.SO_RCVBUF, receive_buffer)
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", server.port))
    socket = await websockets.connect(server.ws_url, sock=sock, max_size=None, compression=None)
    greeting = json.loads(await socket.recv())
    time_ms = time.time_ns() // 1_000_000
    signature = sign_auth(
        identity.signing, base64.b64decode(greeting["challenge"]), greeting["server_id"], time_ms, identity.account_id
    )
    await socket.send(
        json.dumps(
            {
                "type": "auth",
                "account": identity.account_id,
                "time": time_ms,
                "signature": base64.b64encode(signature).decode(),
            }
        )
    )
    ready = json.loads(await socket.recv())
    assert ready["type"] == "ready", ready
    return socket


SAMPLE = re.compile(r"^([a-z_]+)(\{[^}]*\})? (\S+)$")


async def metrics(server) -> dict[str, float]:
    async with httpx.AsyncClient(base_url=server.http_url) as http:
        response = await http.get("/metrics")
    response.raise_for_status()
    values: dict[str, float] = {}
    for line in response.text.splitlines():
        match = SAMPLE.match(line)
        if match:
            values[match[1] + (match[2] or "")] = float(match[3])
    return values


async def until(condition: Callable[[], Awaitable[bool]], timeout: float = 30.0) -> None:
    """Wait for an outcome (polling), failing only if it never comes within a generous time — never a speed check."""

    async def poll() -> None:
        while not await condition():
            await asyncio.sleep(0.1)

    try:
        await asyncio.wait_for(poll(), timeout)
    except TimeoutError:
        pytest.fail("the outcome never came")


async def closed_by_server(socket: ClientConnection) -> bool:
    """Read whatever is left; True once the server's close arrives (a timeout fails the test instead)."""
    try:
        while True:
            await asyncio.wait_for(socket.recv(), 30)
    except websockets.ConnectionClosed:
        return True


async def receive_all(connection: RelayConnection, count: int) -> list[Delivered]:
    return [await connection.next_delivery(timeout=30) for _ in range(count)]


async def test_a_backlog_larger_than_the_queue_is_caught_up_in_one_connection(
    server_factory, database_url, register_identity, db
):
    server = server_factory(database_url, **TIGHT)
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    a = await RelayConnection.connect(server.ws_url, alice)
    try:
        await a.resume()
        assert await send_many(a, conversation, 0, BACKLOG) == list(range(1, BACKLOG + 1))

        b = await RelayConnection.connect(server.ws_url, bob)
        try:
            # More arrives while the backlog streams: it must come after it, in order, exactly once.
            resumed = asyncio.create_task(b.resume(after={conversation: 0}, timeout=120))
            live = asyncio.create_task(send_many(a, conversation, BACKLOG, 100))
            got = []
            while len(got) < BACKLOG + 100:
                got.append(await b.next_delivery(timeout=30))
                if len(got) % 250 == 0:
                    # A reader acknowledges as it goes; the server keeps reading (and answering pings) meanwhile.
                    await b.ack(conversation, got[-1].seq)
            assert await live == list(range(BACKLOG + 1, BACKLOG + 101))
            positions = await resumed
            assert positions[conversation] >= BACKLOG
            assert [d.seq for d in got] == list(range(1, BACKLOG + 101))
            assert [int(d.ciphertext[:6]) for d in got] == list(range(BACKLOG + 100))
            with pytest.raises(asyncio.TimeoutError):
                await b.next_delivery(timeout=0.5)
            assert b.errors.empty(), "no slow_consumer or any other error on the way"
            await b.ping()
        finally:
            await b.close()
    finally:
        await a.close()
    counters = await metrics(server)
    assert counters['haven_connections_closed_total{reason="slow_consumer"}'] == 0
    assert counters["haven_messages_delivered_total"] >= BACKLOG + 100


async def test_hostile_readers_are_bounded_and_dropped_while_others_are_served(
    server_factory, database_url, register_identity, db
):
    server = server_factory(database_url, **TIGHT)
    alice, mallory, carol = [await register_identity(server) for _ in range(3)]
    conversation = await open_conversation(db, alice, mallory, carol)
    a = await RelayConnection.connect(server.ws_url, alice)
    try:
        await a.resume()
        await send_many(a, conversation, 0, BACKLOG)
        # Several connections resume from 0 and never read another byte.
        hostile = [await raw_authenticated(server, mallory, receive_buffer=16384) for _ in range(4)]
        for socket in hostile:
            await socket.send(json.dumps({"type": "resume", "after": {conversation: 0}}))

        # Meanwhile an honest member is served in full and live delivery goes on.
        c = await RelayConnection.connect(server.ws_url, carol)
        try:
            resumed = asyncio.create_task(c.resume(after={conversation: 0}, timeout=120))
            largest_queue = 0.0
            got = []
            for _ in range(BACKLOG):
                got.append(await c.next_delivery(timeout=30))
                if len(got) % 500 == 0:
                    largest_queue = max(largest_queue, (await metrics(server))["haven_outbound_queue_bytes"])
            await resumed
            assert [d.seq for d in got] == list(range(1, BACKLOG + 1))
            await send_many(a, conversation, BACKLOG, 10)
            assert [d.seq for d in await receive_all(c, 10)] == list(range(BACKLOG + 1, BACKLOG + 11))

            # What all connections hold queued stays within their budgets, whatever the backlog.
            assert largest_queue <= 6 * QUEUE_BYTES

            # The hostile connections are given up on; the others stay.
            async def only_honest_left() -> bool:
                return (await metrics(server))["haven_connections_open"] == 2

            await until(only_honest_left)
            await a.ping()
            await c.ping()
        finally:
            await c.close()
    finally:
        await a.close()
    for socket in hostile:
        socket.transport.abort()


async def test_connections_per_identity_are_capped(server_factory, database_url, register_identity, db):
    server = server_factory(database_url, **{**TIGHT, "max_connections_per_identity": "2"})
    alice, bob = await register_identity(server), await register_identity(server)
    conversation = await open_conversation(db, alice, bob)
    first = await RelayConnection.connect(server.ws_url, alice)
    second = await RelayConnection.connect(server.ws_url, alice)
    b = await RelayConnection.connect(server.ws_url, bob)
    try:
        with pytest.raises(HavenClientError) as refused:
            await RelayConnection.connect(server.ws_url, alice)
        assert refused.value.code == "too_many_connections"
        # The connections already open keep working, and another identity is not affected.
        for connection in (first, second, b):
            await connection.resume()
        accepted = await first.send(conversation, b"still here")
        assert (await b.next_delivery()).seq == accepted.seq
        await second.ping()
        # A closed connection frees its place.
        await second.close()

        async def admitted() -> bool:
            try:
                third = await RelayConnection.connect(server.ws_url, alice)
            except HavenClientError as exc:
                if exc.code != "too_many_connections":
                    raise
                return False
            await third.close()
            return True

        await until(admitted)
    finally:
        for connection in (first, b):
            await connection.close()
    assert (await metrics(server))['haven_connections_closed_total{reason="too_many_connections"}'] >= 1


async def test_a_peer_that_stops_answering_is_closed_after_the_keepalive_timeout(
    server_factory, database_url, register_identity
):
    server = server_factory(database_url, **TIGHT)
    silent, idle = await register_identity(server), await register_identity(server)
    socket = await raw_authenticated(server, silent)
    honest = await RelayConnection.connect(server.ws_url, idle)
    try:
        # The peer goes dark: it reads nothing more, so it answers no ping.
        socket.transport.pause_reading()

        async def only_the_idle_one_left() -> bool:
            return (await metrics(server))["haven_connections_open"] == 1

        await until(only_the_idle_one_left)
        socket.transport.resume_reading()
        assert await closed_by_server(socket)
        # A connection that merely has nothing to say answers the pings and stays.
        await honest.ping()
    finally:
        await honest.close()
        socket.transport.abort()
