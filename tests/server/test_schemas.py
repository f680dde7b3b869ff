"""The published schemas (docs/schema/) are current, and the server's outbound frames are exactly the models'.

The hot-path builders in wire/frames.py (used by server/conversations/store.py and server/ws/) format
JSON by hand; here each is compared byte for byte with `encode_model` of the matching model, over many values and
then over the frames a real server sends on a real websocket.
"""

from __future__ import annotations

import ast
import asyncio
import base64
import dataclasses
import json
import time
import typing
from typing import Any

import pytest
import websockets
from pydantic import TypeAdapter, ValidationError

from crypto.auth import sign_auth
from crypto.rng import deterministic_rng
from server.conversations.service import create_conversation
from server.metrics import OUTBOUND_TYPES
from server.protocol import schema_export
from wire import frames
from wire.codes import ErrorCode
from wire.messages import Accepted, Delivered

OUTBOUND = TypeAdapter(frames.ServerFrame)
HEX_IDS = ["0" * 32, "f" * 32, "0123456789abcdef" * 2]
EDGE_INTS = [0, 1, 7, 2**31, 2**53 + 1, 2**63 - 1]


def _same_as_model(text: str) -> frames.BaseModel:
    """Parses a frame the server produced with the model of its type; its reference encoding must be the text."""
    model = OUTBOUND.validate_json(text)
    assert frames.encode_model(model) == text
    return model


def test_schema_files_are_current() -> None:
    assert schema_export.stale() == [], "run: python -m server.protocol.schema_export"
    assert {p.name for p in schema_export.SCHEMA_DIR.glob("*.json")} == set(schema_export.documents())


def test_stale_detects_a_changed_and_a_stray_file(tmp_path) -> None:
    schema_export.write(tmp_path)
    assert schema_export.stale(tmp_path) == []
    (tmp_path / "codes.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "old.json").write_text("{}\n", encoding="utf-8")
    assert schema_export.stale(tmp_path) == ["codes.json", "old.json"]
    schema_export.write(tmp_path)
    assert schema_export.stale(tmp_path) == [] and not (tmp_path / "old.json").exists()


def test_every_outbound_type_has_a_model() -> None:
    assert set(frames.SERVER_FRAMES) | {"event"} == OUTBOUND_TYPES
    published = json.loads((schema_export.SCHEMA_DIR / "websocket-server-frames.json").read_text("utf-8"))
    models = [*frames.SERVER_FRAMES.values(), *frames.EVENT_MODELS.values()]
    assert {m.__name__ for m in models} <= set(published["$defs"])
    inbound = json.loads((schema_export.SCHEMA_DIR / "websocket-client-frames.json").read_text("utf-8"))
    assert {m.__name__ for m in frames.CLIENT_FRAMES.values()} <= set(inbound["$defs"])


def test_every_event_kind_the_server_announces_is_in_the_model() -> None:
    """`notify(runtime, recipients, "<kind>", ...)` and groups' `Notice(recipients, "<kind>", fields)`: a kind
    missing from `EventKind` would be a frame the published schema refuses."""
    root = schema_export.SCHEMA_DIR.parents[1] / "server"
    announced: set[str] = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = {"notify": 2, "Notice": 1}.get(node.func.id)
            if position is not None and len(node.args) > position:
                kind = node.args[position]
                if isinstance(kind, ast.Constant) and isinstance(kind.value, str):
                    announced.add(kind.value)
    assert len(announced) >= 7  # the scan found the server's notices
    assert announced <= set(typing.get_args(frames.EventKind))


def test_hot_path_accepted_and_deliver_are_byte_equal_to_the_models() -> None:
    draw = deterministic_rng(b"haven-schema-test-seed")
    cases = 0
    for conversation in HEX_IDS:
        for seq in EDGE_INTS:
            for server_time in (0, 1795482800555, 2**63 - 1):
                client_id = draw(16)
                tag, commitment = draw(32), draw(32)
                for size in (1, 2, 3, 100, 4097):
                    ciphertext = draw(size)
                    for franked in (False, True):
                        built = frames.deliver_frame(
                            conversation,
                            seq,
                            HEX_IDS[seq % 3],
                            client_id,
                            ciphertext,
                            server_time,
                            commitment if franked else None,
                            tag if franked else None,
                        )
                        model = frames.DeliverFrame(
                            conversation=conversation,
                            seq=seq,
                            sender=HEX_IDS[seq % 3],
                            client_id=client_id,
                            ciphertext=ciphertext,
                            server_time=server_time,
                            commitment=commitment if franked else None,
                            franking_tag=tag if franked else None,
                        )
                        assert built == frames.encode_model(model)
                        assert json.loads(built) == json.loads(frames.encode_model(model))
                        # What the client reads back is what the server stored (wire/messages.py).
                        stored = Delivered(
                            conversation,
                            seq,
                            HEX_IDS[seq % 3],
                            client_id,
                            ciphertext,
                            server_time,
                            commitment if franked else None,
                            tag if franked else None,
                        )
                        assert frames.parse_server_frame(built) == model and model.delivered() == stored
                        cases += 1
                for duplicate in (False, True):
                    for franking_tag in (None, tag):
                        accepted = Accepted(client_id, conversation, seq, server_time, duplicate, franking_tag)
                        built = frames.accepted_frame(accepted)
                        model = frames.AcceptedFrame(
                            client_id=client_id,
                            conversation=conversation,
                            seq=seq,
                            server_time=server_time,
                            duplicate=duplicate,
                            franking_tag=franking_tag,
                        )
                        assert built == frames.encode_model(model)
                        assert frames.parse_server_frame(built) == model and model.accepted() == accepted
                        cases += 1
    assert cases == 3 * 6 * 3 * (5 * 2 + 2 * 2)


def test_other_builders_are_byte_equal_to_the_models() -> None:
    challenge = bytes(range(32))
    assert frames.challenge_frame(challenge, "srv-1", 5, 65536) == frames.encode_model(
        frames.ChallengeFrame(challenge=challenge, server_id="srv-1", server_time=5, max_frame_bytes=65536)
    )
    assert frames.ready_frame(HEX_IDS[2]) == frames.encode_model(frames.ReadyFrame(account=HEX_IDS[2]))
    last = {HEX_IDS[0]: 0, HEX_IDS[2]: 2**63 - 1}
    assert frames.resumed_frame(last) == frames.encode_model(frames.ResumedFrame(conversations=last))
    assert frames.resumed_frame({}) == frames.encode_model(frames.ResumedFrame(conversations={}))
    assert frames.pong_frame() == frames.encode_model(frames.PongFrame())
    for code in ErrorCode:
        for ref in (None, HEX_IDS[1]):
            for fatal in (False, True):
                built = frames.error_frame(code.value, "a message; with: punctuation", ref, fatal)
                model = frames.ErrorFrame(code=code, message="a message; with: punctuation", fatal=fatal, ref=ref)
                assert built == frames.encode_model(model)
    # Each kind with its members in the order the server passes them (server/events.py keeps that order).
    a, b, c = HEX_IDS
    examples: dict[str, dict[str, Any]] = {
        "membership": {"group": a, "conversation": b, "version": 4, "change": "removed", "account": c},
        "group_updated": {"group": a, "dm_enabled": False, "max_members": 50},
        "join_requested": {"group": a},
        "queue": {"waiting": 3},
        "session_opened": {"session": a, "conversation": b, "counselor": c},
        "session_transfer": {"session": a, "conversation": b, "counselor": c, "mode": "warm"},
        "session_closed": {"session": a},
        "alert": {"alert_id": a, "tier": 4, "conversation": b},
    }
    assert set(examples) == set(frames.EVENT_MODELS) == set(typing.get_args(frames.EventKind))
    released = {"session": a, "counselor": None, "mode": "released"}  # a revoked counselor's session
    for kind, fields in [*examples.items(), ("session_transfer", released)]:
        built = frames.event_frame(kind, fields)
        assert built == frames.encode_model(frames.EVENT_MODELS[kind](**fields))
        assert isinstance(_same_as_model(built), frames.EVENT_MODELS[kind])
    # A kind, or a member, the models do not know is refused, so neither can ship without its schema.
    with pytest.raises(ValidationError):
        OUTBOUND.validate_json(frames.event_frame("queue", {"waiting": 3, "language": "my"}))
    with pytest.raises(ValidationError):
        OUTBOUND.validate_json(frames.event_frame("surprise", {}))


async def _open(server: Any, identity: Any, seen: list[str]) -> Any:
    """A raw websocket, authenticated by hand, recording every text frame the server sends."""
    socket = await websockets.connect(server.ws_url, max_size=None, compression=None)
    greeting = await asyncio.wait_for(socket.recv(), 10)
    seen.append(str(greeting))
    challenge = json.loads(greeting)
    now = time.time_ns() // 1_000_000
    signature = sign_auth(
        identity.signing, base64.b64decode(challenge["challenge"]), challenge["server_id"], now, identity.account_id
    )
    auth = {
        "type": "auth",
        "account": identity.account_id,
        "time": now,
        "signature": base64.b64encode(signature).decode(),
    }
    await socket.send(json.dumps(auth))
    seen.append(str(await asyncio.wait_for(socket.recv(), 10)))
    return socket


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def _next(socket: Any, seen: list[str]) -> dict[str, Any]:
    text = str(await asyncio.wait_for(socket.recv(), 10))
    seen.append(text)
    return dict(json.loads(text))


async def test_a_real_server_sends_exactly_the_models(live_server, register_identity, db) -> None:
    alice, bob = await register_identity(), await register_identity()
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
    seen: list[str] = []
    a, b = await _open(live_server, alice, seen), await _open(live_server, bob, seen)
    try:
        for socket in (a, b):
            await socket.send(json.dumps({"type": "resume"}))
            assert (await _next(socket, seen))["type"] == "resumed"
        plain = {
            "type": "send",
            "conversation": conversation,
            "client_id": _b64(b"\x01" * 16),
            "ciphertext": _b64(b"x"),
        }
        franked = {**plain, "client_id": _b64(b"\x02" * 16), "commitment": _b64(b"\x03" * 32)}
        for frame in (plain, franked, plain):  # the third is a duplicate
            await a.send(json.dumps(frame))
            assert (await _next(a, seen))["type"] == "accepted"
        for _ in range(2):
            assert (await _next(b, seen))["type"] == "deliver"
        await a.send(json.dumps({"type": "ping"}))
        assert (await _next(a, seen))["type"] == "pong"
        await a.send("{not json")
        assert (await _next(a, seen))["type"] == "error"
        await a.send(json.dumps({**plain, "client_id": _b64(b"\x04" * 16), "conversation": "e" * 32}))
        assert (await _next(a, seen))["type"] == "error"
        # Bob reconnects and replays what he has not acknowledged: deliver frames built from stored rows.
        await b.close()
        b = await _open(live_server, bob, seen)
        await b.send(json.dumps({"type": "resume"}))
        replayed = [await _next(b, seen) for _ in range(3)]
        assert [f["type"] for f in replayed] == ["deliver", "deliver", "resumed"]
    finally:
        await a.close()
        await b.close()
    models = [_same_as_model(text) for text in seen]
    kinds = [type(m).__name__ for m in models]
    assert {"ChallengeFrame", "ReadyFrame", "ResumedFrame", "AcceptedFrame", "DeliverFrame", "PongFrame"} <= set(kinds)
    assert "ErrorFrame" in kinds
    franked_out = [m for m in models if isinstance(m, frames.DeliverFrame) and m.franking_tag is not None]
    assert len(franked_out) == 2 and all(m.commitment == b"\x03" * 32 for m in franked_out)


def test_alert_content_schema_agrees_with_the_reference_parser() -> None:
    """The vector's AlertContent passes both the published model and moderation/alert.py; what the parser
    refuses for its shape (an extra or missing member, an unknown category, a tier out of range) the model
    refuses too."""
    from moderation.alert import AlertContent, AlertFormatError

    vectors = json.loads((schema_export.SCHEMA_DIR.parents[1] / "tests/vectors/product.json").read_text("utf-8"))
    text = vectors["alert_packet"]["content_json"]
    AlertContent.from_json(text)
    schema_export.AlertContent.model_validate_json(text)
    good = json.loads(text)
    broken = [
        {**good, "extra": 1},
        {k: v for k, v in good.items() if k != "language"},
        {**good, "categories": ["unknown"]},
        {**good, "tier": 5},
        {**good, "v": 2},
    ]
    for content in broken:
        with pytest.raises(AlertFormatError):
            AlertContent.from_json(json.dumps(content))
        with pytest.raises(ValidationError):
            schema_export.AlertContent.model_validate_json(json.dumps(content))


def test_the_shared_dataclasses_carry_exactly_the_frames_members() -> None:
    """`Accepted` and `Delivered` are the hot-path form of the `accepted` and `deliver` frames: the same members,
    `server_time` named for its unit."""
    for dataclass_, model in ((Accepted, frames.AcceptedFrame), (Delivered, frames.DeliverFrame)):
        members = [f.name for f in dataclasses.fields(dataclass_)]
        assert [m.replace("server_time_ms", "server_time") for m in members] == [
            name for name in model.model_fields if name != "type"
        ]


def test_a_client_passes_over_only_kinds_it_does_not_know() -> None:
    """client/relay.py skips a frame whose `type` or event kind a later server added, and closes on anything else
    malformed (docs/protocol.md §3)."""
    for unknown in ('{"type":"surprise"}', '{"type":"event","event":"surprise","group":"x"}'):
        with pytest.raises(ValidationError) as failed:
            frames.parse_server_frame(unknown)
        assert frames.only_unknown_kind(failed.value)
    for broken in (
        '{"event":"queue","waiting":1}',
        '{"type":"pong","extra":1}',
        '{"type":"event","event":"queue","waiting":-1}',
        '{"type":"accepted","client_id":"!!","conversation":"a","seq":1,"server_time":1,"duplicate":true}',
        "[]",
        "not json",
    ):
        with pytest.raises(ValidationError) as failed:
            frames.parse_server_frame(broken)
        assert not frames.only_unknown_kind(failed.value), broken
