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

import nacl.pwhash.argon2id as argon2id

from crypto.encoding import Reader, lp, u8, u32, u64
from crypto.errors import InvalidKeyError, fail
from crypto.primitives import AEAD_NONCE_BYTES, aead_decrypt, aead_encrypt
from crypto.rng import Rng, resolve

MAGIC = b"HVKS"
VERSION = 1
SALT_BYTES = 16
OPSLIMIT_MODERATE: int = argon2id.OPSLIMIT_MODERATE  # 3
MEMLIMIT_MODERATE: int = argon2id.MEMLIMIT_MODERATE  # 256 MiB
OPSLIMIT_INTERACTIVE: int = argon2id.OPSLIMIT_INTERACTIVE  # 2
MEMLIMIT_INTERACTIVE: int = argon2id.MEMLIMIT_INTERACTIVE  # 64 MiB
OPSLIMIT_MIN: int = argon2id.OPSLIMIT_MIN  # 1, tests only
MEMLIMIT_MIN: int = argon2id.MEMLIMIT_MIN  # 8 KiB, tests only
_OPSLIMIT_MAX: int = argon2id.OPSLIMIT_SENSITIVE
_MEMLIMIT_MAX: int = argon2id.MEMLIMIT_SENSITIVE


def _passphrase(passphrase: str | bytes) -> bytes:
    if isinstance(passphrase, str):
        return unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return bytes(passphrase)


def _derive(passphrase: str | bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    return bytes(argon2id.kdf(32, _passphrase(passphrase), salt, opslimit=opslimit, memlimit=memlimit))


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

    def seal(self, passphrase: str | bytes, *, opslimit: int = OPSLIMIT_MODERATE,
             memlimit: int = MEMLIMIT_MODERATE, rng: Rng | None = None) -> bytes:
        if not (OPSLIMIT_MIN <= opslimit <= _OPSLIMIT_MAX and MEMLIMIT_MIN <= memlimit <= _MEMLIMIT_MAX):
            raise InvalidKeyError("Argon2id limits out of range")
        draw = resolve(rng)
        salt = draw(SALT_BYTES)
        nonce = draw(AEAD_NONCE_BYTES)
        header = MAGIC + u8(VERSION) + u64(opslimit) + u64(memlimit) + salt + nonce
        key = _derive(passphrase, salt, opslimit, memlimit)
        return header + aead_encrypt(key, nonce, self.encode(), header)

    @classmethod
    def open(cls, data: bytes, passphrase: str | bytes) -> Keystore:
        """Opaque DecryptionError for a wrong passphrase, a tampered file or a malformed one alike."""
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
            contents = aead_decrypt(_derive(passphrase, salt, opslimit, memlimit), nonce, data[header_len:],
                                    data[:header_len])
            c = Reader(contents)
            entries = {}
            for _ in range(c.u32()):
                name = c.text()
                entries[name] = c.lp()
            c.done()
        except InvalidKeyError:
            fail()
        return cls(entries)
