"""Script facts the matcher needs: Myanmar syllable boundaries and a cheap language guess."""

from __future__ import annotations

import re

MYANMAR_RE = re.compile("[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
_MY_CHARS_RE = re.compile("[\u1000-\u109f]")
_THAI_CHARS_RE = re.compile("[\u0e00-\u0e7f]")
_LATIN_RE = re.compile("[A-Za-z]")
_LATIN_ALL_RE = re.compile("[A-Za-z\u00c0-\u024f]")

VIRAMA = "\u1039"
ASAT = "\u103a"
DOT_BELOW = "\u1037"


def _mark_set() -> frozenset[str]:
    # Dependent signs that continue the syllable of the preceding base character.
    ranges = [
        (0x102B, 0x103E),
        (0x1056, 0x1059),
        (0x105E, 0x1060),
        (0x1062, 0x1064),
        (0x1067, 0x106D),
        (0x1071, 0x1074),
        (0x1082, 0x108D),
        (0x108F, 0x108F),
        (0x109A, 0x109D),
    ]
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


MARKS = _mark_set()
CONSONANTS = frozenset(chr(c) for c in range(0x1000, 0x1022))


def is_myanmar(ch: str) -> bool:
    return "\u1000" <= ch <= "\u109f" or "\uaa60" <= ch <= "\uaa7f" or "\ua9e0" <= ch <= "\ua9ff"


def syllable_boundary(text: str, i: int) -> bool:
    """True when position i (between text[i-1] and text[i]) is a Burmese syllable boundary.

    A consonant carrying an asat (or stacked under a virama) closes the previous syllable, so a
    boundary before it would cut "ကင်" into "က" + "င်" — a match there would be spurious.
    """
    n = len(text)
    if i <= 0 or i >= n:
        return True
    ch = text[i]
    prev = text[i - 1]
    if not is_myanmar(ch) or not is_myanmar(prev):
        return ch not in MARKS
    if ch in MARKS or prev == VIRAMA:
        return False
    if ch in CONSONANTS:
        j = i + 1
        while j < n and text[j] == DOT_BELOW:
            j += 1
        if j < n and text[j] in (ASAT, VIRAMA):
            return False
    return True


def word_boundary(text: str, i: int) -> bool:
    """True when position i is not inside a run of letters or digits (for spaced scripts)."""
    if i <= 0 or i >= len(text):
        return True
    return not (text[i - 1].isalnum() and text[i].isalnum())


def guess_language(text: str) -> str:
    """A cheap script-based guess: "my", "th", "en" or "und"."""
    sample = text[:2000]
    if sample.isascii():
        # In ASCII, exactly the letters have case.
        return "en" if sample.lower() != sample.upper() else "und"
    has_my = _MY_CHARS_RE.search(sample) is not None
    # Burmese and Thai have no letter case, so a case difference means Latin-like letters.
    has_latin = sample.upper() != sample.lower() and _LATIN_RE.search(sample) is not None
    if has_my and not has_latin:
        return "my"
    has_th = _THAI_CHARS_RE.search(sample) is not None
    if has_my + has_th + has_latin > 1:
        counts = {
            "my": len(_MY_CHARS_RE.findall(sample)),
            "th": len(_THAI_CHARS_RE.findall(sample)),
            "en": len(_LATIN_ALL_RE.findall(sample)),
        }
        return max(counts, key=lambda k: counts[k])
    if has_th:
        return "th"
    return "en" if has_latin else "und"
