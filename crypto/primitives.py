"""The only primitives Haven uses, each a thin wrapper over libsodium or the standard library.

All of them exist in libsodium.js or WebCrypto, so a browser client can reimplement the protocol:
X25519 (crypto_scalarmult), XChaCha20-Poly1305-IETF, BLAKE2b (crypto_generichash), HMAC-SHA256 and
HKDF-SHA256 (WebCrypto), SHA-512 (WebCrypto).
"""

from __future__ import annotations

import hashlib
import hmac

from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_scalarmult,
)
from nacl.bindings import crypto_generichash_blake2b_salt_personal as _blake2b
from nacl.exceptions import CryptoError as _NaclCryptoError

from crypto.errors import fail

AEAD_KEY_BYTES = 32
AEAD_NONCE_BYTES = 24
AEAD_TAG_BYTES = 16
HASH_LEN = 32


def hmac_sha256(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def hkdf_sha256(ikm: bytes, salt: bytes, info: bytes, length: int) -> bytes:
    """RFC 5869. An empty salt means HashLen zero bytes (§2.2)."""
    if not 0 < length <= 255 * HASH_LEN:
        raise ValueError("HKDF output length out of range")
    prk = hmac_sha256(salt if salt else bytes(HASH_LEN), ikm)  # RFC 5869 §2.2 extract
    okm = b""
    block = b""
    counter = 1
    while len(okm) < length:  # RFC 5869 §2.3 expand
        block = hmac_sha256(prk, block + info + bytes([counter]))
        okm += block
        counter += 1
    return okm[:length]


def blake2b(data: bytes, *, size: int = 32, key: bytes = b"") -> bytes:
    return bytes(_blake2b(data, digest_size=size, key=key))


def x25519(private: bytes, public: bytes) -> bytes:
    """DH. libsodium refuses a low-order peer key (all-zero output); that is an attack, so it fails opaquely."""
    try:
        return bytes(crypto_scalarmult(private, public))
    except (_NaclCryptoError, RuntimeError, ValueError, TypeError):
        fail()


def aead_encrypt(key: bytes, nonce: bytes, plaintext: bytes, associated_data: bytes) -> bytes:
    return bytes(crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associated_data, nonce, key))


def aead_decrypt(key: bytes, nonce: bytes, ciphertext: bytes, associated_data: bytes) -> bytes:
    try:
        return bytes(crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, associated_data, nonce, key))
    except (_NaclCryptoError, ValueError, TypeError):
        fail()


def ct_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
