"""X3DH key agreement (https://signal.org/docs/specifications/x3dh/), with separate Ed25519/X25519 identity keys.

SK = HKDF-SHA256(IKM = F || DH1 || DH2 || DH3 [|| DH4], salt = 32 zero bytes, info = b"Haven X3DH v1", L = 32)
F  = 32 bytes 0xFF (X3DH §2.2, X25519)
AD = Encode(IK_A) || Encode(IK_B)   with Encode(IK) = 0x05 || x25519_pub || ed25519_pub (65 bytes each)
"""

from __future__ import annotations

from typing import Protocol

from crypto.encoding import Reader, u8, u32
from crypto.errors import DecryptionError, InvalidKeyError, fail
from crypto.keys import (
    KEY_BYTES,
    IdentityKeyPair,
    IdentityPublic,
    OneTimePreKey,
    OneTimePreKeyPublic,
    SignedPreKey,
    SignedPreKeyPublic,
    X25519PrivateKey,
    X25519PublicKey,
)
from crypto.primitives import hkdf_sha256, x25519
from crypto.rng import Rng

X3DH_INFO = b"Haven X3DH v1"
X3DH_SALT = bytes(32)  # X3DH §2.2: a zero-filled salt of hash-output length
X3DH_F = b"\xff" * 32  # X3DH §2.2: F = 32 0xFF bytes for X25519
SHARED_SECRET_BYTES = 32
BUNDLE_VERSION = 1
HEADER_VERSION = 1


def associated_data(initiator: IdentityPublic, responder: IdentityPublic) -> bytes:
    """X3DH §3.3: AD = Encode(IK_A) || Encode(IK_B)."""
    return initiator.encode() + responder.encode()


def _kdf(dh_outputs: list[bytes]) -> bytes:
    # X3DH §2.2 KDF: HKDF over F || KM with a zero salt.
    return hkdf_sha256(X3DH_F + b"".join(dh_outputs), X3DH_SALT, X3DH_INFO, SHARED_SECRET_BYTES)


class PreKeyBundle:
    """What the server hands an initiator (X3DH §3.2). Encoding:
    u8 version=1 || IdentityPublic (64) || SignedPreKeyPublic (100) || u8 has_opk || [OneTimePreKeyPublic (36)]
    """

    __slots__ = ("identity", "one_time_prekey", "signed_prekey")

    def __init__(
        self,
        identity: IdentityPublic,
        signed_prekey: SignedPreKeyPublic,
        one_time_prekey: OneTimePreKeyPublic | None = None,
    ) -> None:
        self.identity = identity
        self.signed_prekey = signed_prekey
        self.one_time_prekey = one_time_prekey

    def verify(self) -> None:
        """X3DH §3.3: abort unless the signed prekey's signature verifies (opaque DecryptionError)."""
        self.signed_prekey.verify(self.identity)

    def __bytes__(self) -> bytes:
        out = u8(BUNDLE_VERSION) + bytes(self.identity) + bytes(self.signed_prekey)
        if self.one_time_prekey is None:
            return out + u8(0)
        return out + u8(1) + bytes(self.one_time_prekey)

    @classmethod
    def from_bytes(cls, data: bytes) -> PreKeyBundle:
        r = Reader(data)
        if r.u8() != BUNDLE_VERSION:
            raise InvalidKeyError("unknown bundle version")
        identity = IdentityPublic.from_bytes(r.take(IdentityPublic.SIZE))
        spk = SignedPreKeyPublic.from_bytes(r.take(SignedPreKeyPublic.SIZE))
        flag = r.u8()
        opk = OneTimePreKeyPublic.from_bytes(r.take(OneTimePreKeyPublic.SIZE)) if flag == 1 else None
        if flag not in (0, 1):
            raise InvalidKeyError("bad one-time prekey flag")
        r.done()
        return cls(identity, spk, opk)


class X3DHHeader:
    """The X3DH part of the initial message (X3DH §3.3): IK_A, EK_A, and the ids of Bob's prekeys used.
    Encoding: u8 version=1 || IK_A (64) || EK_A (32) || u32 spk_id || u8 has_opk || [u32 opk_id]
    """

    __slots__ = ("ephemeral", "identity", "one_time_prekey_id", "signed_prekey_id")

    def __init__(
        self,
        identity: IdentityPublic,
        ephemeral: X25519PublicKey,
        signed_prekey_id: int,
        one_time_prekey_id: int | None,
    ) -> None:
        self.identity = identity
        self.ephemeral = ephemeral
        self.signed_prekey_id = signed_prekey_id
        self.one_time_prekey_id = one_time_prekey_id

    def __bytes__(self) -> bytes:
        out = u8(HEADER_VERSION) + bytes(self.identity) + bytes(self.ephemeral) + u32(self.signed_prekey_id)
        if self.one_time_prekey_id is None:
            return out + u8(0)
        return out + u8(1) + u32(self.one_time_prekey_id)

    @classmethod
    def read(cls, r: Reader) -> X3DHHeader:
        if r.u8() != HEADER_VERSION:
            raise InvalidKeyError("unknown X3DH header version")
        identity = IdentityPublic.from_bytes(r.take(IdentityPublic.SIZE))
        ephemeral = X25519PublicKey(r.take(KEY_BYTES))
        spk_id = r.u32()
        flag = r.u8()
        if flag not in (0, 1):
            raise InvalidKeyError("bad one-time prekey flag")
        return cls(identity, ephemeral, spk_id, r.u32() if flag == 1 else None)

    @classmethod
    def from_bytes(cls, data: bytes) -> X3DHHeader:
        r = Reader(data)
        out = cls.read(r)
        r.done()
        return out


class X3DHResult:
    """The shared secret SK and associated data AD; `used_one_time_prekey_id` tells the caller what to delete."""

    __slots__ = ("associated_data", "header", "shared_secret", "used_one_time_prekey_id")

    def __init__(self, shared_secret: bytes, associated_data: bytes, header: X3DHHeader) -> None:
        self.shared_secret = shared_secret
        self.associated_data = associated_data
        self.header = header
        self.used_one_time_prekey_id = header.one_time_prekey_id

    def __repr__(self) -> str:
        return "X3DHResult(<secret>)"


def initiate(identity: IdentityKeyPair, bundle: PreKeyBundle, rng: Rng | None = None) -> X3DHResult:
    """Alice's side (X3DH §3.3). Verifies the bundle first; the opaque error if it does not verify."""
    bundle.verify()
    ephemeral = X25519PrivateKey.generate(rng)
    ek = bytes(ephemeral)
    spk = bytes(bundle.signed_prekey.public)
    dh = [
        x25519(bytes(identity.agreement), spk),  # DH1 = DH(IK_A, SPK_B)
        x25519(ek, bytes(bundle.identity.agreement)),  # DH2 = DH(EK_A, IK_B)
        x25519(ek, spk),  # DH3 = DH(EK_A, SPK_B)
    ]
    opk_id = None
    if bundle.one_time_prekey is not None:
        dh.append(x25519(ek, bytes(bundle.one_time_prekey.public)))  # DH4 = DH(EK_A, OPK_B)
        opk_id = bundle.one_time_prekey.key_id
    header = X3DHHeader(identity.public(), ephemeral.public_key(), bundle.signed_prekey.key_id, opk_id)
    return X3DHResult(_kdf(dh), associated_data(identity.public(), bundle.identity), header)


class OneTimePreKeyStore(Protocol):
    """Bob's unused one-time prekeys. `get` must not remove; the session layer calls `remove` only after the
    initial ciphertext authenticated, so a forged initial message cannot burn a prekey (X3DH §3.4)."""

    def get(self, key_id: int) -> OneTimePreKey | None: ...

    def remove(self, key_id: int) -> None: ...


class MemoryOneTimePreKeyStore:
    """A dict-backed OneTimePreKeyStore, for tests and as a model for the client's persistent one."""

    def __init__(self, keys: list[OneTimePreKey] | None = None) -> None:
        self._keys: dict[int, OneTimePreKey] = {k.key_id: k for k in keys or []}

    def get(self, key_id: int) -> OneTimePreKey | None:
        return self._keys.get(key_id)

    def remove(self, key_id: int) -> None:
        self._keys.pop(key_id, None)

    def __len__(self) -> int:
        return len(self._keys)


def respond(
    identity: IdentityKeyPair,
    signed_prekey: SignedPreKey,
    header: X3DHHeader,
    one_time_prekeys: OneTimePreKeyStore,
) -> X3DHResult:
    """Bob's side (X3DH §3.4). Does NOT delete the one-time prekey; see `session.accept_session`.
    An unknown/already-used prekey id raises the opaque error, so a one-time prekey works only once."""
    if header.signed_prekey_id != signed_prekey.key_id:
        fail()
    spk = bytes(signed_prekey.private)
    ek = bytes(header.ephemeral)
    dh = [
        x25519(spk, bytes(header.identity.agreement)),  # DH1
        x25519(bytes(identity.agreement), ek),  # DH2
        x25519(spk, ek),  # DH3
    ]
    if header.one_time_prekey_id is not None:
        opk = one_time_prekeys.get(header.one_time_prekey_id)
        if opk is None:
            raise DecryptionError
        dh.append(x25519(bytes(opk.private), ek))  # DH4
    return X3DHResult(_kdf(dh), associated_data(header.identity, identity.public()), header)
