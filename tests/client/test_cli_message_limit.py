"""The frame budget by recipient count (client.payloads.max_body_bytes) against real encryption: a body at the
limit makes a `send` frame that fits the server's 64 KiB, one byte more does not fit (or has no bucket)."""

from __future__ import annotations

import base64
import json

import pytest

from client.payloads import DEFAULT_MAX_FRAME_BYTES, GroupPayload, PairwisePayload, max_body_bytes
from crypto.envelope import MAX_BODY_BYTES, ContentType, Envelope
from crypto.sender_keys import GroupSession
from tests.client.client_fixtures import device


def _frame(payload: bytes) -> int:
    frame = {
        "type": "send",
        "conversation": "ab" * 16,
        "client_id": base64.b64encode(bytes(16)).decode(),
        "ciphertext": base64.b64encode(payload).decode(),
        "commitment": base64.b64encode(bytes(32)).decode(),
    }
    return len(json.dumps(frame).encode("utf-8"))


def _pairwise(recipients: int, body: int) -> bytes:
    sender = device(b"limit-sender-seed-0000")
    peers = [device(f"limit-peer-{i:02d}-seed-0000".encode()) for i in range(recipients)]
    padded = Envelope.new(ContentType.TEXT, b"x" * body).seal()
    entries = [
        sender.sessions.encrypt("c1", p.account, padded, lambda _, p=p: p.bundle(), identity=sender.identity)
        for p in peers
    ]
    assert all(e.initial for e in entries)  # the larger message: the budget's worst case
    return PairwisePayload(tuple(entries)).encode()


def test_the_published_figures() -> None:
    limits = [max_body_bytes(n) for n in range(1, 17)]
    assert limits[:3] == [32713, 16329, 4041] and limits[15] == 969
    assert max_body_bytes(1, group=True) == MAX_BODY_BYTES
    assert max_body_bytes(2, max_frame_bytes=1024) == 0  # a tiny frame carries no text at all


@pytest.mark.parametrize("recipients", [1, 2, 3, 12, 16])
def test_a_body_at_the_limit_fits_one_byte_more_does_not(recipients: int) -> None:
    limit = max_body_bytes(recipients)
    assert _frame(_pairwise(recipients, limit)) <= DEFAULT_MAX_FRAME_BYTES
    if limit < MAX_BODY_BYTES:
        assert _frame(_pairwise(recipients, limit + 1)) > DEFAULT_MAX_FRAME_BYTES


def test_a_group_message_at_the_limit_fits() -> None:
    session = GroupSession(bytes(16))
    session.rotate(0)
    padded = Envelope.new(ContentType.TEXT, b"x" * max_body_bytes(1, group=True)).seal()
    assert _frame(GroupPayload(session.encrypt(padded, 0)).encode()) <= DEFAULT_MAX_FRAME_BYTES
