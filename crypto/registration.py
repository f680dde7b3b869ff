"""Proof that whoever registers an identity holds both of its private keys.

An Ed25519 key proves possession by signing. An X25519 key cannot sign (Haven keeps the two keys separate
instead of using XEdDSA), so it proves possession by key agreement: the server hands out an ephemeral X25519
public key with the registration challenge, and the client returns

    agreement_proof = HMAC-SHA256(key = X25519(agreement_private, server_ephemeral_public),
                                  msg = b"haven-x25519-pop-v1\\x00" || challenge || signing_pub || agreement_pub)

which only the holder of agreement_private (or of the server's ephemeral private key) can compute. Then the
signing key signs everything:

    signature = Ed25519(b"haven-register-v1\\x00" || challenge || signing_pub || agreement_pub || agreement_proof)
"""

from __future__ import annotations

import hashlib
import hmac

from nacl.bindings import crypto_scalarmult
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.signing import SigningKey, VerifyKey

POP_DOMAIN = b"haven-x25519-pop-v1\x00"
REGISTER_DOMAIN = b"haven-register-v1\x00"
KEY_BYTES = 32


def _check_key(value: bytes) -> None:
    if len(value) != KEY_BYTES:
        raise ValueError("public keys are 32 bytes")


def _pop_mac(shared: bytes, challenge: bytes, signing_pub: bytes, agreement_pub: bytes) -> bytes:
    return hmac.new(shared, POP_DOMAIN + challenge + signing_pub + agreement_pub, hashlib.sha256).digest()


def agreement_proof(
    agreement_private: bytes,
    server_ephemeral_public: bytes,
    challenge: bytes,
    signing_pub: bytes,
    agreement_pub: bytes,
) -> bytes:
    _check_key(server_ephemeral_public)
    shared = crypto_scalarmult(agreement_private, server_ephemeral_public)
    return _pop_mac(shared, challenge, signing_pub, agreement_pub)


def verify_agreement_proof(
    server_ephemeral_private: bytes, challenge: bytes, signing_pub: bytes, agreement_pub: bytes, proof: bytes
) -> bool:
    _check_key(agreement_pub)
    try:
        # libsodium refuses low-order points (an all-zero shared secret), which would make the proof forgeable.
        shared = crypto_scalarmult(server_ephemeral_private, agreement_pub)
    except CryptoError:
        return False
    return hmac.compare_digest(_pop_mac(shared, challenge, signing_pub, agreement_pub), proof)


def registration_transcript(
    challenge: bytes, signing_pub: bytes, agreement_pub: bytes, proof: bytes
) -> bytes:
    _check_key(signing_pub)
    _check_key(agreement_pub)
    return REGISTER_DOMAIN + challenge + signing_pub + agreement_pub + proof


def sign_registration(signing_key: SigningKey, challenge: bytes, agreement_pub: bytes, proof: bytes) -> bytes:
    transcript = registration_transcript(challenge, bytes(signing_key.verify_key), agreement_pub, proof)
    return bytes(signing_key.sign(transcript).signature)


def verify_registration_signature(
    signing_pub: bytes, agreement_pub: bytes, challenge: bytes, proof: bytes, signature: bytes
) -> bool:
    try:
        VerifyKey(signing_pub).verify(
            registration_transcript(challenge, signing_pub, agreement_pub, proof), signature
        )
    except (BadSignatureError, ValueError):
        return False
    return True


def account_id_of(signing_pub: bytes, agreement_pub: bytes) -> str:
    """BLAKE2b-128 over both public keys, as 32 hex characters: the only name the server knows."""
    from nacl.bindings import crypto_generichash_blake2b_salt_personal as blake2b

    _check_key(signing_pub)
    _check_key(agreement_pub)
    return blake2b(b"haven-account-v1" + signing_pub + agreement_pub, digest_size=16).hex()
