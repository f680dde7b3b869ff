"""Burmese phrases with particles inside (issue 16 item 3).

People put grammatical particles inside a phrase (plural တွေ, object ကို, past ခဲ့ ...), so a
lexicon phrase written without them would miss. Both the text and the phrases are also matched
with those particles removed — whole particles only, on syllable boundaries — and the positions
of what remains map back to the text, so spans still index the original.
"""

from __future__ import annotations

import re
from functools import cache

from moderation.bundled import read_bundled_toml
from moderation.script import is_myanmar, syllable_boundary


@cache
def particles() -> tuple[str, ...]:
    data, _ = read_bundled_toml("data", "normalize_rules.toml")
    # Longest first, so a longer particle is removed whole.
    return tuple(sorted((str(p) for p in data["myanmar_particles"]["particles"]), key=len, reverse=True))


@cache
def _particle_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in particles()))


def strip_particles(text: str) -> tuple[str, list[int]]:
    """The text without particles, and for each kept character its index in `text`."""
    out: list[str] = []
    index: list[int] = []
    pos = 0
    for m in _particle_re().finditer(text):
        a, b = m.span()
        if a < pos or not (syllable_boundary(text, a) and syllable_boundary(text, b)):
            continue
        out.append(text[pos:a])
        index.extend(range(pos, a))
        pos = b
    if pos == 0:
        return text, list(range(len(text)))
    out.append(text[pos:])
    index.extend(range(pos, len(text)))
    return "".join(out), index


def has_particle(text: str) -> bool:
    return _particle_re().search(text) is not None


def syllables(text: str, at_most: int | None = None) -> int:
    """How many Burmese syllables `text` has (boundaries between Myanmar characters, plus one);
    counting stops at `at_most` when given."""
    count = 0
    for i, ch in enumerate(text):
        if is_myanmar(ch) and syllable_boundary(text, i):
            count += 1
            if count == at_most:
                break
    return count
