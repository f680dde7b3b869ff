"""The registration and help-request proof of work, now on hashlib's BLAKE2b: byte-compatible with the digest the
server checks (crypto.pow.verify_pow over crypto.primitives.blake2b, PyNaCl) — the same first counter, always."""

from __future__ import annotations

import hashlib

import pytest

from crypto.pow import POW_DOMAIN, leading_zero_bits, pow_digest, solve_pow, verify_pow
from crypto.primitives import blake2b


def _reference(challenge: bytes, payload: bytes, bits: int) -> int:
    counter = 0
    while leading_zero_bits(blake2b(POW_DOMAIN + challenge + payload + counter.to_bytes(8, "big"))) < bits:
        counter += 1
    return counter


@pytest.mark.parametrize("bits", [0, 1, 4, 8, 12])
def test_the_same_first_counter_as_the_servers_digest(bits: int) -> None:
    for i in range(8):
        challenge, payload = hashlib.sha256(b"c%d" % i).digest(), hashlib.sha256(b"p%d" % i).digest() * 2
        counter = solve_pow(challenge, payload, bits)
        assert counter == _reference(challenge, payload, bits)
        assert verify_pow(challenge, payload, counter, bits)
        assert leading_zero_bits(pow_digest(challenge, payload, counter)) >= bits


def test_out_of_range_difficulty_is_refused() -> None:
    with pytest.raises(ValueError):
        solve_pow(b"c", b"p", 33)
