"""Payload framing: round trips, and every malformation is a PayloadError (never a crash, never a crypto error)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from client.payloads import (
    GroupPayload,
    PairwiseEntry,
    PairwisePayload,
    PayloadError,
    decode_payload,
)
from crypto.sender_keys import GroupSession
from tests.client.client_fixtures import device


def _entries() -> tuple[PairwiseEntry, PairwiseEntry]:
    alice, bob, carol = (
        device(b"payload-alice-seed-000"),
        device(b"payload-bob-seed-00000"),
        device(b"payload-carol-seed-000"),
    )
    first = alice.sessions.encrypt("c1", bob.account, b"hi bob", lambda _: bob.bundle(), identity=alice.identity)
    other = alice.sessions.encrypt("c1", carol.account, b"hi carol", lambda _: carol.bundle(), identity=alice.identity)
    return first, other


def test_pairwise_round_trip_and_entry_for() -> None:
    first, other = _entries()
    payload = PairwisePayload((first, other))
    raw = payload.encode()
    assert raw[0] == 0x02 and raw[1] == 2
    assert raw[2:18] == bytes.fromhex(first.recipient)
    assert int.from_bytes(raw[18:22], "big") == 1 + len(first.data) and raw[22] == 1
    decoded = decode_payload(raw)
    assert decoded == payload
    assert isinstance(decoded, PairwisePayload)
    assert decoded.entry_for(other.recipient) == other
    assert decoded.entry_for("00" * 16) is None
    assert "hi" not in repr(first)


def test_group_round_trip() -> None:
    session = GroupSession(b"group-1")
    session.rotate(0)
    message = session.encrypt(b"hello", 0)
    raw = GroupPayload(message).encode()
    assert raw[0] == 0x01 and raw[1:] == bytes(message)
    decoded = decode_payload(raw)
    assert isinstance(decoded, GroupPayload) and bytes(decoded.message) == bytes(message)


def test_pairwise_bounds() -> None:
    first, _ = _entries()
    with pytest.raises(PayloadError):
        PairwisePayload(())
    with pytest.raises(PayloadError):
        PairwisePayload((first, first))
    many = tuple(PairwiseEntry(f"{i:032x}", first.initial, first.data) for i in range(17))
    with pytest.raises(PayloadError):
        PairwisePayload(many)
    assert len(PairwisePayload(many[:16]).entries) == 16
    for bad in ("AB" * 16, "ab" * 15, "zz" * 16):
        with pytest.raises(PayloadError):
            PairwiseEntry(bad, True, first.data)


def test_malformations_are_payload_errors() -> None:
    first, _ = _entries()
    raw = PairwisePayload((first,)).encode()
    cases = [
        b"",
        b"\x00",
        b"\x03" + raw[1:],
        raw[:1],
        raw + b"\x00",
        raw[:-1],
        b"\x02\x00",
        b"\x02\x11" + raw[2:],
        raw[:22] + b"\x03" + raw[23:],
        b"\x01",
        b"\x01" + b"\x00" * 10,
    ]
    for case in cases:
        with pytest.raises(PayloadError):
            decode_payload(case)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_never_raises_anything_else(data: bytes) -> None:
    with contextlib.suppress(PayloadError):
        decode_payload(data)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_mutations_of_a_valid_payload(data: st.DataObject) -> None:
    first, other = _ENTRIES
    raw = bytearray(PairwisePayload((first, other)).encode())
    index = data.draw(st.integers(0, len(raw) - 1))
    raw[index] = data.draw(st.integers(0, 255))
    try:
        decoded = decode_payload(bytes(raw))
    except PayloadError:
        return
    assert isinstance(decoded, GroupPayload | PairwisePayload)


_ENTRIES = _entries()
