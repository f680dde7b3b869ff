"""One exception root for the whole package, and one opaque failure for everything an adversary can provoke.

Every decryption, MAC, signature or commitment failure raises the same `DecryptionError("decryption failed")`:
a distinguishable error (bad signature vs. bad tag vs. too many skipped keys) would be an oracle, and a message
that carried key or plaintext bytes could end up in a log.
"""

from __future__ import annotations

from typing import NoReturn


class CryptoError(Exception):
    """Root of every error raised by `crypto`."""


class DecryptionError(CryptoError):
    """A message, signature, tag, commitment or passphrase did not verify. Deliberately uninformative."""

    def __init__(self) -> None:
        super().__init__("decryption failed")


class InvalidKeyError(CryptoError, ValueError):
    """A key or encoded object has the wrong size or shape (a programming or storage error, not an attack)."""


def fail() -> NoReturn:
    # `from None` everywhere: a chained libsodium exception would tell which check failed.
    raise DecryptionError from None
