"""Normalisation of messages and lexicon phrases, in a fast form and an offset-keeping form.

Order matters and is the same for both forms:
  1. fold     NFKC, casefold, look-alikes, accents and invisible characters (one translate table);
              Myanmar script is passed through untouched.
  2. zawgyi   Zawgyi -> Unicode, only when the text is Myanmar and looks like Zawgyi.
  3. myanmar  small canonicalisations of Unicode Burmese as people actually type it.
  4. evasion  leetspeak inside words (k1ll, $uicide) and letters spaced or dotted apart (k.i.l.l).
              Runs of three or more of a letter collapse to one (dieeee -> die).
  5. tidy     remaining punctuation to spaces, whitespace collapsed, spaces inside Burmese removed
              (Burmese does not space words, and people space it erratically).
  6. euphemism whole-word rewrites of internet euphemisms and misspellings (kms -> kill myself).
Apostrophes are dropped and other punctuation becomes a space already in step 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from moderation.bundled import DataFileError, line_of, read_bundled_toml
from moderation.fold import ascii_bytes_table, late_punctuation_table, message_table
from moderation.script import MYANMAR_RE
from moderation.steps import AsciiGatedStep, FastTranslateStep, GatedStep, RegexStep, SpaceStep, Step
from moderation.zawgyi import (
    ZawgyiConverter,
    message_is_zawgyi,
    order_rules,
    typed_in_zawgyi_order,
    zawgyi_converter,
)


def _rules() -> dict[str, Any]:
    """The rules of data/normalize_rules.toml (regular expressions in the Python/JavaScript subset)."""
    data, _ = read_bundled_toml("data", "normalize_rules.toml")
    return data


_RULES = _rules()
_LEET = {str(k): str(v) for k, v in _RULES["leet"]["table"].items()}
_LEET_RE = re.compile(_RULES["leet"]["run"])
_LEET_PREFIX_RE = re.compile(_RULES["leet"]["prefix"])
_LEET_TABLE = str.maketrans(_LEET)
_SPACED_RE = re.compile(_RULES["spaced"]["pattern"])
_STRETCH_RE = re.compile(_RULES["stretch"]["pattern"])
# Starts with a literal space so the regex engine can skip ahead.
_MYANMAR_SPACE_RE = re.compile(_RULES["myanmar_space"]["pattern"])
_MYANMAR_CANON_RE = re.compile(_RULES["myanmar_canon"]["pattern"])
_MYANMAR_CANON = {str(k): str(v) for k, v in _RULES["myanmar_canon"]["map"].items()}
_MYANMAR_CANON_GATES = tuple(str(g) for g in _RULES["myanmar_canon"]["gates"])
_DOUBLE_RE = re.compile(_RULES["double"]["pattern"])


def collapse_doubles(s: str) -> str:
    """The variant of a phrase with doubled letters single, to meet "killlll" -> "kil"."""
    return _DOUBLE_RE.sub(_first_group, s)  # group 1 by a function: several times cheaper than the template r"\1"


_EVERYDAY_SINGLES = frozenset(str(w) for w in _RULES["double"]["everyday"])


def doubles_variant(key: str) -> str | None:
    """The extra key a phrase is registered under for stretched messages ("killlll" -> "kil"), or None where it has
    no doubled letter or the variant is an everyday word of its own ("soon" -> "son")."""
    single = collapse_doubles(key)
    return None if single == key or single in _EVERYDAY_SINGLES else single


_LEET_BYTES = b"013457@$!|"


def _may_have_leet(b: bytes) -> bool:
    return len(b.translate(None, _LEET_BYTES)) != len(b)


# A number starting a word and followed by a unit is a time, dose or count, not leetspeak:
# "10pm", "4am", "20mg", "30x" stay as written (they used to become "iopm").
_UNIT_RE = re.compile(_RULES["leet"]["unit"])


def _leet(m: re.Match[str]) -> str:
    run, text, start, end = m.group(), m.string, m.start(), m.end()
    if run.isdigit():
        # The whole number around the run ("20" in "20mg", where only "0" is a leet character). isdecimal is Unicode's
        # Nd, the \p{Nd} of the browser engine; isdigit would also take "²" and "①", which JavaScript does not.
        lo, hi = start, end
        while lo > 0 and text[lo - 1].isdecimal():
            lo -= 1
        while hi < len(text) and text[hi].isdecimal():
            hi += 1
        if (lo == 0 or not text[lo - 1].isalpha()) and (hi - lo > 1 or _UNIT_RE.match(text, hi) is not None):
            return run  # a number: "10pm", "20mg", "50pills", "3am"
    if end < len(text) and "a" <= text[end] <= "z":
        return run.translate(_LEET_TABLE)
    if start > 0 and "a" <= text[start - 1] <= "z":
        prefix = _LEET_PREFIX_RE.match(run)
        n = prefix.end() if prefix else 0
        return run[:n].translate(_LEET_TABLE) + run[n:]
    return run


def _unspace(m: re.Match[str]) -> str:
    return m.group().replace(m.group(1), "")


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


def _canon(m: re.Match[str]) -> str:
    return _MYANMAR_CANON[m.group()]


def has_myanmar(s: str) -> bool:
    return not s.isascii() and MYANMAR_RE.search(s) is not None


def _has_cased(s: str) -> bool:
    # After folding every letter is lower case, so any cased letter (in particular a-z) differs
    # from its upper case; text without one cannot be touched by the Latin evasion steps.
    return s.upper() != s


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text with, per character, the original span it came from."""

    text: str
    starts: list[int]
    ends: list[int]
    zawgyi: bool

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The steps, in order. `myanmar` steps run only on text with Myanmar script, `zawgyi` only
    on Myanmar text that looks like Zawgyi, `evasion` only on text with cased (Latin) letters."""

    fold: Step
    zawgyi: Step
    myanmar: tuple[Step, ...]
    evasion: tuple[Step, ...]
    tidy: tuple[Step, ...]
    myanmar_space: Step
    euphemism: Step | None


class Normalizer:
    """Runs the pipeline; `fast` and `mapped` make the same decisions on the same intermediate
    text and run the two forms of the same steps, so they give identical text."""

    def __init__(self, pipeline: Pipeline, ascii_fast: AsciiFastPath | None = None) -> None:
        self._p = pipeline
        self._ascii = ascii_fast
        self._ascii_after_fold: bool | None = None

    def fast(self, text: str, *, detect_zawgyi: bool = True) -> tuple[str, bool]:
        if self._ascii is not None and text.isascii():
            return self._ascii.run(text), False
        return self.fast_generic(text, detect_zawgyi=detect_zawgyi)

    def fast_ascii(self, text: str) -> str | None:
        """The ASCII-only fast form (None when this normaliser has none); for the detector."""
        return self._ascii.run(text) if self._ascii is not None else None

    @property
    def ascii_path(self) -> AsciiFastPath | None:
        return self._ascii

    @property
    def ascii_after_fold(self) -> AsciiFastPath | None:
        """The ASCII path, if it may be run on any text that `fold` turned into ASCII.

        It starts by folding again, so it gives `fast_after_fold`'s text exactly when folding
        leaves every ASCII character that folding can output unchanged (idempotence on ASCII);
        checked once here from the table, else None.
        """
        if self._ascii_after_fold is None:
            self._ascii_after_fold = self._ascii is not None and _refold_is_identity(self._p.fold)
        return self._ascii if self._ascii_after_fold else None

    def fast_generic(self, text: str, *, detect_zawgyi: bool = True) -> tuple[str, bool]:
        """`fast` without the ASCII shortcut: every step as a step (tests compare the two)."""
        return self.fast_after_fold(self._p.fold.fast(text), detect_zawgyi=detect_zawgyi)

    def fold(self, text: str) -> str:
        """The first step (fold) alone, fast form."""
        return self._p.fold.fast(text)

    def fast_after_fold(self, s: str, *, detect_zawgyi: bool = True) -> tuple[str, bool]:
        """`fast_generic` on a text that `fold` has already folded."""
        p = self._p
        myanmar = has_myanmar(s)
        converted = False
        if myanmar:
            if detect_zawgyi and not typed_in_zawgyi_order(s):
                # Decided per chunk (word), the message's decision for chunks without signs.
                default = message_is_zawgyi(s)
                if isinstance(p.zawgyi, ZawgyiConverter):
                    s, converted = p.zawgyi.fast_segments(s, default)
                elif default:
                    s, converted = p.zawgyi.fast(s), True
            for step in p.myanmar:
                s = step.fast(s)
        latin = _has_cased(s)
        if latin:
            for step in p.evasion:
                s = step.fast(s)
        for step in p.tidy:
            s = step.fast(s)
        if myanmar:
            s = p.myanmar_space.fast(s)
        # Euphemisms are Latin words: text without cased letters cannot contain one.
        if latin and p.euphemism is not None:
            s = p.euphemism.fast(s)
        return s, converted

    def mapped(self, text: str) -> Normalized:
        p = self._p
        starts = list(range(len(text)))
        ends = list(range(1, len(text) + 1))
        s, starts, ends = p.fold.mapped(text, starts, ends)
        myanmar = has_myanmar(s)
        converted = False
        if myanmar:
            if not typed_in_zawgyi_order(s):
                default = message_is_zawgyi(s)
                if isinstance(p.zawgyi, ZawgyiConverter):
                    s, starts, ends, converted = p.zawgyi.mapped_segments(s, starts, ends, default)
                elif default:
                    s, starts, ends = p.zawgyi.mapped(s, starts, ends)
                    converted = True
            for step in p.myanmar:
                s, starts, ends = step.mapped(s, starts, ends)
        latin = _has_cased(s)
        if latin:
            for step in p.evasion:
                s, starts, ends = step.mapped(s, starts, ends)
        for step in p.tidy:
            s, starts, ends = step.mapped(s, starts, ends)
        if myanmar:
            s, starts, ends = p.myanmar_space.mapped(s, starts, ends)
        if latin and p.euphemism is not None:
            s, starts, ends = p.euphemism.mapped(s, starts, ends)
        return Normalized(s, starts, ends, converted)

    def phrase(self, text: str) -> str:
        """Normalise a lexicon phrase: like a message, but never treated as Zawgyi."""
        return self.fast(text, detect_zawgyi=False)[0].strip()

    def with_euphemisms(self, step: EuphemismStep | None) -> Normalizer:
        p = self._p
        pipeline = Pipeline(p.fold, p.zawgyi, p.myanmar, p.evasion, p.tidy, p.myanmar_space, step)
        return Normalizer(pipeline, self._ascii.with_euphemisms(step) if self._ascii is not None else None)


def _refold_is_identity(fold: Step) -> bool:
    """Whether folding maps every ASCII character that folding can output to itself."""
    if not isinstance(fold, FastTranslateStep):
        return False
    outputs = {c for c in map(chr, range(128)) for c in fold.table.get(ord(c), c)}
    outputs.update(c for value in fold.table.values() for c in value if c.isascii())
    ascii_outputs = "".join(sorted(c for c in outputs if c.isascii()))
    return (
        fold.fast(ascii_outputs) == ascii_outputs
        and "".join(fold.table.get(ord(c), c) for c in ascii_outputs) == ascii_outputs
    )


_LOWER = bytes(range(ord("a"), ord("z") + 1))
# Necessary conditions for the Latin evasion regexes to change a text, cheaper than running them.
# _SPACED_RE needs single letters joined by separators with a boundary either side ("k.i.l"),
# which this table turns into "_a_a_a_" (the text padded with "_"); folded ASCII holds only a-z,
# digits, spaces and the separators, and every non-alphanumeric one is a separator.
_CLASSES = bytes(
    ord("a") if 97 <= c <= 122 else ord("_") if chr(c) in " .-_*~+/\\,$@!|" else ord("0") for c in range(256)
)
_SPACED_MARK = b"_a_a_a_"


def _may_be_spaced(b: bytes) -> bool:
    classes = b.translate(_CLASSES)
    # "a_a_a" is cheaper to look for and necessary for "_a_a_a_" in the padded text.
    return b"a_a_a" in classes and _SPACED_MARK in b"_" + classes + b"_"


def _may_stretch(b: bytes) -> bool:
    """True if some byte occurs three times in a row (_STRETCH_RE needs a letter to).

    Byte k from the right of x ^ (x >> 8) is zero when that byte equals the one before it, and of
    x ^ (x >> 16) when it equals the one two before; a zero byte in their OR is a run of three.
    Folded text has no NUL bytes, so the bytes shifted in from the left never look like a run.
    """
    n = len(b)
    if n < 3:
        return False
    x = int.from_bytes(b, "big")
    return b"\0" in ((x ^ (x >> 8)) | (x ^ (x >> 16))).to_bytes(n, "big")[2:]


class AsciiFastPath:
    """The whole pipeline for pure-ASCII text, fused: most chat is ASCII, and each generic step
    pays for a method call, an isascii check and an encode. Same tables, same regexes, same
    decisions as the generic steps (a test compares the two on random ASCII), so `fast` and
    `mapped` still agree. ASCII is never Myanmar, so only fold, evasion, tidy and euphemism run.
    """

    def __init__(
        self,
        fold: tuple[bytes, bytes],
        late: tuple[bytes, bytes],
        leet: RegexStep,
        spaced: RegexStep,
        stretch: RegexStep,
        euphemism: EuphemismStep | None = None,
    ) -> None:
        self._fold_map, self._fold_delete = fold
        self._late_map, self._late_delete = late
        # fold then late punctuation as one table: right whenever the evasion steps between them
        # change nothing, which `run` checks first (the common case).
        both = bytearray(range(256))
        deleted = set(self._fold_delete)
        for c in range(256):
            if c in deleted:
                continue
            f = self._fold_map[c]
            if f in self._late_delete:
                deleted.add(c)
            else:
                both[c] = self._late_map[f]
        self._both_map, self._both_delete = bytes(both), bytes(sorted(deleted))
        self._leet = leet
        self._spaced = spaced
        self._stretch = stretch
        self._euphemism = euphemism

    def with_euphemisms(self, step: EuphemismStep | None) -> AsciiFastPath:
        return AsciiFastPath(
            (self._fold_map, self._fold_delete),
            (self._late_map, self._late_delete),
            self._leet,
            self._spaced,
            self._stretch,
            step,
        )

    @property
    def euphemism_keys(self) -> tuple[str, ...]:
        return self._euphemism.keys if self._euphemism is not None else ()

    def run_before_euphemisms(self, text: str) -> str | None:
        """The normalised text before the euphemism step, when the evasion steps change nothing
        (the common case), else None. Without a whole-word euphemism key in it, it is `run`'s result."""
        raw = text.encode("ascii")
        if len(raw.translate(None, _LEET_BYTES)) != len(raw):
            return None
        b = raw.translate(self._both_map, self._both_delete)
        if _may_stretch(b) or _may_be_spaced(b):
            return None
        if b"  " in b or b.startswith(b" ") or b.endswith(b" "):
            b = b" ".join(b.split())
        return b.decode("ascii")

    def euphemisms(self, before: str) -> str:
        """The euphemism step on `run_before_euphemisms`'s text: together they make `run`."""
        # Every key has a letter, so on text without one (where `run` skips the step) it is a no-op.
        return before if self._euphemism is None else self._euphemism.fast_words(before)

    def run(self, text: str) -> str:
        raw = text.encode("ascii")
        # Leet characters are ASCII punctuation and digits, which folding keeps; separators become
        # spaces in the combined table, which the spaced-letters check counts as separators too.
        if len(raw.translate(None, _LEET_BYTES)) == len(raw):
            b = raw.translate(self._both_map, self._both_delete)
            if not _may_stretch(b) and _SPACED_MARK not in b"_" + b.translate(_CLASSES) + b"_":
                if b"  " in b or b.startswith(b" ") or b.endswith(b" "):
                    b = b" ".join(b.split())
                s = b.decode("ascii")
                if self._euphemism is not None and len(b.translate(None, _LOWER)) != len(b):
                    s = self._euphemism.fast_words(s)
                return s
        return self._run_steps(raw)

    def _run_steps(self, raw: bytes) -> str:
        b = raw.translate(self._fold_map, self._fold_delete)
        n = len(b)
        # After folding every ASCII letter is a-z; without one there is nothing Latin to undo.
        latin = len(b.translate(None, _LOWER)) != n
        if latin:
            if len(b.translate(None, _LEET_BYTES)) != n:
                s = self._leet.fast(b.decode("ascii"))
                b = s.encode("ascii")
                if _may_stretch(b) or _may_be_spaced(b):
                    b = self._stretch.fast(self._spaced.fast(s)).encode("ascii")
            elif _may_stretch(b) or _may_be_spaced(b):
                b = self._stretch.fast(self._spaced.fast(b.decode("ascii"))).encode("ascii")
        b = b.translate(self._late_map, self._late_delete)
        if b"  " in b or b.startswith(b" ") or b.endswith(b" "):
            b = b" ".join(b.split())
        s = b.decode("ascii")
        if latin and self._euphemism is not None:
            s = self._euphemism.fast_words(s)
        return s


class EuphemismStep:
    """Whole-word rewrites found with an Aho-Corasick automaton (cheaper than a big regex)."""

    def __init__(self, rewrites: dict[str, str]) -> None:
        self._rewrites = rewrites
        self._automaton = ahocorasick.Automaton()
        for key in rewrites:
            self._automaton.add_word(key, key)
        self._automaton.make_automaton()
        # For text made only of a-z, 0-9 and single spaces (normalised ASCII), a word boundary is a
        # space or an end: keys padded with spaces, over the text padded with spaces, meet exactly
        # the whole-word occurrences, with no per-hit Python check and no hits inside words.
        self._padded = ahocorasick.Automaton()
        for key in rewrites:
            self._padded.add_word(f" {key} ", key)
        self._padded.make_automaton()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(self._rewrites)

    def fast_words(self, s: str) -> str:
        """`fast` for text of a-z, 0-9 and single spaces only."""
        found = [(end - len(key) - 1, end - 1, key) for end, key in self._padded.iter(f" {s} ")]
        if not found:
            return s
        return self._rewrite(s, self._choose(found))

    def _find(self, s: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []
        for end, key in self._automaton.iter(s):
            start = end + 1 - len(key)
            if (start == 0 or not _is_word(s[start - 1])) and (end + 1 == len(s) or not _is_word(s[end + 1])):
                found.append((start, end + 1, key))
        return self._choose(found)

    @staticmethod
    def _choose(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        if len(found) < 2:
            return found
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        chosen: list[tuple[int, int, str]] = []
        for item in found:
            if not chosen or item[0] >= chosen[-1][1]:
                chosen.append(item)
        return chosen

    def fast(self, s: str) -> str:
        found = self._find(s)
        if not found:
            return s
        return self._rewrite(s, found)

    def _rewrite(self, s: str, found: list[tuple[int, int, str]]) -> str:
        out: list[str] = []
        pos = 0
        for a, b, key in found:
            out.append(s[pos:a])
            out.append(self._rewrites[key])
            pos = b
        out.append(s[pos:])
        return "".join(out)

    def mapped(self, s: str, starts: list[int], ends: list[int]) -> tuple[str, list[int], list[int]]:
        found = self._find(s)
        if not found:
            return s, starts, ends
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for a, b, key in found:
            out.append(s[pos:a])
            new_starts.extend(starts[pos:a])
            new_ends.extend(ends[pos:a])
            rep = self._rewrites[key]
            out.append(rep)
            new_starts.extend([starts[a]] * len(rep))
            new_ends.extend([ends[b - 1]] * len(rep))
            pos = b
        out.append(s[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return "".join(out), new_starts, new_ends


def _is_word(ch: str) -> bool:
    return "a" <= ch <= "z" or "0" <= ch <= "9"


def _euphemism_step(base: Normalizer) -> EuphemismStep | None:
    source = "moderation/data/euphemisms.toml"
    data, raw = read_bundled_toml("data", "euphemisms.toml")
    table = data.get("rewrite")
    if not isinstance(table, dict):
        raise DataFileError(f"{source}: line 1: missing [rewrite] table")
    rewrites: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str) or not key.strip():
            raise DataFileError(f"{source}: line {line_of(raw, key)}: {key!r} must map to a string")
        norm_key = base.phrase(key)
        rewrites[norm_key] = base.phrase(value)
        rewrites.setdefault(collapse_doubles(norm_key), base.phrase(value))
    return EuphemismStep(rewrites) if rewrites else None


# Runs of characters other than Burmese letters and signs, a-z, digits and space: a superset of
# what the first table changes (translating an unchanged character is a no-op), and a small
# character class is several times faster to scan than the exact one.
NOT_PLAIN = re.compile("[^\u1000-\u1049\u104c-\u109f a-z0-9]+")


def _changing(table: dict[int, str]) -> re.Pattern[str]:
    """A regex for runs of characters that `table` changes (missing keys map to themselves)."""
    ranges: list[tuple[int, int]] = []
    for cp in sorted(k for k, v in table.items() if v != chr(k)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1] = (ranges[-1][0], cp)
        else:
            ranges.append((cp, cp))
    body = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )
    return re.compile(f"[{body}]+")


@cache
def default_normalizer() -> Normalizer:
    first = message_table()
    late = late_punctuation_table()
    leet = RegexStep(_LEET_RE, func=_leet)
    spaced = RegexStep(_SPACED_RE, func=_unspace)
    stretch = RegexStep(_STRETCH_RE, func=_first_group)
    base = Normalizer(
        Pipeline(
            fold=FastTranslateStep(first, *ascii_bytes_table(first), NOT_PLAIN),
            zawgyi=zawgyi_converter(),
            myanmar=(
                GatedStep(RegexStep(_MYANMAR_CANON_RE, func=_canon), _MYANMAR_CANON_GATES),
                *(
                    GatedStep(RegexStep(pattern, template=template), ("\u1031", "\u103c"))
                    for pattern, template in order_rules()
                ),
            ),
            evasion=(
                AsciiGatedStep(leet, _may_have_leet),
                AsciiGatedStep(spaced, _may_be_spaced),
                AsciiGatedStep(stretch, _may_stretch),
            ),
            tidy=(FastTranslateStep(late, *ascii_bytes_table(late), _changing(late)), SpaceStep()),
            myanmar_space=RegexStep(_MYANMAR_SPACE_RE, template=""),
            euphemism=None,
        ),
        AsciiFastPath(ascii_bytes_table(first), ascii_bytes_table(late), leet, spaced, stretch),
    )
    return base.with_euphemisms(_euphemism_step(base))
