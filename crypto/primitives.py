"""The only primitives Haven uses, each a thin wrapper over libsodium or the standard library.

This is the one module of `crypto` that imports PyNaCl (`tests/crypto/test_crypto_bindings.py` holds every other
module to that), so a port maps this file and nothing else. Each wrapper names the libsodium function it calls;
all of them exist in libsodium.js or WebCrypto, so a browser client can reimplement the protocol:
X25519 (crypto_scalarmult, crypto_scalarmult_base), Ed25519 (crypto_sign_seed_keypair, crypto_sign_detached,
crypto_sign_verify_detached), XChaCha20-Poly1305-IETF, BLAKE2b (crypto_generichash), Argon2id (crypto_pwhash),
ISO/IEC 7816-4 padding (sodium_pad, sodium_unpad), randombytes_buf, HMAC-SHA256 and HKDF-SHA256 (WebCrypto),
SHA-512 (WebCrypto).
"""

from __future__ import annotations

import hashlib
import hmac

import nacl.pwhash.argon2id as _argon2id
import nacl.utils
from nacl.bindings import (
    crypto_aead_xchacha20poly1305_ietf_decrypt,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_scalarmult,
    crypto_scalarmult_base,
    sodium_pad,
    sodium_unpad,
)
from nacl.bindings import crypto_generichash_blake2b_salt_personal as _blake2b
from nacl.exceptions import BadSignatureError as _NaclBadSignatureError
from nacl.exceptions import CryptoError as _NaclCryptoError
from nacl.signing import SigningKey as _SigningKey
from nacl.signing import VerifyKey as _VerifyKey

from crypto.errors import fail

AEAD_KEY_BYTES = 32
AEAD_NONCE_BYTES = 24
AEAD_TAG_BYTES = 16
HASH_LEN = 32

# crypto_pwhash_argon2id limits (libsodium names: crypto_pwhash_OPSLIMIT_MODERATE and so on).
ARGON2ID_OPSLIMIT_MODERATE: int = _argon2id.OPSLIMIT_MODERATE  # 3
ARGON2ID_MEMLIMIT_MODERATE: int = _argon2id.MEMLIMIT_MODERATE  # 256 MiB
ARGON2ID_OPSLIMIT_INTERACTIVE: int = _argon2id.OPSLIMIT_INTERACTIVE  # 2
ARGON2ID_MEMLIMIT_INTERACTIVE: int = _argon2id.MEMLIMIT_INTERACTIVE  # 64 MiB
ARGON2ID_OPSLIMIT_SENSITIVE: int = _argon2id.OPSLIMIT_SENSITIVE  # 4
ARGON2ID_MEMLIMIT_SENSITIVE: int = _argon2id.MEMLIMIT_SENSITIVE  # 1 GiB
ARGON2ID_OPSLIMIT_MIN: int = _argon2id.OPSLIMIT_MIN  # 1
ARGON2ID_MEMLIMIT_MIN: int = _argon2id.MEMLIMIT_MIN  # 8 KiB


def random_bytes(size: int) -> bytes:
    """randombytes_buf: libsodium's CSPRNG."""
    return bytes(nacl.utils.random(size))


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


def x25519_base(private: bytes) -> bytes:
    """crypto_scalarmult_base: the X25519 public key of a 32-byte scalar (clamped by libsodium)."""
    return bytes(crypto_scalarmult_base(private))


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


def ed25519_public(seed: bytes) -> bytes:
    """crypto_sign_seed_keypair: the Ed25519 public key of an RFC 8032 32-byte seed."""
    return bytes(_SigningKey(seed).verify_key)


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    """crypto_sign_detached under the key pair of `seed`: the 64-byte signature alone."""
    return bytes(_SigningKey(seed).sign(message).signature)


def ed25519_verify(public: bytes, message: bytes, signature: bytes) -> None:
    """crypto_sign_verify_detached. Any failure (bad signature, malformed key) is the opaque DecryptionError."""
    try:
        _VerifyKey(public).verify(message, signature)
    except (_NaclBadSignatureError, ValueError, TypeError):
        fail()


def argon2id(passphrase: bytes, salt: bytes, *, size: int, opslimit: int, memlimit: int) -> bytes:
    """crypto_pwhash with crypto_pwhash_ALG_ARGON2ID13."""
    return bytes(_argon2id.kdf(size, passphrase, salt, opslimit=opslimit, memlimit=memlimit))


def iso7816_pad(data: bytes, block_size: int) -> bytes:
    """sodium_pad: append 0x80, then 0x00 up to a multiple of block_size (at least one byte is added)."""
    return bytes(sodium_pad(data, block_size))


def iso7816_unpad(padded: bytes, block_size: int) -> bytes:
    """sodium_unpad. Malformed padding is the opaque DecryptionError."""
    try:
        return bytes(sodium_unpad(padded, block_size))
    except (_NaclCryptoError, ValueError):
        fail()


def ct_equal(a: bytes, b: bytes) -> bool:
    return hmac.compare_digest(a, b)
