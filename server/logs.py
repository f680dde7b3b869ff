"""Structured logging that never carries content, addresses or agents, and ids only at DEBUG.

Every record is one JSON object. Below DEBUG (INFO, the production level, and up) no record carries an account,
group, conversation, session or alert id: a log of who did what when is an online timeline a seized server
would hand over, so what happens per person is counted in `server/metrics.py` instead. The formatter enforces
it (`ID_FIELDS` are dropped from any record above DEBUG), so a call site that forgets cannot leak one.

Uvicorn's access log is off and its own chatter is held at WARNING, because at
INFO it prints each websocket peer's address ("127.0.0.1:53012 - WebSocket /v1/ws [accepted]").
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

# Only these extra fields reach the output: each is an id, a count, a code or a duration, never a payload.
ALLOWED_FIELDS = frozenset(
    {
        "event",
        "account",
        "conversation",
        "seq",
        "count",
        "code",
        "frames",
        "duration_ms",
        "port",
        "engine",
        "relay",
        "deleted",
        "batch",
        "reason",
        "pid",
    }
)


# Extra fields that name a person or their conversations: written only for DEBUG records.
ID_FIELDS = frozenset({"account", "conversation", "group", "session", "alert"})


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage() if record.name.startswith("haven") else record.msg,
        }
        debug = record.levelno <= logging.DEBUG
        for name in ALLOWED_FIELDS:
            if name in record.__dict__ and (debug or name not in ID_FIELDS):
                entry[name] = record.__dict__[name]
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: an exception message may quote a frame the client sent.
            entry["exc_type"] = record.exc_info[0].__name__
        return json.dumps(entry, separators=(",", ":"), default=str)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("haven").setLevel(level)
    for name in ("uvicorn", "uvicorn.error", "websockets", "sqlalchemy", "aiosqlite", "asyncio"):
        quiet = logging.getLogger(name)
        quiet.handlers[:] = []
        quiet.propagate = True
        quiet.setLevel(logging.WARNING)
    access = logging.getLogger("uvicorn.access")
    access.handlers[:] = []
    access.propagate = False
    access.disabled = True


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(f"haven.{name}")


def monotonic_ms() -> float:
    return time.monotonic() * 1000.0
