"""The bundled lexicons' phrase keys, precomputed. Regenerate with
`.venv/bin/python -m moderation.phrase_keys > moderation/data/phrase_keys.json`.

Every lexicon phrase is normalised like a message to give its key (lexicon.py), and for the ~100,000 phrases of the
bundled lexicons that was the largest single cost of `Detector.default()`. Nearly every English phrase is its own
key ("i want to die") and nearly every Burmese phrase is itself without its spaces, so the file lists, per lexicon
file, only the phrases whose key is something else ("dont see the point" -> "do not see the point"; a Burmese phrase
with a Latin word in it keeps the space between them); while it is current, an ASCII phrase it does not list is its
own key and any other phrase is itself with its spaces removed.

That holds only for the data and code the file was made from, so it carries their fingerprint: the lexicon files,
the normalisation rules, confusables and euphemisms, the code that expands phrases and normalises text, and the ASCII
fold tables. When any of them changes the file is ignored and every key is computed as before, the same keys more
slowly, until it is regenerated; tests/moderation/test_moderation_phrase_keys.py fails meanwhile. Beyond ASCII the
fold tables come from the Unicode database, so the file also records its version (format 2, when the Burmese phrases
joined it): on a Python with another one, its ASCII keys still serve and every other phrase is normalised.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from moderation.bundled import list_files, read_bytes, read_text
from moderation.fold import ascii_bytes_table, late_punctuation_table, message_table
from moderation.lexicon import AllowPhrase, Anchor, ContextTerm, Cue, Term, bundled_lexicons, unlisted_key
from moderation.normalize import default_normalizer

FORMAT = 2
NAME = "phrase_keys.json"
# What a phrase key depends on, besides the fold tables and the Unicode database: the phrases themselves (the lexicon
# files, expanded by lexicon.py and inflect.py) and the normaliser (its code, rules and tables).
_CODE = ("lexicon.py", "inflect.py", "normalize.py", "steps.py", "fold.py", "zawgyi.py", "script.py")
_DATA = ("normalize_rules.toml", "euphemisms.toml", "confusables.toml", "zawgyi_rules.toml")


def fingerprint() -> str:
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    def file(*path: str) -> None:
        # Line ends as committed, so that a checkout with Windows line endings has the same fingerprint.
        part("/".join(path), read_bytes(*path).replace(b"\r\n", b"\n"))

    part("format", str(FORMAT).encode())
    for name in _CODE:
        file(name)
    for name in _DATA:
        file("data", name)
    for name in list_files("lexicon", ".toml"):
        file("lexicon", name)
    for table in (message_table(), late_punctuation_table()):
        mapping, delete = ascii_bytes_table(table)
        part("ascii table", mapping + delete)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class PhraseKeys:
    """Per lexicon file name, the phrases whose key is not `unlisted_key(phrase)`, with their keys; and whether the
    file's keys beyond ASCII hold here (made with this Python's Unicode database)."""

    keys: dict[str, dict[str, str]]
    beyond_ascii: bool


@cache
def bundled() -> PhraseKeys | None:
    """The bundled file's keys; None when the file is missing, malformed or not current (then every key is
    computed)."""
    try:
        return current(read_text("data", NAME))
    except OSError:
        return None


def current(text: str) -> PhraseKeys | None:
    """The keys of a phrase_keys.json text if it is well formed and made from the bundled data and code, else None."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fingerprint") != fingerprint():
        return None
    keys = data.get("keys")
    if not isinstance(keys, dict) or not all(
        isinstance(table, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in table.items())
        for table in keys.values()
    ):
        return None
    return PhraseKeys(keys, data.get("unicode") == unicodedata.unidata_version)


def build() -> dict[str, Any]:
    """The file's content, from the lexicons loaded with every key computed."""
    keys: dict[str, dict[str, str]] = {}
    for lexicon in bundled_lexicons(default_normalizer(), precomputed=False):
        tables: list[tuple[Term | Anchor | ContextTerm | Cue | AllowPhrase, ...]] = [
            lexicon.terms,
            lexicon.anchors,
            lexicon.contexts,
            lexicon.cues,
            lexicon.allow,
        ]
        table = {e.text: e.key for rows in tables for e in rows if e.key != unlisted_key(e.text)}
        keys[lexicon.source.rsplit("/", 1)[-1]] = dict(sorted(table.items()))
    return {
        "about": "generated by `python -m moderation.phrase_keys`; never edit by hand (see that module)",
        "format": FORMAT,
        "fingerprint": fingerprint(),
        "unicode": unicodedata.unidata_version,
        "keys": keys,
    }


def render(data: dict[str, Any]) -> str:
    """One phrase per line, in order, so that a lexicon change shows as a readable diff."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    # Written to stdout: the package writes no files (tests/moderation/test_moderation_boundaries.py).
    sys.stdout.write(render(build()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
