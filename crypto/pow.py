"""Hashcash-style proof of work that makes mass registration and anonymous help requests cost CPU time.

digest = BLAKE2b-256(b"haven-pow-v1\\x00" || challenge || payload || counter as 8 bytes big-endian);
the proof is valid when digest has at least `bits` leading zero bits. Expected work: 2**bits hashes.
"""

from __future__ import annotations

from crypto.primitives import blake2b

POW_DOMAIN = b"haven-pow-v1\x00"
MAX_BITS = 32


def pow_digest(challenge: bytes, payload: bytes, counter: int) -> bytes:
    return blake2b(POW_DOMAIN + challenge + payload + counter.to_bytes(8, "big"))


def leading_zero_bits(digest: bytes) -> int:
    value = int.from_bytes(digest, "big")
    return len(digest) * 8 - value.bit_length()


def verify_pow(challenge: bytes, payload: bytes, counter: int, bits: int) -> bool:
    if not 0 <= counter < 2**64:
        return False
    return leading_zero_bits(pow_digest(challenge, payload, counter)) >= bits


def solve_pow(challenge: bytes, payload: bytes, bits: int) -> int:
    """The first counter that satisfies `bits`; a client pays this once per registration or request."""
    if not 0 <= bits <= MAX_BITS:
        raise ValueError("proof-of-work difficulty out of range")
    prefix = POW_DOMAIN + challenge + payload
    threshold = 1 << (256 - bits)
    counter = 0
    while True:
        digest = blake2b(prefix + counter.to_bytes(8, "big"))
        if int.from_bytes(digest, "big") < threshold:
            return counter
        counter += 1
