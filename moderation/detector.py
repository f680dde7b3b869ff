"""The Detector: normalise, match, weigh context, return a Verdict.

Most chat messages contain nothing of interest, so `scan` first runs a fast path: the C-speed
normalisation (no offset map) and one automaton pass. Only if a lexicon phrase is present does
it redo normalisation with the offset map and do the (slower) context analysis. Both paths see
the same normalised text, so an empty fast path means an empty slow path.

Long inputs are scanned in windows of WINDOW characters overlapping by OVERLAP (longer than any
phrase), at most MAX_SCAN characters in all (the rest is ignored and the verdict says
`truncated`), and the slow path stops after MAX_MATCHES matches, so every call is bounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache

import ahocorasick

from moderation.context import assess, has_clock_time
from moderation.lexicon import AllowPhrase, Anchor, Combo, ContextTerm, Cue, Lexicon, Term, bundled_lexicons
from moderation.matcher import Found, PhraseMatcher, is_plain, no_collection
from moderation.model import Model, bundled_model
from moderation.morphology import has_particle, strip_particles, syllables
from moderation.normalize import AsciiFastPath, Normalizer, default_normalizer, doubles_variant, has_myanmar
from moderation.romanised import romanised_data, scan_romanised
from moderation.script import guess_language
from moderation.verdict import Match, Verdict, empty_verdict

WINDOW = 4096
OVERLAP = 256
MAX_SCAN = 1 << 20
MAX_MATCHES = 64

Aux = ContextTerm | Cue | AllowPhrase


class Detector:
    def __init__(
        self, lexicons: Sequence[Lexicon], normalizer: Normalizer | None = None, model: Model | None = None
    ) -> None:
        self._normalizer = normalizer or default_normalizer()
        # The trained model beside the lexicon (moderation/model.py); None scans with the lexicon alone.
        self._model = model
        self.lexicons = tuple(lexicons)
        terms: list[tuple[str, Term | Anchor]] = []
        aux: list[tuple[str, Aux]] = []
        # Burmese phrases of two syllables or more, with particles removed (moderation/morphology.py):
        # matched over the text with particles removed too.
        stripped: list[tuple[str, Term]] = []
        for lexicon in self.lexicons:
            for term in lexicon.terms:
                # Runs of a letter collapse to one in messages ("killlll" -> "kil"), so each
                # phrase is also registered with its doubled letters single.
                single = doubles_variant(term.key)
                for key in (term.key,) if single is None else (term.key, single):
                    terms.append((key, term))
                    if has_myanmar(key):
                        bare, _ = strip_particles(key)
                        if syllables(bare, at_most=2) == 2:
                            stripped.append((bare, term))
            for anchor in lexicon.anchors:
                # Anchors sit in the primary automaton so that the fast path sends any text with
                # a combo part to the slow path, where the pair is checked.
                terms.append((anchor.key, anchor))
                single = doubles_variant(anchor.key)
                if single is not None:
                    terms.append((single, anchor))
            items: list[Aux] = [*lexicon.contexts, *lexicon.cues, *lexicon.allow]
            for item in items:
                aux.append((item.key, item))
                single = doubles_variant(item.key)
                if single is not None:
                    aux.append((single, item))
        # The pre-filter (below) runs the padded automaton with the euphemism keys marked in it.
        ascii_path = self._normalizer.ascii_path
        euphemism_keys = ascii_path.euphemism_keys if ascii_path is not None else ()
        self._terms: PhraseMatcher[Term | Anchor] = PhraseMatcher(terms, marks=euphemism_keys)
        self._stripped: PhraseMatcher[Term] = PhraseMatcher(stripped)
        self._aux: PhraseMatcher[Aux] = PhraseMatcher(aux)
        # Normalised ASCII text is only a-z, 0-9 and single spaces, so a word boundary there is a
        # space or an end: the ASCII phrases padded with spaces, over the text padded with spaces,
        # meet exactly the occurrences the boundary checks would accept, and nothing inside a word
        # ("he" in "the"), with no Python work per rejected occurrence (PhraseMatcher.padded).
        # The same automaton is the pre-filter: run over the ASCII text before euphemisms, with the
        # euphemism keys marked in it. No euphemism key there means the euphemism step changes
        # nothing, so this one pass answers `fast_hit` for the final text; a euphemism key sends the
        # message on to the full fast path, where the marks are ignored.
        self._ascii_automaton, self._ascii_empty = self._terms.padded
        self._ascii_path = ascii_path
        self._ascii_refold = self._normalizer.ascii_after_fold

    @classmethod
    def default(cls) -> Detector:
        """A detector over every bundled lexicon; built once per process, then shared."""
        return _default_detector()

    @property
    def versions(self) -> dict[str, str]:
        return {lexicon.language: lexicon.version for lexicon in self.lexicons}

    def scan(self, text: str) -> Verdict:
        """Never raises. Non-str input is treated as empty."""
        if not isinstance(text, str):
            return empty_verdict("und")
        try:
            verdict, norm, over = self._scan_script(text)
            return self._with_model(text, _with_romanised(text, verdict), norm, over)
        except Exception:
            return Verdict(0, frozenset(), (), "und", degraded=True)

    def _scan_script(self, text: str) -> tuple[Verdict, str | None, bool | None]:
        """`scan` over the lexicons of each script (romanised Burmese is added by `scan`), the
        normalised text when the fast path computed it, and whether the lexicon dropped a past told as
        over (None for a long text): the model reuses both."""
        if len(text) <= WINDOW:
            if text.isascii() and self._ascii_path is not None:
                hit, norm = self._ascii_may_hit(self._ascii_path, text)
                if not hit:
                    return empty_verdict(guess_language(text)), norm, False
            else:
                folded = self._normalizer.fold(text)
                if folded.isascii() and self._ascii_refold is not None:
                    # Phone-typed Latin text (curly quotes, accents, emoji) folds to ASCII;
                    # folding is idempotent there, so the ASCII path on it is the generic one.
                    hit, norm = self._ascii_may_hit(self._ascii_refold, folded)
                    if not hit:
                        return empty_verdict(guess_language(text)), norm, False
                else:
                    norm, zawgyi = self._normalizer.fast_after_fold(folded)
                    if not self.fast_hit(norm):
                        return empty_verdict(guess_language(text), zawgyi=zawgyi), norm, False
            dropped: list[str] = []
            matches, zawgyi = self._analyse(text, 0, dropped)
            return _verdict(matches, guess_language(text), zawgyi, truncated=False), norm, "dropped:over" in dropped
        return self._scan_long(text), None, None

    def _scan_full(self, text: str) -> Verdict:
        """`scan` without any fast path or pre-filter: the full pipeline on every window.

        For tests, which check that `scan` (with its shortcuts) gives the same verdict."""
        try:
            if len(text) <= WINDOW:
                matches, zawgyi = self._analyse(text, 0)
                verdict = _with_romanised(text, _verdict(matches, guess_language(text), zawgyi, truncated=False))
            else:
                verdict = _with_romanised(text, self._scan_long(text, full=True))
            return self._with_model(text, verdict)
        except Exception:
            return Verdict(0, frozenset(), (), "und", degraded=True)

    def _with_model(self, text: str, verdict: Verdict, norm: str | None = None, over: bool | None = None) -> Verdict:
        """Raises the verdict to the trained model's tier (1 or 3) where the lexicon says less.

        The model sees the whole message (its first WINDOW characters), never lowers a tier 3 or 4, and
        its match covers the whole text it saw, with the head and score as the reason. Since 2026.12.9 it
        also raises a lexicon tier 1 or 2 to 3 (an ideation word read, the means or plan around it not), unless
        context lowered that hit: a past, an over or a negation is the lexicon's judgement, not a silence. On
        every labelled negative of the corpora this raised none; on the validation split it raised 18 English
        crisis messages to tier 3. Since 2026.12.16 it may also doubt a tier 1 or 2 down to 0 (_model_may_doubt)."""
        model = self._model
        if model is None or verdict.tier > 2:
            return verdict
        doubtable = _model_may_doubt(text, verdict)
        may_raise = verdict.tier == 0 or _model_may_raise(verdict)
        if not doubtable and not may_raise:
            return verdict
        window = text[:WINDOW]
        if norm is None or len(text) > WINDOW:
            norm = self._normalizer.fast(window)[0]
        result = model.score(norm)
        if doubtable and model.doubts(result):
            return _doubted(verdict, result.scores[0])
        if not may_raise:
            return verdict
        # Tier 1 on its "any" head, 3 on its "high" head (thresholds picked on the validation split), never 4:
        # imminence needs the time, place or act under way that the lexicon reads with context.
        tier = result.tier
        if tier <= verdict.tier:
            return verdict
        for f in self._aux.find(norm, limit=MAX_MATCHES * 8):
            if isinstance(f.item, AllowPhrase) and f.item.silences_model:
                # The lexicon's authors judged an idiom here ("took all my pills from the pharmacy"). Not an ordinary
                # word of the allow-list (2026.12.13): until then ကျွන်မ ("I", a woman speaking), ညီမ ("sister") or
                # ကြိုးစား ("try") anywhere kept the model from raising the message.
                return verdict
            if isinstance(f.item, Cue) and f.item.kind in _MODEL_SILENCING_FRAMES:
                return verdict  # a fiction or news frame, or a public event: what drops a lexicon hit
        # 2026.12.13: where the lexicon read a past the message says is over ("soldiers raided the village in 2021, now
        # it is quiet") and dropped it, the model must not bring it back: trained on more hand-written danger, it did.
        # The scan's own analysis says so (`over`); a long text, or a caller that did not analyse, is analysed here.
        if over is None:
            dropped: list[str] = []
            self._analyse(window, 0, dropped)
            over = "dropped:over" in dropped
        if over:
            return verdict
        result = replace(result, tier=tier)
        match = Match(
            0, len(window), "model", result.category, result.tier, result.tier, verdict.language, (result.reason,)
        )
        matches = (*verdict.matches[: MAX_MATCHES - 1], match)
        return Verdict(
            max(m.tier for m in matches),
            frozenset(m.category for m in matches),
            matches,
            verdict.language,
            verdict.zawgyi,
            verdict.truncated,
            verdict.degraded,
        )

    def _ascii_may_hit(self, path: AsciiFastPath, text: str) -> tuple[bool, str]:
        """False only if the slow path must be empty for this ASCII text (fused ASCII pipeline,
        then the pre-filter before euphemisms, or the padded automaton after them); and the
        normalised text (when the pre-filter finds no euphemism key, the euphemism step would
        change nothing, so the text before it is the final text)."""
        before = path.run_before_euphemisms(text)
        if before is not None:
            if not self._pre_hit(before):
                return False, before
            norm = path.euphemisms(before)
        else:
            norm = path.run(text)
        return self._fast_hit_ascii(norm), norm

    def _scan_long(self, text: str, *, full: bool = False) -> Verdict:
        limit = min(len(text), MAX_SCAN)
        matches: dict[tuple[int, int, str, str], Match] = {}
        zawgyi = False
        start = 0
        while start < limit and len(matches) < MAX_MATCHES:
            window = text[start : min(start + WINDOW, limit)]
            norm, window_zawgyi = self._normalizer.fast(window)
            zawgyi = zawgyi or window_zawgyi
            if full or self.fast_hit(norm):
                found, _ = self._analyse(window, start)
                for m in found:
                    matches.setdefault((m.start, m.end, m.term, m.category), m)
            if start + WINDOW >= limit:
                break
            start += WINDOW - OVERLAP
        ordered = sorted(matches.values(), key=lambda m: (m.start, m.end))[:MAX_MATCHES]
        return _verdict(ordered, guess_language(text), zawgyi, truncated=len(text) > MAX_SCAN)

    def fast_hit(self, norm: str) -> bool:
        """Whether the slow path could find anything in this normalised text.

        Uses the same automaton and the same pairing of combo parts as the slow path, on the
        same normalised text, so False here guarantees an empty slow path.
        """
        if norm.isascii() and is_plain(norm):
            return self._fast_hit_ascii(norm)
        return self._fast_hit_generic(norm)

    def _fast_hit_generic(self, norm: str) -> bool:
        if has_myanmar(norm) and self._stripped.any(strip_particles(norm)[0] if has_particle(norm) else norm):
            return True
        anchors: list[Found[Anchor]] = []
        for start, end, items in self._terms.items_at_boundaries(norm):
            for item in items:
                if isinstance(item, Term):
                    return True
                anchors.append(Found(start, end, item))
            if len(anchors) > MAX_MATCHES * 4:
                break  # same cap as the slow path's find()
        return bool(anchors) and bool(_pair_anchors(anchors))

    def _pre_hit(self, before: str) -> bool:
        """False only if the slow path must be empty, given the ASCII text before euphemisms."""
        return self._padded_hit(self._ascii_automaton, self._ascii_empty, before, pre=True)

    def _fast_hit_ascii(self, norm: str) -> bool:
        """`fast_hit` for normalised ASCII text (a-z, 0-9, single spaces), with padded keys."""
        return self._padded_hit(self._ascii_automaton, self._ascii_empty, norm, pre=False)

    @staticmethod
    def _padded_hit(automaton: ahocorasick.Automaton, empty: bool, norm: str, *, pre: bool) -> bool:
        if empty:
            return False
        anchors: list[Found[Anchor]] = []
        roles = 0
        for last, (length, items, marked) in automaton.iter(f" {norm} "):
            if marked and pre:
                return True  # a euphemism key: the text is rewritten, the full fast path decides
            end = last - 1
            for item in items:
                if not isinstance(item, Anchor):
                    return True  # a lexicon phrase
                anchors.append(Found(end - length, end, item))
                roles |= 1 << item.role
            if len(anchors) > MAX_MATCHES * 4:
                break
        # A pair needs a first part and a second part; most texts with anchors have one kind only.
        return roles == 3 and bool(_pair_anchors(anchors))

    def _analyse(self, text: str, offset: int, dropped: list[str] | None = None) -> tuple[list[Match], bool]:
        """The lexicon's matches in `text` (spans shifted by `offset`) and whether it was read as Zawgyi; the reasons
        of the hits context dropped are added to `dropped` when one is given."""
        norm = self._normalizer.mapped(text)
        found = self._terms.find(norm.text, limit=MAX_MATCHES * 4)
        hits = [Found(f.start, f.end, f.item) for f in found if isinstance(f.item, Term)]
        hits.extend(_pair_anchors([Found(f.start, f.end, f.item) for f in found if isinstance(f.item, Anchor)]))
        if has_myanmar(norm.text):
            bare, index = strip_particles(norm.text)
            exact = {(h.start, h.end, h.item) for h in hits}
            for g in self._stripped.find(bare, limit=MAX_MATCHES * 4):
                start, end = index[g.start], index[g.end - 1] + 1
                if (start, end, g.item) not in exact:
                    hits.append(Found(start, end, g.item))
        if not hits:
            return [], norm.zawgyi
        contexts: list[Found[ContextTerm]] = []
        cues: list[Found[Cue]] = []
        allows: list[Found[AllowPhrase]] = []
        for f in self._aux.find(norm.text, limit=MAX_MATCHES * 8):
            if isinstance(f.item, ContextTerm):
                contexts.append(Found(f.start, f.end, f.item))
            elif isinstance(f.item, Cue):
                cues.append(Found(f.start, f.end, f.item))
            else:
                allows.append(Found(f.start, f.end, f.item))
        # An idiom drops what it overlaps, unless it lies strictly inside: "weed killer" is a
        # longer, more specific reading than the idiom "killer" it contains.
        hits = [h for h in hits if not any(_spoils(a, h.start, h.end) for a in allows)]
        # And a combo's hit whose part an idiom or an allow-listed word overlaps (2026.12.13): the photo in "the boss
        # took a photo" (ဓာတ်ပုံ ရိုက်) lies inside the boss ... hit (သူဌေးက … ရိုက်), not over it, and kept it.
        hits = [h for h in hits if h.item.gap_start < 0 or not any(_spoils_part(a, h) for a in allows)]
        # Allow-listed phrases also silence the context words inside them: "now" in "now its a
        # funny story", အခု ("now") inside အခုထိ ("until now, still").
        contexts = [c for c in contexts if not any(_spoils(a, c.start, c.end) for a in allows)]
        # And the cues inside them: the မ that ends ကျွန်မ ("I", a woman speaking), အမ and ညီမ
        # ("sister") is no negation prefix of the verb after it.
        cues = [c for c in cues if not any(_spoils(a, c.start, c.end) for a in allows)]
        hits = _most_specific(hits)
        clock_time = has_clock_time(text)
        matches: list[Match] = []
        for h in hits:
            term = h.item
            assessment = assess(
                text,
                norm,
                Found(h.start, h.end, (term.category, term.tier)),
                contexts,
                cues,
                clock_time,
                gap=(term.gap_start, term.gap_end),
            )
            if assessment.tier < 1:
                if dropped is not None:
                    dropped.extend(assessment.reasons)
                continue
            o_start, o_end = norm.original_span(h.start, h.end)
            matches.append(
                Match(
                    o_start + offset,
                    o_end + offset,
                    term.text,
                    term.category,
                    assessment.tier,
                    term.tier,
                    term.language,
                    assessment.reasons,
                )
            )
        return matches, norm.zawgyi


# Cue kinds (2026.12.2) in whose presence the model stays silent, as it does for idioms: the
# lexicon drops a hit inside such a frame, and the model must not bring it back.
_MODEL_SILENCING_FRAMES = frozenset({"fiction", "event", "mishap"})


def _pair_anchors(anchors: list[Found[Anchor]]) -> list[Found[Term]]:
    """Hits from combos: a first part and a second part of one combo close enough together."""
    out: list[Found[Term]] = []
    done: set[tuple[int, int, Combo]] = set()
    for a in anchors:
        if a.item.role != 0:
            continue
        combo = a.item.combo
        for b in anchors:
            if b.item.combo is not combo or b.item.role != 1 or (b.start < a.end and a.start < b.end):
                continue
            if combo.ordered and b.start < a.end:
                continue
            gap = b.start - a.end if b.start >= a.end else a.start - b.end
            if gap > combo.window:
                continue
            start, end = min(a.start, b.start), max(a.end, b.end)
            if (start, end, combo) in done:
                continue
            done.add((start, end, combo))
            text = f"{a.item.text} … {b.item.text}" if a.start < b.start else f"{b.item.text} … {a.item.text}"
            gap_start, gap_end = (a.end, b.start) if a.start < b.start else (b.end, a.start)
            term = Term(text, "", combo.category, combo.tier, combo.language, gap_start, gap_end)
            out.append(Found(start, end, term))
    return out


def _spoils(allow: Found[AllowPhrase], start: int, end: int) -> bool:
    """Whether an allow-listed idiom at `allow` cancels the phrase at [start, end)."""
    if not (allow.start < end and start < allow.end):
        return False
    inside = start <= allow.start and allow.end <= end and (allow.end - allow.start) < (end - start)
    return not inside


def _spoils_part(allow: Found[AllowPhrase], hit: Found[Term]) -> bool:
    """Whether `allow` cancels either part of a combo's hit (the parts lie before and after its gap)."""
    return _spoils(allow, hit.start, hit.item.gap_start) or _spoils(allow, hit.item.gap_end, hit.end)


def _morphological_extension(longer: Found[Term], shorter: Found[Term]) -> bool:
    """The longer phrase only adds an affix to the shorter (no word break in what it adds), as
    the noun "သတ်သေမှု" (suicide, tier 1) does to the verb "သတ်သေ" (kill oneself, tier 2)."""
    longer_text, shorter_text = longer.item.key, shorter.item.key
    if not longer_text or not shorter_text:
        return False
    if longer_text.startswith(shorter_text):
        return " " not in longer_text[len(shorter_text) :]
    if longer_text.endswith(shorter_text):
        return " " not in longer_text[: -len(shorter_text)]
    return False


def _most_specific(hits: list[Found[Term]]) -> list[Found[Term]]:
    """Drop hits strictly inside a longer hit, and duplicates of one span and category.

    The longer phrase is the more specific reading: "kill myself tonight" over "kill myself",
    "သတ်သေမှု" (suicide, the noun, tier 1) over "သတ်သေ" (to kill oneself, tier 2). A longer hit
    of another category wins only if its tier is at least as high: "they will kill me" (danger
    3) over "kill me" (suicide 1).
    """
    hits = sorted(hits, key=lambda h: (h.start, h.start - h.end, -h.item.tier))
    kept: list[Found[Term]] = []
    seen: set[tuple[int, int, str]] = set()
    for h in hits:
        if (h.start, h.end, h.item.category) in seen:
            continue
        if not h.item.key and any(
            k.item.key
            and h.start <= k.start
            and k.end <= h.end
            and k.item.category == h.item.category
            and k.item.tier >= h.item.tier
            for k in hits
        ):
            continue  # a combo around a phrase that already says as much adds nothing
        if any(
            k.start <= h.start
            and h.end <= k.end
            and (k.end - k.start) > (h.end - h.start)
            # A longer phrase of lower tier never hides a higher one ("i took all my pills"
            # inside a longer tier-3 phrase; a tier-4 combo inside a tier-3 combo), except
            # when it only adds an affix to it, which changes the word's meaning.
            and (k.item.tier >= h.item.tier or (k.item.category == h.item.category and _morphological_extension(k, h)))
            and (k.item.key or not h.item.key)  # a loose combo never hides a lexicon phrase
            for k in hits
        ):
            continue
        seen.add((h.start, h.end, h.item.category))
        kept.append(h)
    return kept


def _with_romanised(text: str, verdict: Verdict) -> Verdict:
    """Adds what the romanised-Burmese matcher finds when the text is Burmese in Latin letters.

    Such a text is Burmese: the verdict's language becomes "my" (so resources are in Burmese)."""
    if verdict.language != "en" or len(text) > WINDOW:
        return verdict
    found = scan_romanised(text)
    if found is None:
        return verdict
    matches = sorted([*verdict.matches, *found], key=lambda m: (m.start, m.end))[:MAX_MATCHES]
    if not matches:
        return empty_verdict("my", zawgyi=verdict.zawgyi, truncated=verdict.truncated)
    return Verdict(
        max(m.tier for m in matches),
        frozenset(m.category for m in matches),
        tuple(matches),
        "my",
        verdict.zawgyi,
        verdict.truncated,
        verdict.degraded,
    )


def _verdict(matches: list[Match], language: str, zawgyi: bool, truncated: bool) -> Verdict:
    if not matches:
        return empty_verdict(language, zawgyi=zawgyi, truncated=truncated)
    tier = max(m.tier for m in matches)
    categories = frozenset(m.category for m in matches)
    return Verdict(tier, categories, tuple(matches), language, zawgyi, truncated)


@cache
def _default_detector() -> Detector:
    with no_collection():  # a few hundred thousand objects that live as long as the process
        normalizer = default_normalizer()
        romanised_data()  # a malformed romanised table fails the build, not every scan
        return Detector(bundled_lexicons(normalizer), normalizer, bundled_model())


# 2026.12.16: the model may doubt a lexicon verdict of tier 1 or 2 made of ideation, disclosure or concern words alone
# (no hit of a named means, method or imminence, base tier 3 or 4, even one context lowered) in a chat-sized message,
# the size it is trained on: a longer text may hold one crisis sentence among many everyday ones, and a sum over the
# whole text would drown it. On the spent held-out sets (5-9, 11-16) a doubt below the 2nd percentile of the
# validation split's hand-written crisis messages left 101 of their 131 flagged hard negatives flagged where 2,270 of
# 2,277 crisis messages stayed flagged (docs/moderation.md, "Set 17").
DOUBT_MAX_CHARS = 200


# And only where the message holds at least DOUBT_MIN_CONTEXT characters outside the lexicon's hits (spaces not
# counted): a message that is its hit and little more ("ငါ သေတော့မယ်", "I'm going to die") gives the model nothing to
# doubt with but the words the lexicon read, whose weights jokes with the same words pulled down. On the spent held-out
# sets 15 left every hard negative the doubt lowered lowered, and kept 3 more crisis messages than no minimum.
DOUBT_MIN_CONTEXT = 15
_NOT_CONTEXT = frozenset(" \t\n\r\u00a0\u200b")


def _model_may_doubt(text: str, verdict: Verdict) -> bool:
    if not (0 < verdict.tier <= 2 and len(text) <= DOUBT_MAX_CHARS and all(m.base_tier <= 2 for m in verdict.matches)):
        return False
    covered = [False] * len(text)
    for m in verdict.matches:
        covered[m.start : m.end] = [True] * (m.end - m.start)
    context = sum(1 for c, hit in zip(text, covered, strict=True) if not hit and c not in _NOT_CONTEXT)
    return context >= DOUBT_MIN_CONTEXT


def _doubted(verdict: Verdict, score: int) -> Verdict:
    """The verdict at tier 0, its hits kept at tier 0 with the model's score as the reason (`doubted:model=-250`)."""
    reason = f"doubted:model={score}"
    matches = tuple(replace(m, tier=0, reasons=(*m.reasons, reason)) for m in verdict.matches)
    return Verdict(0, frozenset(), matches, verdict.language, verdict.zawgyi, verdict.truncated, verdict.degraded)


def _model_may_raise(verdict: Verdict) -> bool:
    """Whether the model may raise this lexicon verdict: no hit was lowered by context (past, over, negated)."""
    return all(
        m.tier >= m.base_tier and not any(r.startswith(("lowered:", "past")) for r in m.reasons)
        for m in verdict.matches
    )
