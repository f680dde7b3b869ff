"""A client's keys and session states, encrypted at rest under a passphrase. Bytes in, bytes out.

    file   = b"HVKS" || u8 version=1 || u64 opslimit || u64 memlimit || salt (16) || nonce (24) || ciphertext
    key    = Argon2id(passphrase, salt, opslimit, memlimit) -> 32 bytes   (crypto_pwhash, ALG_ARGON2ID13)
    ciphertext = XChaCha20-Poly1305-IETF(key, nonce, contents, AD = everything before the ciphertext)
    contents   = u32 count || count × (lp(name UTF-8) || lp(value)), names sorted
A str passphrase is NFC-normalised and UTF-8 encoded (Burmese input methods differ in composition).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping

from crypto.encoding import Reader, lp, u8, u32, u64
from crypto.errors import InvalidKeyError, fail
from crypto.primitives import (
    AEAD_NONCE_BYTES,
    ARGON2ID_MEMLIMIT_INTERACTIVE,
    ARGON2ID_MEMLIMIT_MIN,
    ARGON2ID_MEMLIMIT_MODERATE,
    ARGON2ID_MEMLIMIT_SENSITIVE,
    ARGON2ID_OPSLIMIT_INTERACTIVE,
    ARGON2ID_OPSLIMIT_MIN,
    ARGON2ID_OPSLIMIT_MODERATE,
    ARGON2ID_OPSLIMIT_SENSITIVE,
    aead_decrypt,
    aead_encrypt,
    argon2id,
)
from crypto.rng import Rng, resolve

MAGIC = b"HVKS"
VERSION = 1
SALT_BYTES = 16
OPSLIMIT_MODERATE = ARGON2ID_OPSLIMIT_MODERATE  # 3
MEMLIMIT_MODERATE = ARGON2ID_MEMLIMIT_MODERATE  # 256 MiB
OPSLIMIT_INTERACTIVE = ARGON2ID_OPSLIMIT_INTERACTIVE  # 2
MEMLIMIT_INTERACTIVE = ARGON2ID_MEMLIMIT_INTERACTIVE  # 64 MiB
OPSLIMIT_MIN = ARGON2ID_OPSLIMIT_MIN  # 1, tests only
MEMLIMIT_MIN = ARGON2ID_MEMLIMIT_MIN  # 8 KiB, tests only
_OPSLIMIT_MAX = ARGON2ID_OPSLIMIT_SENSITIVE
_MEMLIMIT_MAX = ARGON2ID_MEMLIMIT_SENSITIVE


def _passphrase(passphrase: str | bytes) -> bytes:
    if isinstance(passphrase, str):
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return bytes(passphrase)


def _derive(passphrase: str | bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return argon2id(_passphrase(passphrase), salt, size=32, opslimit=opslimit, memlimit=memlimit)


class KeystoreKey:
    """A passphrase already stretched with Argon2id, with the salt and limits it was stretched with.

    A client saves its state after every message; deriving the key once per unlock (not per save) keeps that
    cheap. Every seal still draws a fresh random nonce, so reusing the key is safe."""

    __slots__ = ("_key", "memlimit", "opslimit", "salt")

    def __init__(self, key: bytes, salt: bytes, opslimit: int, memlimit: int) -> None:
        if len(key) != 32 or len(salt) != SALT_BYTES:
            raise InvalidKeyError("keystore key is 32 bytes and salt 16")
        self._key = bytes(key)
        self.salt = bytes(salt)
        self.opslimit = opslimit
        self.memlimit = memlimit

    @classmethod
    def derive(
        cls,
        passphrase: str | bytes,
        *,
        opslimit: int = OPSLIMIT_MODERATE,
        memlimit: int = MEMLIMIT_MODERATE,
        salt: bytes | None = None,
        rng: Rng | None = None,
    ) -> KeystoreKey:
        if not (OPSLIMIT_MIN <= opslimit <= _OPSLIMIT_MAX and MEMLIMIT_MIN <= memlimit <= _MEMLIMIT_MAX):
            raise InvalidKeyError("Argon2id limits out of range")
        salt = resolve(rng)(SALT_BYTES) if salt is None else salt
        return cls(_derive(passphrase, salt, opslimit, memlimit), salt, opslimit, memlimit)

    def __repr__(self) -> str:
        return "KeystoreKey(<secret>)"


class Keystore(Mapping[str, bytes]):
    """An immutable mapping of named blobs (identity, prekeys, ratchet and group states)."""

    def __init__(self, entries: Mapping[str, bytes] | None = None) -> None:
        self._entries = {str(k): bytes(v) for k, v in (entries or {}).items()}

    def __getitem__(self, name: str) -> bytes:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Keystore(names={sorted(self._entries)})"

    def encode(self) -> bytes:
        names = sorted(self._entries)
        return u32(len(names)) + b"".join(lp(n.encode()) + lp(self._entries[n]) for n in names)

    def seal(
        self,
        passphrase: str | bytes,
        *,
        opslimit: int = OPSLIMIT_MODERATE,
        memlimit: int = MEMLIMIT_MODERATE,
        rng: Rng | None = None,
    ) -> bytes:
        draw = resolve(rng)
        salt = draw(SALT_BYTES)
        return self.seal_with(KeystoreKey.derive(passphrase, opslimit=opslimit, memlimit=memlimit, salt=salt), rng=draw)

    def seal_with(self, key: KeystoreKey, *, rng: Rng | None = None) -> bytes:
        """The same file format as `seal`, under an already derived key (a fresh nonce every time)."""
        nonce = resolve(rng)(AEAD_NONCE_BYTES)
        header = MAGIC + u8(VERSION) + u64(key.opslimit) + u64(key.memlimit) + key.salt + nonce
        return header + aead_encrypt(key._key, nonce, self.encode(), header)

    @classmethod
    def open(cls, data: bytes, passphrase: str | bytes) -> Keystore:
        """Opaque DecryptionError for a wrong passphrase, a tampered file or a malformed one alike."""
        return cls.open_with_key(data, passphrase)[0]

    @classmethod
    def open_with_key(cls, data: bytes, passphrase: str | bytes) -> tuple[Keystore, KeystoreKey]:
        """`open`, also returning the derived key so later saves need not stretch the passphrase again."""
        try:
            r = Reader(data)
            if r.take(4) != MAGIC or r.u8() != VERSION:
                fail()
            opslimit, memlimit = r.u64(), r.u64()
            # Limits come from the file: bound them, or a tampered file could demand terabytes of memory.
            if not (OPSLIMIT_MIN <= opslimit <= _OPSLIMIT_MAX and MEMLIMIT_MIN <= memlimit <= _MEMLIMIT_MAX):
                fail()
            salt = r.take(SALT_BYTES)
            nonce = r.take(AEAD_NONCE_BYTES)
            header_len = len(data) - len(r.rest())
            key = KeystoreKey.derive(passphrase, opslimit=opslimit, memlimit=memlimit, salt=salt)
            contents = aead_decrypt(key._key, nonce, data[header_len:], data[:header_len])
            c = Reader(contents)
            entries = {}
            for _ in range(c.u32()):
                name = c.text()
                entries[name] = c.lp()
            c.done()
        except InvalidKeyError:
            fail()
        return cls(entries), key
