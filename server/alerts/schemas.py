"""Bodies of the crisis-alert endpoints. Everything a member sends is a code, an id, a number or sealed bytes."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from server.protocol.b64 import decoder, serializer
from server.protocol.frames import AccountId, ConversationId, Seq

# crypto.sealed caps the plaintext at 64 KiB; the sealed wire adds a header and one entry per moderator, but the
# alert content itself is at most 16 KiB (moderation.alert.MAX_ALERT_BYTES), so 64 KiB of sealed bytes is ample.
MAX_SEALED_BYTES = 64 * 1024

AlertId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
Tier = Annotated[int, Field(ge=1, le=4)]
# ISO 639-1/639-3 code, or "und" when the client could not tell.
Language = Annotated[str, StringConstraints(pattern=r"^([a-z]{2,3}|und)$")]
Sealed = Annotated[bytes, decoder(maximum=MAX_SEALED_BYTES), serializer]
Digest = Annotated[bytes, decoder(exact=32), serializer]
Status = Literal["open", "claimed", "escalated", "dismissed", "resolved"]
Source = Literal["automatic", "manual"]
DismissReason = Literal["false_positive", "idiom", "quoted", "fiction", "duplicate", "other"]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


class AlertCreate(_Body):
    conversation: ConversationId
    seq: Annotated[int, Field(ge=1, lt=2**63)]
    tier: Tier
    source: Source
    subject: AccountId = Field(description="the account whose message it is")
    language: Language = Field(description="not stored; the client passes it again when a moderator escalates")
    sealed: Sealed = Field(description="crypto.sealed message, domain 'alert', to every current moderator")


class AlertCreated(BaseModel):
    alert_id: str
    duplicate: bool


class AlertOut(BaseModel):
    alert_id: str
    tier: int
    status: str
    source: str
    conversation: str
    seq: Seq
    reports: int
    created_at: int
    updated_at: int
    claimed_by: str | None
    verified: bool | None


class AlertDetail(AlertOut):
    subject: str | None = Field(description="null once that member deleted their identity")
    sealed: Sealed | None


class VerifyRequest(_Body):
    commitment: Digest
    ciphertext_hash: Digest
    server_time: Annotated[int, Field(ge=0, lt=2**63)]
    franking_tag: Digest


class VerifyOut(BaseModel):
    verified: bool


class EscalateRequest(_Body):
    language: Language


class EscalateOut(BaseModel):
    alert_id: str
    request_id: str


class DismissRequest(_Body):
    reason: DismissReason
