"""Export the crisis resources and notices for the web app: `python -m moderation.export_notices`.

The member app shows the same words and the same resources as the Python client (client/haven.py `_scan`): for
each language the app speaks, `resources_for(language)` in its order (no country: the international ones, as the
SDK without `country`) and `crisis_notice` for the writer and for a reader, told or not told. Resolved here, so the
ordering and the translations have one source of truth; a few kilobytes, small enough for the app's first load.
The JSON goes to stdout; web/scripts/crisis-plugin.mjs runs this on every build.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from moderation.notice import Audience, crisis_notice
from moderation.resources import resources_for

LANGUAGES = ("en", "my")
# What the app shows of a resource (country, languages and verified only decided the order and the note).
RESOURCE_FIELDS = ("id", "name", "kind", "phone", "url", "hours", "note")
FORMAT = 1


def _language(language: str) -> dict[str, Any]:
    reader = crisis_notice(language, Audience.READER, alerted=True)
    not_told = crisis_notice(language, Audience.READER, alerted=False)
    return {
        "writer_headline": crisis_notice(language, Audience.WRITER).headline,
        "reader_headline": reader.headline,
        "reader_help": list(reader.lines[:-1]),
        "reader_alerted": reader.lines[-1],
        "reader_not_alerted": not_told.lines[-1],
        "resources": [
            {
                k: v
                for k, v in dataclasses.asdict(r).items()
                if k in {"id", "name", "kind", "phone", "url", "hours", "note"}
            }
            for r in resources_for(language)
        ],
    }


def export() -> dict[str, Any]:
    return {"format": FORMAT, "languages": {language: _language(language) for language in LANGUAGES}}


def main() -> None:
    sys.stdout.write(json.dumps(export(), ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
