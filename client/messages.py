"""What the SDK hands the application: messages received and sent, and crisis notices for writers and readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from moderation import Audience, CrisisNoticeText, Verdict, crisis_notice
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
    # Who is shown this notice: the writer of the flagged message ("you are not alone") or someone reading another
    # person's flagged message (how to help, and whether the moderators were told) — never the same words to both.
    audience: Audience = Audience.WRITER
    # The alert is due but the server could not be reached: it is retried in the background, and an
    # AlertRaised notice says when it went. The message itself is never sent again for it.
    alert_pending: bool = False

    @property
    def text(self) -> CrisisNoticeText:
        return crisis_notice(
            self.language if self.language != "und" else "en", self.audience, alerted=self.alert_id is not None
        )


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


@dataclass(frozen=True, slots=True)
class AlertRaised:
    """A notice from the client itself, not the server: an alert an outage held up (CrisisNotice.alert_pending)
    has now been raised, for the message at (conversation, seq)."""

    conversation: str
    seq: int
    alert: str
    event: Literal["alert_raised"] = "alert_raised"
