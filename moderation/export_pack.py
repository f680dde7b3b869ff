"""Compact forms for the exported detection data (moderation/export.py), decoded by web/src/core/detect/unpack.std.ts.

Every member's phone downloads this data after unlock, often on a slow metered connection (issue 13), so the
export packs what the JSON would repeat. Phrase tables ship as the lexicon's own source phrases, before brace
expansion and inflection ("i {want|need} to die~"), which the engine expands exactly as lexicon.expand does and
normalises to their keys as lexicon.key_of does; the other fields go as runs. The fold table is ranges, the
model's weights zigzag numbers in base-64 digits, one column per head. Each form is lossless and checked here: the
TypeScript engine rebuilds exactly the rows the Python pipeline holds, in the same order (order decides ties), and
reproduces tests/vectors/moderation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from moderation.lexicon import expand

# Front coding: each text is one character for how many leading characters it shares with the previous text,
# then the rest; texts are joined by newlines. The count is chr(_PREFIX_BASE + n), n <= _PREFIX_MAX, printable.
_PREFIX_BASE = 0x30
_PREFIX_MAX = 0x4E  # up to "~"
_SEPARATOR = "\n"


def _shared(a: str, b: str) -> int:
    n = 0
    # Counted in code points but stopped before an astral one, so the count is also UTF-16 units (what JS slices).
    while n < min(len(a), len(b), _PREFIX_MAX) and a[n] == b[n] and ord(a[n]) < 0x10000:
        n += 1
    return n


def front_code(texts: Iterable[str]) -> str:
    out: list[str] = []
    previous = ""
    for text in texts:
        if _SEPARATOR in text:
            raise ValueError(f"export: a phrase holds a newline: {text!r}")
        n = _shared(previous, text)
        out.append(chr(_PREFIX_BASE + n) + text[n:])
        previous = text
    return _SEPARATOR.join(out)


def runs(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    """Consecutive equal rows as [count, *row]."""
    out: list[list[Any]] = []
    for row in rows:
        if out and out[-1][1:] == list(row):
            out[-1][0] += 1
        else:
            out.append([1, *row])
    return out


def table(rows: Sequence[Sequence[Any]], sources: Sequence[str]) -> dict[str, Any]:
    """Rows of [text, key, *rest] as their source phrases: each source expands (lexicon.expand) to the texts of
    the next rows, which share one rest (shipped as runs). Keys are not shipped: each is its text normalised
    (lexicon.py key_of), which the engine does with the pipeline it already has."""
    rests: list[list[Any]] = []
    at = 0
    for source in sources:
        texts = expand(source)
        group = rows[at : at + len(texts)]
        if [r[0] for r in group] != texts or any(list(r[2:]) != list(group[0][2:]) for r in group):
            raise ValueError(f"export: source phrase {source!r} does not expand to the rows at {at}")
        rests.append(list(group[0][2:]))
        at += len(texts)
    if at != len(rows):
        raise ValueError(f"export: {len(rows) - at} rows past the last source phrase")
    return {
        "n": len(rows),
        "src": front_code(sources),
        "rest": runs(rests),
    }


def fold_ranges(fold: dict[int, str]) -> list[list[Any]]:
    """The fold table (code point -> replacement) as [gap, length, out, step] ranges over sorted code points.

    gap is the distance from the end of the previous range; step 0 means every code point in the range maps to
    out, step 1 that the i-th maps to the single character chr(ord(out) + i) (case folding, width forms).
    """
    out: list[list[Any]] = []
    end = 0
    cps = sorted(fold)
    i = 0
    while i < len(cps):
        start, value = cps[i], fold[cps[i]]
        step = 0
        length = 1
        nxt = i + 1
        if nxt < len(cps) and cps[nxt] == start + 1:
            following = fold[cps[nxt]]
            if following == value:
                step = 0
            elif len(value) == 1 and len(following) == 1 and ord(following) == ord(value) + 1:
                step = 1
        while nxt < len(cps) and cps[nxt] == start + length:
            expected = value if step == 0 else (chr(ord(value) + length) if len(value) == 1 else None)
            if fold[cps[nxt]] != expected:
                break
            length += 1
            nxt += 1
        out.append([start - end, length, value, step])
        end = start + length
        i = nxt
    return out


# Numbers as base-64 digits, least significant first: a digit below 32 ends the number, one from 32 carries five
# more bits. Zigzag first, so the many small weights of either sign are one character; characters, not the bytes
# of a base64 stream, so gzip sees the same symbol for the same small number.
_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def digits(values: Iterable[int]) -> str:
    out: list[str] = []
    for value in values:
        z = value * 2 if value >= 0 else -value * 2 - 1
        while z >= 32:
            out.append(_DIGITS[32 + (z & 31)])
            z >>= 5
        out.append(_DIGITS[z])
    return "".join(out)


def weights(rows: dict[str, list[int]]) -> dict[str, Any]:
    """The model's sparse rows: bucket numbers as ascending gaps, then each head's column apart, as digits().

    Most rows weigh only in the two tier heads (a category head keeps few features after pruning, train.py), so a
    column is its non-zero weights and, before each, how many zero rows it skips: 47 KB brotli where the rows
    written whole, zeros included, were 55 KB."""
    buckets = sorted(int(k) for k in rows)
    width = {len(r) for r in rows.values()}
    if len(width) > 1:
        raise ValueError("export: model rows of different widths")
    n = width.pop() if width else 0
    columns: list[list[str]] = []
    for head in range(n):
        skips: list[int] = []
        values: list[int] = []
        last = -1
        for row, bucket in enumerate(buckets):
            value = rows[str(bucket)][head]
            if value:
                skips.append(row - last - 1)
                values.append(value)
                last = row
        columns.append([digits(skips), digits(values)])
    return {
        "rows": len(buckets),
        "width": n,
        "gaps": digits(b - a for a, b in zip([0, *buckets], buckets, strict=False)),
        "columns": columns,
    }
