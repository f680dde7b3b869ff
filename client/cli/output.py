"""Printing: Rich tables on a terminal, plain tab-separated lines otherwise, JSON with --json; incoming messages,
crisis resources and notices in one compact form each. Every line is flushed at once (tests read pipes)."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from client.haven import HavenClient
from client.messages import CrisisNotice, IncomingMessage


def line(text: str = "", *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def emit_json(value: Any) -> None:
    line(json.dumps(value, ensure_ascii=False, sort_keys=True))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, as_json: bool, empty: str = "none") -> None:
    """A listing: JSON array of objects, a Rich table on a terminal, tab-separated lines otherwise."""
    if as_json:
        emit_json([dict(zip(columns, row, strict=True)) for row in rows])
        return
    if not is_terminal():
        for row in rows:
            line("\t".join("" if v is None else str(v) for v in row))
        return
    if not rows:
        line(f"({empty})")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    view = Table(*columns, show_lines=False)
    for row in rows:
        view.add_row(*(Text("" if v is None else str(v)) for v in row))
    Console().print(view)


def fields(pairs: Sequence[tuple[str, Any]], *, as_json: bool) -> None:
    """One record: "key  value" lines, or a JSON object."""
    if as_json:
        emit_json(dict(pairs))
        return
    width = max((len(k) for k, _ in pairs), default=0)
    for key, value in pairs:
        line(f"{key.ljust(width)}  {'' if value is None else value}")


def short(account: str | None) -> str:
    return (account or "?")[:8]


def clock(ms: int) -> str:
    return time.strftime("%H:%M:%S", time.localtime(ms / 1000))


def stamp(ms: int | None) -> str:
    return "" if ms is None else time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(ms / 1000))


def sender_name(client: HavenClient, message: IncomingMessage) -> str:
    if message.sender == client.account_id:
        return f"you ({short(message.sender)})"
    if message.group_id:
        pseudonym = client.groups.pseudonyms(message.group_id).get(message.sender)
        if pseudonym:
            return f"{pseudonym} ({short(message.sender)})"
    return short(message.sender)


def show_message(client: HavenClient, message: IncomingMessage, *, as_json: bool, compact: bool = False) -> None:
    where = message.session_id if message.kind == "session" else message.group_id
    if as_json:
        emit_json({
            "type": "message", "kind": message.kind, "group": message.group_id, "session": message.session_id,
            "conversation": message.conversation, "seq": message.seq, "sender": message.sender,
            "pseudonym": client.groups.pseudonyms(message.group_id).get(message.sender) if message.group_id else None,
            "time": message.server_time_ms, "text": message.text,
            "tier": message.verdict.tier if message.verdict is not None else 0,
        })
        return
    prefix = "" if compact else f"{message.kind} {where} "
    line(f"[{clock(message.server_time_ms)}] {prefix}{sender_name(client, message)}: {message.text}")


_SHOWN_RESOURCES: set[str] = set()


def show_crisis(notice: CrisisNotice, *, as_json: bool) -> None:
    """Crisis resources for whoever wrote or read crisis language — in full the first time in a command."""
    resources = notice.resources
    if as_json:
        emit_json({
            "type": "crisis", "tier": notice.tier, "categories": sorted(notice.categories),
            "language": notice.language, "conversation": notice.conversation, "alert": notice.alert_id,
            "resources": [
                {"name": r.name, "phone": r.phone, "url": r.url, "hours": r.hours, "note": r.note,
                 "verified": r.verified, "country": r.country}
                for r in resources
            ],
        })
        return
    key = notice.language
    if key in _SHOWN_RESOURCES:
        line(f"! crisis language (tier {notice.tier}) — the resources above still apply")
        return
    _SHOWN_RESOURCES.add(key)
    line(f"! crisis language (tier {notice.tier}). You are not alone; help is available now:")
    for resource in resources:
        contact = " / ".join(c for c in (resource.phone, resource.url) if c) or "in this app"
        extra = f" ({resource.hours})" if resource.hours else ""
        unverified = "" if resource.verified else " [not verified]"
        note = f" — {resource.note}" if resource.note else ""
        line(f"!   {resource.name}: {contact}{extra}{unverified}{note}")


def show_notice(event: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        emit_json({"type": "notice", **event})
        return
    kind = str(event.get("event", "notice"))
    rest = " ".join(f"{k}={v}" for k, v in sorted(event.items()) if k not in ("event", "type"))
    line(f"* {kind} {rest}".rstrip())


async def drain(client: HavenClient, *, as_json: bool = False) -> int:
    """Print what already arrived (crisis notices, then messages); returns the number of messages."""
    while True:
        try:
            show_crisis(await client.next_crisis(_POLL), as_json=as_json)
        except TimeoutError:
            break
    count = 0
    while True:
        try:
            show_message(client, await client.next_message(_POLL), as_json=as_json)
        except TimeoutError:
            return count
        count += 1


# asyncio.wait_for(..., 0) never returns a queued item: poll with a tiny timeout instead.
_POLL = 0.01
