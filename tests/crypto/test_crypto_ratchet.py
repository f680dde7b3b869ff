from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crypto.errors import CryptoError, DecryptionError
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey, X25519PrivateKey
from crypto.ratchet import (
    MAX_SKIP,
    MAX_STORED_SKIPPED,
    Header,
    RatchetMessage,
    RatchetState,
    kdf_ck,
)
from crypto.rng import deterministic_rng
from crypto.session import accept_session, initial_message, start_session
from crypto.x3dh import MemoryOneTimePreKeyStore, PreKeyBundle


def make_pair(seed: bytes = b"pair-seed-0123456789abcdef") -> tuple[RatchetState, RatchetState]:
    """Alice and Bob after the initial message and one reply, so both can send."""
    rng = deterministic_rng(seed)
    alice = IdentityKeyPair.generate(rng)
    bob = IdentityKeyPair.generate(rng)
    spk = SignedPreKey.generate(bob, 1, rng)
    opk = OneTimePreKey.generate(2, rng)
    store = MemoryOneTimePreKeyStore([opk])
    a, header = start_session(alice, PreKeyBundle(bob.public(), spk.public(), opk.public()), rng)
    b, first, _ = accept_session(bob, spk, store, initial_message(a, header, b"hello"), rng)
    assert first == b"hello"
    assert a.decrypt(b.encrypt(b"hi")) == b"hi"
    return a, b


def test_round_trip_both_directions() -> None:
    a, b = make_pair()
    for i in range(5):
        assert b.decrypt(a.encrypt(b"a%d" % i)) == b"a%d" % i
        assert a.decrypt(b.encrypt(b"b%d" % i)) == b"b%d" % i
    assert b.decrypt(bytes(a.encrypt(b""))) == b""


def test_responder_cannot_send_first() -> None:
    state = RatchetState.init_responder(bytes(32), b"ad", X25519PrivateKey.generate())
    with pytest.raises(CryptoError):
        state.encrypt(b"x")


def test_header_and_message_encoding() -> None:
    a, _ = make_pair()
    msg = a.encrypt(b"payload")
    raw = bytes(msg)
    assert raw[0] == 1 and len(raw) == 1 + 40 + len(b"payload") + 16
    again = RatchetMessage.from_bytes(raw)
    assert again.header == msg.header and again.ciphertext == msg.ciphertext
    assert Header.from_bytes(bytes(msg.header)) == msg.header
    with pytest.raises(DecryptionError):
        RatchetMessage.from_bytes(raw[:50])
    with pytest.raises(DecryptionError):
        RatchetMessage.from_bytes(b"\x02" + raw[1:])


def test_every_bit_flip_is_rejected_and_state_unchanged() -> None:
    a, b = make_pair()
    b.decrypt(a.encrypt(b"warm up"))
    raw = bytes(a.encrypt(b"a message whose every bit matters"))
    before = b.to_bytes()
    for bit in range(len(raw) * 8):
        forged = bytearray(raw)
        forged[bit // 8] ^= 1 << (bit % 8)
        with pytest.raises(DecryptionError) as info:
            b.decrypt(bytes(forged))
        assert str(info.value) == "decryption failed"
        assert b.to_bytes() == before
    assert b.decrypt(raw) == b"a message whose every bit matters"


def test_failed_decrypt_with_new_ratchet_key_leaves_state() -> None:
    a, b = make_pair()
    msg = a.encrypt(b"x")
    forged = RatchetMessage(Header(b.dhs.public_key(), 0, 0), msg.ciphertext)
    before = b.to_bytes()
    with pytest.raises(DecryptionError):
        b.decrypt(forged)
    assert b.to_bytes() == before
    assert b.decrypt(msg) == b"x"


def test_duplicates_refused() -> None:
    a, b = make_pair()
    m0, m1 = a.encrypt(b"0"), a.encrypt(b"1")
    assert b.decrypt(m1) == b"1"
    assert b.decrypt(m0) == b"0"  # from the skipped store
    for m in (m0, m1):
        before = b.to_bytes()
        with pytest.raises(DecryptionError):
            b.decrypt(m)
        assert b.to_bytes() == before


def test_skip_bound_per_chain() -> None:
    a, b = make_pair()
    msgs = [a.encrypt(b"m") for _ in range(MAX_SKIP + 2)]
    before = b.to_bytes()
    with pytest.raises(DecryptionError):
        b.decrypt(msgs[MAX_SKIP + 1])  # needs MAX_SKIP + 1 skipped keys
    assert b.to_bytes() == before
    assert b.decrypt(msgs[MAX_SKIP]) == b"m"  # exactly MAX_SKIP skipped: allowed
    assert len(b.skipped) == MAX_SKIP
    assert b.decrypt(msgs[0]) == b"m"


def test_global_skipped_cap_evicts_oldest() -> None:
    a, b = make_pair()
    chains = []
    for _ in range(3):  # three sending chains of Alice, each with 1000 skipped at Bob
        msgs = [a.encrypt(b"c") for _ in range(MAX_SKIP + 1)]
        assert b.decrypt(msgs[-1]) == b"c"
        assert a.decrypt(b.encrypt(b"turn")) == b"turn"
        chains.append(msgs)
    assert len(b.skipped) == MAX_STORED_SKIPPED
    with pytest.raises(DecryptionError):
        b.decrypt(chains[0][0])  # evicted
    assert b.decrypt(chains[2][0]) == b"c"


def test_state_serialisation_round_trip() -> None:
    a, b = make_pair()
    msgs = [a.encrypt(b"%d" % i) for i in range(4)]
    b.decrypt(msgs[3])
    data = b.to_bytes()
    assert data[0] == 1
    restored = RatchetState.from_bytes(data)
    assert restored.to_bytes() == data
    assert restored.decrypt(msgs[1]) == b"1"
    assert "RatchetState(" in repr(restored) and data.hex() not in repr(restored)


def test_forward_secrecy() -> None:
    a, b = make_pair()
    ck_before = b.ckr
    msg = a.encrypt(b"secret")
    assert ck_before is not None
    _, mk = kdf_ck(ck_before)
    assert b.decrypt(msg) == b"secret"
    state = b.to_bytes()
    assert ck_before not in state and mk not in state
    with pytest.raises(DecryptionError):
        b.decrypt(msg)
    with pytest.raises(DecryptionError):
        RatchetState.from_bytes(state).decrypt(msg)


def test_post_compromise_recovery() -> None:
    a, b = make_pair()
    stolen = RatchetState.from_bytes(b.to_bytes())
    m1 = a.encrypt(b"still readable by the thief")
    assert stolen.decrypt(m1) == b"still readable by the thief"  # the compromise window
    assert b.decrypt(m1) == b"still readable by the thief"
    assert a.decrypt(b.encrypt(b"reply with a fresh ratchet key")) == b"reply with a fresh ratchet key"
    m2 = a.encrypt(b"after both ratchet steps")
    assert b.decrypt(m2) == b"after both ratchet steps"
    with pytest.raises(DecryptionError):
        stolen.decrypt(m2)


def _deliver(order: list[int], drops: set[int], dups: list[int]) -> None:
    a, b = make_pair()
    # Two of Alice's sending chains interleaved with a reply from Bob, so a DH step sits in the middle.
    first = [a.encrypt(b"first %d" % i) for i in range(6)]
    b.decrypt(first[0])
    assert a.decrypt(b.encrypt(b"turn")) == b"turn"
    second = [a.encrypt(b"second %d" % i) for i in range(6)]
    msgs = first[1:] + second
    seen: set[int] = set()
    for i in order + dups:
        if i in drops:
            continue
        if i in seen:
            before = b.to_bytes()
            with pytest.raises(DecryptionError):
                b.decrypt(msgs[i])
            assert b.to_bytes() == before
            continue
        plaintext = b.decrypt(bytes(msgs[i]))
        assert plaintext == (b"first %d" % (i + 1) if i < 5 else b"second %d" % (i - 5))
        seen.add(i)


@given(
    st.permutations(list(range(11))), st.sets(st.integers(0, 10), max_size=4), st.lists(st.integers(0, 10), max_size=4)
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_delivery_order_with_drops_and_duplicates(order: list[int], drops: set[int], dups: list[int]) -> None:
    _deliver(order, drops, dups)


@pytest.mark.slow
@given(
    st.permutations(list(range(11))), st.sets(st.integers(0, 10), max_size=6), st.lists(st.integers(0, 10), max_size=8)
)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_delivery_order_exhaustive(order: list[int], drops: set[int], dups: list[int]) -> None:
    _deliver(order, drops, dups)
