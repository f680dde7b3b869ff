"""Stateless registration challenges: the server remembers nothing until one is spent.

token = nonce (16) || expires_ms (8, big-endian) || HMAC-SHA256(server_secret, domain || nonce || expires)[:16]

Each challenge also names an ephemeral X25519 key, derived from the secret and the nonce, against which the
client proves it holds its agreement key (crypto.registration).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from crypto.keys import X25519PrivateKey
from crypto.primitives import ct_equal, hmac_sha256

TOKEN_BYTES = 40
_MAC_DOMAIN = b"haven-reg-challenge-v1\x00"
_EPHEMERAL_DOMAIN = b"haven-reg-ephemeral-v1\x00"


@dataclass(frozen=True, slots=True)
class IssuedChallenge:
    token: bytes
    ephemeral_public: bytes
    expires_ms: int


class ChallengeError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = message


def _mac(secret: bytes, nonce: bytes, expires: bytes) -> bytes:
    return hmac_sha256(secret, _MAC_DOMAIN + nonce + expires)[:16]


def ephemeral_private(secret: bytes, nonce: bytes) -> bytes:
    return hmac_sha256(secret, _EPHEMERAL_DOMAIN + nonce)


def issue(secret: bytes, now_ms: int, ttl_seconds: int) -> IssuedChallenge:
    nonce = secrets.token_bytes(16)
    expires_ms = now_ms + ttl_seconds * 1000
    expires = expires_ms.to_bytes(8, "big")
    return IssuedChallenge(
        token=nonce + expires + _mac(secret, nonce, expires),
        ephemeral_public=bytes(X25519PrivateKey(ephemeral_private(secret, nonce)).public_key()),
        expires_ms=expires_ms,
    )


def check(secret: bytes, token: bytes, now_ms: int) -> tuple[bytes, int]:
    """(nonce, expires_ms) of a genuine, unexpired token; spending it is the caller's job."""
    if len(token) != TOKEN_BYTES:
        raise ChallengeError("challenge_invalid", "not a challenge issued by this server")
    nonce, expires, mac = token[:16], token[16:24], token[24:]
    if not ct_equal(_mac(secret, nonce, expires), mac):
        raise ChallengeError("challenge_invalid", "not a challenge issued by this server")
    expires_ms = int.from_bytes(expires, "big")
    if expires_ms <= now_ms:
        raise ChallengeError("challenge_expired", "the challenge has expired; fetch a new one")
    return nonce, expires_ms
