from __future__ import annotations

import pytest

from crypto.errors import DecryptionError
from crypto.keys import IdentityKeyPair, OneTimePreKey, SignedPreKey, SignedPreKeyPublic
from crypto.primitives import hkdf_sha256, x25519
from crypto.session import InitialMessage, accept_session, initial_message, start_session
from crypto.x3dh import (
    MemoryOneTimePreKeyStore,
    PreKeyBundle,
    X3DHHeader,
    associated_data,
    initiate,
    respond,
)


def _bob() -> tuple[IdentityKeyPair, SignedPreKey, OneTimePreKey]:
    bob = IdentityKeyPair.generate()
    return bob, SignedPreKey.generate(bob, 11), OneTimePreKey.generate(42)


@pytest.mark.parametrize("with_opk", [True, False])
def test_both_sides_agree(with_opk: bool) -> None:
    alice = IdentityKeyPair.generate()
    bob, spk, opk = _bob()
    bundle = PreKeyBundle(bob.public(), spk.public(), opk.public() if with_opk else None)
    assert bytes(PreKeyBundle.from_bytes(bytes(bundle))) == bytes(bundle)
    sent = initiate(alice, PreKeyBundle.from_bytes(bytes(bundle)))
    header = X3DHHeader.from_bytes(bytes(sent.header))
    got = respond(bob, spk, header, MemoryOneTimePreKeyStore([opk]))
    assert sent.shared_secret == got.shared_secret and len(sent.shared_secret) == 32
    assert sent.associated_data == got.associated_data == associated_data(alice.public(), bob.public())
    assert len(sent.associated_data) == 130
    assert got.used_one_time_prekey_id == (42 if with_opk else None)
    # X3DH §3.3 recomputed by hand from Bob's private keys
    ek = bytes(header.ephemeral)
    parts = [
        x25519(bytes(spk.private), bytes(alice.agreement.public_key())),
        x25519(bytes(bob.agreement), ek),
        x25519(bytes(spk.private), ek),
    ] + ([x25519(bytes(opk.private), ek)] if with_opk else [])
    assert sent.shared_secret == hkdf_sha256(b"\xff" * 32 + b"".join(parts), bytes(32), b"Haven X3DH v1", 32)


def test_bad_signed_prekey_signature_aborts() -> None:
    alice = IdentityKeyPair.generate()
    bob, spk, _ = _bob()
    mallory = IdentityKeyPair.generate()
    forged = SignedPreKey.generate(mallory, 11).public()
    with pytest.raises(DecryptionError):
        initiate(alice, PreKeyBundle(bob.public(), forged))
    sig = bytearray(spk.public().signature)
    sig[0] ^= 1
    with pytest.raises(DecryptionError):
        initiate(alice, PreKeyBundle(bob.public(), SignedPreKeyPublic(11, spk.public().public, bytes(sig))))


def test_session_and_one_time_prekey_used_once() -> None:
    alice = IdentityKeyPair.generate()
    bob, spk, opk = _bob()
    store = MemoryOneTimePreKeyStore([opk])
    state, header = start_session(alice, PreKeyBundle(bob.public(), spk.public(), opk.public()))
    wire = bytes(initial_message(state, header, b"first"))
    bob_state, plaintext, result = accept_session(bob, spk, store, wire)
    assert plaintext == b"first" and result.header.identity == alice.public() and len(store) == 0
    assert state.decrypt(bob_state.encrypt(b"reply")) == b"reply"
    with pytest.raises(DecryptionError):  # replay: the one-time prekey is gone
        accept_session(bob, spk, store, wire)


def test_forged_initial_message_does_not_burn_prekey() -> None:
    alice = IdentityKeyPair.generate()
    bob, spk, opk = _bob()
    store = MemoryOneTimePreKeyStore([opk])
    state, header = start_session(alice, PreKeyBundle(bob.public(), spk.public(), opk.public()))
    wire = bytearray(bytes(initial_message(state, header, b"first")))
    good = bytes(wire)
    wire[-1] ^= 1
    with pytest.raises(DecryptionError):
        accept_session(bob, spk, store, bytes(wire))
    assert len(store) == 1
    for cut in (0, 1, 50, 150):
        with pytest.raises(DecryptionError):
            accept_session(bob, spk, store, good[:cut])
    assert accept_session(bob, spk, store, good)[1] == b"first"


def test_wrong_signed_prekey_id_fails() -> None:
    alice = IdentityKeyPair.generate()
    bob, spk, _ = _bob()
    state, header = start_session(alice, PreKeyBundle(bob.public(), spk.public()))
    msg = initial_message(state, header, b"x")
    other = SignedPreKey.generate(bob, 12)
    with pytest.raises(DecryptionError):
        accept_session(bob, other, MemoryOneTimePreKeyStore(), msg)
    assert isinstance(InitialMessage.from_bytes(bytes(msg)), InitialMessage)
