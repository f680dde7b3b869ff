"""haven group chat: incoming messages printed as they arrive while stdin lines are sent; EOF or /quit ends it."""

from __future__ import annotations

import asyncio

import httpx
import websockets

from client.api import admin as admin_api
from client.api.groups import GroupInfo
from client.cli.errors import humane
from client.cli.listen import Listener, client_sources, stdin_lines
from client.cli.output import line, short, show_crisis, show_message, show_notice
from client.errors import HavenClientError
from client.haven import HavenClient
from client.messages import IncomingMessage
from crypto.fingerprints import format_safety_number, safety_number
from wire.frames import MembershipEvent

HELP = (
    "type a message and press Enter; /members, /safety ACCOUNT, /report [N] (the last, or N-th last, message "
    "received: sealed to the moderators), /quit (or end of input)"
)
RECENT_KEPT = 20


# What a dropped connection looks like from here: the HTTP API unreachable, or the websocket gone.
NETWORK_ERRORS = (httpx.HTTPError, OSError, TimeoutError, websockets.WebSocketException)
LOST = "! connection lost — reconnecting; what you type is kept and sent once the connection is back"
BACK = "! reconnected"
RETRY_MAX = 2.0


class Link:
    """Tells the person when the connection drops and when it is back — once each way."""

    def __init__(self, client: HavenClient) -> None:
        self._client = client
        self.down = False
        self.sending = False  # a line is being sent (or retried) now

    def lost(self) -> None:
        if not self.down:
            self.down = True
            line(LOST)

    def back(self) -> None:
        if self.down:
            self.down = False
            line(BACK)

    def _socket_up(self) -> bool:
        relay = self._client.relay
        # ReliableRelay reconnects and resumes by itself; its `_connected` event is what says it is up now.
        return relay is not None and relay._connected.is_set()

    async def watch(self) -> None:
        while True:
            if not self._socket_up():
                self.lost()
            elif self.down and not self.sending:
                self.back()
            await asyncio.sleep(0.2)


async def chat_loop(client: HavenClient, group: str) -> None:
    info = await client.groups.info(group)
    if info.status != "active":
        raise HavenClientError("not_member", "you are not an active member of this group yet")
    me = client.groups.pseudonyms(group).get(client.account_id, short(client.account_id))
    line(f"chatting in {group} as {me} — {HELP}")
    link = Link(client)
    # Lines are sent one after another from this queue: a line typed while the connection is down waits here
    # (in order) and goes once it is back — one send, one client id, which the relay deduplicates on a retry.
    outbox: asyncio.Queue[str] = asyncio.Queue()
    helpers = [asyncio.create_task(link.watch()), asyncio.create_task(_sender(client, group, outbox, link))]
    listener = Listener({**client_sources(client), "line": stdin_lines()})
    recent: list[IncomingMessage] = []
    try:
        while True:
            got = await listener.next(None)
            assert got is not None
            kind, value = got
            if kind == "line":
                if value is None or not await _typed(client, group, value, recent, outbox, link):
                    break
            elif kind == "message":
                recent = [*recent, value][-RECENT_KEPT:]
                show_message(client, value, as_json=False, compact=value.group_id == group and value.kind == "group")
            elif kind == "crisis":
                show_crisis(value, as_json=False)
            elif isinstance(value, MembershipEvent) and value.group == group:
                show_notice(value, as_json=False, me=client.account_id)
        waiting = outbox.qsize() + int(link.sending)
        if waiting:
            line(f"sending the {waiting} message(s) still waiting before leaving (Ctrl-C gives up on them)")
        await outbox.join()
    finally:
        for task in helpers:
            task.cancel()
        await asyncio.gather(*helpers, return_exceptions=True)
        await listener.close()


async def _sender(client: HavenClient, group: str, outbox: asyncio.Queue[str], link: Link) -> None:
    while True:
        text = await outbox.get()
        link.sending = True
        try:
            await _deliver(client, group, text, link)
        finally:
            link.sending = False
            outbox.task_done()


async def _deliver(client: HavenClient, group: str, text: str, link: Link) -> None:
    """Send one typed line, waiting out a dropped connection. Retrying is safe: a failure before the relay
    accepted it happened before anything was encrypted (the membership read), and the relay link itself resends
    the same client id until the server accepts it, so the line is sent exactly once."""
    delay = 0.25
    while True:
        try:
            # A crisis notice for what was sent arrives on next_crisis(), which the chat loop prints.
            await client.groups.send(group, text)
        except HavenClientError as exc:  # refused: say so in one line, and carry on chatting
            line(f"error: {exc.code}: {humane(exc.code, exc.message)}", err=True)
            return
        except NETWORK_ERRORS:
            link.lost()
            await asyncio.sleep(delay)
            delay = min(delay * 2, RETRY_MAX)
            continue
        link.back()
        return


async def _typed(
    client: HavenClient, group: str, text: str, recent: list[IncomingMessage], outbox: asyncio.Queue[str], link: Link
) -> bool:
    """Handle one typed line; False to end the chat."""
    if not text.strip():
        return True
    if not text.startswith("/"):
        if link.down:
            line("  (not connected: kept, and sent once the connection is back)")
        outbox.put_nowait(text)
        return True
    command, _, argument = text.partition(" ")
    if command == "/quit":
        return False
    try:
        if command == "/members":
            _members(client, await client.groups.info(group))
        elif command == "/safety" and argument.strip():
            await _safety(client, group, argument.strip())
        elif command == "/report":
            await _report(client, recent, argument.strip())
        else:
            line(HELP)
    except NETWORK_ERRORS:
        link.lost()
        line(
            f"error: {command} needs the server, which cannot be reached right now; try again once reconnected",
            err=True,
        )
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
        line(f"error: {exc.code}: {humane(exc.code, exc.message)}", err=True)
        return
    alert = notice.alert_id if notice is not None else None
    suffix = f" (alert {alert})" if alert else ""
    who = client.groups.pseudonyms(message.group_id).get(message.sender) if message.group_id else None
    line(f"reported the message from {who or message.sender} to the moderators{suffix}")


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
    line(f"safety number with {name} ({account}): {format_safety_number(number)}")
