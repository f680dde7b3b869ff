"""Text rewriting steps that exist twice: a C-speed form and an offset-keeping form.

Both forms of a step are driven by the same table or compiled regex, so they produce the same
string by construction; the mapped form also carries, for every output character, the span of
the original text it came from. The detector's fast path relies on that equality: if the fast
form finds nothing, the mapped form cannot either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

Spans = tuple[list[int], list[int]]


class _SpanRewriter:
    """Rebuilds a string from untouched runs and replacements, keeping each output character's source span."""

    __slots__ = ("ends", "new_ends", "new_starts", "out", "pos", "s", "starts")

    def __init__(self, s: str, starts: list[int], ends: list[int]) -> None:
        self.s, self.starts, self.ends = s, starts, ends
        self.out: list[str] = []
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.pos = 0

    def copy_to(self, a: int) -> None:
        """Copy the source unchanged from the current position up to `a`."""
        self.out.append(self.s[self.pos : a])
        self.new_starts.extend(self.starts[self.pos : a])
        self.new_ends.extend(self.ends[self.pos : a])
        self.pos = a

    def emit(self, rep: str, start: int, end: int, pos: int) -> None:
        """Emit `rep` in place of source text whose span is (start, end); continue from source index `pos`."""
        self.out.append(rep)
        self.new_starts.extend([start] * len(rep))
        self.new_ends.extend([end] * len(rep))
        self.pos = pos

    def finish(self) -> tuple[str, list[int], list[int]]:
        if self.pos == 0 and not self.out:
            return self.s, self.starts, self.ends
        self.copy_to(len(self.s))
        return "".join(self.out), self.new_starts, self.new_ends


@dataclass(frozen=True, slots=True)
class TranslateStep:
    """Per-character rewrite (str.translate). Table values are strings, possibly empty."""

    table: dict[int, str]

    def fast(self, s: str) -> str:
        return s.translate(self.table)

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        table = self.table
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        for i, ch in enumerate(s):
            rep = table.get(ord(ch))
            if rep is None:
                out.append(ch)
                new_starts.append(starts[i])
                new_ends.append(ends[i])
            elif rep:
                out.append(rep)
                new_starts.extend([starts[i]] * len(rep))
                new_ends.extend([ends[i]] * len(rep))
        return "".join(out), new_starts, new_ends


@dataclass(frozen=True, slots=True)
class FastTranslateStep:
    """TranslateStep whose fast form uses bytes.translate for pure-ASCII text.

    `ascii_map`/`ascii_delete` must express exactly the ASCII part of `table`
    (moderation.fold.ascii_bytes_table guarantees it), so both forms still agree.
    """

    table: dict[int, str]
    ascii_map: bytes
    ascii_delete: bytes
    # Runs of characters the table may change; everything else maps to itself. For non-ASCII
    # text only those runs are translated, because str.translate costs ~150 ns per character.
    changing: re.Pattern[str]

    def fast(self, s: str) -> str:
        if s.isascii():
            return s.encode("ascii").translate(self.ascii_map, self.ascii_delete).decode("ascii")
        return self.changing.sub(self._translate, s)

    def _translate(self, m: re.Match[str]) -> str:
        return m.group().translate(self.table)

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        if s.isascii():
            folded = self.fast(s)
            # ASCII entries map one character to one or none; equal length means none was
            # deleted, so every character kept its position and the spans are unchanged.
            if len(folded) == len(s):
                return folded, starts, ends
        # Only runs of changing characters need per-character work; the rest is copied.
        table = self.table
        rewriter = _SpanRewriter(s, starts, ends)
        for m in self.changing.finditer(s):
            a, b = m.span()
            rewriter.copy_to(a)
            for i in range(a, b):
                rewriter.emit(table.get(ord(s[i]), s[i]), starts[i], ends[i], i + 1)
        return rewriter.finish()


@dataclass(frozen=True, slots=True)
class SpaceStep:
    """Collapse whitespace runs to one space and trim the ends (str.split semantics)."""

    def fast(self, s: str) -> str:
        # Folding has already turned every whitespace character into " " (a test checks this),
        # so text without a double, leading or trailing space is already in final form.
        if "  " not in s and not s.startswith(" ") and not s.endswith(" "):
            return s
        return " ".join(s.split())

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        if "  " not in s and not s.startswith(" ") and not s.endswith(" "):
            # Already single-spaced: the loop below would rebuild the same text, and each space
            # would get the span of the space itself (the character before the next word).
            return s, starts, ends
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        for m in _NON_SPACE.finditer(s):
            a, b = m.span()
            if out:
                out.append(" ")
                new_starts.append(starts[a - 1])
                new_ends.append(ends[a - 1])
            out.append(m.group())
            new_starts.extend(starts[a:b])
            new_ends.extend(ends[a:b])
        return "".join(out), new_starts, new_ends


_NON_SPACE = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class GatedStep:
    """A step skipped, in the fast form only, when none of `triggers` occurs in the text.

    Every trigger list must be such that the step cannot change a text containing none of them,
    so skipping is a pure shortcut and both forms still agree.
    """

    step: RegexStep
    triggers: tuple[str, ...]

    def fast(self, s: str) -> str:
        for trigger in self.triggers:
            if trigger in s:
                return self.step.fast(s)
        return s

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        for trigger in self.triggers:
            if trigger in s:
                return self.step.mapped(s, starts, ends)
        return s, starts, ends


@dataclass(frozen=True, slots=True)
class AsciiGatedStep:
    """A regex step skipped, for pure-ASCII text in the fast form, when a cheap bytes test says
    it cannot match. `may_match` must be a necessary condition for a match, so both forms agree."""

    step: RegexStep
    may_match: Callable[[bytes], bool]

    def fast(self, s: str) -> str:
        if s.isascii() and not self.may_match(s.encode("ascii")):
            return s
        return self.step.fast(s)

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        if s.isascii() and not self.may_match(s.encode("ascii")):
            return s, starts, ends
        return self.step.mapped(s, starts, ends)


@dataclass(frozen=True, slots=True)
class RegexStep:
    """A regex substitution, with either a template (\\1 style) or a function as replacement.

    Patterns must never match the empty string; the mapped form assigns each replacement character
    the whole span of the text it replaced.
    """

    pattern: re.Pattern[str]
    template: str | None = None
    func: Callable[[re.Match[str]], str] | None = None

    def fast(self, s: str) -> str:
        if self.template is not None:
            return self.pattern.sub(self.template, s)
        assert self.func is not None
        return self.pattern.sub(self.func, s)

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        rewriter = _SpanRewriter(s, starts, ends)
        for m in self.pattern.finditer(s):
            a, b = m.span()
            if a == b:  # defensive: an empty match would have no span to map to
                continue
            rewriter.copy_to(a)
            if self.template is not None:
                rep = m.expand(self.template)
            else:
                assert self.func is not None
                rep = self.func(m)
            rewriter.emit(rep, starts[a], ends[b - 1], b)
        return rewriter.finish()


class Step(Protocol):
    def fast(self, s: str) -> str: ...

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]: ...
