"""The words shown next to crisis resources: one notice for the writer, another for a reader.

The writer of a flagged message is told they are not alone and where help is; someone reading
another person's flagged message is told how to help and whether the moderators were told. Both
in the message's language where translated (English otherwise), from data/notices.toml.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cache

from moderation.bundled import DataFileError, read_bundled_toml


class Audience(Enum):
    WRITER = "writer"
    READER = "reader"


@dataclass(frozen=True, slots=True)
class CrisisNoticeText:
    language: str
    headline: str
    lines: tuple[str, ...]  # how to help, then whether the moderators were told (readers only)


@cache
def _notices() -> dict[str, dict[str, object]]:
    data, _ = read_bundled_toml("data", "notices.toml")
    out: dict[str, dict[str, object]] = {}
    for language, table in data.items():
        if language == "meta":
            continue
        if not isinstance(table, dict):
            raise DataFileError(f"moderation/data/notices.toml: [{language}] must be a table")
        missing = {"writer_headline", "reader_headline", "reader_help", "reader_alerted", "reader_not_alerted"} - set(
            table
        )
        if missing:
            raise DataFileError(f"moderation/data/notices.toml: [{language}] lacks {sorted(missing)[0]!r}")
        out[language] = table
    return out


def crisis_notice(language: str, audience: Audience, *, alerted: bool = False) -> CrisisNoticeText:
    """The notice for `audience` in `language` (English when not translated)."""
    notices = _notices()
    chosen = language if language in notices else "en"
    table = notices[chosen]
    if audience is Audience.WRITER:
        return CrisisNoticeText(chosen, str(table["writer_headline"]), ())
    help_lines = table["reader_help"]
    assert isinstance(help_lines, list)
    told = str(table["reader_alerted"] if alerted else table["reader_not_alerted"])
    return CrisisNoticeText(chosen, str(table["reader_headline"]), (*(str(x) for x in help_lines), told))
