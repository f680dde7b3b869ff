from __future__ import annotations

import pytest

from crypto.errors import CryptoError, DecryptionError
from crypto.primitives import aead_decrypt, aead_encrypt, hkdf_sha256, x25519
from crypto.rng import deterministic_rng


def test_hkdf_rfc5869_case_1() -> None:
    ikm = bytes.fromhex("0b" * 22)
    salt = bytes.fromhex("000102030405060708090a0b0c")
    info = bytes.fromhex("f0f1f2f3f4f5f6f7f8f9")
    okm = hkdf_sha256(ikm, salt, info, 42)
    assert okm.hex() == ("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")


def test_hkdf_rfc5869_case_3_empty_salt_and_info() -> None:
    okm = hkdf_sha256(bytes.fromhex("0b" * 22), b"", b"", 42)
    assert okm.hex() == ("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")


def test_opaque_error() -> None:
    key, nonce = bytes(32), bytes(24)
    ct = aead_encrypt(key, nonce, b"plaintext", b"ad")
    assert aead_decrypt(key, nonce, ct, b"ad") == b"plaintext"
    with pytest.raises(DecryptionError) as info:
        aead_decrypt(key, nonce, ct, b"AD")
    assert str(info.value) == "decryption failed" and info.value.__cause__ is None
    assert isinstance(info.value, CryptoError)
    with pytest.raises(DecryptionError):
        x25519(bytes(32), bytes(32))  # low-order point


def test_deterministic_rng() -> None:
    a, b = deterministic_rng(b"0123456789abcdef"), deterministic_rng(b"0123456789abcdef")
    assert a(10) + a(100) == b(110)
    assert deterministic_rng(b"0123456789abcdeX")(16) != deterministic_rng(b"0123456789abcdef")(16)
