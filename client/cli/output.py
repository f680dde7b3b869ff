"""Printing: Rich tables on a terminal, plain tab-separated lines otherwise, JSON with --json; incoming messages,
crisis resources and notices in one compact form each. Every line is flushed at once (tests read pipes)."""

from __future__ import annotations

import json
import sys
import time
import unicodedata
from collections.abc import Sequence
from typing import Any

from client.haven import HavenClient
from client.messages import AlertRaised, CrisisNotice, IncomingMessage
from moderation import Audience
from wire.frames import (
    AlertEvent,
    EventFrame,
    JoinRequestedEvent,
    MembershipEvent,
    QueueEvent,
    SessionClosedEvent,
    SessionOpenedEvent,
    SessionTransferEvent,
    as_sent,
)


def line(text: str = "", *, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def emit_json(value: Any) -> None:
    line(json.dumps(value, ensure_ascii=False, sort_keys=True))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def display_width(text: str) -> int:
    """Terminal cells `text` takes: 0 for non-spacing marks and format characters, 2 for wide East Asian
    characters, 1 otherwise. Unlike Rich's cell_len, a Myanmar spacing vowel sign (category Mc, e.g. U+102C,
    U+1031) counts 1, because terminals draw it in a cell of its own; only the Mn signs (U+103A...) stack."""
    width = 0
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Mn", "Me", "Cf") or ch in "\u200b\u200c\u200d":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, as_json: bool, empty: str = "none") -> None:
    """A listing: JSON array of objects, aligned columns on a terminal, tab-separated lines otherwise.

    On a terminal the columns are aligned by display_width and NEVER truncated: an id is printed in full so
    it can be copied into the next command (a line wider than the terminal wraps). Rich's tables shorten
    cells to fit ("15043…") and measure Myanmar vowel signs as zero-width, so they are not used here.
    An empty listing says so, on stderr when the output is not a terminal (a script's stdout stays empty)."""
    if as_json:
        emit_json([dict(zip(columns, row, strict=True)) for row in rows])
        return
    if not rows:
        line(f"({empty})", err=not is_terminal())
        return
    cells = [["" if v is None else str(v).replace("\n", " ") for v in row] for row in rows]
    if not is_terminal():
        for row in cells:
            line("\t".join(row))
        return
    widths = [max(display_width(c) for c in column) for column in zip(columns, *cells, strict=True)]
    for row in [list(columns), ["-" * w for w in widths], *cells]:
        line("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())


def fields(pairs: Sequence[tuple[str, Any]], *, as_json: bool) -> None:
    """One record: "key  value" lines, or a JSON object."""
    if as_json:
        emit_json(dict(pairs))
        return
    width = max((display_width(k) for k, _ in pairs), default=0)
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
        emit_json(
            {
                "type": "message",
                "kind": message.kind,
                "group": message.group_id,
                "session": message.session_id,
                "conversation": message.conversation,
                "seq": message.seq,
                "sender": message.sender,
                "pseudonym": client.groups.pseudonyms(message.group_id).get(message.sender)
                if message.group_id
                else None,
                "time": message.server_time_ms,
                "text": message.text,
                "tier": message.verdict.tier if message.verdict is not None else 0,
            }
        )
        return
    prefix = "" if compact else f"{message.kind} {where} "
    line(f"[{clock(message.server_time_ms)}] {prefix}{sender_name(client, message)}: {message.text}")


_SHOWN_RESOURCES: set[tuple[str, Audience]] = set()


def show_crisis(notice: CrisisNotice, *, as_json: bool) -> None:
    """Crisis resources for whoever wrote or read crisis language — in full the first time in a command."""
    resources = notice.resources
    if as_json:
        emit_json(
            {
                "type": "crisis",
                "tier": notice.tier,
                "categories": sorted(notice.categories),
                "language": notice.language,
                "conversation": notice.conversation,
                "alert": notice.alert_id,
                "resources": [
                    {
                        "name": r.name,
                        "phone": r.phone,
                        "url": r.url,
                        "hours": r.hours,
                        "note": r.note,
                        "verified": r.verified,
                        "country": r.country,
                    }
                    for r in resources
                ],
            }
        )
        return
    if notice.tier == 0:
        # A member's own report of a message in which detection found nothing: not crisis language, and the
        # person who reported is told so by the command itself ("reported ... to the moderators").
        return
    words = notice.text
    key = (notice.language, notice.audience)
    if key in _SHOWN_RESOURCES:
        if notice.audience is Audience.WRITER:
            line(f"! crisis language (tier {notice.tier}) — the help listed above is there for you now too")
        else:
            line(f"! crisis language (tier {notice.tier}) from someone else — {words.lines[-1]}")
        return
    _SHOWN_RESOURCES.add(key)
    # The writer is told they are not alone; a reader of someone else's message is told how to help and whether the
    # moderators were told (moderation/data/notices.toml), never the writer's words.
    line(f"! crisis language (tier {notice.tier}). {words.headline}")
    for extra in words.lines:
        line(f"!   {extra}")
    if notice.audience is Audience.READER:
        line("!   where help is:")
    for resource in resources:
        contact = " / ".join(c for c in (resource.phone, resource.url) if c) or "in this app"
        extra = f" ({resource.hours})" if resource.hours else ""
        unverified = "" if resource.verified else " [not verified]"
        note = f" — {resource.note}" if resource.note else ""
        line(f"!   {resource.name}: {contact}{extra}{unverified}{note}")


def _notice_fields(event: EventFrame | AlertRaised) -> dict[str, Any]:
    if isinstance(event, AlertRaised):
        return {"event": event.event, "conversation": event.conversation, "seq": event.seq, "alert": event.alert}
    return as_sent(event)


def notice_text(event: EventFrame | AlertRaised, me: str | None = None) -> str:
    """One line a person understands for an `event` frame (docs/protocol.md §3.3) or a notice from the client
    itself, ids in full."""
    if isinstance(event, AlertRaised):
        return f"the alert for message {event.seq} in {event.conversation} reached the moderators ({event.alert})"
    if isinstance(event, SessionTransferEvent):
        session, counselor, mode = event.session, event.counselor, event.mode
        if counselor is None:
            return f"your counselor in session {session} left Haven; the session waits for another counselor"
        if mode == "complete":
            return f"session {session} is now with counselor {counselor} (the transfer completed)"
        if mode == "cancel":
            return f"the transfer of session {session} was called off; the counselor stays the same"
        how = (
            "warm: both counselors are with you until the handover completes"
            if mode == "warm"
            else "cold: the new counselor takes over now"
        )
        if me is not None and counselor == me:
            return f"session {session} is being transferred to you ({how})"
        return f"session {session} is being transferred to another counselor, {counselor} ({how})"
    if isinstance(event, SessionClosedEvent):
        return f"session {event.session} was closed; what was said in it is gone from the server"
    if isinstance(event, SessionOpenedEvent):
        session = event.session
        return f"a counselor ({event.counselor}) opened session {session} with you: haven help send {session} -"
    if isinstance(event, MembershipEvent):
        you = " (you)" if me is not None and event.account == me else ""
        return f"group {event.group}: {event.account}{you} {event.change}"
    if isinstance(event, JoinRequestedEvent):
        return f"group {event.group}: someone asked to join (haven group pending {event.group})"
    if isinstance(event, QueueEvent):
        return f"{event.waiting} request(s) waiting for a counselor (haven counselor queue)"
    if isinstance(event, AlertEvent):
        # Every alert from the threshold up is pushed (docs/alerts.md); only tier 4 is called urgent.
        urgency = "urgent: " if event.tier == 4 else ""
        return f"{urgency}tier {event.tier} alert {event.alert_id} (haven moderator show {event.alert_id})"
    rest = " ".join(f"{k}={v}" for k, v in sorted(_notice_fields(event).items()) if k not in ("event", "type"))
    return f"{event.event} {rest}".rstrip()


def show_notice(event: EventFrame | AlertRaised, *, as_json: bool, me: str | None = None) -> None:
    if as_json:
        emit_json({"type": "notice", **_notice_fields(event)})
        return
    line(f"* {notice_text(event, me)}")


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
