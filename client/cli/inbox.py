"""haven inbox: connect, print what arrives — in time order — until --count messages, --wait seconds, or (with
--follow) Ctrl-C; save, exit."""

from __future__ import annotations

import time

import typer

from client.cli.core import CliError, opened, options, run
from client.cli.listen import Listener, client_sources
from client.cli.output import line, show_crisis, show_message, show_notice
from client.haven import HavenClient
from client.messages import IncomingMessage

# Messages that arrive together (what waited on the server is replayed conversation by conversation) are
# printed once they stop coming for SETTLE seconds, sorted by the server's time, so the inbox reads in order.
SETTLE = 0.3
# Never stop while messages are still coming: only after QUIET seconds with nothing new (this is what makes
# --wait 0 mean "what is waiting now": the backlog, however long it takes to decrypt, and then exit).
QUIET = 1.0
DEFAULT_WAIT = 5.0


async def receive(client: HavenClient, *, wait: float | None, count: int | None, as_json: bool) -> int:
    """`wait` None follows until interrupted."""
    start = time.monotonic()
    deadline = None if wait is None else start + wait
    last = start
    received = 0
    batch: list[IncomingMessage] = []

    def flush() -> None:
        nonlocal received
        for message in sorted(batch, key=lambda m: (m.server_time_ms, m.conversation, m.seq)):
            show_message(client, message, as_json=as_json)
            received += 1
        batch.clear()

    listener = Listener(client_sources(client))
    try:
        while count is None or received + len(batch) < count:
            now = time.monotonic()
            if deadline is not None and now >= deadline and now - last >= QUIET:
                break
            waits = [SETTLE] if batch else []
            if deadline is not None:
                waits.append(max(deadline - now, last + QUIET - now, 0.01))
            got = await listener.next(min(waits) if waits else None)
            if got is None:
                flush()
                continue
            last = time.monotonic()
            kind, value = got
            if kind == "message":
                batch.append(value)
            elif kind == "crisis":
                show_crisis(value, as_json=as_json)
            else:
                show_notice(value, as_json=as_json, me=client.account_id)
        flush()
    finally:
        await listener.close()
    return received


def inbox(
    ctx: typer.Context,
    wait: float | None = typer.Option(
        None,
        "--wait",
        min=0,
        help="Stop after this many seconds (default 5; and "
        "once nothing has arrived for a second). 0: what is waiting now, then exit.",
    ),
    count: int | None = typer.Option(None, "--count", min=1, help="Stop after this many messages."),
    follow: bool = typer.Option(False, "--follow", "-f", help="Keep printing until Ctrl-C (no --wait)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Receive: every message (in time order: kind, group/session, sender, text), crisis notice and notice."""
    if follow and wait is not None:
        raise CliError("--follow runs until Ctrl-C: give it without --wait")
    seconds = DEFAULT_WAIT if wait is None else wait

    async def go() -> None:
        async with opened(options(ctx), connect=True, as_json=as_json) as client:
            line("connected; following until Ctrl-C" if follow else f"connected; waiting up to {seconds:g}s", err=True)
            await receive(client, wait=None if follow else seconds, count=count, as_json=as_json)

    run(go())
