from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nacl.bindings import sodium_pad

from crypto.envelope import BUCKETS, HEADER_BYTES, MAX_BODY_BYTES, ContentType, Envelope, pad, unpad
from crypto.errors import CryptoError, DecryptionError
from crypto.keys import IdentityKeyPair, SignedPreKey
from crypto.sender_keys import GroupSession
from crypto.session import initial_message, start_session
from crypto.x3dh import PreKeyBundle


@given(st.binary(max_size=5000))
def test_pad_round_trip_to_buckets(data: bytes) -> None:
    padded = pad(data)
    assert len(padded) in BUCKETS and len(padded) > len(data)
    assert padded == sodium_pad(data, len(padded))
    assert unpad(padded) == data


def test_bucket_edges() -> None:
    assert len(pad(b"x" * 255)) == 256
    assert len(pad(b"x" * 256)) == 1024
    assert HEADER_BYTES == 54 and MAX_BODY_BYTES == 32713
    with pytest.raises(CryptoError):
        pad(b"x" * 32768)
    with pytest.raises(DecryptionError):
        unpad(b"\x00" * 256)
    with pytest.raises(DecryptionError):
        unpad(b"\x80" + b"\x00" * 254)


def test_envelope_round_trip_and_limits() -> None:
    env = Envelope.new(ContentType.TEXT, "မင်္ဂလာပါ".encode())
    sealed = env.seal()
    assert len(sealed) == 256
    back = Envelope.open(sealed)
    assert (back.content_type, back.message_id, back.franking_key, back.body) == (
        env.content_type,
        env.message_id,
        env.franking_key,
        env.body,
    )
    assert "မ".encode().hex() not in repr(back)
    Envelope.new(ContentType.TEXT, b"x" * MAX_BODY_BYTES).seal()
    with pytest.raises(CryptoError):
        Envelope.new(ContentType.TEXT, b"x" * (MAX_BODY_BYTES + 1))
    with pytest.raises(DecryptionError):
        Envelope.open(pad(b"\x02" + env.encode()[1:]))
    with pytest.raises(DecryptionError):
        Envelope.open(pad(env.encode()[:-1]))


def test_largest_message_fits_the_64k_frame_after_base64() -> None:
    body = b"x" * MAX_BODY_BYTES
    group = GroupSession(b"g" * 64)
    group.rotate(0)
    group_wire = bytes(group.encrypt(Envelope.new(ContentType.TEXT, body).seal(), 0))
    alice, bob = IdentityKeyPair.generate(), IdentityKeyPair.generate()
    state, header = start_session(alice, PreKeyBundle(bob.public(), SignedPreKey.generate(bob, 1).public()))
    initial_wire = bytes(initial_message(state, header, Envelope.new(ContentType.TEXT, body).seal()))
    for wire in (group_wire, initial_wire):
        assert len(base64.b64encode(wire)) < 48 * 1024  # leaves > 16 KiB for the frame's other fields
