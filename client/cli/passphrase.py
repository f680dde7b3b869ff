"""How strong a new passphrase is: a small estimate in the spirit of zxcvbn, written here (no dependency).

The passphrase is the only thing between a seized phone and the identity's keys (the state file is encrypted
under Argon2id of it), so a new identity refuses one that a guesser would find early. The estimate is
conservative in the guesser's favour:

* a passphrase (ignoring case and surrounding spaces) in a short list of the most common ones is worth 0 bits;
* otherwise each character is worth log2 of the alphabet its class belongs to (lowercase 26, uppercase 26,
  digits 10, ASCII punctuation and space 33, anything else — Burmese, other scripts — 64, counted once per
  class present), EXCEPT a character that repeats the one before it, or continues a run of consecutive code
  points ("abc", "321"), which is worth 1 bit;
* a lowercase-only passphrase made of words separated by spaces is also bounded by its words: each word is
  worth log2(7776) ≈ 12.9 bits (a diceware list), so "correct horse battery staple" scores 51.7, not 140.

The smaller of the two counts. MIN_BITS = 50 asks for about four random words, or 9+ random mixed characters.
"""

from __future__ import annotations

import math
import os
import string

MIN_BITS = 50.0
OVERRIDE_ENV = "HAVEN_ALLOW_WEAK_PASSPHRASE"

# The most common choices, as a guesser tries them first (lowercased).
COMMON = frozenset(
    {
        "password",
        "passw0rd",
        "password1",
        "password123",
        "123456",
        "12345678",
        "123456789",
        "1234567890",
        "qwerty",
        "qwertyuiop",
        "letmein",
        "iloveyou",
        "admin",
        "welcome",
        "monkey",
        "dragon",
        "football",
        "abc123",
        "111111",
        "000000",
        "myanmar",
        "burma",
        "yangon",
        "mandalay",
        "haven",
        "secret",
        "changeme",
    }
)
_WORD_BITS = math.log2(7776)


def _alphabet(ch: str) -> tuple[str, int]:
    if ch in string.ascii_lowercase:
        return "lower", 26
    if ch in string.ascii_uppercase:
        return "upper", 26
    if ch in string.digits:
        return "digit", 10
    if ch in string.punctuation or ch == " ":
        return "symbol", 33
    return "other", 64


def estimate_bits(passphrase: str) -> float:
    """A conservative estimate of the passphrase's entropy in bits (see the module docstring)."""
    text = passphrase.strip()
    if not text or text.lower() in COMMON:
        return 0.0
    pool = sum(dict(_alphabet(ch) for ch in text).values())
    per_char = math.log2(pool)
    bits = 0.0
    for i, ch in enumerate(text):
        before = text[i - 1] if i else None
        if before is not None and (ch == before or abs(ord(ch) - ord(before)) == 1):
            bits += 1.0
        else:
            bits += per_char
    words = text.split()
    if len(words) > 1 and all(w.isalpha() and w.islower() for w in words):
        bits = min(bits, len(words) * _WORD_BITS)
    return bits


def weakness(passphrase: str) -> str | None:
    """None when the passphrase is strong enough (or the override is set), else what to tell the person."""
    if os.environ.get(OVERRIDE_ENV) == "1":
        return None
    bits = estimate_bits(passphrase)
    if bits >= MIN_BITS:
        return None
    return (
        f"this passphrase is too weak (about {bits:.0f} bits; at least {MIN_BITS:.0f} needed): "
        "use four or more random words, or a longer mix of letters, digits and symbols"
    )
