"""Multi-phrase matching over normalised text with an Aho-Corasick automaton.

Phrases match only at word boundaries on their Latin/Thai-script ends and at syllable boundaries
on their Myanmar-script ends, so "kill" does not fire inside "skill" and "သေ" (die) does not fire
inside the syllable "သေး" (small).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from moderation.script import is_myanmar, syllable_boundary, word_boundary

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Found(Generic[T]):
    """A phrase occurrence: [start, end) in the normalised text."""

    start: int
    end: int
    item: T


@dataclass(frozen=True, slots=True)
class _Key(Generic[T]):
    length: int
    myanmar_start: bool
    myanmar_end: bool
    items: tuple[T, ...]


def _boundary_ok(text: str, start: int, end: int, key: _Key[T]) -> bool:
    left = syllable_boundary(text, start) if key.myanmar_start else word_boundary(text, start)
    if not left:
        return False
    return syllable_boundary(text, end) if key.myanmar_end else word_boundary(text, end)


class PhraseMatcher(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]]) -> None:
        grouped: dict[str, list[T]] = {}
        for key, item in entries:
            if key:
                grouped.setdefault(key, []).append(item)
        self._automaton = ahocorasick.Automaton()
        for key, items in grouped.items():
            self._automaton.add_word(key, _Key(len(key), is_myanmar(key[0]), is_myanmar(key[-1]), tuple(items)))
        self._empty = not grouped
        if not self._empty:
            self._automaton.make_automaton()
        # Normalised ASCII text holds only a-z, 0-9 and single spaces, where a word boundary is a
        # space or an end: keys padded with spaces over the padded text meet exactly the accepted
        # occurrences, with no boundary checks and no hits inside words.
        self._padded = ahocorasick.Automaton()
        self._ascii_items: dict[str, tuple[T, ...]] = {}
        for key, items in grouped.items():
            if key.isascii():
                self._ascii_items[key] = tuple(items)
                self._padded.add_word(f" {key} ", (len(key), self._ascii_items[key]))
        self._padded_empty = len(self._padded) == 0
        if not self._padded_empty:
            self._padded.make_automaton()

    @property
    def padded(self) -> tuple[ahocorasick.Automaton, bool, dict[str, tuple[T, ...]]]:
        """The padded automaton (values: (key length, items)), whether it is empty, and the ASCII
        keys with their items (for building a variant automaton)."""
        return self._padded, self._padded_empty, self._ascii_items

    def __len__(self) -> int:
        return len(self._automaton) if not self._empty else 0

    def any(self, text: str) -> bool:
        """Whether any phrase occurs with valid boundaries (the detector's fast path)."""
        if self._empty:
            return False
        for last, key in self._automaton.iter(text):
            end = last + 1
            if _boundary_ok(text, end - key.length, end, key):
                return True
        return False

    def items_at_boundaries(self, text: str) -> Iterator[tuple[int, int, tuple[T, ...]]]:
        """(start, end, items) for each occurrence with valid boundaries, lazily."""
        if self._empty:
            return
        for last, key in self._automaton.iter(text):
            end = last + 1
            if _boundary_ok(text, end - key.length, end, key):
                yield end - key.length, end, key.items

    def find(self, text: str, limit: int = 10_000) -> list[Found[T]]:
        out: list[Found[T]] = []
        if self._empty:
            return out
        if text.isascii() and is_plain(text):
            if self._padded_empty:
                return out
            for last, (length, items) in self._padded.iter(f" {text} "):
                end = last - 1
                out.extend(Found(end - length, end, item) for item in items)
                if len(out) >= limit:
                    break
            return out
        for last, key in self._automaton.iter(text):
            end = last + 1
            start = end - key.length
            if _boundary_ok(text, start, end, key):
                out.extend(Found(start, end, item) for item in key.items)
                if len(out) >= limit:
                    break
        return out


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")


def is_plain(text: str) -> bool:
    """Text of a-z, 0-9 and single spaces, not starting or ending with one (normalised ASCII)."""
    return not text or (text[0] != " " and text[-1] != " " and "  " not in text and set(text) <= _PLAIN)
