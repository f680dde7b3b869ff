"""Proof that whoever registers an identity holds both of its private keys.

An Ed25519 key proves possession by signing. An X25519 key cannot sign (Haven keeps the two keys separate
instead of using XEdDSA), so it proves possession by key agreement: the server hands out an ephemeral X25519
public key `S` with the registration challenge, and the client returns

    agreement_proof = HMAC-SHA256(key = X25519(agreement_private, S),
                                  msg = b"haven-x25519-pop-v1\\x00" || challenge || signing_pub || agreement_pub)

which only the holder of agreement_private (or of the server's ephemeral private key) can compute. Then the
signing key signs everything:

    signature = Ed25519(b"haven-register-v1\\x00" || challenge || signing_pub || agreement_pub || agreement_proof)

Both are bound to the challenge, so neither can be replayed into another registration.
"""

from __future__ import annotations

from crypto.errors import DecryptionError, InvalidKeyError
from crypto.keys import KEY_BYTES, Ed25519PublicKey, IdentityKeyPair, IdentityPublic, X25519PublicKey
from crypto.primitives import ct_equal, hmac_sha256, x25519

POP_DOMAIN = b"haven-x25519-pop-v1\x00"
REGISTER_DOMAIN = b"haven-register-v1\x00"


def _public(signing_pub: bytes, agreement_pub: bytes) -> IdentityPublic:
    return IdentityPublic(Ed25519PublicKey(signing_pub), X25519PublicKey(agreement_pub))


def account_id_of(signing_pub: bytes, agreement_pub: bytes) -> str:
    """The account id of two raw public keys (see `IdentityPublic.account_id`)."""
    return _public(signing_pub, agreement_pub).account_id


def _pop_message(challenge: bytes, identity: IdentityPublic) -> bytes:
    return POP_DOMAIN + challenge + bytes(identity)


def registration_transcript(challenge: bytes, identity: IdentityPublic, proof: bytes) -> bytes:
    return REGISTER_DOMAIN + challenge + bytes(identity) + proof


def registration_proofs(
    identity: IdentityKeyPair, challenge: bytes, server_ephemeral_public: bytes
) -> tuple[bytes, bytes]:
    """(agreement_proof, signature) for registering `identity` against this challenge."""
    if len(server_ephemeral_public) != KEY_BYTES:
        raise InvalidKeyError("the server's ephemeral key must be 32 bytes")
    public = identity.public()
    proof = hmac_sha256(x25519(bytes(identity.agreement), server_ephemeral_public), _pop_message(challenge, public))
    return proof, identity.signing.sign(registration_transcript(challenge, public, proof))


def verify_agreement_proof(
    server_ephemeral_private: bytes, challenge: bytes, signing_pub: bytes, agreement_pub: bytes, proof: bytes
) -> bool:
    """Server side. False, never an exception, for a wrong proof, wrong sizes or a low-order client key."""
    try:
        public = _public(signing_pub, agreement_pub)
        # libsodium refuses low-order points (an all-zero shared secret), which would make the proof forgeable.
        shared = x25519(server_ephemeral_private, agreement_pub)
    except (InvalidKeyError, DecryptionError):
        return False
    return ct_equal(hmac_sha256(shared, _pop_message(challenge, public)), proof)


def verify_registration_signature(
    signing_pub: bytes, agreement_pub: bytes, challenge: bytes, proof: bytes, signature: bytes
) -> bool:
    try:
        public = _public(signing_pub, agreement_pub)
        public.signing.verify(registration_transcript(challenge, public, proof), signature)
    except (InvalidKeyError, DecryptionError):
        return False
    return True
