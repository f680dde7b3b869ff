"""Multi-phrase matching over normalised text with an Aho-Corasick automaton.

Phrases match only at word boundaries on their Latin/Thai-script ends and at syllable boundaries
on their Myanmar-script ends, so "kill" does not fire inside "skill" and "သေ" (die) does not fire
inside the syllable "သေး" (small).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


# An automaton value: (key length, starts with Myanmar script, ends with Myanmar script, items). A tuple,
# not a dataclass: the bundled lexicons register ~70,000 keys, and a tuple is several times cheaper to build.
_Key = tuple[int, bool, bool, tuple[T, ...]]


@contextmanager
def no_collection() -> Iterator[None]:
    """No garbage collection while long-lived tables are built: they make no cyclic garbage, and with the
    collector on each burst of allocations sets off collections that walk everything built so far (about a
    fifth of Detector.default()'s time). The collector is restored after, if it was on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _boundary_ok(text: str, start: int, end: int, key: _Key[T]) -> bool:
    left = syllable_boundary(text, start) if key[1] else word_boundary(text, start)
    if not left:
        return False
    return syllable_boundary(text, end) if key[2] else word_boundary(text, end)


class PhraseMatcher(Generic[T]):
    def __init__(self, entries: Iterable[tuple[str, T]], marks: Iterable[str] = ()) -> None:
        """`marks`: ASCII keys the padded automaton also holds, marked (see `padded`), whether or not
        they are phrases too; the detector's pre-filter marks the euphemism keys."""
        grouped: dict[str, list[T]] = {}
        for key, item in entries:
            if key:
                group = grouped.get(key)
                if group is None:
                    grouped[key] = [item]
                else:
                    group.append(item)
        self._empty = not grouped
        self._size = len(grouped)
        # Each key's items, one tuple shared by both automata.
        keyed = {key: tuple(group) for key, group in grouped.items()}
        # The automaton over any text is built on first use: most messages are ASCII and reach only
        # the padded one below, so a process that never scans anything else never pays for it.
        self._keyed: dict[str, tuple[T, ...]] | None = keyed
        self._main: ahocorasick.Automaton | None = None
        self._lock = threading.Lock()
        # Normalised ASCII text holds only a-z, 0-9 and single spaces, where a word boundary is a
        # space or an end: keys padded with spaces over the padded text meet exactly the accepted
        # occurrences, with no boundary checks and no hits inside words.
        self._padded = ahocorasick.Automaton()
        marked = set(marks)
        add_padded = self._padded.add_word
        for key, items in keyed.items():
            if key.isascii():
                add_padded(f" {key} ", (len(key), items, key in marked))
        for key in marked:
            if key not in keyed or not key.isascii():  # else it is in already, as a phrase
                add_padded(f" {key} ", (len(key), (), True))
        self._padded_empty = len(self._padded) == 0
        if not self._padded_empty:
            self._padded.make_automaton()

    @property
    def _automaton(self) -> ahocorasick.Automaton:
        """The automaton of every key, with _Key values (built on first use, once)."""
        automaton = self._main
        if automaton is None:
            with self._lock:
                if self._main is None:
                    assert self._keyed is not None
                    with no_collection():
                        main = ahocorasick.Automaton()
                        add = main.add_word
                        for key, items in self._keyed.items():
                            if key.isascii():
                                add(key, (len(key), False, False, items))
                            else:
                                add(key, (len(key), is_myanmar(key[0]), is_myanmar(key[-1]), items))
                        main.make_automaton()
                    self._main, self._keyed = main, None
                automaton = self._main
        return automaton

    @property
    def padded(self) -> tuple[ahocorasick.Automaton, bool]:
        """The padded automaton, with values (key length, items, marked), and whether it is empty.

        Only what `find` returns for plain ASCII text comes from it: a marked key that is no phrase
        has no items, so marks change nothing there."""
        return self._padded, self._padded_empty

    def __len__(self) -> int:
        return self._size

    def any(self, text: str) -> bool:
        """Whether any phrase occurs with valid boundaries (the detector's fast path)."""
        if self._empty:
            return False
        for last, key in self._automaton.iter(text):
            end = last + 1
            if _boundary_ok(text, end - key[0], end, key):
                return True
        return False

    def items_at_boundaries(self, text: str) -> Iterator[tuple[int, int, tuple[T, ...]]]:
        """(start, end, items) for each occurrence with valid boundaries, lazily."""
        if self._empty:
            return
        for last, key in self._automaton.iter(text):
            end = last + 1
            start = end - key[0]
            if _boundary_ok(text, start, end, key):
                yield start, end, key[3]

    def find(self, text: str, limit: int = 10_000) -> list[Found[T]]:
        out: list[Found[T]] = []
        if self._empty:
            return out
        if text.isascii() and is_plain(text):
            if self._padded_empty:
                return out
            for last, (length, items, _) in self._padded.iter(f" {text} "):
                end = last - 1
                out.extend(Found(end - length, end, item) for item in items)
                if len(out) >= limit:
                    break
            return out
        for last, key in self._automaton.iter(text):
            end = last + 1
            start = end - key[0]
            if _boundary_ok(text, start, end, key):
                out.extend(Found(start, end, item) for item in key[3])
                if len(out) >= limit:
                    break
        return out


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 ")


def is_plain(text: str) -> bool:
    """Text of a-z, 0-9 and single spaces, not starting or ending with one (normalised ASCII)."""
    return not text or (text[0] != " " and text[-1] != " " and "  " not in text and set(text) <= _PLAIN)
