"""The package stays pure: no imports of other Haven packages, no I/O beyond its own data."""

from __future__ import annotations

import re
from pathlib import Path

import moderation

PACKAGE = Path(moderation.__file__).parent


def test_no_forbidden_imports_or_io():
    for path in PACKAGE.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import)\s+(server|crypto|client)\b", source, re.M), path
        for forbidden in ("open(", "socket", "urllib", "requests", "httpx", "subprocess", "os.environ"):
            assert forbidden not in source.replace("open_binary", ""), (path, forbidden)


def test_data_files_are_package_data():
    names = {p.name for p in (PACKAGE / "lexicon").glob("*.toml")} | {p.name for p in (PACKAGE / "data").glob("*.toml")}
    assert {"en.toml", "my.toml", "zawgyi_rules.toml", "confusables.toml", "euphemisms.toml", "resources.toml"} <= names
