"""Telling accounts' live connections that something changed, on whichever process holds them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from server.conversations.delivery import Event
from server.runtime import Runtime
from wire.frames import event_frame


def notify(runtime: Runtime, recipients: Iterable[str], event: str, **fields: Any) -> None:
    """Push an `event` frame. Call it after the change committed: an event announces a fact, never a plan.

    Fields must be ids, codes and numbers — an event is plaintext on the wire and in Redis."""
    accounts = tuple(dict.fromkeys(recipients))
    if accounts:
        runtime.relay.publish_event(Event(accounts, event_frame(event, fields)))
