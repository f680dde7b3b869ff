"""Lexicon loading and validation: errors name the file, the line and the problem."""

from __future__ import annotations

import pytest

from moderation.lexicon import LexiconError, bundled_lexicons, expand, parse_lexicon
from moderation.normalize import default_normalizer

GOOD = """\
[meta]
language = "xx"
version = "1"

[[terms]]
category = "suicide"
tier = 2
phrases = ["want to {die|vanish}"]
"""


def parse(text: str):
    return parse_lexicon(text, "test.toml", default_normalizer())


def test_bundled_lexicons_load():
    lexicons = {lx.language: lx for lx in bundled_lexicons(default_normalizer())}
    assert {"en", "my"} <= set(lexicons)
    for lexicon in lexicons.values():
        assert lexicon.version
        assert lexicon.terms and lexicon.allow and lexicon.cues and lexicon.contexts
        assert {t.tier for t in lexicon.terms} == {1, 2, 3, 4}


def test_expand():
    assert expand("i {want|need} to {die|}") == ["i want to die", "i want to", "i need to die", "i need to"]


def test_good_file_parses_with_expansion():
    lexicon = parse(GOOD)
    assert [t.text for t in lexicon.terms] == ["want to die", "want to vanish"]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (GOOD.replace("tier = 2", "tier = 7"), 7, "tier must be an integer from 1 to 4"),
        (GOOD.replace('"suicide"', '"sadness"'), 6, "unknown category 'sadness'"),
        (GOOD.replace('phrases = ["want to {die|vanish}"]', 'phrases = ["want to {die"]'), 8, "unbalanced"),
        (GOOD + '\n[[terms]]\ncategory = "abuse"\ntier = 2\nphrases = []\n', 13, "non-empty list"),
        (GOOD.replace('version = "1"', 'version = "1"\ncolour = "red"'), 4, "unknown key 'colour'"),
        (GOOD.replace("tier = 2", 'tier = 2\nwords = ["x"]'), 8, "unknown key 'words'"),
    ],
)
def test_errors_name_file_line_and_problem(text, line, problem):
    with pytest.raises(LexiconError) as info:
        parse(text)
    message = str(info.value)
    assert message.startswith("test.toml: ")
    assert f"line {line}" in message
    assert problem in message


def test_toml_syntax_error_names_file_and_line():
    with pytest.raises(LexiconError, match=r"test\.toml: invalid TOML: .*line 3"):
        parse('[meta]\nlanguage = "xx"\nversion = \n')


def test_missing_meta_is_reported():
    with pytest.raises(LexiconError, match=r"test\.toml: .*lacks 'meta'"):
        parse('[[terms]]\ncategory = "suicide"\ntier = 1\nphrases = ["x"]\n')
