"""Per-character folding tables, built once from unicodedata and the bundled confusables."""

from __future__ import annotations

import unicodedata
from functools import cache

from moderation.bundled import DataFileError, line_of, read_bundled_toml
from moderation.script import is_myanmar

# Combining diacritics stripped from Latin-like letters ("kíll", zalgo text). Myanmar and Thai
# signs are not in these blocks, so the scripts that need their marks keep them.
_DIACRITIC_BLOCKS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
# Code points scanned for folding: the BMP, mathematical alphanumerics (𝐤𝐢𝐥𝐥), enclosed letters,
# tags and variation selectors — the astral ranges evasions actually use.
_ASTRAL = ((0x1D400, 0x1D7FF), (0x1F100, 0x1F1FF), (0xE0000, 0xE007F), (0xE0100, 0xE01EF))
# Letters in enclosed blocks that NFKC leaves alone: 🄰-🅉 squared, 🅐-🅩 negative circled,
# 🅰-🆉 negative squared, 🇦-🇿 regional indicators.
_ENCLOSED_LETTER_RUNS = (0x1F130, 0x1F150, 0x1F170, 0x1F1E6)


_SPECIAL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn"})
_SPACE_CONTROLS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85"


# A set: the table build asks about tens of thousands of code points.
_DIACRITICS = frozenset(cp for lo, hi in _DIACRITIC_BLOCKS for cp in range(lo, hi + 1))


def _is_diacritic(cp: int) -> bool:
    return cp in _DIACRITICS


@cache
def confusables() -> dict[str, str]:
    source = "moderation/data/confusables.toml"
    data, raw = read_bundled_toml("data", "confusables.toml")
    fold = data.get("fold")
    if not isinstance(fold, dict):
        raise DataFileError(f"{source}: line 1: missing [fold] table")
    for key, value in fold.items():
        if len(key) != 1 or not isinstance(value, str) or is_myanmar(key):
            raise DataFileError(
                f"{source}: line {line_of(raw, repr(key)[1:-1])}: entry {key!r} must map one non-Myanmar "
                "character to a string"
            )
    return {str(k): str(v) for k, v in fold.items()}


@cache
def emoji_words() -> dict[str, str]:
    """Emoji that stand for a means, a place or death, and the word each becomes."""
    source = "moderation/data/confusables.toml"
    data, raw = read_bundled_toml("data", "confusables.toml")
    table = data.get("emoji", {})
    if not isinstance(table, dict):
        raise DataFileError(f"{source}: line {line_of(raw, '[emoji]')}: [emoji] must be a table")
    for key, value in table.items():
        if len(key) != 1 or not isinstance(value, str) or not value.isascii() or not value.strip():
            raise DataFileError(
                f"{source}: line {line_of(raw, repr(key)[1:-1])}: emoji {key!r} must map one character to ASCII words"
            )
    return {str(k): str(v) for k, v in table.items()}


def fold_char(ch: str, look_alikes: dict[str, str]) -> str:
    """What one character becomes: invisible -> "", whitespace -> " ", else NFKC+casefold+look-alike."""
    cp = ord(ch)
    if is_myanmar(ch):
        return ch
    if ch in _SPACE_CONTROLS:
        return " "
    category = unicodedata.category(ch)
    if category in ("Zs", "Zl", "Zp"):
        return " "
    if category in ("Cc", "Cf", "Cs") or _is_diacritic(cp) or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return ""
    for base in _ENCLOSED_LETTER_RUNS:
        if base <= cp < base + 26:
            return chr(ord("a") + cp - base)
    decomposed = unicodedata.normalize("NFKD", ch)
    stripped = "".join(c for c in decomposed if not _is_diacritic(ord(c)))
    folded = unicodedata.normalize("NFKC", stripped).casefold()
    return "".join(look_alikes.get(c, c) for c in folded)


@cache
def fold_table() -> dict[int, str]:
    look_alikes = confusables()
    table: dict[int, str] = {}
    ranges = ((0, 0x33FF), (0xA000, 0xABFF), (0xD800, 0xFFFF), *_ASTRAL)
    # CJK ideographs (U+3400-U+9FFF) and Hangul syllables (U+AC00-U+D7A3) fold to themselves;
    # skipping them keeps Detector.default() well under a second.
    decomposition = unicodedata.decomposition
    category = unicodedata.category
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if (
                not decomposition(ch)
                and ch.casefold() == ch
                and category(ch) not in _SPECIAL_CATEGORIES
                and ch not in look_alikes
                and ch not in _SPACE_CONTROLS
                and not 0x1F130 <= cp <= 0x1F1FF
                and not _is_diacritic(cp)
            ):
                continue  # cheap pre-check: nothing fold_char would change
            out = fold_char(ch, look_alikes)
            if out != ch:
                table[cp] = out
    return table


# Punctuation that evasions use as letters or as separators between letters ("k.i.l.l", "$uicide");
# it survives folding and becomes a space only after the evasion steps (see late_punctuation_table).
EVASION_PUNCTUATION = "$@!|.-*~+/\\,_"
APOSTROPHES = "'’‘`´ʼ"


@cache
def message_table() -> dict[int, str]:
    """The first translate: folding plus punctuation to spaces (except EVASION_PUNCTUATION)."""
    table = dict(fold_table())
    category = unicodedata.category
    # Emoji and pictographs (U+1F000-U+1FAFF) are symbols like the BMP ones: spaces, so that a
    # phone-typed English message ("ok 👍🏽") folds to ASCII and takes the ASCII fast path.
    for cp in (*range(0, 0x3400), *range(0xA000, 0xAC00), *range(0xD800, 0x10000), *range(0x1F000, 0x1FB00)):
        ch = chr(cp)
        folded = table.get(cp, ch)
        if ch in APOSTROPHES:
            table[cp] = ""
        elif (
            len(folded) == 1
            and folded not in EVASION_PUNCTUATION
            and not is_myanmar(ch)
            and (category(folded)[0] in "PS")
        ):
            table[cp] = " "
    # Emoji standing for a means or death are words, padded so they never join a neighbour.
    for ch, word in emoji_words().items():
        table[ord(ch)] = f" {word} "
    # Myanmar section marks are sentence punctuation for our purposes.
    table[0x104A] = " "
    table[0x104B] = " "
    # Make folding idempotent: an output such as "(1)" (from ⑴) has its "(" and ")" folded too,
    # so folded text is final and the ASCII fast path may run on anything that folds to ASCII.
    for cp, value in list(table.items()):
        for _ in range(4):  # NFKC and casefolding settle in one or two rounds; never loop forever
            refolded = "".join(table.get(ord(c), c) for c in value)
            if refolded == value:
                break
            value = refolded
        table[cp] = value
    # Identity entries for the scripts our users write: str.translate pays for an internal
    # KeyError on every character missing from the table, which tripled the cost for Burmese.
    for lo, hi in ((0x0000, 0x24FF), (0x3000, 0x303F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F), (0xFF00, 0xFFEF)):
        for cp in range(lo, hi + 1):
            table.setdefault(cp, chr(cp))
    return table


@cache
def late_punctuation_table() -> dict[int, str]:
    table = {ord(c): " " for c in EVASION_PUNCTUATION}
    for lo, hi in ((0x0000, 0x24FF), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F)):
        for cp in range(lo, hi + 1):
            table.setdefault(cp, chr(cp))  # see message_table: avoids per-character misses
    return table


def ascii_bytes_table(table: dict[int, str]) -> tuple[bytes, bytes]:
    """The ASCII part of a str table as a bytes.translate table and a delete set.

    bytes.translate is several times faster than str.translate; used only for pure-ASCII text,
    for which it gives the same result as the str table (checked when built).
    """
    mapping = bytearray(range(256))
    delete = bytearray()
    for cp in range(128):
        out = table.get(cp, chr(cp))
        if out == "":
            delete.append(cp)
        elif len(out) == 1 and out.isascii():
            mapping[cp] = ord(out)
        else:
            raise ValueError(f"ASCII U+{cp:04X} folds to {out!r}; bytes fast path cannot express it")
    return bytes(mapping), bytes(delete)
