"""Writes docs/schema/: JSON Schema for every websocket frame (both directions), the OpenAPI document with every
HTTP request and response body, the refusal codes, and the JSON client payload (AlertContent).

    python -m server.protocol.schema_export            # rewrite docs/schema/
    python -m server.protocol.schema_export --check    # exit 1 if docs/schema/ is not what the code says

One source, generated data (docs/protocol.md "Published schemas"): the models in wire/frames.py and the
FastAPI app are the definition; these files are what a second client (or its code generator) reads.
tests/server/test_schemas.py fails when the files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter

from wire.codes import HTTP_STATUS, ApiCode, ErrorCode
from wire.frames import ClientFrame, ServerFrame

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


# --- client payloads --------------------------------------------------------------------------------------------
# The JSON payload clients exchange through the server without it reading it: AlertContent inside an alert packet
# (docs/protocol.md C16; the reference parser is moderation/alert.py, whose rules these mirror). The rest of what
# clients put in a conversation (C8 envelopes, C15 payloads) is binary and specified byte by byte in C8 and C15.
Category = Literal["abuse", "danger", "distress", "self_harm", "suicide", "violence"]
AlertTier = Annotated[int, Field(ge=1, le=4)]


class AlertExcerpt(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, title="AlertExcerpt")

    category: Category
    end: Annotated[int, Field(ge=0, description="offset into `snippet`, in Unicode code points")]
    snippet: str
    start: Annotated[int, Field(ge=0, description="offset into `snippet`, in Unicode code points; <= end")]
    term: str
    tier: AlertTier


class AlertContent(BaseModel):
    """AlertContent version 1, encoded canonically (members sorted, no whitespace; C16) and at most 16384 bytes."""

    model_config = ConfigDict(extra="forbid", strict=True, title="AlertContent")

    categories: Annotated[list[Category], Field(min_length=1, description="sorted, without repeats")]
    excerpts: Annotated[list[AlertExcerpt], Field(max_length=3)]
    language: str
    message_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    tier: AlertTier
    v: Literal[1]


# --- the documents ------------------------------------------------------------------------------------------------
def _schema(
    adapter: TypeAdapter[Any], title: str, description: str, mode: Literal["validation", "serialization"]
) -> dict[str, Any]:
    body = adapter.json_schema(mode=mode)
    return {"$schema": DIALECT, "title": title, "description": description, **body}


def _name_nested_unions(document: dict[str, Any]) -> dict[str, Any]:
    """pydantic inlines the `event` union inside the outer `type` union, leaving an object where OpenAPI-style
    discriminator mappings (which code generators read) expect a reference: name it `EventFrame` in $defs."""
    mapping = document.get("discriminator", {}).get("mapping", {})
    for key, target in list(mapping.items()):
        if isinstance(target, dict):
            name = f"{key.capitalize()}Frame"
            document["$defs"][name] = target
            mapping[key] = f"#/$defs/{name}"
            document["oneOf"] = [{"$ref": mapping[key]} if choice == target else choice for choice in document["oneOf"]]
    return document


def _openapi() -> dict[str, Any]:
    # Imported here: the app pulls in the whole server, which the frame models above must not depend on.
    from server.app import create_app
    from server.config import Settings

    return create_app(Settings(api_docs=True)).openapi()


def documents() -> dict[str, Any]:
    """File name under docs/schema/ -> JSON document."""
    return {
        "websocket-client-frames.json": _schema(
            TypeAdapter(Annotated[ClientFrame, Field(discriminator="type")]),
            "Haven websocket: client to server",
            "Every frame a client may send on /v1/ws, told apart by `type` (docs/protocol.md §3.2).",
            "validation",
        ),
        "websocket-server-frames.json": _name_nested_unions(
            _schema(
                TypeAdapter(ServerFrame),
                "Haven websocket: server to client",
                "Every frame the server sends on /v1/ws, told apart by `type` (docs/protocol.md §3.3); an `event` "
                "frame is told apart further by `event`. An optional member is absent, never null.",
                "serialization",
            )
        ),
        "openapi.json": _openapi(),
        "codes.json": {
            "$schema": DIALECT,
            "title": "Haven refusal codes",
            "description": "`http`: each ApiCode and its one status (null: relays the framework's status); "
            "`websocket`: each ErrorCode of an `error` frame (docs/protocol.md §1.7 and §3.4).",
            "http": {code.value: HTTP_STATUS.get(code) for code in ApiCode},
            "websocket": [code.value for code in ErrorCode],
        },
        "alert-content.json": _schema(
            TypeAdapter(AlertContent),
            "Haven AlertContent (version 1)",
            "The JSON inside an alert packet (docs/protocol.md C16), sealed to the moderators; the server never "
            "sees it. Canonical encoding: members sorted by code point, no whitespace, at most 16384 bytes.",
            "validation",
        ),
    }


def render(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of files that differ from what the code generates, are missing, or should not be there."""
    wanted = {name: render(doc) for name, doc in documents().items()}
    present = {p.name for p in directory.glob("*.json")} if directory.is_dir() else set()
    differ = [
        n for n, text in wanted.items() if not (directory / n).is_file() or (directory / n).read_text("utf-8") != text
    ]
    return sorted(differ + sorted(present - set(wanted)))


def write(directory: Path = SCHEMA_DIR) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    wanted = documents()
    for stray in {p.name for p in directory.glob("*.json")} - set(wanted):
        (directory / stray).unlink()
    for name, document in wanted.items():
        (directory / name).write_text(render(document), encoding="utf-8")


def main(argv: list[str]) -> int:
    if argv[1:] == ["--check"]:
        names = stale()
        if names:
            print(f"docs/schema/ is stale ({', '.join(names)}): run python -m server.protocol.schema_export")
            return 1
        return 0
    write()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
