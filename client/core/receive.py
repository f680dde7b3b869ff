"""The order of what follows one delivery: the keys it advanced and its position are saved together, BEFORE the
server is told it was consumed — a crash between the two then means a redelivery (dropped by position), never a
lost message nor a lost key (docs/protocol.md §4, at-least-once delivery)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

_M = TypeVar("_M")


@dataclass(frozen=True, slots=True)
class SaveState:
    """Write the state file (positions included)."""


@dataclass(frozen=True, slots=True)
class Deliver(Generic[_M]):
    """Hand a message to the application."""

    message: _M


@dataclass(frozen=True, slots=True)
class Ack:
    """Tell the server everything up to `seq` in `conversation` is consumed."""

    conversation: str
    seq: int


def consume(
    positions: dict[str, int], conversation: str, seq: int, messages: Sequence[_M]
) -> list[SaveState | Deliver[_M] | Ack]:
    """Advance `positions` for a processed delivery and return what the adapter must do, in order."""
    positions[conversation] = seq
    return [SaveState(), *(Deliver(m) for m in messages), Ack(conversation, seq)]
