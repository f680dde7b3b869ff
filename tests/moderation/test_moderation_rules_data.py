"""Rules as data (issue 16 item 10): every normalisation, Zawgyi and romanised rule is in a data
file, and every regular expression there is in the subset Python and JavaScript read alike."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from moderation.normalize import default_normalizer

# Constructs whose meaning differs between Python `re` and JavaScript (or that JavaScript lacks).
_FORBIDDEN = [
    (r"\\[dDwWsSbB]", "\\d \\w \\s \\b are Unicode-aware in Python, ASCII in JavaScript"),
    (r"\(\?P", "named groups are spelt differently"),
    (r"\(\?[aiLmsux]", "inline flags"),
    (r"\\[AZz]", "\\A \\Z are Python-only anchors"),
    (r"[*+?}]\+", "possessive quantifiers"),
    (r"\(\?#", "comments"),
    (r"\(\?\(", "conditional groups"),
]


def _data(name: str) -> dict:
    return tomllib.loads(resources.files("moderation").joinpath("data", name).read_text("utf-8"))


def _patterns() -> list[tuple[str, str]]:
    rules = _data("normalize_rules.toml")
    out = [
        ("leet.run", rules["leet"]["run"]),
        ("leet.prefix", rules["leet"]["prefix"]),
        ("leet.unit", rules["leet"]["unit"]),
        *(
            (f"{k}.pattern", rules[k]["pattern"])
            for k in ("spaced", "stretch", "double", "myanmar_space", "myanmar_canon")
        ),
    ]
    out.extend((f"zawgyi signs.{k}", v) for k, v in _data("zawgyi_rules.toml")["signs"].items())
    out.extend((f"zawgyi rule {i}", r["from"]) for i, r in enumerate(_data("zawgyi_rules.toml")["rule"]))
    return out


@pytest.mark.parametrize(("where", "pattern"), _patterns())
def test_patterns_are_in_the_common_subset(where, pattern):
    re.compile(pattern)
    for construct, why in _FORBIDDEN:
        assert not re.search(construct, pattern), f"{where}: {why}: {pattern!r}"


def test_replacement_templates_use_numbered_groups_only():
    for rule in _data("zawgyi_rules.toml")["rule"]:
        assert not re.search(r"\\g<|\\[a-zA-Z]", rule["to"].replace("\\\\", "")), rule["to"]


def test_romanised_folding_has_no_regular_expressions():
    for old, new in _data("romanised.toml")["fold"]["rules"]:
        assert isinstance(old, str) and old and isinstance(new, str)


def test_the_normaliser_uses_the_data_rules():
    # A rule changed in the data file changes the pipeline: the leet table and the spaced rule.
    norm = default_normalizer()
    assert norm.fast("k1ll")[0] == "kill"
    assert norm.fast("k.i.l.l m.y.s.e.l.f")[0] == "kill myself"
    assert norm.fast("dieeee")[0] == "die"
