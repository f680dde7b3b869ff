"""Zawgyi detection and Zawgyi-to-Unicode conversion.

Detection reuses the Markov model shipped with Google's myanmartools, evaluated with a faster
loop (the reference implementation costs ~100 µs per chat message, which alone would break the
throughput budget). Conversion is the ordered rule table in data/zawgyi_rules.toml.
"""

from __future__ import annotations

import itertools
import math
import re
import warnings
from dataclasses import dataclass, field
from functools import cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from myanmartools import ZawgyiDetector

from moderation.bundled import DataFileError, line_of, read_bundled_toml
from moderation.steps import RegexStep

ZAWGYI_THRESHOLD = 0.95
# A chunk without a strong sign, in a message judged Zawgyi, that holds U+103A (Unicode's asat) and
# whose own statistics give Zawgyi a probability below this is Unicode and is not converted: a
# Unicode clause typed beside a Zawgyi one ("...ကိုယ္ငါ မုန္းတယ္ ကျွန်မ သေချင်တယ်"). On the Zawgyi
# and Unicode corpora, no Zawgyi chunk without a strong sign scores below 0.05, while four in five
# such Unicode chunks do (docs/moderation.md, 2026.12.5).
UNICODE_CHUNK_THRESHOLD = 0.05


class FastZawgyiDetector:
    """Same probabilities as `myanmartools.ZawgyiDetector.get_zawgyi_probability`.

    Runs of characters foreign to the model are collapsed to one, which leaves the sum unchanged:
    the model gives no score (NaN) to foreign-foreign pairs, so only the run's edges count.
    """

    def __init__(self) -> None:
        with warnings.catch_warnings():
            # myanmartools uses importlib.resources.open_binary, deprecated in Python 3.11.
            warnings.simplefilter("ignore", DeprecationWarning)
            reference = ZawgyiDetector()
        chars: list[str] = list(reference._chars)
        params: list[float] = list(reference._params)
        self._size = len(chars) + 1
        if self._size > 255:
            raise RuntimeError("myanmartools model has more states than this loop supports")
        self._params = params
        # The reference looks states up by bisection in a list that is not fully sorted, so a
        # few model characters (U+2000-U+200B) come out as foreign; ask it, to agree exactly.
        states = {c: reference._state(c) for c in chars}
        self._to_state = {ord(c): chr(state) for c, state in states.items() if state}
        known = "".join(re.escape(c) for c, state in states.items() if state)
        self._foreign_runs = re.compile(f"[^{known}]+")

    def probability(self, text: str) -> float:
        reduced = self._foreign_runs.sub("\x00", text)
        states = ("\x00" + reduced + "\x00").translate(self._to_state).encode("latin-1")
        params = self._params
        size = self._size
        total = 0.0
        seen = False
        for a, b in itertools.pairwise(states):
            if a or b:
                total += params[a * size + b]
                seen = True
        if not seen:
            return -math.inf
        if total >= 0:
            z = math.exp(-total)
            return z / (z + 1)
        return 1 / (1 + math.exp(total))

    def is_zawgyi(self, text: str) -> bool:
        return self.probability(text) > ZAWGYI_THRESHOLD


_GROUP_REF = re.compile(r"\\(\d)")


def _rule_step(pattern: re.Pattern[str], template: str) -> RegexStep:
    if "\\" not in template:
        return RegexStep(pattern, template=template)
    # re.sub with a group-referencing template calls back into Python and re-parses the template
    # on every call; a pre-split template expanded by a closure is several times cheaper.
    pieces = _GROUP_REF.split(template)
    literals = pieces[0::2]
    groups = [int(g) for g in pieces[1::2]]

    def expand(m: re.Match[str]) -> str:
        out = [literals[0]]
        for group, literal in zip(groups, literals[1:], strict=True):
            out.append(m.group(group) or "")
            out.append(literal)
        return "".join(out)

    return RegexStep(pattern, func=expand)


def _compile_rules(data: dict[str, Any], raw: str, source: str) -> tuple[RegexStep, ...]:
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise DataFileError(f"{source}: line 1: no [[rule]] tables")
    steps: list[RegexStep] = []
    for number, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict) or not isinstance(rule.get("from"), str) or not isinstance(rule.get("to"), str):
            raise DataFileError(f"{source}: rule {number}: needs string 'from' and 'to'")
        try:
            pattern = re.compile(rule["from"])
            pattern.sub(rule["to"], "")  # validates group references in the template
        except (re.error, IndexError) as exc:
            line = line_of(raw, "from = ")
            raise DataFileError(f"{source}: rule {number} (near line {line}): {exc}") from exc
        steps.append(_rule_step(pattern, rule["to"]))
    return tuple(steps)


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """Characters one of which must begin any match of a parsed pattern; None when unknown.

    Lets the converter skip most of its ~110 rules on a typical message without running them.
    """
    for op, av in items:
        if op is _c.LITERAL:
            return frozenset(chr(av))
        if op is _c.IN:
            chars: set[str] = set()
            for sub_op, sub_av in av:
                if sub_op is _c.LITERAL:
                    chars.add(chr(sub_av))
                elif sub_op is _c.RANGE:
                    chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                else:
                    return None
            return frozenset(chars)
        if op is _c.SUBPATTERN:
            return _first_chars(list(av[3]))
        if op is _c.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                first = _first_chars(list(branch))
                if first is None:
                    return None
                union |= first
            return frozenset(union)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            return _first_chars(list(av[2]))
        return None
    return None


_CHUNK = re.compile(r"\S+")
_CACHE_LIMIT = 8192


@dataclass(frozen=True, slots=True)
class ZawgyiConverter:
    """The ordered rule table as one normalisation step (see moderation.steps).

    Conversion is defined per whitespace-separated chunk, in both the fast and the mapped form:
    Burmese chat reuses the same words constantly, so the fast form can memoise chunks, which
    turns ~100 µs of regex work per Zawgyi message into a few dictionary look-ups. The only rule
    that looks across a space (dropping a space before a dot below) is redundant with the
    normaliser removing spaces between Myanmar characters.
    """

    rules: tuple[RegexStep, ...]
    firsts: tuple[frozenset[str] | None, ...]
    memo: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_rules(cls, rules: tuple[RegexStep, ...]) -> ZawgyiConverter:
        firsts = tuple(_first_chars(list(_parser.parse(r.pattern.pattern))) for r in rules)
        return cls(rules, firsts)

    def convert_chunk(self, s: str) -> str:
        present = set(s)
        for rule, first in zip(self.rules, self.firsts, strict=True):
            if first is not None and first.isdisjoint(present):
                continue  # cannot match: no character that could start a match is present
            out = rule.fast(s)
            if out != s:
                s = out
                present = set(s)
        return s

    def _chunk(self, chunk: str) -> str:
        memo = self.memo
        out = memo.get(chunk)
        if out is None:
            out = self.convert_chunk(chunk)
            if len(memo) >= _CACHE_LIMIT:
                memo.clear()  # crude bound; a full clear is cheap and keeps memory fixed
            memo[chunk] = out
        return out

    def fast(self, s: str) -> str:
        return _CHUNK.sub(lambda m: self._chunk(m.group()), s)

    def fast_segments(self, s: str, default: bool) -> tuple[str, bool]:
        """Converts each chunk that `chunk_is_zawgyi` says is Zawgyi; whether any was converted."""
        converted = False

        def one(m: re.Match[str]) -> str:
            nonlocal converted
            chunk = m.group()
            if not chunk_is_zawgyi(chunk, default):
                return chunk
            converted = True
            return self._chunk(chunk)

        return _CHUNK.sub(one, s), converted

    def mapped_segments(
        self, s: str, starts: list[int], ends: list[int], default: bool
    ) -> tuple[str, list[int], list[int], bool]:
        """`fast_segments` keeping offsets: the same chunks are converted."""
        if not any(chunk_is_zawgyi(m.group(), default) for m in _CHUNK.finditer(s)):
            return s, starts, ends, False
        return (*self.mapped(s, starts, ends, default=default), True)

    def mapped(
        self, s: str, starts: list[int], ends: list[int], *, default: bool | None = None
    ) -> tuple[str, list[int], list[int]]:
        """Offset-keeping conversion; with `default`, only the chunks `chunk_is_zawgyi` picks."""
        out: list[str] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        pos = 0
        for m in _CHUNK.finditer(s):
            a, b = m.span()
            out.append(s[pos:a])
            new_starts.extend(starts[pos:a])
            new_ends.extend(ends[pos:a])
            chunk, c_starts, c_ends = m.group(), starts[a:b], ends[a:b]
            if default is not None and not chunk_is_zawgyi(chunk, default):
                out.append(chunk)
                new_starts.extend(c_starts)
                new_ends.extend(c_ends)
                pos = b
                continue
            # Same skipping as `convert_chunk`: a skipped rule is one that cannot match.
            present = set(chunk)
            for rule, first in zip(self.rules, self.firsts, strict=True):
                if first is not None and first.isdisjoint(present):
                    continue
                new_chunk, c_starts, c_ends = rule.mapped(chunk, c_starts, c_ends)
                if new_chunk != chunk:
                    chunk = new_chunk
                    present = set(chunk)
            out.append(chunk)
            new_starts.extend(c_starts)
            new_ends.extend(c_ends)
            pos = b
        out.append(s[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return "".join(out), new_starts, new_ends


@cache
def _rules_file() -> tuple[dict[str, Any], str]:
    """zawgyi_rules.toml, parsed once: its [signs] are read at import and its rules by `zawgyi_converter`."""
    return read_bundled_toml("data", "zawgyi_rules.toml")


def _signs() -> dict[str, str]:
    """zawgyi_rules.toml [signs]: the strong signs of Zawgyi, as regular expressions both engines read."""
    return {str(k): str(v) for k, v in _rules_file()[0]["signs"].items()}


_CHUNK_ZAWGYI = re.compile(_signs()["chunk"])


def chunk_is_zawgyi(chunk: str, default: bool) -> bool:
    """The encoding of one whitespace-separated chunk, given the message's (`default`).

    A chunk with a strong sign of its own decides for itself: medial HA (U+103E) or a kinzi are
    Unicode only, so such a chunk is never converted (converting correct Unicode corrupts it);
    Zawgyi-only code points or U+1039 used as asat are Zawgyi, so a Zawgyi clause inside a
    message judged Unicode is still converted. In a message judged Zawgyi, a chunk holding U+103A
    that its own statistics read as clearly Unicode stays Unicode. Other chunks follow the message."""
    if "\u103e" in chunk or "\u1004\u103a\u1039" in chunk:
        return False
    if _CHUNK_ZAWGYI.search(chunk) is not None:
        return True
    if chunk[:1] in ("\u1031", "\u103c"):
        # E or medial RA before its consonant is how Zawgyi stores them, but also how Zawgyi
        # users type Unicode: the chunk's own statistics decide (memoised: chat repeats words).
        decided = _CHUNK_DECISIONS.get(chunk)
        if decided is None:
            if len(_CHUNK_DECISIONS) >= _CACHE_LIMIT:
                _CHUNK_DECISIONS.clear()
            decided = _CHUNK_DECISIONS[chunk] = default_detector().is_zawgyi(chunk)
        return decided
    if default and "\u103a" in chunk:
        # In a message judged Zawgyi, a chunk with Unicode's asat that its own statistics read as
        # clearly Unicode keeps its encoding (converting correct Unicode corrupts it). Only this
        # rarer path pays for the statistics, memoised like the one above.
        unicode = _UNICODE_CHUNKS.get(chunk)
        if unicode is None:
            if len(_UNICODE_CHUNKS) >= _CACHE_LIMIT:
                _UNICODE_CHUNKS.clear()
            unicode = _UNICODE_CHUNKS[chunk] = default_detector().probability(chunk) < UNICODE_CHUNK_THRESHOLD
        return not unicode
    return default


_CHUNK_DECISIONS: dict[str, bool] = {}


@cache
def order_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    """normalize_rules.toml `myanmar_order`: (pattern, template) pairs, read once for the normaliser's
    reordering step and for `unicode_order` below."""
    data, _ = read_bundled_toml("data", "normalize_rules.toml")
    return tuple((re.compile(str(a)), str(b)) for a, b in data["myanmar_order"]["rules"])


def unicode_order(text: str) -> str:
    """The text with E and medial RA typed before their consonant moved after it: normalize_rules.toml
    `myanmar_order`, the rules the normaliser runs on text left as Unicode."""
    for pattern, template in order_rules():
        text = pattern.sub(template, text)
    return text


def typed_in_zawgyi_order(text: str) -> bool:
    """Unicode typed in Zawgyi order, as Zawgyi users type a Unicode keyboard: E or medial RA stands
    before a consonant somewhere, no word holds a Zawgyi-only sign, and the message put in Unicode
    order reads as clearly Unicode. Such a message is not converted at all (its words, read one by
    one, can look like Zawgyi: "ေရာက်ေနပြီ"); the normaliser's myanmar_order step reorders it. On the
    corpora, every Zawgyi message without a Zawgyi-only sign still scores 0.88 or more reordered."""
    if ("\u1031" not in text and "\u103c" not in text) or _CHUNK_ZAWGYI.search(text) is not None:
        return False
    reordered = unicode_order(text)
    return reordered != text and default_detector().probability(reordered) < UNICODE_CHUNK_THRESHOLD


_UNICODE_CHUNKS: dict[str, bool] = {}


def message_is_zawgyi(text: str) -> bool:
    """`looks_zawgyi` for the message, not counting chunks that start with E or medial RA and that
    their own statistics read as Unicode typed in Zawgyi order (see `chunk_is_zawgyi`): such a
    chunk must not make the message, and with it the Unicode words around it, read as Zawgyi."""
    if not looks_zawgyi(text):
        return False
    chunks = _CHUNK.findall(text)
    leading = [c for c in chunks if c[:1] in ("\u1031", "\u103c") and _CHUNK_ZAWGYI.search(c) is None]
    if not leading or any(chunk_is_zawgyi(c, True) for c in leading):
        return True
    rest = " ".join(c for c in chunks if c not in leading)
    return any("\u1000" <= ch <= "\u109f" for ch in rest) and looks_zawgyi(rest)


@cache
def zawgyi_converter() -> ZawgyiConverter:
    data, raw = _rules_file()
    return ZawgyiConverter.from_rules(_compile_rules(data, raw, "moderation/data/zawgyi_rules.toml"))


def zawgyi_to_unicode(text: str) -> str:
    return zawgyi_converter().fast(text)


_ZAWGYI_SIGNS = re.compile(_signs()["message"])


def looks_zawgyi(text: str) -> bool:
    """Decide the encoding of Myanmar text, cheaply when the text itself settles it.

    Strong Zawgyi signs: code points only Zawgyi uses for Burmese (glyph variants at
    U+1033/U+1034 and U+1060-U+1097), a vowel sign E or medial RA at the start of a word (Zawgyi
    stores them in visual order), U+1039 used as asat (in Unicode U+1039 only stacks consonants, and
    only in the pairs zawgyi_rules.toml [signs] allows). Strong Unicode signs: medial HA U+103E, a
    kinzi. Without strong signs and without U+1039 the text is Unicode. Anything else (signs of
    both, or only stacks that either encoding could hold) goes to the statistical model, which
    costs ~15 µs, so it is kept off the common path.
    """
    z = _ZAWGYI_SIGNS.search(text) is not None
    u = "\u103e" in text or "\u1004\u103a\u1039" in text
    if z != u:
        return z
    if not z and "\u1039" not in text:
        return False
    # Without strong signs every U+1039 stacks two consonants as Pali and Sanskrit spelling allows ("ကမ္ဘာ"): Unicode
    # writes such stacks, and Zawgyi's asat before a consonant of the same row ("လက္ခံ") looks the same. Until
    # 2026.12.13 such a message without U+103A was taken for Zawgyi, and "ကမ္ဘာကြီး" (the world) was converted and
    # corrupted.
    return default_detector().is_zawgyi(text)


@cache
def default_detector() -> FastZawgyiDetector:
    return FastZawgyiDetector()
