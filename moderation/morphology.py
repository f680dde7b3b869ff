"""Burmese phrases with particles inside (issue 16 item 3).

People put grammatical particles inside a phrase (plural တွေ, object ကို, past ခဲ့ ...), so a
lexicon phrase written without them would miss. Both the text and the phrases are also matched
with those particles removed — whole particles only, on syllable boundaries — and the positions
of what remains map back to the text, so spans still index the original.
"""

from __future__ import annotations

from functools import cache

from moderation.bundled import read_bundled_toml
from moderation.script import is_myanmar, syllable_boundary


@cache
def particles() -> tuple[str, ...]:
    data, _ = read_bundled_toml("data", "normalize_rules.toml")
    # Longest first, so a longer particle is removed whole.
    return tuple(sorted((str(p) for p in data["myanmar_particles"]["particles"]), key=len, reverse=True))


def strip_particles(text: str) -> tuple[str, list[int]]:
    """The text without particles, and for each kept character its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    n = len(text)
    i = 0
    words = particles()
    while i < n:
        ch = text[i]
        if is_myanmar(ch) and syllable_boundary(text, i):
            for p in words:
                end = i + len(p)
                if text.startswith(p, i) and syllable_boundary(text, end):
                    i = end
                    break
            else:
                out.append(ch)
                index.append(i)
                i += 1
            continue
        out.append(ch)
        index.append(i)
        i += 1
    return "".join(out), index


def syllables(text: str) -> int:
    """How many Burmese syllables `text` has (boundaries between Myanmar characters, plus one)."""
    count = 0
    for i, ch in enumerate(text):
        if is_myanmar(ch) and syllable_boundary(text, i):
            count += 1
    return count
