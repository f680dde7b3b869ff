"""What the relay hands to fan-out: messages once they are durable, and events about the product's state."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Delivery:
    conversation: str
    seq: int
    sender: str
    recipients: tuple[str, ...]
    # The deliver frame, encoded once and shared by every recipient's connection.
    frame: str


@dataclass(frozen=True, slots=True)
class Event:
    """A notice to some accounts' live connections (a membership change, a queue offer, a tier-4 alert).

    Events are hints, never the truth: a client that was offline learns the same from the HTTP API when it
    connects, so losing one (Redis down, no connection) loses nothing."""

    recipients: tuple[str, ...]
    # The encoded `event` frame, shared by every recipient's connection.
    frame: str
