"""Typed objects round-trip through their fixed encodings, and stored-state parsing refuses garbage."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto.errors import CryptoError, InvalidKeyError
from crypto.keys import IdentityKeyPair, OneTimePreKey, OneTimePreKeyPublic, SignedPreKey
from crypto.ratchet import Header, RatchetState
from crypto.sender_keys import GroupSession, SenderKeyDistribution
from crypto.x3dh import PreKeyBundle, X3DHHeader


@given(st.binary(min_size=32, max_size=32), st.integers(0, 2**32 - 1))
def test_key_round_trips(seed: bytes, key_id: int) -> None:
    ident = IdentityKeyPair.from_seed(seed)
    spk = SignedPreKey.from_seed(ident, key_id, seed)
    opk = OneTimePreKey.from_seed(key_id, seed)
    assert SignedPreKey.from_bytes(bytes(spk)).public() == spk.public()
    assert OneTimePreKey.from_bytes(bytes(opk)).public() == opk.public()
    assert OneTimePreKeyPublic.from_bytes(bytes(opk.public())) == opk.public()
    bundle = PreKeyBundle(ident.public(), spk.public(), opk.public())
    assert bytes(PreKeyBundle.from_bytes(bytes(bundle))) == bytes(bundle)
    header = X3DHHeader(ident.public(), opk.public().public, key_id, None)
    assert bytes(X3DHHeader.from_bytes(bytes(header))) == bytes(header)


@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_header_round_trip(pn: int, n: int) -> None:
    header = Header(IdentityKeyPair.generate().agreement.public_key(), pn, n)
    assert Header.from_bytes(bytes(header)) == header
    assert len(bytes(header)) == 40


@given(st.binary(max_size=300))
def test_stored_state_garbage_is_refused(data: bytes) -> None:
    for parse in (
        RatchetState.from_bytes,
        GroupSession.from_bytes,
        SenderKeyDistribution.from_bytes,
        PreKeyBundle.from_bytes,
    ):
        with contextlib.suppress(CryptoError):
            parse(data)


def test_truncated_states_raise() -> None:
    state = RatchetState.init_responder(bytes(32), b"ad", IdentityKeyPair.generate().agreement)
    raw = state.to_bytes()
    with pytest.raises(InvalidKeyError):
        RatchetState.from_bytes(raw[:-1])
    with pytest.raises(InvalidKeyError):
        RatchetState.from_bytes(raw + b"\x00")
    with pytest.raises(InvalidKeyError):
        RatchetState.from_bytes(b"\x02" + raw[1:])
    group = GroupSession(b"g")
    group.rotate(0)
    with pytest.raises(InvalidKeyError):
        GroupSession.from_bytes(group.to_bytes()[:-3])
