"""Hashcash-style proof of work that makes mass registration and anonymous help requests cost CPU time.

digest = BLAKE2b-256(b"haven-pow-v1\\x00" || challenge || payload || counter as 8 bytes big-endian);
the proof is valid when digest has at least `bits` leading zero bits. Expected work: 2**bits hashes.
"""

from __future__ import annotations

import hashlib

from crypto.primitives import blake2b

POW_DOMAIN = b"haven-pow-v1\x00"
MAX_BITS = 32
DIGEST_BYTES = 32  # BLAKE2b-256, unkeyed: what crypto.primitives.blake2b computes by default


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
    """The first counter that satisfies `bits`; a client pays this once per registration or request.

    The same digest as `pow_digest`, computed with hashlib's BLAKE2b (C, no per-call binding overhead) from a
    copy of the state that already absorbed the fixed prefix: only the 8 counter bytes are hashed per try.
    """
    if not 0 <= bits <= MAX_BITS:
        raise ValueError("proof-of-work difficulty out of range")
    base = hashlib.blake2b(POW_DOMAIN + challenge + payload, digest_size=DIGEST_BYTES)
    threshold = 1 << (8 * DIGEST_BYTES - bits)
    copy, from_bytes = base.copy, int.from_bytes
    counter = 0
    while True:
        state = copy()
        state.update(counter.to_bytes(8, "big"))
        if from_bytes(state.digest(), "big") < threshold:
            return counter
        counter += 1
