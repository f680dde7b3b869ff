"""Safety numbers, computed as Signal's NumericFingerprintGenerator does, with Haven's identity encoding.

For each identity:  h_0 = u16be(0) || identity (ed || x, 64 bytes) || account_id (32 ASCII)
                    h_i = SHA-512(h_{i-1} || identity)      for i = 1..5200
The 30 first bytes of h_5200 make 6 chunks of 5 bytes; each chunk, read big-endian, mod 100000, printed with 5
digits, gives 30 digits per side. The safety number is the two 30-digit strings sorted and concatenated
(60 digits, shown as 12 groups of 5), so both sides compute the same. The scannable (QR) form is
u8 version=1 || min(h_A[:32], h_B[:32]) || max(...) (65 bytes).
"""

from __future__ import annotations

import hashlib

from crypto.keys import IdentityPublic
from crypto.primitives import ct_equal

ITERATIONS = 5200
FINGERPRINT_VERSION = 0
SCANNABLE_VERSION = 1


def _iterated_hash(identity: IdentityPublic) -> bytes:
    key = bytes(identity)
    digest = FINGERPRINT_VERSION.to_bytes(2, "big") + key + identity.account_id.encode("ascii")
    for _ in range(ITERATIONS):
        digest = hashlib.sha512(digest + key).digest()
    return digest


def _digits(digest: bytes) -> str:
    return "".join(f"{int.from_bytes(digest[i : i + 5], 'big') % 100000:05d}" for i in range(0, 30, 5))


def safety_number(a: IdentityPublic, b: IdentityPublic) -> str:
    """60 digits; identical whichever side computes it."""
    return "".join(sorted((_digits(_iterated_hash(a)), _digits(_iterated_hash(b)))))


def format_safety_number(number: str) -> str:
    return " ".join(number[i : i + 5] for i in range(0, len(number), 5))


def scannable_fingerprint(a: IdentityPublic, b: IdentityPublic) -> bytes:
    fa, fb = _iterated_hash(a)[:32], _iterated_hash(b)[:32]
    return bytes([SCANNABLE_VERSION]) + min(fa, fb) + max(fa, fb)


def fingerprints_match(ours: bytes, scanned: bytes) -> bool:
    return len(ours) == len(scanned) and ct_equal(ours, scanned)
