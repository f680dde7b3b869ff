from __future__ import annotations

from crypto.fingerprints import fingerprints_match, format_safety_number, safety_number, scannable_fingerprint
from crypto.keys import IdentityKeyPair


def test_same_from_both_sides_and_distinct() -> None:
    a, b, c = (IdentityKeyPair.generate().public() for _ in range(3))
    n = safety_number(a, b)
    assert n == safety_number(b, a) and len(n) == 60 and n.isdigit()
    assert n != safety_number(a, c)
    shown = format_safety_number(n)
    assert len(shown.split(" ")) == 12
    qr = scannable_fingerprint(a, b)
    assert len(qr) == 65 and qr[0] == 1
    assert fingerprints_match(qr, scannable_fingerprint(b, a))
    assert not fingerprints_match(qr, scannable_fingerprint(a, c))
