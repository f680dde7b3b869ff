"""moderation/data/phrase_keys.json (the bundled lexicons' ASCII phrase keys, precomputed for a fast
Detector.default()) is current, gives exactly the keys normalisation gives, and is ignored when stale."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from moderation import phrase_keys
from moderation.bundled import list_files, read_bundled_toml, read_text
from moderation.lexicon import _expand_nested, _parse_lexicon, bundled_lexicons, expand
from moderation.normalize import default_normalizer

COMMAND = ".venv/bin/python -m moderation.phrase_keys > moderation/data/phrase_keys.json"


def test_the_file_is_current():
    committed = read_text("data", phrase_keys.NAME)
    built = phrase_keys.build()
    recorded = json.loads(committed)
    if recorded.get("unicode") == unicodedata.unidata_version:
        assert phrase_keys.render(built) == committed, f"stale: run {COMMAND}"
    else:
        # Made on a Python with another Unicode database: its ASCII keys must still be this Python's.
        assert recorded["fingerprint"] == built["fingerprint"], f"stale: run {COMMAND}"
        for name, table in built["keys"].items():
            ascii_only = {k: v for k, v in table.items() if k.isascii()}
            assert {k: v for k, v in recorded["keys"][name].items() if k.isascii()} == ascii_only, name
    assert phrase_keys.bundled() is not None


def test_keys_of_another_unicode_version_serve_ascii_only():
    data = json.loads(read_text("data", phrase_keys.NAME))
    other = phrase_keys.current(json.dumps({**data, "unicode": "0.0.0"}))
    assert other is not None
    assert not other.beyond_ascii
    assert phrase_keys.current(json.dumps(data)) == phrase_keys.PhraseKeys(data["keys"], True)
    # Parsed with such a file, every Burmese phrase is normalised: the same lexicons as with no file at all.
    normalizer = default_normalizer()
    computed = bundled_lexicons(normalizer, precomputed=False)
    for name, lexicon in zip(list_files("lexicon", ".toml"), computed, strict=True):
        raw = read_text("lexicon", name)
        parsed = _parse_lexicon(raw, lexicon.source, normalizer, other.keys.get(name), other.beyond_ascii)
        assert parsed == lexicon


def test_precomputed_keys_are_the_normalised_phrases():
    normalizer = default_normalizer()
    precomputed = bundled_lexicons(normalizer)
    computed = bundled_lexicons(normalizer, precomputed=False)
    assert precomputed == computed
    # Every row, key by key (Lexicon equality compares them too; this names the phrase that differs).
    for fast, slow in zip(precomputed, computed, strict=True):
        for table in ("terms", "anchors", "contexts", "cues", "allow"):
            rows = getattr(fast, table)
            assert len(rows) == len(getattr(slow, table))
            for row in rows:
                assert row.key == normalizer.phrase(row.text), row.text


def test_a_stale_or_malformed_file_is_ignored():
    data = json.loads(read_text("data", phrase_keys.NAME))
    assert phrase_keys.current(json.dumps(data)) == phrase_keys.PhraseKeys(data["keys"], True)
    for broken in (
        {**data, "fingerprint": "0" * 64},  # made from other data or code
        {**data, "format": phrase_keys.FORMAT + 1},
        {**data, "keys": {"en.toml": {"a": 1}}},
        {key: value for key, value in data.items() if key != "fingerprint"},
    ):
        assert phrase_keys.current(json.dumps(broken)) is None
    assert phrase_keys.current("") is None
    assert phrase_keys.current("[]") is None


def test_other_normalisers_compute_their_keys():
    # The file holds the default normaliser's keys; any other normaliser normalises every phrase itself.
    plain = default_normalizer().with_euphemisms(None)
    lexicons = bundled_lexicons(plain)
    for lexicon in lexicons:
        for term in lexicon.terms[:500]:
            assert term.key == plain.phrase(term.text)
    assert any(t.key == "dont see the point" for lx in lexicons for t in lx.terms)


def _expansion(phrase: str) -> list[str] | str:
    try:
        return expand(phrase)
    except ValueError as exc:
        return str(exc)


def _nested(phrase: str) -> list[str] | str:
    try:
        return _expand_nested(phrase)
    except ValueError as exc:
        return str(exc)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab {}|~", max_size=30))
def test_expand_matches_one_brace_at_a_time(phrase):
    # expand() takes side-by-side braces all at once; _expand_nested, one at a time, is the reference.
    assert _expansion(phrase) == _nested(phrase)


def _source_phrases(value: object) -> list[str]:
    if isinstance(value, list):
        return [p for item in value for p in _source_phrases(item)]
    if isinstance(value, dict):
        out = [p for key in ("phrases", "first", "second") for p in value.get(key, []) if isinstance(p, str)]
        return out + [p for item in value.values() if isinstance(item, (list, dict)) for p in _source_phrases(item)]
    return []


def test_expand_matches_one_brace_at_a_time_on_the_bundled_phrases():
    phrases = [
        p for name in list_files("lexicon", ".toml") for p in _source_phrases(read_bundled_toml("lexicon", name)[0])
    ]
    phrases += _source_phrases(read_bundled_toml("data", "romanised.toml")[0])
    assert len(phrases) > 4000
    for phrase in phrases:
        assert _expansion(phrase) == _nested(phrase), phrase
    assert _expansion("{a|b} " * 12) == _nested("{a|b} " * 12) == "expands to more than 2048 phrases"
