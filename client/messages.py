"""What the SDK hands the application: messages received and sent, and crisis notices for the writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from moderation import Verdict
from moderation.resources import Resource

ConversationKind = Literal["group", "direct", "session"]


@dataclass(frozen=True, slots=True)
class CrisisNotice:
    """Shown to whoever wrote or read crisis language: resources at once, whatever happens to the alert."""

    conversation: str
    tier: int
    categories: frozenset[str]
    language: str
    resources: tuple[Resource, ...]
    # The id of the alert raised for moderators, when the tier reached the deployment's threshold.
    alert_id: str | None = None


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    conversation: str
    seq: int
    sender: str
    text: str
    message_id: bytes
    server_time_ms: int
    kind: ConversationKind
    group_id: str | None = None
    session_id: str | None = None
    verdict: Verdict | None = field(default=None, repr=False)

    def __repr__(self) -> str:  # never the text: reprs end up in logs and tracebacks
        return f"IncomingMessage(conversation={self.conversation}, seq={self.seq}, sender={self.sender})"


@dataclass(frozen=True, slots=True)
class SentMessage:
    conversation: str
    seq: int
    message_id: bytes
    server_time_ms: int
    crisis: CrisisNotice | None = None
