"""Typed keys. Sizes are checked on construction, `bytes(key)` gives the raw encoding, equality is constant-time,
and private keys never show their bytes in repr().

An identity is TWO independent keypairs: Ed25519 for signatures and X25519 for key agreement. Signal derives
both from one Curve25519 key with XEdDSA; Haven keeps them separate so that only stock libsodium/WebCrypto
operations are needed (see docs/protocol.md, "C3. Identity keys").
"""

from __future__ import annotations

from typing import ClassVar, Self

from crypto.encoding import Reader, u32
from crypto.errors import InvalidKeyError, fail
from crypto.primitives import blake2b, ct_equal, ed25519_public, ed25519_sign, ed25519_verify, x25519_base
from crypto.rng import Rng, resolve

KEY_BYTES = 32
SIGNATURE_BYTES = 64
# X3DH §2.2: Encode(PK) = one curve-type byte || the little-endian u-coordinate. 0x05 is Signal's X25519 byte.
CURVE25519_TYPE = 0x05
SPK_SIGNATURE_DOMAIN = b"haven-spk-v1\x00"
ACCOUNT_DOMAIN = b"haven-account-v1"
MAX_KEY_ID = 2**32 - 1


class _Fixed:
    """Raw fixed-size key material with constant-time equality."""

    __slots__ = ("_data",)
    SIZE: ClassVar[int] = KEY_BYTES
    SECRET: ClassVar[bool] = False

    def __init__(self, data: bytes) -> None:
        if not isinstance(data, bytes | bytearray) or len(data) != self.SIZE:
            raise InvalidKeyError(f"{type(self).__name__} must be {self.SIZE} bytes")
        self._data = bytes(data)

    def __bytes__(self) -> bytes:
        return self._data

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Fixed)
        return ct_equal(self._data, other._data)

    def __hash__(self) -> int:
        if self.SECRET:
            raise TypeError("secret keys are not hashable")
        return hash((type(self).__name__, self._data))

    def __repr__(self) -> str:
        if self.SECRET:
            return f"{type(self).__name__}(<secret>)"
        return f"{type(self).__name__}({self._data.hex()})"


class _ByEncoding:
    """A composite key equal to another of its class when their encodings are (compared in constant time), and
    hashed by its encoding; a class whose encoding is secret sets `__hash__ = None`."""

    __slots__ = ()

    def __bytes__(self) -> bytes:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return ct_equal(bytes(self), bytes(other))

    def __hash__(self) -> int:
        return hash(bytes(self))


def _read_signed_prekey(data: bytes) -> tuple[int, bytes, bytes]:
    """u32 id || key (32) || signature (64): the layout of a signed prekey, public or private."""
    r = Reader(data)
    out = r.u32(), r.take(KEY_BYTES), r.take(SIGNATURE_BYTES)
    r.done()
    return out


def _check_id(key_id: int) -> int:
    if not 0 <= key_id <= MAX_KEY_ID:
        raise InvalidKeyError("key id must fit in 32 bits")
    return key_id


class X25519PublicKey(_Fixed):
    __slots__ = ()

    def encode(self) -> bytes:
        """X3DH §2.2 Encode(PK): 0x05 || 32 bytes."""
        return bytes([CURVE25519_TYPE]) + self._data


class _SecretKey(_Fixed):
    """32 secret bytes: for X25519 the scalar itself (X25519 clamps it, as libsodium.js crypto_scalarmult
    expects), for Ed25519 the RFC 8032 seed (libsodium crypto_sign_seed_keypair)."""

    __slots__ = ()
    SECRET = True

    @classmethod
    def generate(cls, rng: Rng | None = None) -> Self:
        return cls(resolve(rng)(KEY_BYTES))

    @classmethod
    def from_seed(cls, seed: bytes) -> Self:
        return cls(seed)


class X25519PrivateKey(_SecretKey):
    __slots__ = ()

    def public_key(self) -> X25519PublicKey:
        return X25519PublicKey(x25519_base(self._data))


class Ed25519PublicKey(_Fixed):
    __slots__ = ()

    def verify(self, message: bytes, signature: bytes) -> None:
        """Raises the opaque DecryptionError on any failure."""
        if len(signature) != SIGNATURE_BYTES:
            fail()
        ed25519_verify(self._data, message, signature)


class Ed25519PrivateKey(_SecretKey):
    __slots__ = ()

    def public_key(self) -> Ed25519PublicKey:
        return Ed25519PublicKey(ed25519_public(self._data))

    def sign(self, message: bytes) -> bytes:
        return ed25519_sign(self._data, message)


class IdentityPublic(_ByEncoding):
    """The public half of an identity: Ed25519 signing key and X25519 agreement key. bytes() = ed || x (64)."""

    __slots__ = ("agreement", "signing")
    SIZE: ClassVar[int] = 2 * KEY_BYTES

    def __init__(self, signing: Ed25519PublicKey, agreement: X25519PublicKey) -> None:
        self.signing = signing
        self.agreement = agreement

    @classmethod
    def from_bytes(cls, data: bytes) -> IdentityPublic:
        if len(data) != cls.SIZE:
            raise InvalidKeyError("IdentityPublic must be 64 bytes")
        return cls(Ed25519PublicKey(data[:KEY_BYTES]), X25519PublicKey(data[KEY_BYTES:]))

    def __bytes__(self) -> bytes:
        return bytes(self.signing) + bytes(self.agreement)

    def encode(self) -> bytes:
        """Encode(IK) for the X3DH associated data: Encode(IK_x25519) || ed25519 pub = 0x05 || x || ed (65)."""
        return self.agreement.encode() + bytes(self.signing)

    @property
    def account_id(self) -> str:
        """32 lowercase hex chars: BLAKE2b-128(b"haven-account-v1" || ed25519_pub || x25519_pub), as the server."""
        return blake2b(ACCOUNT_DOMAIN + bytes(self), size=16).hex()

    def __repr__(self) -> str:
        return f"IdentityPublic(account_id={self.account_id})"


class IdentityKeyPair(_ByEncoding):
    """A device identity. bytes() = ed25519 seed || x25519 private (64 bytes) — keep it in the keystore only."""

    __slots__ = ("agreement", "signing")

    def __init__(self, signing: Ed25519PrivateKey, agreement: X25519PrivateKey) -> None:
        self.signing = signing
        self.agreement = agreement

    @classmethod
    def generate(cls, rng: Rng | None = None) -> IdentityKeyPair:
        draw = resolve(rng)
        return cls(Ed25519PrivateKey(draw(KEY_BYTES)), X25519PrivateKey(draw(KEY_BYTES)))

    @classmethod
    def from_seed(cls, seed: bytes) -> IdentityKeyPair:
        """Deterministic, for tests/vectors: each half = BLAKE2b-256(key=seed, b"haven-identity-ed25519"|"-x25519")."""
        if len(seed) != KEY_BYTES:
            raise InvalidKeyError("seed must be 32 bytes")
        return cls(
            Ed25519PrivateKey(blake2b(b"haven-identity-ed25519", key=seed)),
            X25519PrivateKey(blake2b(b"haven-identity-x25519", key=seed)),
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> IdentityKeyPair:
        if len(data) != 2 * KEY_BYTES:
            raise InvalidKeyError("IdentityKeyPair must be 64 bytes")
        return cls(Ed25519PrivateKey(data[:KEY_BYTES]), X25519PrivateKey(data[KEY_BYTES:]))

    def __bytes__(self) -> bytes:
        return bytes(self.signing) + bytes(self.agreement)

    def public(self) -> IdentityPublic:
        return IdentityPublic(self.signing.public_key(), self.agreement.public_key())

    @property
    def account_id(self) -> str:
        return self.public().account_id

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "IdentityKeyPair(<secret>)"


def spk_signed_message(key_id: int, public: X25519PublicKey) -> bytes:
    """What the identity's Ed25519 key signs: b"haven-spk-v1\\x00" || u32(key_id) || Encode(SPK)."""
    return SPK_SIGNATURE_DOMAIN + u32(key_id) + public.encode()


class SignedPreKeyPublic(_ByEncoding):
    __slots__ = ("key_id", "public", "signature")
    SIZE: ClassVar[int] = 4 + KEY_BYTES + SIGNATURE_BYTES

    def __init__(self, key_id: int, public: X25519PublicKey, signature: bytes) -> None:
        if len(signature) != SIGNATURE_BYTES:
            raise InvalidKeyError("signature must be 64 bytes")
        self.key_id = _check_id(key_id)
        self.public = public
        self.signature = bytes(signature)

    def verify(self, identity: IdentityPublic) -> None:
        """X3DH §3.3: the initiator verifies Sig(IK_B, Encode(SPK_B)); opaque error on failure."""
        identity.signing.verify(spk_signed_message(self.key_id, self.public), self.signature)

    def __bytes__(self) -> bytes:
        return u32(self.key_id) + bytes(self.public) + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> SignedPreKeyPublic:
        key_id, key, signature = _read_signed_prekey(data)
        return cls(key_id, X25519PublicKey(key), signature)


class SignedPreKey:
    """The responder's medium-term X25519 prekey, signed by its identity. bytes() = u32 id || priv || sig."""

    __slots__ = ("key_id", "private", "signature")

    def __init__(self, key_id: int, private: X25519PrivateKey, signature: bytes) -> None:
        if len(signature) != SIGNATURE_BYTES:
            raise InvalidKeyError("signature must be 64 bytes")
        self.key_id = _check_id(key_id)
        self.private = private
        self.signature = bytes(signature)

    @classmethod
    def from_seed(cls, identity: IdentityKeyPair, key_id: int, seed: bytes) -> SignedPreKey:
        private = X25519PrivateKey.from_seed(seed)
        signature = identity.signing.sign(spk_signed_message(_check_id(key_id), private.public_key()))
        return cls(key_id, private, signature)

    @classmethod
    def generate(cls, identity: IdentityKeyPair, key_id: int, rng: Rng | None = None) -> SignedPreKey:
        return cls.from_seed(identity, key_id, resolve(rng)(KEY_BYTES))

    def public(self) -> SignedPreKeyPublic:
        return SignedPreKeyPublic(self.key_id, self.private.public_key(), self.signature)

    def __bytes__(self) -> bytes:
        return u32(self.key_id) + bytes(self.private) + self.signature

    @classmethod
    def from_bytes(cls, data: bytes) -> SignedPreKey:
        key_id, key, signature = _read_signed_prekey(data)
        return cls(key_id, X25519PrivateKey(key), signature)

    def __repr__(self) -> str:
        return f"SignedPreKey(key_id={self.key_id}, <secret>)"


class OneTimePreKeyPublic(_ByEncoding):
    __slots__ = ("key_id", "public")
    SIZE: ClassVar[int] = 4 + KEY_BYTES

    def __init__(self, key_id: int, public: X25519PublicKey) -> None:
        self.key_id = _check_id(key_id)
        self.public = public

    def __bytes__(self) -> bytes:
        return u32(self.key_id) + bytes(self.public)

    @classmethod
    def from_bytes(cls, data: bytes) -> OneTimePreKeyPublic:
        if len(data) != cls.SIZE:
            raise InvalidKeyError("OneTimePreKeyPublic must be 36 bytes")
        return cls(int.from_bytes(data[:4], "big"), X25519PublicKey(data[4:]))


class OneTimePreKey:
    """bytes() = u32 id || priv (36)."""

    __slots__ = ("key_id", "private")

    def __init__(self, key_id: int, private: X25519PrivateKey) -> None:
        self.key_id = _check_id(key_id)
        self.private = private

    @classmethod
    def from_seed(cls, key_id: int, seed: bytes) -> OneTimePreKey:
        return cls(key_id, X25519PrivateKey.from_seed(seed))

    @classmethod
    def generate(cls, key_id: int, rng: Rng | None = None) -> OneTimePreKey:
        return cls(key_id, X25519PrivateKey.generate(rng))

    def public(self) -> OneTimePreKeyPublic:
        return OneTimePreKeyPublic(self.key_id, self.private.public_key())

    def __bytes__(self) -> bytes:
        return u32(self.key_id) + bytes(self.private)

    @classmethod
    def from_bytes(cls, data: bytes) -> OneTimePreKey:
        if len(data) != 4 + KEY_BYTES:
            raise InvalidKeyError("OneTimePreKey must be 36 bytes")
        return cls(int.from_bytes(data[:4], "big"), X25519PrivateKey(data[4:]))

    def __repr__(self) -> str:
        return f"OneTimePreKey(key_id={self.key_id}, <secret>)"
