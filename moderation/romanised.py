"""Burmese typed in Latin letters ("Burglish"): recognised as Burmese and matched by spelling skeleton.

Phones without a Myanmar keyboard type Burmese in Latin letters with no fixed spelling, so the
English lexicon never meets it ("thay chin tal" is "I want to die"). Every token is folded to a
skeleton with the ordered plain-string rules of `data/romanised.toml` (no regular expressions, so
a JavaScript engine applies them identically with `replaceAll`), and phrases folded the same way
are matched over the skeletons joined without spaces, on token boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import ahocorasick

from moderation.bundled import DataFileError, line_of, read_bundled_toml
from moderation.fold import emoji_words
from moderation.lexicon import expand
from moderation.verdict import CATEGORIES, MAX_TIER, Match

SOURCE = "moderation/data/romanised.toml"
LANGUAGE = "my"
# Tokens are runs of ASCII letters and digits, and emoji that stand for a word (RomanisedData.token_re); the spans
# index the original text.
_TIME_CATEGORIES = frozenset({"suicide", "self_harm", "violence", "danger", "abuse"})
_CUE_KINDS = frozenset({"negation", "fiction", "event", "self", "skip"})
_SELF_TOKENS = 3  # tokens between a first-person word and the hit it is the subject of ("nga ko ...")
_TIME_REACH = 8  # tokens between a time word and the nearer end of the hit it raises
_COMBO_WINDOW = 3  # default tokens between a combo's two parts: a particle, a plural, an object


@dataclass(frozen=True, slots=True)
class RomanisedTerm:
    text: str
    category: str
    tier: int
    kind: str  # "term", "time", "negation", "allow", the framing cues "fiction", "event", "self", or a
    # combo part "first" / "second" (2026.12.4)
    combo: int = -1  # for a combo part: the index of its combo in RomanisedData.combos


@dataclass(frozen=True, slots=True)
class RomanisedCombo:
    """Two phrases within `window` tokens of each other (either order unless `ordered`) make a hit,
    as the lexicons' [[combo]] blocks do over normalised characters; romanised chat has no fixed
    spelling or word division, so the window counts tokens between the parts (2026.12.4)."""

    name: str
    category: str
    tier: int
    window: int
    ordered: bool


@dataclass(frozen=True, slots=True)
class RomanisedData:
    version: str
    rules: tuple[tuple[str, str], ...]
    markers: frozenset[str]
    english: frozenset[str]
    automaton: ahocorasick.Automaton
    combos: tuple[RomanisedCombo, ...] = ()
    skip: frozenset[str] = frozenset()  # folded particles a second reading leaves out (the `skip` cues)
    lookalikes: frozenset[str] = frozenset()  # raw English words that fold onto a particle (not counted as mixed)
    # Emoji that stand for a means, a place or death (confusables.toml [emoji]) are tokens too (2026.12.10): "💊 x 30
    # room mhar shi tal", "🪢 shi pi". Each becomes the folded word it stands for, spanning the emoji.
    emoji: Mapping[str, str] = field(default_factory=dict)
    token_re: re.Pattern[str] = re.compile(r"[A-Za-z0-9']+")


_FOLDED: dict[str, str] = {}
_RULES_IN_USE: list[tuple[tuple[str, str], ...] | None] = [None]
_MEMO_LIMIT = 1 << 16


def fold_token(token: str, rules: tuple[tuple[str, str], ...]) -> str:
    """The spelling skeleton of one token: lower-case, ordered replacements, doubles collapsed."""
    if rules is _RULES_IN_USE[0]:
        cached = _FOLDED.get(token)
        if cached is not None:
            return cached
        if len(_FOLDED) >= _MEMO_LIMIT:
            _FOLDED.clear()  # bounded; chat vocabulary repeats, so this is rare
        folded = _fold(token, rules)
        _FOLDED[token] = folded
        return folded
    return _fold(token, rules)


def _fold(token: str, rules: tuple[tuple[str, str], ...]) -> str:
    # The token between the anchors ^ and $ (2026.12.7), so a rule may hold to the start or the end of a
    # token ("r$": "ngr" is "ngar" typed without its vowel, "try" keeps its r); the anchors are dropped after.
    s = f"^{token.lower()}$"
    for old, new in rules:
        if old in s:
            s = s.replace(old, new)
    s = s.replace("^", "").replace("$", "")
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def fold_phrase(phrase: str, rules: tuple[tuple[str, str], ...]) -> str:
    return "".join(fold_token(t, rules) for t in phrase.split())


@cache
def romanised_data() -> RomanisedData:
    data, raw = read_bundled_toml("data", "romanised.toml")
    try:
        version = str(data["meta"]["version"])
        rules = tuple((str(a), str(b)) for a, b in data["fold"]["rules"])
        markers_raw = [str(m) for m in data["detect"]["markers"]]
        english = frozenset(str(w) for w in data["detect"]["english"])
        lookalikes = frozenset(str(w) for w in data["detect"].get("lookalikes", ()))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"{SOURCE}: line 1: missing or malformed [meta], [fold] or [detect]: {exc}") from exc
    if any(not a for a, _ in rules):
        raise DataFileError(f"{SOURCE}: line {line_of(raw, 'rules')}: a fold rule has an empty pattern")
    # The memo in fold_token serves the bundled rules; install them before folding the phrases,
    # whose brace expansions repeat the same few hundred tokens over a hundred thousand times
    # (folding them unmemoised was most of the 2026.12.3 build-time regression).
    if _RULES_IN_USE[0] != rules:
        _FOLDED.clear()
    _RULES_IN_USE[0] = rules
    markers = frozenset(fold_token(m, rules) for m in markers_raw)
    entries: dict[str, list[RomanisedTerm]] = {}

    folded = _FOLDED
    # (key, category, tier, kind, combo) already entered: of the ~94,000 variants the brace expansions give, three in
    # five fold onto a key that already holds an item saying the same; only the first variant's text is ever reported
    # (a later one at the same span and tier is dropped as adding nothing), so the others are not entered (2026.12.17).
    seen: set[tuple[str, str, int, str, int]] = set()

    def add(phrases: object, category: str, tier: int, kind: str, combo: int = -1) -> None:
        if not isinstance(phrases, list):
            raise DataFileError(f"{SOURCE}: line {line_of(raw, kind)}: phrases must be a list")
        for phrase in phrases:
            for variant in expand(str(phrase)):
                # fold_phrase, with the memo that fold_token fills read directly (the same tokens, ~180,000 times):
                # once a phrase's tokens are in it, its other variants are joined without a Python-level loop.
                try:
                    key = "".join(map(folded.__getitem__, variant.split()))
                except KeyError:
                    key = "".join([fold_token(t, rules) for t in variant.split()])
                if key and (entry := (key, category, tier, kind, combo)) not in seen:
                    seen.add(entry)
                    entries.setdefault(key, []).append(RomanisedTerm(variant, category, tier, kind, combo))

    for block in data.get("terms", []):
        category, tier = block.get("category"), block.get("tier")
        if category not in CATEGORIES or not isinstance(tier, int) or not 1 <= tier <= MAX_TIER:
            raise DataFileError(f"{SOURCE}: line {line_of(raw, str(category))}: bad category or tier")
        add(block.get("phrases"), str(category), tier, "term")
    combos: list[RomanisedCombo] = []
    for block in data.get("combo", []):
        category, tier = block.get("category"), block.get("tier")
        window, ordered = block.get("window", _COMBO_WINDOW), block.get("ordered", False)
        first, second = block.get("first"), block.get("second")
        if category not in CATEGORIES or not isinstance(tier, int) or not 1 <= tier <= MAX_TIER:
            raise DataFileError(f"{SOURCE}: line {line_of(raw, 'combo')}: bad combo category or tier")
        if not isinstance(window, int) or not 0 <= window <= 12 or not isinstance(ordered, bool):
            raise DataFileError(f"{SOURCE}: line {line_of(raw, 'combo')}: combo window must be 0-12 tokens")
        if not isinstance(first, list) or not isinstance(second, list) or not first or not second:
            raise DataFileError(f"{SOURCE}: line {line_of(raw, 'combo')}: a combo needs first and second lists")
        index = len(combos)
        combos.append(
            RomanisedCombo(
                f"{expand(str(first[0]))[0]} … {expand(str(second[0]))[0]}", str(category), tier, window, ordered
            )
        )
        add(first, str(category), tier, "first", index)
        add(second, str(category), tier, "second", index)
    for block in data.get("context", []):
        add(block.get("phrases"), "", 0, "time")
    for block in data.get("cues", []):
        # As in the lexicons: negation, and (2026.12.2) the framing cues fiction, event and self.
        kind = str(block.get("kind", "negation"))
        if kind not in _CUE_KINDS:
            raise DataFileError(f"{SOURCE}: line {line_of(raw, kind)}: cue kind must be one of {sorted(_CUE_KINDS)}")
        add(block.get("phrases"), "", 0, kind)
    for block in data.get("allow", []):
        add(block.get("phrases"), "", 0, "allow")
    automaton = ahocorasick.Automaton()
    for key, items in entries.items():
        automaton.add_word(key, (len(key), tuple(items)))
    automaton.make_automaton()
    skip = frozenset(key for key, items in entries.items() if any(i.kind == "skip" for i in items))
    emoji = {ch: fold_token(word, rules) for ch, word in sorted(emoji_words().items())}
    token_re = re.compile("[A-Za-z0-9']+|[" + "".join(re.escape(ch) for ch in emoji) + "]")
    return RomanisedData(version, rules, markers, english, automaton, tuple(combos), skip, lookalikes, emoji, token_re)


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    folded: str


def tokens(text: str, data: RomanisedData) -> list[_Token]:
    emoji = data.emoji
    out: list[_Token] = []
    for m in data.token_re.finditer(text):
        word = m.group()
        folded = emoji.get(word)
        out.append(_Token(m.start(), m.end(), folded if folded is not None else fold_token(word, data.rules)))
    return out


_VOWELS = frozenset("aeiou")
_MEDIALS = frozenset("ywhlr")  # second letters of an onset cluster (pyi, twa, hli, kla)
_SHARED_WORDS = frozenset({"that"})  # English function words that are Burmese words too (weak check only)


def syllables(folded: str) -> list[str]:
    """A folded token cut at syllable starts (2026.12.6), so words typed together ("ngathaychintl",
    "kyohswemal") meet phrases typed apart: a cut falls before a consonant that starts a syllable (a
    vowel follows it, directly or after a medial), when a vowel precedes it or a coda consonant that a
    vowel precedes — a medial after a consonant stays in its onset ("nga|thwa", not "ngat|wa")."""
    if len(folded) < 3 or not (folded.isascii() and folded.isalpha()):
        return [folded]
    cuts = [0]
    n = len(folded)
    for p in range(1, n):
        c = folded[p]
        if c in _VOWELS:
            continue
        onset = p + 1 < n and (
            folded[p + 1] in _VOWELS or (folded[p + 1] in _MEDIALS and p + 2 < n and folded[p + 2] in _VOWELS)
        )
        if not onset:
            continue
        prev = folded[p - 1]
        if prev in _VOWELS or (p >= 2 and folded[p - 2] in _VOWELS and c not in _MEDIALS):
            cuts.append(p)
    cuts.append(n)
    return [folded[a:b] for a, b in pairwise(cuts) if b > a]


def units(toks: list[_Token]) -> list[_Token]:
    """Each token's syllables as tokens of their own, spanning the whole original token."""
    out: list[_Token] = []
    for t in toks:
        for piece in syllables(t.folded):
            out.append(_Token(t.start, t.end, piece))
    return out


def looks_romanised(toks: list[_Token], data: RomanisedData, raw_words: list[str]) -> bool | None:
    """True: at least two Burmese particle tokens, outnumbering English function words. None (weakly
    romanised, 2026.12.6): no English function word that is not also a particle ("me") and a particle
    among the syllables (tokens cut by `syllables`, so "thaychintl" counts) — short phone messages ("dee
    nya kyo swae mal", "manaychintotbu kwar") — which count as Burmese only if a romanised phrase
    matches. False otherwise."""
    markers = sum(1 for t in toks if t.folded in data.markers)
    english = sum(1 for w in raw_words if w in data.english)
    if markers >= 2 and markers > english:
        return True
    # English function words that are not also Burmese: a particle ("me" is the future ending too) or
    # "that" (kill, သတ်, in most phrases of killing oneself or others).
    plain = sum(
        1
        for w, t in zip(raw_words, toks, strict=True)
        if w in data.english and t.folded not in data.markers and w not in _SHARED_WORDS
    )
    if plain == 0 and any(piece in data.markers for t in toks for piece in syllables(t.folded)):
        return None
    return False


def scan_romanised(text: str) -> list[Match] | None:
    """Matches in romanised Burmese text, or None when the text does not look romanised."""
    if not text or len(text) > 4096:
        return None
    data = romanised_data()
    toks = tokens(text, data)
    if len(toks) < 2:
        return None
    raw_words = [text[t.start : t.end].lower() for t in toks]
    looks = looks_romanised(toks, data, raw_words)
    # Mixed (2026.12.7): two particles or more among more English function words ("so tired, i just thay chin
    # tal"), read like the weak case (Burmese only if a phrase matches); a phrase made only of English function
    # words ("that the"), or starting or ending inside a word ("that de|cision"), does not count.
    # English words that fold onto a particle ("the", "to") do not count (2026.12.9).
    mixed = (
        looks is False
        and sum(
            1 for w, t in zip(raw_words, toks, strict=True) if t.folded in data.markers and w not in data.lookalikes
        )
        >= 2
    )
    if looks is False and not mixed:
        return None
    if mixed:
        looks = None
    toks = units(toks)
    hits: list[tuple[int, int, RomanisedTerm]] = []
    parts: list[tuple[int, int, RomanisedTerm]] = []
    times: list[tuple[int, int, RomanisedTerm]] = []
    negations: set[int] = set()
    allows: list[tuple[int, int]] = []
    frames: dict[str, list[int]] = {"fiction": [], "event": [], "self": []}
    # Two readings (2026.12.7): every token, then without the particles of the `skip` cues (polite par,
    # completive lite, plural kya, emphatic pyit / pae, tag naw), as morphology.py reads Myanmar script, so
    # "thay lite chin pyi" and "ma nay chin tot par bu" meet phrases written without them. Only the text
    # loses them (a phrase keeps its own particles), and positions stay the tokens' own.
    streams = [list(range(len(toks)))]
    if data.skip and any(t.folded in data.skip for t in toks):
        streams.append([i for i, t in enumerate(toks) if t.folded not in data.skip])
    for stream in streams:
        # The skeletons joined without spaces; a phrase must start and end on token boundaries.
        joined: list[str] = []
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        pos = 0
        for i in stream:
            starts[pos] = i
            joined.append(toks[i].folded)
            pos += len(toks[i].folded)
            ends[pos] = i
        for last, (length, items) in data.automaton.iter("".join(joined)):
            end = last + 1
            begin = end - length
            if begin not in starts or end not in ends:
                continue
            first, final = starts[begin], ends[end]
            for item in items:
                if item.kind == "term":
                    hits.append((first, final, item))
                elif item.kind == "time":
                    times.append((first, final, item))
                elif item.kind in ("first", "second"):
                    parts.append((first, final, item))
                elif item.kind == "allow":
                    allows.append((first, final))
                elif item.kind == "negation" and first == final:
                    negations.add(first)
                elif item.kind in frames:
                    frames[item.kind].append(first)
    gaps: dict[tuple[int, int, RomanisedTerm], tuple[int, int]] = {}
    verbs: dict[tuple[int, int, RomanisedTerm], int] = {}  # a combo hit's second part (the verb) starts here
    for hit, gap, second in _pair(parts, data.combos):
        if hit not in gaps:
            hits.append(hit)
            gaps[hit] = gap
            verbs[hit] = second
    hits = [h for h in hits if not any(a <= h[1] and h[0] <= b for a, b in allows)]
    # The longer phrase is the more specific reading; a shorter one inside it adds nothing.
    hits.sort(key=lambda h: (h[0], h[0] - h[1], -h[2].tier))
    kept: list[tuple[int, int, RomanisedTerm]] = []
    for h in hits:
        if any(k[0] <= h[0] and h[1] <= k[1] and k[2].tier >= h[2].tier for k in kept):
            continue
        kept.append(h)
    out: list[Match] = []
    for first, final, term in kept:
        if mixed and (
            all(text[toks[i].start : toks[i].end].lower() in data.english for i in range(first, final + 1))
            or (first > 0 and toks[first - 1].start == toks[first].start)
            or (final + 1 < len(toks) and toks[final + 1].start == toks[final].start)
        ):
            continue  # mixed: whole words only, not all of them English function words
        # Framing, as in context.py: a fiction or news frame drops a hit, a public event a danger
        # hit, unless a first-person word is in the hit or up to SELF_TOKENS tokens before it.
        # Romanised chat rarely has sentence punctuation, so the frame counts anywhere in the message.
        # A frame lowers a tier-4 hit by one instead of dropping it (2026.12.3).
        framed = frames["fiction"] or (frames["event"] and term.category == "danger")
        framed = framed and not any(first - _SELF_TOKENS <= i <= final for i in frames["self"])
        tier = term.tier
        reasons: list[str] = ["romanised"]
        # The negation prefix ma stands before the verb: a combo's second part (2026.12.8), wherever it is, and not
        # before its first part, a noun that may follow a word ending in ma ("nyi ma kyo swae", a younger sister).
        if verbs.get((first, final, term), first) - 1 in negations and tier < MAX_TIER:
            tier -= 1
            reasons.append("lowered:negation")
        elif tier >= 2 and term.category in _TIME_CATEGORIES and tier < MAX_TIER:
            # A time word inside the hit is part of the phrase, unless it lies between a combo's parts. It
            # counts within _TIME_REACH tokens of either end (2026.12.8): Burmese is verb-final, and "now"
            # often follows a long hit ("... khone tot mal a khu").
            g0, g1 = gaps.get((first, final, term), (0, -1))
            near = [
                t
                for t in times
                if (not (t[0] >= first and t[1] <= final) or (t[0] >= g0 and t[1] <= g1))
                and min(abs(t[0] - first), abs(t[0] - final)) <= _TIME_REACH
            ]
            if near:
                tier = MAX_TIER
                reasons.append(f"time:{near[0][2].text}")
        if framed:
            if tier < MAX_TIER or term.tier < 3:
                continue
            tier = MAX_TIER - 1
            reasons.append("lowered:fiction" if frames["fiction"] else "lowered:event")
        if tier < 1:
            continue
        out.append(
            Match(
                toks[first].start, toks[final].end, term.text, term.category, tier, term.tier, LANGUAGE, tuple(reasons)
            )
        )
    if looks is None and not out:
        return None  # weakly romanised and nothing matched: leave the message to the English reading
    return out


def _pair(
    parts: list[tuple[int, int, RomanisedTerm]], combos: tuple[RomanisedCombo, ...]
) -> list[tuple[tuple[int, int, RomanisedTerm], tuple[int, int], int]]:
    """Combo hits (first token, last token, term) with the token span between the two parts and the
    first token of the second part."""
    out: list[tuple[tuple[int, int, RomanisedTerm], tuple[int, int], int]] = []
    for a0, a1, a in parts:
        if a.kind != "first":
            continue
        combo = combos[a.combo]
        for b0, b1, b in parts:
            if b.kind != "second" or b.combo != a.combo or (b0 <= a1 and a0 <= b1):
                continue
            if combo.ordered and b0 < a1:
                continue
            gap = (a1 + 1, b0 - 1) if b0 > a1 else (b1 + 1, a0 - 1)
            if gap[1] - gap[0] + 1 > combo.window:
                continue
            term = RomanisedTerm(combo.name, combo.category, combo.tier, "term", a.combo)
            out.append(((min(a0, b0), max(a1, b1), term), gap, b0))
    return out
