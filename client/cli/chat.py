"""haven group chat: incoming messages printed as they arrive while stdin lines are sent; EOF or /quit ends it."""

from __future__ import annotations

import asyncio

from client.api import admin as admin_api
from client.api.groups import GroupInfo
from client.cli.listen import Listener, client_sources, stdin_lines
from client.cli.output import line, short, show_crisis, show_message, show_notice
from client.errors import HavenClientError
from client.haven import HavenClient
from client.messages import IncomingMessage
from crypto.fingerprints import format_safety_number, safety_number

HELP = ("type a message and press Enter; /members, /safety ACCOUNT, /report [N] (the last, or N-th last, message "
        "received: sealed to the moderators), /quit (or end of input)")
RECENT_KEPT = 20


async def chat_loop(client: HavenClient, group: str) -> None:
    info = await client.groups.info(group)
    if info.status != "active":
        raise HavenClientError("not_member", "you are not an active member of this group yet")
    me = client.groups.pseudonyms(group).get(client.account_id, short(client.account_id))
    line(f"chatting in {group} as {me} — {HELP}")
    listener = Listener({**client_sources(client), "line": stdin_lines()})
    recent: list[IncomingMessage] = []
    try:
        while True:
            got = await listener.next(None)
            assert got is not None
            kind, value = got
            if kind == "line":
                if value is None or not await _typed(client, group, value, recent):
                    return
            elif kind == "message":
                recent = [*recent, value][-RECENT_KEPT:]
                show_message(client, value, as_json=False, compact=value.group_id == group and value.kind == "group")
            elif kind == "crisis":
                show_crisis(value, as_json=False)
            elif value.get("event") == "membership" and value.get("group") == group:
                show_notice(value, as_json=False)
    finally:
        await listener.close()


async def _typed(client: HavenClient, group: str, text: str, recent: list[IncomingMessage]) -> bool:
    """Handle one typed line; False to end the chat."""
    if not text.strip():
        return True
    if text.startswith("/"):
        command, _, argument = text.partition(" ")
        if command == "/quit":
            return False
        if command == "/members":
            _members(client, await client.groups.info(group))
        elif command == "/safety" and argument.strip():
            await _safety(client, group, argument.strip())
        elif command == "/report":
            await _report(client, recent, argument.strip())
        else:
            line(HELP)
        return True
    try:
        # A crisis notice for what was sent arrives on next_crisis(), which the chat loop prints.
        await client.groups.send(group, text)
    except HavenClientError as exc:  # stay in the chat: one line, and carry on
        line(f"error: {exc.code}: {exc.message}", err=True)
    return True


async def _report(client: HavenClient, recent: list[IncomingMessage], which: str) -> None:
    """A member's own report of a message it received, sealed to the moderators like an automatic alert."""
    back = int(which) if which.isdigit() and int(which) > 0 else 1
    if back > len(recent):
        line("error: not_reportable: no such recent message", err=True)
        return
    message = recent[-back]
    try:
        notice = await client.report(message)
    except HavenClientError as exc:
        line(f"error: {exc.code}: {exc.message}", err=True)
        return
    alert = notice.alert_id if notice is not None else None
    suffix = f" (alert {alert})" if alert else ""
    line(f"reported the message from {short(message.sender)} to the moderators{suffix}")


def _members(client: HavenClient, info: GroupInfo) -> None:
    for member in info.members:
        you = " (you)" if member.account_id == client.account_id else ""
        line(f"  {member.pseudonym} {member.account_id} {member.group_role}{you}")


def _resolve(client: HavenClient, group: str, who: str) -> str:
    """An account id, a unique prefix of one, or a pseudonym, among the group's members."""
    names = client.groups.pseudonyms(group)
    found = [a for a, p in names.items() if a.startswith(who) or p == who]
    if len(found) != 1:
        raise HavenClientError("unknown_member", f"no single member matches {who!r}")
    return found[0]


async def _safety(client: HavenClient, group: str, who: str) -> None:
    try:
        account = _resolve(client, group, who)
        peer = await admin_api.identity_public(client.api, account)
    except HavenClientError as exc:
        line(f"error: {exc.code}: {exc.message}", err=True)
        return
    number = await asyncio.to_thread(safety_number, client.state.identity.public(), peer)
    name = client.groups.pseudonyms(group).get(account, short(account))
    line(f"safety number with {name} ({short(account)}): {format_safety_number(number)}")
