"""How the words around a hit change its tier.

Raising: a means ("pills", "rope"), a place ("bridge") or a time ("tonight", "at 10pm") near a hit
raises it, because a named method, place or time is what separates a plan from a feeling.
Lowering: negation ("I would never..."), reported speech ("she said..."), hypotheticals and
fiction ("in the movie...") and quotation lower a hit by one tier — never a tier-4 hit, which
stays 4: an imminent danger reported second-hand is still imminent.
Framing (2026.12.2): a hit in the same sentence as a fiction or news frame ("in the film the hero
jumps off the bridge", "news: man found dead") or, for danger, a public event ("police everywhere
for the parade") is dropped — unless a first-person word is in the hit or just
before it ("the film made me want to die", "soldiers came to the festival looking for me").
Since 2026.12.3 a frame lowers a tier-4 hit by one instead of dropping it: a frame word never
turns a means-and-now message into nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from moderation.lexicon import ContextTerm, Cue
from moderation.matcher import Found
from moderation.normalize import Normalized
from moderation.verdict import MAX_TIER

CONTEXT_WINDOW = 80  # normalised characters between a hit and a means/place/time word
CUE_WINDOW = 40  # original characters between a cue and the hit it modifies
REASSURANCE_WINDOW = 80  # original characters between a hit and a reassurance that follows it
SELF_WINDOW = 12  # normalised characters between a first-person word and the hit it is the subject of
# Cue kinds that drop a hit (framing) or guard it from being dropped (self); they never lower by one.
_FRAMES = frozenset({"fiction", "event", "self", "mishap", "intent"})
_SENTENCE_BREAK = re.compile(r"[.!?\n\u104b]")
# Categories a reassurance may lower: danger to someone that the message says is over. Never
# suicide or self-harm: "i took the pills but i'm fine" is still an overdose.
_REASSURABLE = frozenset({"danger", "violence", "abuse"})
_LOOK = 300  # how far to look for clause and quote boundaries

_CLAUSE_BREAK = re.compile(
    r"[.!?;:,\n\u104a\u104b]|\b(?:but|and|so|because|cause|though|although|however|then)\b", re.IGNORECASE
)
# Clock times and short delays written with digits (the count may be left out, as in "in hour");
# leetspeak folding garbles digits in the
# normalised text, so these are found in the original.
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|o'?clock|h)\b"
    r"|\bin\s+(?:(?:\d+|an?|a few|few|some|ten|five|twenty)\s+)?(?:min(?:ute)?s?|hours?|hrs?)\b"
    r"|\b(?:at|by|before)\s+(?:midnight|dawn|\d{1,2}(?:[:.]\d{2})?)\b",
    re.IGNORECASE,
)
_TIME_CATEGORIES = frozenset({"suicide", "self_harm", "violence", "danger", "abuse"})
_QUOTES_OPEN = '"“„«「『'
_QUOTES_CLOSE = '"”»」』'


@dataclass(frozen=True, slots=True)
class Assessment:
    tier: int
    reasons: tuple[str, ...]


def has_clock_time(original: str) -> bool:
    return _TIME_RE.search(original) is not None


def raised_tier(
    category: str,
    tier: int,
    start: int,
    end: int,
    contexts: Sequence[Found[ContextTerm]],
    clock_time: bool,
    *,
    past: bool = False,
    gap: tuple[int, int] = (-1, -1),
) -> tuple[int, list[str]]:
    """Apply context words in increasing order of strength, so means then time can reach 4.

    `past`: the hit is told as past ("last year", "years ago"), so a time word near it ("now
    it's a funny story") says when it is told, not when it happens, and raises nothing.
    `gap`: for a combo's hit, the span between its two parts; a context word there belongs to
    neither part, so it counts ("i am standing at the bridge now looking at the water")."""
    reasons: list[str] = []
    near = [
        c
        for c in contexts
        if category in c.item.categories
        and c.start - end <= CONTEXT_WINDOW
        and start - c.end <= CONTEXT_WINDOW
        # a word inside the hit is part of it, not context, unless it lies between a combo's parts
        and (not (c.start >= start and c.end <= end) or (c.start >= gap[0] and c.end <= gap[1]))
        and not (past and c.item.kind == "time")
    ]
    near.sort(key=lambda c: c.item.raise_to)
    for c in near:
        if tier >= c.item.min_tier and c.item.raise_to > tier:
            tier = c.item.raise_to
            reasons.append(f"{c.item.kind}:{c.item.text}")
    if clock_time and not past and category in _TIME_CATEGORIES and tier >= 2 and tier < MAX_TIER:
        tier = MAX_TIER
        reasons.append("time:clock")
    return tier, reasons


def _clause(original: str, o_start: int, o_end: int) -> tuple[int, int]:
    lo = max(0, o_start - _LOOK)
    clause_start = lo
    for m in _CLAUSE_BREAK.finditer(original, lo, o_start):
        clause_start = m.end()
    after = _CLAUSE_BREAK.search(original, o_end, min(len(original), o_end + _LOOK))
    clause_end = after.start() if after else min(len(original), o_end + _LOOK)
    return clause_start, clause_end


def _quoted(original: str, o_start: int, o_end: int) -> bool:
    before = original[max(0, o_start - _LOOK) : o_start]
    after = original[o_end : o_end + _LOOK]
    straight_before = before.count('"')
    if straight_before % 2 == 1 and '"' in after:
        return True
    last_open = max(before.rfind(q) for q in _QUOTES_OPEN if q != '"')
    last_close = max(before.rfind(q) for q in _QUOTES_CLOSE if q != '"')
    return last_open > last_close and any(q in after for q in _QUOTES_CLOSE if q != '"')


def modifiers(
    original: str,
    norm: Normalized,
    start: int,
    end: int,
    cues: Sequence[Found[Cue]],
) -> list[str]:
    """The lowering modifiers that apply to the hit at normalised [start, end)."""
    o_start, o_end = norm.original_span(start, end)
    clause_start, clause_end = _clause(original, o_start, o_end)
    kinds: list[str] = []
    for cue in cues:
        if cue.item.kind in kinds:
            continue
        if cue.item.kind == "reassurance":
            # Said after the hit, often in the next clause ("soldiers came, but my brother is safe").
            if cue.start < end:
                continue
            c_start, _ = norm.original_span(cue.start, cue.end)
            applies = c_start - o_end <= REASSURANCE_WINDOW and not _SENTENCE_BREAK.search(original, o_end, c_start)
        elif cue.item.position == "prefix":
            applies = cue.end == start
        elif cue.item.position == "near":
            # Inside the hit, or just before it: the hit's own subject or object.
            applies = (cue.start < end and start < cue.end) or (cue.end <= start and start - cue.end <= SELF_WINDOW)
        elif cue.item.position == "sentence":
            # Anywhere in the hit's sentence, before or after it.
            c_start, c_end = norm.original_span(cue.start, cue.end)
            lo, hi = (c_end, o_start) if c_end <= o_start else (o_end, c_start)
            applies = abs(c_start - o_start) <= _LOOK and (hi <= lo or not _SENTENCE_BREAK.search(original, lo, hi))
        elif cue.item.position == "before":
            if cue.end > start:
                continue
            c_start, c_end = norm.original_span(cue.start, cue.end)
            applies = c_start >= clause_start and o_start - c_end <= CUE_WINDOW
        else:
            if cue.start < end:
                continue
            c_start, c_end = norm.original_span(cue.start, cue.end)
            applies = c_end <= max(clause_end, o_end) and c_start - o_end <= CUE_WINDOW
        if applies:
            kinds.append(cue.item.kind)
    if _quoted(original, o_start, o_end):
        kinds.append("quoted")
    return kinds


def assess(
    original: str,
    norm: Normalized,
    hit: Found[tuple[str, int]],
    contexts: Sequence[Found[ContextTerm]],
    cues: Sequence[Found[Cue]],
    clock_time: bool,
    *,
    gap: tuple[int, int] = (-1, -1),
) -> Assessment:
    category, base = hit.item
    kinds = modifiers(original, norm, hit.start, hit.end, cues)
    frame = None
    if "self" not in kinds:
        frame = "fiction" if "fiction" in kinds else "event" if "event" in kinds and category == "danger" else None
    # 2026.12.5: finality or intent in the same sentence ("... and never come back", "take them all")
    # guards against a mishap: leisure or a doctor's advice does not explain a farewell away.
    mishap = "mishap" in kinds and "intent" not in kinds
    if frame is None and mishap and (category == "self_harm" or (category == "suicide" and base == 3)):
        # 2026.12.4: an everyday accident or leisure in the same sentence ("cut my finger while
        # cooking", "swimming with my friends") drops a self-harm hit and a suicide hit of a place or
        # means (base tier 3: "i am at the river"); never an intent phrase ("want to die", base 2) nor
        # an act (base 4). Everyday mishaps are told in the first person, so `self` does not guard.
        return Assessment(0, ("dropped:mishap",))
    kinds = [k for k in kinds if k not in _FRAMES]
    past = "past" in kinds
    tier, reasons = raised_tier(category, base, hit.start, hit.end, contexts, clock_time, past=past, gap=gap)
    if frame:
        # 2026.12.3: a frame lowers a means-and-now hit by one instead of dropping it, since a
        # means with "now" next to the word "film" is still someone in danger. Only a method hit
        # (base tier 3 or more) that a time word raised to 4 is kept: a regime word raised by a
        # time word ("sayapa ... in the news this morning") or a plot line ("the hero says
        # goodbye and the rope is ready") is dropped as before, and so is one raised only by a
        # clock time, which in a frame's sentence schedules the fiction ("in the game ... at 11pm").
        if tier < MAX_TIER or base < 3 or not any(r.startswith("time:") and r != "time:clock" for r in reasons):
            return Assessment(0, (f"dropped:{frame}",))
        return Assessment(MAX_TIER - 1, (*reasons, f"lowered:{frame}"))
    if past:
        reasons.append("past")
    # A phrase that is imminent by itself ("soldiers are at my door") stays 4 whatever follows;
    # a hit that context raised to 4 may come down again.
    # Recovery told after a past hit ("i used to cut myself but ive been clean for years")
    # lowers any category.
    reassured = "reassurance" in kinds and (category in _REASSURABLE or past) and (tier < MAX_TIER or base < MAX_TIER)
    if tier < MAX_TIER or reassured:
        lowering = [k for k in kinds if k not in ("past", "reassurance")] if tier < MAX_TIER else []
        if category == "danger":
            # Danger reaches a defector second-hand ("my mother said soldiers came asking where
            # i am"): reported speech is how the news arrives, not a sign it is not real.
            lowering = [k for k in lowering if k != "reported"]
        if reassured:
            # The message itself says the danger is over: one tier down, even from 4.
            lowering.append("reassurance")
        if lowering:
            tier -= 1
            reasons.extend(f"lowered:{k}" for k in lowering)
    if reassured and past:
        # 2026.12.7: the past told as over ("soldiers raided the village in 2021, now it is quiet",
        # "i used to cut myself, six years clean now") is at most concern: a past danger, violence or
        # abuse the message says is over is dropped; a past suicide or self-harm hit followed by
        # recovery stays 1 (a counselor may still want to know).
        if category in _REASSURABLE:
            return Assessment(0, (*reasons, "dropped:over"))
        if tier > 1:
            tier = 1
            reasons.append("lowered:over")
    return Assessment(tier, tuple(reasons))
