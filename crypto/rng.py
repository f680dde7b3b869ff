"""Injectable randomness.

Every function in `crypto` that needs randomness takes `rng: Rng | None`; None means libsodium's CSPRNG
(`randombytes_buf`). Tests and the vector generator pass `deterministic_rng(seed)` so that transcripts
reproduce byte for byte. Never use `deterministic_rng` outside tests.
"""

from __future__ import annotations

from collections.abc import Callable

from crypto.primitives import blake2b, random_bytes

Rng = Callable[[int], bytes]


def system_rng(size: int) -> bytes:
    return random_bytes(size)


def resolve(rng: Rng | None) -> Rng:
    return system_rng if rng is None else rng


def deterministic_rng(seed: bytes) -> Rng:
    """TESTS ONLY. BLAKE2b-512 in counter mode: block i = BLAKE2b-512(key=seed, data=u64be(i))."""
    if not 16 <= len(seed) <= 64:
        raise ValueError("seed must be 16..64 bytes")
    buffer = bytearray()
    counter = 0

    def take(size: int) -> bytes:
        nonlocal counter
        while len(buffer) < size:
            buffer.extend(blake2b(counter.to_bytes(8, "big"), size=64, key=seed))
            counter += 1
        out = bytes(buffer[:size])
        del buffer[:size]
        return out

    return take
