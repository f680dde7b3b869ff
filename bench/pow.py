"""The proof of work's rate: `python bench/pow.py` (prints hashes per second, and what a registration costs).

Compares crypto.pow.solve_pow (hashlib's BLAKE2b, prefix absorbed once) with the straightforward loop over
crypto.primitives.blake2b (PyNaCl) that it replaced; both find the same counter.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crypto.pow import POW_DOMAIN, solve_pow, verify_pow
from crypto.primitives import blake2b

SECONDS = 3.0
BITS = 16  # about 65,536 hashes per solve


def nacl_solve(challenge: bytes, payload: bytes, bits: int) -> int:
    prefix = POW_DOMAIN + challenge + payload
    threshold = 1 << (256 - bits)
    counter = 0
    while int.from_bytes(blake2b(prefix + counter.to_bytes(8, "big")), "big") >= threshold:
        counter += 1
    return counter


def measure(name: str, solve: object) -> float:
    assert callable(solve)
    hashes = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < SECONDS:
        challenge, payload = os.urandom(32), os.urandom(64)
        counter = solve(challenge, payload, BITS)
        assert verify_pow(challenge, payload, counter, BITS)
        hashes += counter + 1
    per_second = hashes / elapsed
    print(f"{name:<44} {per_second:>12,.0f} hashes/s")
    return per_second


def main() -> None:
    fast = measure("solve_pow (hashlib BLAKE2b, prefix copied)", solve_pow)
    slow = measure("PyNaCl blake2b per try (the previous loop)", nacl_solve)
    print(f"speed-up {fast / slow:.1f}x; expected time at 20 bits: {2**20 / fast:.1f} s, 22 bits: {2**22 / fast:.1f} s")


if __name__ == "__main__":
    main()
