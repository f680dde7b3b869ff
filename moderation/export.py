"""Export the crisis-detection data for the TypeScript engine (web/src/core/detect): `python -m moderation.export`.

One source of truth: everything the browser engine needs is read from the Python pipeline as it is built
(bundled lexicons after brace expansion, inflection and normalisation; the fold table as computed from
unicodedata and the confusables; the rule files; the romanised table; the model), so nothing in web/ is
edited by hand. The web build (web/scripts/build.mjs) runs this on every build, so the data cannot go stale.
The JSON goes to stdout (the package writes no files); web/scripts/detect-plugin.mjs stores it.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from moderation.bundled import read_bundled_toml, read_text
from moderation.detector import Detector
from moderation.export_pack import fold_ranges, front_code, runs, table, weights
from moderation.fold import EVASION_PUNCTUATION, message_table
from moderation.inflect import IRREGULAR
from moderation.lexicon import Combo, Lexicon, expand
from moderation.normalize import EuphemismStep, default_normalizer
from moderation.romanised import fold_phrase, romanised_data
from moderation.zawgyi import UNICODE_CHUNK_THRESHOLD, ZAWGYI_THRESHOLD

# 2: the compact forms of moderation/export_pack.py (phrase tables as columns, fold ranges, packed weights).
# 3: phrase tables and the romanised table as their source phrases, expanded by the engine.
# 4: the model's weights one column per head, each its non-zero weights and the zero rows between.
FORMAT = 4


def _phrases(blocks: Any, *fields: str) -> list[str]:
    """The source phrases of a TOML array of tables, block by block and field by field, as the parsers read them."""
    if isinstance(blocks, dict):
        blocks = [blocks]
    return [str(p) for block in blocks or [] for field in fields for p in block.get(field, [])]


def _lexicon_sources(lexicon: Lexicon) -> dict[str, list[str]]:
    # In lexicon.parse_lexicon's order; export_pack.table checks every source against the parsed rows.
    data, _ = read_bundled_toml("lexicon", lexicon.source.rsplit("/", 1)[-1])
    return {
        "terms": _phrases(data.get("terms"), "phrases"),
        "anchors": _phrases(data.get("combo"), "first", "second"),
        "contexts": _phrases(data.get("context"), "phrases"),
        "cues": _phrases(data.get("cues"), "phrases"),
        "allow": _phrases(data.get("allow"), "phrases", "words"),
    }


def _euphemisms() -> dict[str, str]:
    step = default_normalizer()._p.euphemism  # the export reads the pipeline as built
    if not isinstance(step, EuphemismStep):
        return {}
    return dict(step._rewrites)


def _lexicons(detector: Detector) -> dict[str, Any]:
    combos: list[Combo] = []
    combo_index: dict[int, int] = {}
    terms: list[list[Any]] = []
    anchors: list[list[Any]] = []
    contexts: list[list[Any]] = []
    cues: list[list[Any]] = []
    allow: list[list[Any]] = []
    sources: dict[str, list[str]] = {"terms": [], "anchors": [], "contexts": [], "cues": [], "allow": []}
    for lexicon in detector.lexicons:
        for name, phrases in _lexicon_sources(lexicon).items():
            sources[name].extend(phrases)
        # Lexicon order, term order and item order are kept: the engine registers them in the same
        # order as Detector.__init__, so ties resolve the same way.
        terms.extend([t.text, t.key, t.category, t.tier, t.language] for t in lexicon.terms)
        for a in lexicon.anchors:
            if id(a.combo) not in combo_index:
                combo_index[id(a.combo)] = len(combos)
                combos.append(a.combo)
        anchors.extend([a.text, a.key, combo_index[id(a.combo)], a.role] for a in lexicon.anchors)
        contexts.extend(
            [c.text, c.key, c.kind, c.raise_to, c.min_tier, sorted(c.categories), c.language] for c in lexicon.contexts
        )
        cues.extend([c.text, c.key, c.kind, c.position, c.language] for c in lexicon.cues)
        allow.extend([a.text, a.key, a.language, int(a.silences_model)] for a in lexicon.allow)
    return {
        "order": [lexicon.language for lexicon in detector.lexicons],
        "counts": [
            [len(x.terms), len(x.anchors), len(x.contexts), len(x.cues), len(x.allow)] for x in detector.lexicons
        ],
        "terms": table(terms, sources["terms"]),
        "anchors": table(anchors, sources["anchors"]),
        "combos": [[c.name, c.category, c.tier, c.window, c.language, c.ordered] for c in combos],
        "contexts": table(contexts, sources["contexts"]),
        "cues": table(cues, sources["cues"]),
        "allow": table(allow, sources["allow"]),
        "versions": detector.versions,
    }


def _romanised() -> dict[str, Any]:
    data = romanised_data()
    raw, _ = read_bundled_toml("data", "romanised.toml")
    # The source phrases with their fields, in romanised_data's order; the engine expands each (lexicon.expand)
    # and files every variant under its romanised fold, as romanised_data does, so no key or variant is shipped.
    sources: list[tuple[str, list[Any]]] = []
    for block in raw.get("terms", []):
        sources += [(p, [block["category"], block["tier"], "term", -1]) for p in _phrases(block, "phrases")]
    for index, block in enumerate(raw.get("combo", [])):
        for part in ("first", "second"):
            sources += [(p, [block["category"], block["tier"], part, index]) for p in _phrases(block, part)]
    sources += [(p, ["", 0, "time", -1]) for p in _phrases(raw.get("context"), "phrases")]
    for block in raw.get("cues", []):
        sources += [(p, ["", 0, str(block.get("kind", "negation")), -1]) for p in _phrases(block, "phrases")]
    sources += [(p, ["", 0, "allow", -1]) for p in _phrases(raw.get("allow"), "phrases")]
    rebuilt: dict[str, list[tuple[Any, ...]]] = {}
    seen: set[tuple[Any, ...]] = set()  # romanised_data enters a key's item once per (category, tier, kind, combo)
    for source, (category, tier, kind, combo) in sources:
        for variant in expand(source):
            key = fold_phrase(variant, data.rules)
            if key and (entry := (key, category, tier, kind, combo)) not in seen:
                seen.add(entry)
                rebuilt.setdefault(key, []).append((variant, category, tier, kind, combo))
    held = {k: [(i.text, i.category, i.tier, i.kind, i.combo) for i in v] for k, (_n, v) in data.automaton.items()}
    if rebuilt != held:  # the automaton lists its keys in trie order; the items of each key are in order
        raise ValueError("export: the romanised source phrases do not rebuild the romanised table")
    return {
        "version": data.version,
        "rules": [list(r) for r in data.rules],
        "markers": sorted(data.markers),
        "english": sorted(data.english),
        "lookalikes": sorted(data.lookalikes),
        "emoji": sorted(data.emoji.items()),
        "items": {"src": front_code(p for p, _ in sources), "rest": runs(fields for _, fields in sources)},
        "combos": [[c.name, c.category, c.tier, c.window, c.ordered] for c in data.combos],
    }


def _model() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(read_text("data", "model.json"))
    model["weights"] = weights(model["weights"])
    return model


def build() -> dict[str, Any]:
    detector = Detector.default()
    rules, _ = read_bundled_toml("data", "normalize_rules.toml")
    zawgyi, _ = read_bundled_toml("data", "zawgyi_rules.toml")
    fold = fold_ranges({cp: out for cp, out in message_table().items() if out != chr(cp)})
    return {
        "format": FORMAT,
        "about": "generated by `python -m moderation.export` from moderation/; never edit by hand",
        "fold": fold,
        "late": EVASION_PUNCTUATION,
        "rules": rules,
        "zawgyi": {
            "threshold": ZAWGYI_THRESHOLD,
            "unicode_chunk": UNICODE_CHUNK_THRESHOLD,
            "signs": zawgyi["signs"],
            "rules": [[r["from"], r["to"]] for r in zawgyi["rule"]],
        },
        "euphemisms": _euphemisms(),
        # The engine expands the source phrases: inflect.py's irregular forms go with them (its rules are code).
        "irregular": {word: list(forms) for word, forms in IRREGULAR.items()},
        "lexicon": _lexicons(detector),
        "romanised": _romanised(),
        "model": _model(),
    }


def main() -> int:
    # Written to stdout: the package does no I/O beyond reading its own data (tests/moderation/
    # test_moderation_boundaries.py); web/scripts/detect-plugin.mjs writes the file.
    sys.stdout.write(json.dumps(build(), ensure_ascii=False, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
