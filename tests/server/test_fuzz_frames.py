"""Hypothesis throws random and mutated frames at a live server; afterwards everything still works.

Each frame also goes through a local copy of the protocol state machine (same challenge, same server id, same
limits), which predicts every answer the server gives synchronously: the errors, pongs and ready frames that
come back over the wire must be exactly the ones the machine predicts, in order. Answers that depend on the
database (accepted, deliver, resumed, unknown_conversation, ack_out_of_range) are checked for shape only.

Two sockets are fuzzed: one authenticated as alice (a member of the conversations the frames name) and one
that never authenticated, which the server closes after three failed authentications (then it reconnects).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import secrets
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from client.registration import register
from client.relay import RelayConnection
from crypto.auth import sign_auth
from crypto.keys import IdentityKeyPair
from server.config import Settings
from server.conversations.service import create_conversation
from server.db import create_engine, create_sessionmaker
from server.protocol.machine import AuthRequested, Close, ConnectionProtocol, Outbound
from tests.haven_testing.live_server import LiveServer
from wire.codes import CLOSE_AUTH_FAILED, ErrorCode
from wire.messages import Accepted

SKEW_SECONDS = 120
PING = '{"type":"ping"}'
OUTBOUND_TYPES = {"challenge", "ready", "accepted", "deliver", "resumed", "pong", "error"}
# Answers that depend on the database, not only on the frame: the local machine cannot predict them.
DATABASE_TYPES = {"accepted", "deliver", "resumed"}
DATABASE_ERRORS = {ErrorCode.UNKNOWN_CONVERSATION.value, ErrorCode.ACK_OUT_OF_RANGE.value}

# Placeholders replaced at send time by the ids the fixture created.
MAIN, SIDE, ALICE, BOB = "@main@", "@side@", "@alice@", "@bob@"


class _Now:
    """Stands for the current time in milliseconds, filled in when the frame is sent."""

    def __repr__(self) -> str:
        return "NOW"


NOW = _Now()


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# --- the world the frames are thrown at ----------------------------------------------------------------------


@dataclass
class Oracle:
    machine: ConnectionProtocol
    keys: dict[str, bytes]

    @classmethod
    def for_greeting(cls, greeting: dict[str, Any], keys: dict[str, bytes]) -> Oracle:
        machine = ConnectionProtocol(
            server_id=greeting["server_id"],
            challenge=base64.b64decode(greeting["challenge"]),
            now_ms=now_ms(),
            max_frame_bytes=greeting["max_frame_bytes"],
            clock_skew_ms=SKEW_SECONDS * 1000,
            frames_per_second=1e12,
            frame_burst=10**12,
        )
        return cls(machine, keys)

    def feed(self, data: str | bytes) -> tuple[list[dict[str, Any]], bool]:
        """The frames the server must answer `data` with, and whether it then closes the connection."""
        pending = list(self.machine.receive(data, now_ms()))
        answers: list[dict[str, Any]] = []
        closes = False
        while pending:
            event = pending.pop(0)
            if isinstance(event, Outbound):
                answers.append(json.loads(event.frame))
            elif isinstance(event, AuthRequested):
                pending[:0] = self.machine.complete_auth(self.keys.get(event.account))
            elif isinstance(event, Close):
                assert event.code == CLOSE_AUTH_FAILED
                closes = True
        return answers, closes


@dataclass
class FuzzWorld:
    server: LiveServer
    alice: IdentityKeyPair
    bob: IdentityKeyPair
    main: str
    side: str
    before: list[tuple[Accepted, bytes]]
    sockets: dict[str, tuple[ClientConnection, Oracle]] = field(default_factory=dict)
    stats: Counter[str] = field(default_factory=Counter)
    accepted_main: set[int] = field(default_factory=set)
    _opened: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)

    @property
    def keys(self) -> dict[str, bytes]:
        return {i.account_id: bytes(i.signing.public_key()) for i in (self.alice, self.bob)}

    def render(self, frame: Any) -> str | bytes:
        kind, value = frame
        if kind == "bytes":
            return bytes(value)
        text = value if kind == "text" else json.dumps(value, default=lambda _: now_ms())
        for placeholder, real in (
            (MAIN, self.main),
            (SIDE, self.side),
            (ALICE, self.alice.account_id),
            (BOB, self.bob.account_id),
        ):
            text = text.replace(placeholder, real)
        return str(text)

    # --- sockets ---------------------------------------------------------------------------------------------
    def _open(self, kind: str) -> tuple[ClientConnection, Oracle]:
        socket = self._opened.enter_context(
            connect(self.server.ws_url, max_size=None, compression=None, open_timeout=10)
        )
        greeting = json.loads(socket.recv(timeout=10))
        assert greeting["type"] == "challenge"
        oracle = Oracle.for_greeting(greeting, self.keys)
        if kind == "authenticated":
            time_ms = now_ms()
            signature = sign_auth(
                self.alice.signing,
                base64.b64decode(greeting["challenge"]),
                greeting["server_id"],
                time_ms,
                self.alice.account_id,
            )
            frame = json.dumps(
                {"type": "auth", "account": self.alice.account_id, "time": time_ms, "signature": b64(signature)}
            )
            expected, _ = oracle.feed(frame)
            socket.send(frame)
            assert expected == [{"type": "ready", "account": self.alice.account_id}]
            assert json.loads(socket.recv(timeout=10)) == expected[0]
        self.stats[f"connections:{kind}"] += 1
        return socket, oracle

    def socket(self, kind: str) -> tuple[ClientConnection, Oracle]:
        if kind not in self.sockets:
            self.sockets[kind] = self._open(kind)
        return self.sockets[kind]

    def close_all(self) -> None:
        self.sockets.clear()
        self._opened.close()

    # --- one batch of frames ----------------------------------------------------------------------------------
    def throw(self, kind: str, batch: list[Any]) -> None:
        socket, oracle = self.socket(kind)
        expected: list[dict[str, Any]] = []
        closes = False
        for frame in batch:
            data = self.render(frame)
            answers, closes = oracle.feed(data)
            socket.send(data)
            self.stats["frames"] += 1
            self.stats[f"frames:{kind}"] += 1
            expected += answers
            if closes:
                break
        if not closes:
            answers, _ = oracle.feed(PING)
            socket.send(PING)
            expected += answers
        pongs = sum(1 for f in expected if f["type"] == "pong")
        received: list[dict[str, Any]] = []
        try:
            while closes or sum(1 for f in received if f["type"] == "pong") < pongs:
                frame = json.loads(socket.recv(timeout=15))
                self._check_shape(frame, kind)
                if frame["type"] in DATABASE_TYPES or frame.get("code") in DATABASE_ERRORS:
                    continue
                received.append(frame)
        except ConnectionClosed:
            assert closes, f"the server closed the {kind} connection unexpectedly ({socket.close_code})"
            assert socket.close_code == CLOSE_AUTH_FAILED
            del self.sockets[kind]
            self.stats["fatal_closes"] += 1
            self._count(received)
            # The fatal error frame that precedes the close is a known casualty of the close (see
            # test_bad_input.py); every answer before it must still be there.
            if received != expected:
                assert received == expected[:-1]
                assert expected[-1]["fatal"] is True
            return
        self._count(received)
        assert received == expected

    def _count(self, received: list[dict[str, Any]]) -> None:
        for frame in received:
            self.stats[f"answer:{frame.get('code', frame['type'])}"] += 1

    def _check_shape(self, frame: dict[str, Any], kind: str) -> None:
        assert frame["type"] in OUTBOUND_TYPES
        if frame["type"] == "error":
            assert frame["code"] in {c.value for c in ErrorCode}
            assert frame["code"] != ErrorCode.INTERNAL_ERROR.value
            assert isinstance(frame["message"], str)
            assert frame["fatal"] is False or kind == "unauthenticated"
        if kind == "unauthenticated":
            assert frame["type"] not in DATABASE_TYPES
        if frame["type"] == "accepted":
            self.stats["accepted"] += 1
            if frame["conversation"] == self.main:
                self.accepted_main.add(frame["seq"])
        if frame["type"] == "deliver":
            # alice is handed only what others sent, and nobody else sends during the fuzzing.
            raise AssertionError(f"unexpected delivery to alice: {frame['conversation']} {frame['seq']}")

    # --- afterwards -----------------------------------------------------------------------------------------
    def check_everything_still_works(self) -> None:
        self.close_all()
        assert self.server.process is not None
        assert self.server.process.poll() is None, "the server process died"
        assert httpx.get(f"{self.server.http_url}/health", timeout=5).json() == {"status": "ok"}
        asyncio.run(self._check_exchange_and_backlog())

    async def _check_exchange_and_backlog(self) -> None:
        server = self.server
        # A fresh pair of clients exchanges a message.
        carol, dave = IdentityKeyPair.generate(), IdentityKeyPair.generate()
        async with httpx.AsyncClient(base_url=server.http_url) as http:
            for identity in (carol, dave):
                await register(http, identity)
        conversation = await _create_conversation(server.database_url, carol, dave)
        c = await RelayConnection.connect(server.ws_url, carol)
        d = await RelayConnection.connect(server.ws_url, dave)
        try:
            await c.resume()
            await d.resume()
            accepted = await c.send(conversation, b"after the storm")
            assert accepted.seq == 1
            delivered = await d.next_delivery()
            assert (delivered.seq, delivered.ciphertext) == (1, b"after the storm")
        finally:
            await c.close()
            await d.close()
        # Bob never acknowledged anything: every message accepted in the main conversation, before the
        # fuzzing and during it, is replayed to him exactly once, in order.
        b = await RelayConnection.connect(server.ws_url, self.bob)
        try:
            positions = await b.resume()
            replayed = [b.deliveries.get_nowait() for _ in range(b.deliveries.qsize())]
        finally:
            await b.close()
        main = [d for d in replayed if d.conversation == self.main]
        seqs = [d.seq for d in main]
        assert seqs == list(range(1, len(seqs) + 1))
        assert positions[self.main] == len(seqs)
        assert self.accepted_main <= set(seqs)
        by_seq = {d.seq: d for d in main}
        for accepted_before, ciphertext in self.before:
            got = by_seq[accepted_before.seq]
            assert (got.client_id, got.ciphertext, got.sender) == (
                accepted_before.client_id,
                ciphertext,
                self.alice.account_id,
            )


async def _create_conversation(database_url: str, *identities: IdentityKeyPair) -> str:
    engine = create_engine(Settings(database_url=database_url))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await create_conversation(session, "direct", [i.account_id for i in identities])
    finally:
        await engine.dispose()


async def _prepare(server: LiveServer) -> FuzzWorld:
    alice, bob, carol = IdentityKeyPair.generate(), IdentityKeyPair.generate(), IdentityKeyPair.generate()
    async with httpx.AsyncClient(base_url=server.http_url) as http:
        for identity in (alice, bob, carol):
            await register(http, identity)
    main = await _create_conversation(server.database_url, alice, bob)
    side = await _create_conversation(server.database_url, alice, carol)
    before: list[tuple[Accepted, bytes]] = []
    a = await RelayConnection.connect(server.ws_url, alice)
    try:
        for i in range(5):
            ciphertext = f"before the fuzzing {i}".encode() + secrets.token_bytes(16)
            before.append((await a.send(main, ciphertext), ciphertext))
    finally:
        await a.close()
    assert [x.seq for x, _ in before] == [1, 2, 3, 4, 5]
    return FuzzWorld(server, alice, bob, main, side, before)


@pytest.fixture(scope="module")
def world(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzWorld]:
    """A dedicated server without per-connection limits, and the conversations the frames name (created once)."""
    env = {
        f"HAVEN_{key.upper()}": value
        for key, value in {
            "frames_per_second": "100000",
            "frame_burst": "100000",
            "sends_per_second": "100000",
            "send_burst": "100000",
            "auth_clock_skew_seconds": str(SKEW_SECONDS),
            "auth_timeout_seconds": "3600",
        }.items()
    }
    server = LiveServer(database_url, tmp_path_factory.mktemp("fuzz") / "server.log", env).start()
    try:
        yield asyncio.run(_prepare(server))
    finally:
        server.stop()


# --- strategies ---------------------------------------------------------------------------------------------

HEX32 = st.text(alphabet="0123456789abcdef", min_size=32, max_size=32)
CONVERSATIONS = st.sampled_from([MAIN, MAIN, SIDE]) | HEX32
ACCOUNTS = st.sampled_from([ALICE, BOB]) | HEX32
SEQS = st.integers(0, 20) | st.integers(0, 2**63 - 1)


def b64_bytes(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.binary(min_size=min_size, max_size=max_size).map(b64)


VALID = st.one_of(
    st.fixed_dictionaries(
        {
            "type": st.just("send"),
            "conversation": CONVERSATIONS,
            "client_id": b64_bytes(16, 16),
            "ciphertext": b64_bytes(1, 200),
        }
    ),
    st.fixed_dictionaries({"type": st.just("ack"), "conversation": CONVERSATIONS, "seq": SEQS}),
    st.fixed_dictionaries(
        {"type": st.just("resume")}, optional={"after": st.dictionaries(CONVERSATIONS, SEQS, max_size=3)}
    ),
    st.just({"type": "ping"}),
    st.fixed_dictionaries(
        {
            "type": st.just("auth"),
            "account": ACCOUNTS,
            "time": st.just(NOW) | st.integers(0, 2**63 - 1),
            "signature": b64_bytes(64, 64),
        }
    ),
)

JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),
    st.text(max_size=40),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
FIELDS = ["type", "account", "time", "signature", "conversation", "client_id", "ciphertext", "seq", "after"]
TYPES = st.sampled_from(["auth", "send", "ack", "resume", "ping"])

MUTANT_VALUES = st.one_of(
    JSON_VALUES,
    st.integers(min_value=2**63 - 2, max_value=2**64),
    st.integers(min_value=2**64, max_value=2**400),
    st.integers(max_value=-1),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet="ABCDEFabcdef0123456789+/=-_ \n\t", max_size=40),
    b64_bytes(0, 80),
    HEX32.map(str.upper),
    HEX32.map(lambda h: h + "\n"),
    st.integers(60_000, 70_000).map(lambda n: "A" * n),
    st.sampled_from([MAIN, SIDE, ALICE, BOB, "", " ", "\u0000", "😀" * 5]),
)


def _mutate(args: tuple[dict[str, Any], str, str, Any]) -> tuple[str, Any]:
    frame, key, how, value = args
    mutated = dict(frame)
    if how == "delete":
        mutated.pop(key, None)
    else:
        mutated[key] = value
    return ("json", mutated)


MUTATED = st.tuples(
    VALID,
    st.sampled_from([*FIELDS, "extra", "Type"]),
    st.sampled_from(["replace", "replace", "delete"]),
    MUTANT_VALUES,
).map(_mutate)

TYPED_RANDOM = st.tuples(
    TYPES, st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), MUTANT_VALUES, max_size=5)
).map(lambda t: ("json", {**t[1], "type": t[0]}))


def _nest(args: tuple[str, int, str]) -> tuple[str, Any]:
    field_name, depth, bracket = args
    close = "]" if bracket == "[" else "}"
    inner = "[" * depth + "]" * depth if bracket == "[" else '{"a":' * depth + "1" + close * depth
    return ("text", '{"type":"send","conversation":"' + MAIN + '","' + field_name + '":' + inner + "}")


# Depths well under the recursion limit and well over it; the band in between depends on the stack depth of
# the caller, which differs between the server and this local machine.
DEEP = st.tuples(
    st.sampled_from(["client_id", "ciphertext", "extra"]),
    st.integers(1, 200) | st.integers(3000, 20_000),
    st.sampled_from(["[", "{"]),
).map(_nest)


def _edit(args: tuple[dict[str, Any], int, str, str]) -> tuple[str, Any]:
    frame, position, how, text = args
    rendered = json.dumps(frame, default=lambda _: 0)
    position %= len(rendered) + 1
    if how == "insert":
        rendered = rendered[:position] + text + rendered[position:]
    elif how == "delete":
        rendered = rendered[:position] + rendered[position + len(text) + 1 :]
    else:
        rendered = rendered[:position] + text + rendered[position + len(text) :]
    return ("text", rendered)


TEXT_EDITS = st.tuples(
    VALID, st.integers(0, 500), st.sampled_from(["insert", "delete", "replace"]), st.text(min_size=1, max_size=4)
).map(_edit)

FRAMES = st.one_of(
    VALID.map(lambda f: ("json", f)),
    MUTATED,
    MUTATED,
    TYPED_RANDOM,
    JSON_VALUES.map(lambda v: ("json", v)),
    DEEP,
    TEXT_EDITS,
    st.text(max_size=200).map(lambda t: ("text", t)),
    st.binary(max_size=200).map(lambda b: ("bytes", b)),
    VALID.map(lambda f: ("bytes", json.dumps(f, default=lambda _: 0).encode())),
)
# Always thrown, whatever hypothesis draws: one of each kind of refusal, an accepted send, a fatal close.
_SEND = {"type": "send", "conversation": MAIN, "client_id": b64(bytes(range(16))), "ciphertext": b64(b"fuzz")}
_AUTH = {"type": "auth", "account": ALICE, "time": NOW, "signature": b64(bytes(64))}
EXPLICIT_BATCHES: list[tuple[str, list[Any]]] = [
    (
        "authenticated",
        [
            ("json", _SEND),
            ("json", {**_SEND, "client_id": "AAAA"}),
            ("json", {**_SEND, "ciphertext": "eA"}),
            ("json", {**_SEND, "conversation": MAIN.upper()}),
            ("json", {**_SEND, "seq": 1}),
            ("json", {"type": "ack", "conversation": MAIN, "seq": 10**30}),
            ("json", {"type": "pong"}),
            ("json", [_SEND]),
            ("json", _AUTH),
            ("text", '{"type":"ping"'),
            ("text", '{"type":"ping","x":"' + "€" * 30_000 + '"}'),
            ("bytes", b'{"type":"ping"}'),
            ("json", {"type": "resume", "after": {MAIN: 0, SIDE: 0, "0" * 32: 0}}),
        ],
    ),
    ("unauthenticated", [("json", _SEND), ("json", {"type": "resume"}), ("json", _AUTH)]),
    ("unauthenticated", [("json", {**_AUTH, "time": 0}), ("json", {**_AUTH, "account": BOB})]),
]
BATCHES = st.tuples(
    st.sampled_from(["authenticated", "authenticated", "unauthenticated"]), st.lists(FRAMES, min_size=1, max_size=8)
)


def fuzz(world: FuzzWorld, examples: int) -> Counter[str]:
    """Throw `examples` batches; returns what this run threw and got back (the world outlives one test)."""
    stats_before = Counter(world.stats)

    @settings(
        max_examples=examples,
        deadline=None,
        # Frames of tens of kilobytes are the point here, not a sign of a slow strategy.
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(batch=BATCHES)
    @example(batch=EXPLICIT_BATCHES[0])
    @example(batch=EXPLICIT_BATCHES[1])
    @example(batch=EXPLICIT_BATCHES[2])
    def throw(batch: tuple[str, list[Any]]) -> None:
        kind, frames = batch
        world.throw(kind, frames)

    try:
        throw()
    finally:
        world.close_all()
    stats = world.stats - stats_before
    assert stats["frames"] >= examples
    # The fuzzing reached every kind of refusal (the explicit examples make sure of it), a fatal close after
    # three failed authentications, and sends that the store accepted.
    for answer in (
        "answer:invalid_frame",
        "answer:malformed_json",
        "answer:bad_base64",
        "answer:bad_length",
        "answer:pong",
        "answer:binary_not_supported",
        "answer:already_authenticated",
        "answer:not_authenticated",
        "answer:unknown_type",
        "answer:frame_too_large",
        "answer:auth_failed",
        "answer:auth_stale",
        "fatal_closes",
        "accepted",
    ):
        assert stats[answer] > 0, (answer, dict(stats))
    return stats


def test_fuzz_frames_small(world: FuzzWorld) -> None:
    stats = fuzz(world, examples=80)
    assert stats["frames"] >= 200
    world.check_everything_still_works()


@pytest.mark.slow
def test_fuzz_frames_thousands(world: FuzzWorld) -> None:
    stats = fuzz(world, examples=1500)
    assert stats["frames"] >= 4000
    assert stats["answer:invalid_frame"] >= 200
    assert stats["fatal_closes"] >= 10
    world.check_everything_still_works()
