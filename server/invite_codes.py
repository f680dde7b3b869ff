"""Invite codes (staff roles, group links): random, typed by hand or read aloud, stored only as an HMAC.

A code is 130 random bits in lowercase base32 (a-z, 2-7; 26 characters): no character a command line takes for
an option (a code never starts with "-"), none a phone keyboard hides, nothing to confuse with 0/1/8. Each kind
of invite hashes under its own domain, so a code of one kind never redeems the other.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from typing import Annotated

from pydantic import StringConstraints

from crypto.primitives import hmac_sha256
from server.clock import now_ms

CODE_BYTES = 17  # 136 bits; 26 base32 characters once the padding is dropped (the last bits are zero)

# What a body may carry: strict about the alphabet, lenient about case (people retype codes).
InviteCodeField = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=16, max_length=64, pattern=r"^[A-Za-z2-7]+$"),
]


def new_code() -> str:
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii").rstrip("=").lower()


def code_hash(secret: bytes, domain: bytes, code: str) -> bytes:
    return hmac_sha256(secret, domain + code.encode("ascii"))


@dataclass(frozen=True, slots=True)
class NewInvite:
    """A fresh invite of either kind: its id, the code (shown once, to its creator), the HMAC that is all the
    server stores of the code, and when it expires."""

    invite_id: str
    code: str
    code_hash: bytes
    expires_at_ms: int


def new_invite(secret: bytes, domain: bytes, ttl_seconds: int) -> NewInvite:
    code = new_code()
    return NewInvite(secrets.token_hex(16), code, code_hash(secret, domain, code), now_ms() + ttl_seconds * 1000)
