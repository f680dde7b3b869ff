"""What the relay hands to fan-out once a message is durable."""

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
