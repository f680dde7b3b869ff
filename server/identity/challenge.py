"""Stateless challenges: the server remembers nothing until one is spent.

Both kinds are nonce || expires_ms (8, big-endian) || HMAC-SHA256(server_secret, domain || nonce || expires)[:n]:

* registration: nonce 16, MAC 16 (40 bytes); the nonce's first byte is the proof-of-work difficulty it was issued
  with (it rises with the load, server.ratelimit.AdaptiveDifficulty). It also names an ephemeral X25519 key,
  derived from the secret and the nonce, against which the client proves it holds its agreement key
  (crypto.registration).
* login (HTTP bearer tokens): nonce 12, MAC 12 (32 bytes, the size crypto.auth signs).
* help requests from outside any group: nonce 16, MAC 16 (40 bytes); the nonce's first byte is the difficulty,
  its second the lane (0 everything else, 1 crisis).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from crypto.keys import X25519PrivateKey
from crypto.primitives import ct_equal, hmac_sha256
from server.identity.exceptions import ChallengeExpired, ChallengeNotIssued

TOKEN_BYTES = 40
LOGIN_CHALLENGE_BYTES = 32
_MAC_DOMAIN = b"haven-reg-challenge-v1\x00"
_LOGIN_DOMAIN = b"haven-login-challenge-v1\x00"
_EPHEMERAL_DOMAIN = b"haven-reg-ephemeral-v1\x00"


@dataclass(frozen=True, slots=True)
class _Layout:
    domain: bytes
    nonce_bytes: int
    mac_bytes: int

    @property
    def size(self) -> int:
        return self.nonce_bytes + 8 + self.mac_bytes

    def mac(self, secret: bytes, nonce: bytes, expires: bytes) -> bytes:
        return hmac_sha256(secret, self.domain + nonce + expires)[: self.mac_bytes]

    def issue(self, secret: bytes, now_ms: int, ttl_seconds: int, lead: bytes = b"") -> tuple[bytes, bytes, int]:
        # `lead`: terms the server fixes at issue (a difficulty, a lane) and the MAC then vouches for.
        nonce = lead + secrets.token_bytes(self.nonce_bytes - len(lead))
        expires_ms = now_ms + ttl_seconds * 1000
        expires = expires_ms.to_bytes(8, "big")
        return nonce + expires + self.mac(secret, nonce, expires), nonce, expires_ms

    def check(self, secret: bytes, token: bytes, now_ms: int) -> tuple[bytes, int]:
        if len(token) != self.size:
            raise ChallengeNotIssued()
        nonce, expires = token[: self.nonce_bytes], token[self.nonce_bytes : self.nonce_bytes + 8]
        if not ct_equal(self.mac(secret, nonce, expires), token[self.nonce_bytes + 8 :]):
            raise ChallengeNotIssued()
        expires_ms = int.from_bytes(expires, "big")
        if expires_ms <= now_ms:
            raise ChallengeExpired()
        return nonce, expires_ms


_REGISTRATION = _Layout(_MAC_DOMAIN, 16, 16)
_LOGIN = _Layout(_LOGIN_DOMAIN, 12, 12)
# Proof-of-work challenges for help requests from outside any group: their own domain, so a registration
# challenge is never accepted for one (or the other way round).
_HELP = _Layout(b"haven-help-challenge-v1\x00", 16, 16)


@dataclass(frozen=True, slots=True)
class IssuedChallenge:
    token: bytes
    ephemeral_public: bytes
    expires_ms: int


def ephemeral_private(secret: bytes, nonce: bytes) -> bytes:
    return hmac_sha256(secret, _EPHEMERAL_DOMAIN + nonce)


def issue(secret: bytes, now_ms: int, ttl_seconds: int, pow_bits: int = 0) -> IssuedChallenge:
    """A registration challenge whose first nonce byte is the proof-of-work difficulty it was issued with."""
    token, nonce, expires_ms = _REGISTRATION.issue(secret, now_ms, ttl_seconds, bytes([pow_bits]))
    return IssuedChallenge(
        token=token,
        ephemeral_public=bytes(X25519PrivateKey(ephemeral_private(secret, nonce)).public_key()),
        expires_ms=expires_ms,
    )


def check(secret: bytes, token: bytes, now_ms: int) -> tuple[bytes, int]:
    """(nonce, expires_ms) of a genuine, unexpired registration token; spending it is the caller's job."""
    return _REGISTRATION.check(secret, token, now_ms)


def issue_login(secret: bytes, now_ms: int, ttl_seconds: int) -> tuple[bytes, int]:
    token, _nonce, expires_ms = _LOGIN.issue(secret, now_ms, ttl_seconds)
    return token, expires_ms


def check_login(secret: bytes, token: bytes, now_ms: int) -> tuple[bytes, int]:
    """(nonce, expires_ms) of a genuine, unexpired login challenge; spending it is the caller's job."""
    return _LOGIN.check(secret, token, now_ms)


def issue_help(secret: bytes, now_ms: int, ttl_seconds: int, pow_bits: int = 0, lane: int = 0) -> tuple[bytes, int]:
    """A help-request challenge whose first two nonce bytes are its difficulty and its lane (see help_terms)."""
    token, _nonce, expires_ms = _HELP.issue(secret, now_ms, ttl_seconds, bytes([pow_bits, lane]))
    return token, expires_ms


def pow_bits_of(nonce: bytes) -> int:
    """The difficulty a registration challenge was issued with (its nonce comes from `check`)."""
    return nonce[0]


def help_terms(nonce: bytes) -> tuple[int, int]:
    """(difficulty, lane code) a help-request challenge was issued with (its nonce comes from `check_help`)."""
    return nonce[0], nonce[1]


def check_help(secret: bytes, token: bytes, now_ms: int) -> tuple[bytes, int]:
    """(nonce, expires_ms) of a genuine, unexpired help-request challenge; spending it is the caller's job."""
    return _HELP.check(secret, token, now_ms)
