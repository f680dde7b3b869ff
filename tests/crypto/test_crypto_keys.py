from __future__ import annotations

import pytest

from crypto.errors import CryptoError, DecryptionError, InvalidKeyError
from crypto.keys import (
    Ed25519PrivateKey,
    IdentityKeyPair,
    IdentityPublic,
    OneTimePreKey,
    SignedPreKey,
    SignedPreKeyPublic,
    X25519PrivateKey,
    X25519PublicKey,
)
from crypto.primitives import blake2b
from crypto.registration import registration_proofs, verify_agreement_proof, verify_registration_signature


def test_sizes_checked() -> None:
    for cls in (X25519PublicKey, X25519PrivateKey, Ed25519PrivateKey):
        with pytest.raises(InvalidKeyError):
            cls(b"\x00" * 31)
        with pytest.raises(CryptoError):
            cls(b"\x00" * 33)
    with pytest.raises(InvalidKeyError):
        IdentityPublic.from_bytes(b"\x01" * 63)
    with pytest.raises(InvalidKeyError):
        SignedPreKeyPublic(1, X25519PublicKey(bytes(32)), b"\x00" * 63)
    with pytest.raises(InvalidKeyError):
        OneTimePreKey(2**32, X25519PrivateKey(bytes(32)))


def test_equality_bytes_and_repr() -> None:
    seed = bytes(range(32))
    a, b = IdentityKeyPair.from_seed(seed), IdentityKeyPair.from_seed(seed)
    assert a == b and a.public() == b.public()
    assert IdentityKeyPair.from_seed(bytes(32)) != a
    assert IdentityKeyPair.from_bytes(bytes(a)) == a
    assert IdentityPublic.from_bytes(bytes(a.public())) == a.public()
    assert len(bytes(a.public())) == 64
    for secret in (a, a.signing, a.agreement, SignedPreKey.from_seed(a, 1, seed), OneTimePreKey.from_seed(1, seed)):
        text = repr(secret)
        assert "secret" in text
        for raw in (bytes(a.signing), bytes(a.agreement), seed):
            assert raw.hex() not in text
    with pytest.raises(TypeError):
        hash(a.agreement)
    assert X25519PublicKey(bytes(32)) != X25519PrivateKey(bytes(32))


def test_account_id_matches_server_formula() -> None:
    ident = IdentityKeyPair.generate().public()
    expected = blake2b(b"haven-account-v1" + bytes(ident.signing) + bytes(ident.agreement), size=16).hex()
    assert ident.account_id == expected and len(expected) == 32
    from crypto.registration import account_id_of

    assert account_id_of(bytes(ident.signing), bytes(ident.agreement)) == ident.account_id


def test_signed_prekey_signature() -> None:
    ident = IdentityKeyPair.generate()
    spk = SignedPreKey.generate(ident, 7)
    pub = spk.public()
    pub.verify(ident.public())
    assert SignedPreKeyPublic.from_bytes(bytes(pub)) == pub
    assert SignedPreKey.from_bytes(bytes(spk)).public() == pub
    with pytest.raises(DecryptionError):
        pub.verify(IdentityKeyPair.generate().public())
    with pytest.raises(DecryptionError):  # the id is signed too
        SignedPreKeyPublic(8, pub.public, pub.signature).verify(ident.public())


def test_registration_proofs_are_bound_to_keys_and_challenge() -> None:
    ident = IdentityKeyPair.generate()
    pub = ident.public()
    ed, x = bytes(pub.signing), bytes(pub.agreement)
    server = X25519PrivateKey.generate()
    challenge = b"c" * 40
    proof, signature = registration_proofs(ident, challenge, bytes(server.public_key()))
    assert verify_agreement_proof(bytes(server), challenge, ed, x, proof)
    assert verify_registration_signature(ed, x, challenge, proof, signature)
    # Another challenge, another server key, another identity's keys: each fails.
    assert not verify_agreement_proof(bytes(server), b"d" * 40, ed, x, proof)
    assert not verify_registration_signature(ed, x, b"d" * 40, proof, signature)
    assert not verify_agreement_proof(bytes(X25519PrivateKey.generate()), challenge, ed, x, proof)
    other = IdentityKeyPair.generate().public()
    assert not verify_agreement_proof(bytes(server), challenge, ed, bytes(other.agreement), proof)
    assert not verify_registration_signature(bytes(other.signing), x, challenge, proof, signature)
    # A low-order agreement key and wrong sizes are refused, not raised.
    assert not verify_agreement_proof(bytes(server), challenge, ed, bytes(32), proof)
    assert not verify_agreement_proof(bytes(server), challenge, ed, b"short", proof)
    assert not verify_registration_signature(ed, x, challenge, proof, signature[:10])
    with pytest.raises(DecryptionError):
        registration_proofs(ident, challenge, bytes(32))


def test_registration_proofs_match_the_server_verifier() -> None:
    from crypto import registration

    ident = IdentityKeyPair.generate()
    pub = ident.public()
    server = X25519PrivateKey.generate()
    challenge = b"c" * 32
    proof, signature = registration_proofs(ident, challenge, bytes(server.public_key()))
    ed, x = bytes(pub.signing), bytes(pub.agreement)
    assert registration.verify_agreement_proof(bytes(server), challenge, ed, x, proof)
    assert registration.verify_registration_signature(ed, x, challenge, proof, signature)
