"""Lexicon files: loading, validation and the typed entries the detector is built from.

One TOML file per language in moderation/lexicon/. Phrases may use brace alternation,
"i {want|need} to die", expanded at load time ("{a|}" allows an optional word). Every phrase is
normalised exactly like a message, so it is written the way people type, not pre-mangled.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from moderation.bundled import DataFileError, line_of, list_files, parse_toml, read_text
from moderation.inflect import inflect_phrase
from moderation.normalize import Normalizer, default_normalizer
from moderation.verdict import CATEGORIES, MAX_TIER

CONTEXT_KINDS = frozenset({"means", "place", "time"})
# "past" does not lower: it stops time words from raising ("i tried last year, now its fine");
# "reassurance" lowers danger that the message itself says is over ("... but my brother is safe").
CUE_KINDS = frozenset(
    {"negation", "reported", "hypothetical", "past", "reassurance", "fiction", "event", "self", "mishap", "intent"}
)
CUE_POSITIONS = frozenset({"before", "after", "prefix", "sentence", "near"})
MAX_EXPANSIONS = 2048  # after inflection ("kill~" is four phrases)
_BRACES = re.compile(r"\{([^{}]*)\}")
_NEWLINE = re.compile("\n")


class LexiconError(DataFileError):
    """A lexicon file is malformed. The message names the file, the line and the problem."""


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    key: str
    category: str
    tier: int
    language: str
    # For a combo's hit: the normalised span between its two parts, where a context word counts
    # (it belongs to neither phrase). -1 for a phrase.
    gap_start: int = -1
    gap_end: int = -1


@dataclass(frozen=True, slots=True)
class Combo:
    """Two phrases near each other make a hit: "soldiers" ... "arrived", "swallowed" ... "pills".

    Catches what fixed phrases miss when people put words in between, which Burmese word order
    makes common. Each part alone is harmless; together, within `window` normalised characters
    and in either order, they make a hit of `category` and `tier`.
    """

    name: str
    category: str
    tier: int
    window: int
    language: str
    ordered: bool = False  # the first part must come before the second ("want" ... "die")


@dataclass(frozen=True, slots=True)
class Anchor:
    """One part of a Combo, as registered in the phrase automaton."""

    text: str
    key: str
    combo: Combo
    role: int  # 0 = first, 1 = second


@dataclass(frozen=True, slots=True)
class ContextTerm:
    """A word that, near a hit, raises it: a means, a place, a time."""

    text: str
    key: str
    kind: str
    raise_to: int
    min_tier: int
    categories: frozenset[str]
    language: str


@dataclass(frozen=True, slots=True)
class Cue:
    """A word that marks a hit as negated, reported or hypothetical."""

    text: str
    key: str
    kind: str
    position: str
    language: str


@dataclass(frozen=True, slots=True)
class AllowPhrase:
    """An allow-listed idiom (`[allow] phrases`): it cancels the crisis phrases, context words and cues it overlaps,
    and silences the trained model for the message. An ordinary word (`[allow] words`) cancels what it overlaps
    but leaves the model free: it only keeps a reading out of itself (the final မ of ကျွန်မ "I" is no negation)."""

    text: str
    key: str
    language: str
    silences_model: bool = True


@dataclass(frozen=True, slots=True)
class Lexicon:
    language: str
    name: str
    version: str
    source: str
    terms: tuple[Term, ...]
    contexts: tuple[ContextTerm, ...]
    cues: tuple[Cue, ...]
    allow: tuple[AllowPhrase, ...]
    anchors: tuple[Anchor, ...] = ()


def expand(phrase: str) -> list[str]:
    """Expand "{a|b} c {d|}" into every combination, single-spaced; "word~" into inflections."""
    parts = _BRACES.split(phrase)  # text, options, text, options, ..., text
    if len(parts) == 1 or any("{" in text or "}" in text for text in parts[::2]):
        return _expand_nested(phrase)
    # Braces side by side, not nested: the combinations grow left to right, the first braces varying
    # slowest, which is the order _expand_nested gives them in (at a fraction of its cost).
    partial = [parts[0]]
    for i in range(1, len(parts), 2):
        options = parts[i].split("|")
        if len(partial) * len(options) > MAX_EXPANSIONS:
            raise ValueError(f"expands to more than {MAX_EXPANSIONS} phrases")
        text = parts[i + 1]
        partial = [p + option + text for p in partial for option in options]
    out: list[str] = []
    for combination in partial:
        out.extend(inflect_phrase(" ".join(combination.split())))
    if len(out) > MAX_EXPANSIONS:
        raise ValueError(f"expands to more than {MAX_EXPANSIONS} phrases")
    return out


def _expand_nested(phrase: str) -> list[str]:
    """`expand` one brace at a time, innermost first ("{a|{b|c}}"), failing on unbalanced braces."""
    match = _BRACES.search(phrase)
    if match is None:
        if "{" in phrase or "}" in phrase:
            raise ValueError("unbalanced or nested braces")
        return inflect_phrase(" ".join(phrase.split()))
    out: list[str] = []
    for option in match.group(1).split("|"):
        out.extend(_expand_nested(phrase[: match.start()] + option + phrase[match.end() :]))
        if len(out) > MAX_EXPANSIONS:
            raise ValueError(f"expands to more than {MAX_EXPANSIONS} phrases")
    return out


class _Reader:
    """Validation helpers that know the file's name and raw text, for precise error messages."""

    def __init__(self, source: str, raw: str) -> None:
        self.source = source
        self.raw = raw
        self._headers: dict[str, list[int]] = {}
        self._newlines: list[int] | None = None

    def fail(self, problem: str, near: str | int = "") -> LexiconError:
        line = near if isinstance(near, int) else (line_of(self.raw, near) if near else 0)
        where = f"line {line}" if line else "line ?"
        return LexiconError(f"{self.source}: {where}: {problem}")

    def block_line(self, name: str, index: int, key: str = "") -> int:
        """Line of the index-th [[name]] header, or of `key =` inside that block if present."""
        header = f"[[{name}]]"
        headers = self._headers.get(name)
        if headers is None:
            # Every occurrence once per file, not a scan from the top per block (quadratic in the blocks).
            headers = self._headers[name] = []
            pos = self.raw.find(header)
            while pos >= 0:
                headers.append(pos)
                pos = self.raw.find(header, pos + 1)
        if index >= len(headers):
            return 0
        pos = headers[index]
        if key:
            end = self.raw.find("[", pos + len(header))
            found = self.raw.find(f"{key} =", pos, end if end > 0 else len(self.raw))
            if found >= 0:
                pos = found
        if self._newlines is None:
            self._newlines = [m.start() for m in _NEWLINE.finditer(self.raw)]
        return bisect_left(self._newlines, pos) + 1  # the newlines before pos, as raw.count would

    def table(self, data: dict[str, Any], key: str, allowed: set[str], required: set[str], line: int = 0) -> None:
        unknown = set(data) - allowed
        if unknown:
            name = sorted(unknown)[0]
            raise self.fail(f"unknown key {name!r} in [{key}]", f"{name} =")
        missing = required - set(data)
        if missing:
            raise self.fail(f"[{key}] lacks {sorted(missing)[0]!r}", line or f"[{key}")

    def int_in(self, value: Any, lo: int, hi: int, what: str, near: str | int) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
            raise self.fail(f"{what} must be an integer from {lo} to {hi}, got {value!r}", near)
        return value

    def phrases(self, value: Any, what: str, near: str | int) -> list[str]:
        if not isinstance(value, list) or not value:
            raise self.fail(f"{what}: phrases must be a non-empty list of strings", near)
        out: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{what}: every phrase must be a non-empty string, got {item!r}", near)
            try:
                out.extend(expand(item))
            except ValueError as exc:
                raise self.fail(f"phrase {item!r}: {exc}", item) from exc
        return out


def unlisted_key(phrase: str) -> str:
    """The key of a phrase moderation/data/phrase_keys.json does not list: an ASCII phrase is its own, any other is
    itself without spaces (the file lists every phrase whose normalised key is something else)."""
    return phrase if phrase.isascii() else phrase.replace(" ", "")


def parse_lexicon(raw: str, source: str, normalizer: Normalizer) -> Lexicon:
    """Parse and validate one lexicon file's text. Raises LexiconError naming file and line."""
    return _parse_lexicon(raw, source, normalizer, None)


def _parse_lexicon(
    raw: str, source: str, normalizer: Normalizer, known: dict[str, str] | None, beyond_ascii: bool = False
) -> Lexicon:
    """`parse_lexicon`; with `known` (moderation/phrase_keys.py), an ASCII phrase's key is known[phrase] if listed,
    else the phrase itself, instead of the phrase normalised (which is what `known` holds); with `beyond_ascii` too,
    any other phrase's key is known[phrase] if listed, else the phrase without its spaces."""
    try:
        data = parse_toml(raw, source)
    except DataFileError as exc:
        raise LexiconError(str(exc)) from exc
    r = _Reader(source, raw)
    r.table(data, "lexicon", {"meta", "terms", "combo", "context", "cues", "allow"}, {"meta", "terms"})
    meta = data["meta"]
    if not isinstance(meta, dict):
        raise r.fail("[meta] must be a table", "meta")
    r.table(meta, "meta", {"language", "name", "version", "notes"}, {"language", "version"})
    language = meta["language"]
    if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}", language):
        raise r.fail(f"meta.language must be an ISO 639 code like 'en', got {language!r}", "language")
    version = str(meta["version"])
    name = str(meta.get("name", language))

    def key_of(text: str, near: str) -> str:
        if known is None or not (beyond_ascii or text.isascii()):
            key = normalizer.phrase(text)
        else:
            listed = known.get(text)
            key = listed if listed is not None else unlisted_key(text)
        if not key:
            raise r.fail(f"phrase {text!r} is empty once normalised", near)
        return key

    terms: list[Term] = []
    for index, block in enumerate(_blocks(r, data.get("terms"), "terms")):
        near = r.block_line("terms", index)
        r.table(block, "[terms]", {"category", "tier", "phrases", "notes"}, {"category", "tier", "phrases"}, near)
        category = block["category"]
        if category not in CATEGORIES:
            raise r.fail(
                f"unknown category {category!r}; expected one of {sorted(CATEGORIES)}",
                r.block_line("terms", index, "category"),
            )
        tier = r.int_in(block["tier"], 1, MAX_TIER, "tier", r.block_line("terms", index, "tier"))
        phrases_line = r.block_line("terms", index, "phrases")
        for text in r.phrases(block["phrases"], f"terms ({category}, tier {tier})", phrases_line):
            terms.append(Term(text, key_of(text, text), category, tier, language))

    anchors: list[Anchor] = []
    for index, block in enumerate(_blocks(r, data.get("combo"), "combo")):
        near = r.block_line("combo", index)
        allowed = {"category", "tier", "window", "first", "second", "ordered", "notes"}
        r.table(block, "[combo]", allowed, {"category", "tier", "first", "second"}, near)
        category = block["category"]
        if category not in CATEGORIES:
            raise r.fail(f"unknown category {category!r}", r.block_line("combo", index, "category"))
        tier = r.int_in(block["tier"], 1, MAX_TIER, "tier", r.block_line("combo", index, "tier"))
        window = r.int_in(block.get("window", 40), 1, 200, "window", r.block_line("combo", index, "window"))
        first = r.phrases(block["first"], "combo first", r.block_line("combo", index, "first"))
        second = r.phrases(block["second"], "combo second", r.block_line("combo", index, "second"))
        ordered = block.get("ordered", False)
        if not isinstance(ordered, bool):
            raise r.fail(f"ordered must be true or false, got {ordered!r}", r.block_line("combo", index, "ordered"))
        combo = Combo(f"{first[0]} … {second[0]}", category, tier, window, language, ordered)
        for role, texts in enumerate((first, second)):
            for text in texts:
                anchors.append(Anchor(text, key_of(text, text), combo, role))

    contexts: list[ContextTerm] = []
    for index, block in enumerate(_blocks(r, data.get("context"), "context")):
        near = r.block_line("context", index)
        allowed = {"kind", "raise_to", "min_tier", "categories", "phrases", "notes"}
        r.table(block, "[context]", allowed, {"kind", "raise_to", "phrases"}, near)
        kind = block["kind"]
        if kind not in CONTEXT_KINDS:
            raise r.fail(f"context kind must be one of {sorted(CONTEXT_KINDS)}, got {kind!r}", near)
        raise_to = r.int_in(block["raise_to"], 2, MAX_TIER, "raise_to", near)
        min_tier = r.int_in(block.get("min_tier", 1), 1, MAX_TIER, "min_tier", near)
        cats = block.get("categories", sorted(CATEGORIES))
        if not isinstance(cats, list) or not cats or any(c not in CATEGORIES for c in cats):
            raise r.fail(f"context categories must be a list drawn from {sorted(CATEGORIES)}", near)
        for text in r.phrases(block["phrases"], f"context ({kind})", near):
            contexts.append(ContextTerm(text, key_of(text, text), kind, raise_to, min_tier, frozenset(cats), language))

    cues: list[Cue] = []
    for index, block in enumerate(_blocks(r, data.get("cues"), "cues")):
        near = r.block_line("cues", index)
        r.table(block, "[cues]", {"kind", "position", "phrases", "notes"}, {"kind", "position", "phrases"}, near)
        kind, position = block["kind"], block["position"]
        if kind not in CUE_KINDS:
            raise r.fail(f"cue kind must be one of {sorted(CUE_KINDS)}, got {kind!r}", near)
        if position not in CUE_POSITIONS:
            raise r.fail(f"cue position must be one of {sorted(CUE_POSITIONS)}, got {position!r}", near)
        for text in r.phrases(block["phrases"], f"cues ({kind})", near):
            cues.append(Cue(text, key_of(text, text), kind, position, language))

    allow: list[AllowPhrase] = []
    allow_block = data.get("allow")
    if allow_block is not None:
        if not isinstance(allow_block, dict):
            raise r.fail("[allow] must be a table with a 'phrases' or 'words' list", "allow")
        r.table(allow_block, "allow", {"phrases", "words", "notes"}, set())
        if "phrases" not in allow_block and "words" not in allow_block:
            raise r.fail("[allow] needs 'phrases' (idioms) or 'words' (ordinary words)", "allow")
        for text in r.phrases(allow_block["phrases"], "allow", "[allow]") if "phrases" in allow_block else ():
            allow.append(AllowPhrase(text, key_of(text, text), language))
        for text in r.phrases(allow_block["words"], "allow words", "[allow]") if "words" in allow_block else ():
            allow.append(AllowPhrase(text, key_of(text, text), language, silences_model=False))

    return Lexicon(
        language, name, version, source, tuple(terms), tuple(contexts), tuple(cues), tuple(allow), tuple(anchors)
    )


def _blocks(r: _Reader, value: Any, name: str) -> Iterable[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(b, dict) for b in value):
        raise r.fail(f"'{name}' must be an array of tables ([[{name}]])", f"{name}")
    return value


def bundled_lexicons(normalizer: Normalizer, *, precomputed: bool = True) -> tuple[Lexicon, ...]:
    """Every moderation/lexicon/*.toml, in file-name order.

    With the default normaliser, the phrases take their keys from moderation/data/phrase_keys.json while it is
    current (`precomputed`; the same keys, several times faster): the ASCII ones always, the others where the file
    was made with this Python's Unicode database."""
    from moderation.phrase_keys import bundled  # that module loads the lexicons to build its file

    known = bundled() if precomputed and normalizer is default_normalizer() else None
    out = []
    for name in list_files("lexicon", ".toml"):
        raw = read_text("lexicon", name)
        table = known.keys.get(name) if known is not None else None
        beyond_ascii = known is not None and known.beyond_ascii
        out.append(_parse_lexicon(raw, f"moderation/lexicon/{name}", normalizer, table, beyond_ascii))
    return tuple(out)
