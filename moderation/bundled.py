"""Reading the package's own data files; the only I/O the moderation package ever does."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


class DataFileError(ValueError):
    """A bundled or supplied data file is malformed; the message names the file, line and problem."""


def read_text(folder: str, name: str) -> str:
    return resources.files("moderation").joinpath(folder, name).read_text(encoding="utf-8")


def read_bytes(*parts: str) -> bytes:
    """A file of the package (data or, for fingerprints, its own code), by path parts below the package."""
    return resources.files("moderation").joinpath(*parts).read_bytes()


def list_files(folder: str, suffix: str) -> list[str]:
    root = resources.files("moderation").joinpath(folder)
    return sorted(p.name for p in root.iterdir() if p.name.endswith(suffix))


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib already says "(at line N, column M)"; prefix the file so the message is actionable.
        raise DataFileError(f"{source}: invalid TOML: {exc}") from exc


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of `needle` in `text` (0 when absent).

    tomllib does not keep positions, so semantic errors locate the offending value textually.
    """
    index = text.find(needle)
    return 0 if index < 0 else text.count("\n", 0, index) + 1


def read_bundled_toml(folder: str, name: str) -> tuple[dict[str, Any], str]:
    text = read_text(folder, name)
    return parse_toml(text, f"moderation/{folder}/{name}"), text
