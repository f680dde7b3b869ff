"""haven inbox: connect, print what arrives until --count messages or --wait seconds, save, exit."""

from __future__ import annotations

import time

import typer

from client.cli.core import opened, options, run
from client.cli.listen import Listener, client_sources
from client.cli.output import line, show_crisis, show_message, show_notice
from client.haven import HavenClient


async def receive(client: HavenClient, *, wait: float, count: int | None, as_json: bool) -> int:
    deadline = time.monotonic() + wait
    received = 0
    listener = Listener(client_sources(client))
    try:
        while count is None or received < count:
            remaining = deadline - time.monotonic()
            got = await listener.next(remaining) if remaining > 0 else None
            if got is None:
                break
            kind, value = got
            if kind == "message":
                show_message(client, value, as_json=as_json)
                received += 1
            elif kind == "crisis":
                show_crisis(value, as_json=as_json)
            else:
                show_notice(value, as_json=as_json)
    finally:
        await listener.close()
    return received


def inbox(
    ctx: typer.Context,
    wait: float = typer.Option(5.0, "--wait", min=0, help="Stop after this many seconds."),
    count: int | None = typer.Option(None, "--count", min=1, help="Stop after this many messages."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per line."),
) -> None:
    """Receive: print every message (kind, group/session, sender, text), crisis notice and notice that arrives."""

    async def go() -> None:
        async with opened(options(ctx), connect=True, as_json=as_json) as client:
            line(f"connected; waiting up to {wait:g}s", err=True)
            await receive(client, wait=wait, count=count, as_json=as_json)

    run(go())
