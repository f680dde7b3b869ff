"""Bodies of the crisis-alert endpoints. Everything a member sends is a code, an id, a number or sealed bytes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from server.statuses import AlertStatus
from wire.b64 import decoder, serializer
from wire.frames import AccountId, ConversationId, Seq

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
    subject: AccountId | None = Field(
        None,
        description="Ignored (a claim of protocol v1 clients, never stored or compared): the subject is the sender "
        "the relay's franking tag names, established when a moderator verifies the report.",
    )
    language: Language = Field(description="not stored; the client passes it again when a moderator escalates")
    sealed: Sealed = Field(description="crypto.sealed message, domain 'alert', to every current moderator")


class AlertCreated(BaseModel):
    """The same answer whether this report started the alert or joined one: whether anyone else already reported
    the message, or how many did, is not the reporter's to learn (an informer would learn who sought help)."""

    alert_id: str


class AlertOut(BaseModel):
    alert_id: str
    tier: int
    status: AlertStatus
    source: str
    conversation: str
    seq: Seq
    reports: int
    created_at: int
    updated_at: int
    claimed_by: str | None
    verified: bool | None


class ReportOut(BaseModel):
    """One report as it came: its content is never replaced by a later one."""

    report_id: str
    tier: int = Field(description="the reporter's claim; counts for the alert only once this report verified")
    source: str
    verified: bool | None = Field(description="null until the claimer checked it")
    created_at: int
    sealed: Sealed = Field(description="crypto.sealed message (domain alert): the alert packet, to the moderators")


class AlertDetail(AlertOut):
    subject: str | None = Field(
        description="the sender of the message, as the relay's franking tag established it when a moderator "
        "verified a report; null until then, or once that member deleted their identity"
    )
    sealed_reports: list[ReportOut] = Field(description="every report of this message, oldest first")


class LocalCheck(StrEnum):
    """What the moderator's device found when it opened the sealed report (the server cannot open it)."""

    # The plaintext opens the commitment and the report is about this alert's conversation, seq and message.
    PASSED = "passed"
    # It does not: the alert is recorded as unverified without asking the server about any tag.
    FAILED = "failed"


class VerifyRequest(_Body):
    """`passed` carries exactly what the relay's v2 tag covers besides this alert's conversation and seq (which
    the server takes from the alert, never from the body); `failed` carries nothing else."""

    # Bodies are strict (no 0 for a bool), but a JSON string is the only form an enum can arrive in: lax here alone.
    local_check: LocalCheck = Field(strict=False)
    report: AlertId = Field(description="the id of the alert's report the moderator checked (its content is fixed)")
    sender: AccountId | None = Field(None, description="the sender the report names; confirmed only by the tag")
    commitment: Digest | None = None
    ciphertext_hash: Digest | None = None
    server_time: Annotated[int, Field(ge=0, lt=2**63)] | None = None
    franking_tag: Digest | None = None

    @model_validator(mode="after")
    def _fields_match_the_check(self) -> Self:
        given = [
            f
            for f in ("sender", "commitment", "ciphertext_hash", "server_time", "franking_tag")
            if getattr(self, f) is not None
        ]
        if self.local_check is LocalCheck.PASSED and len(given) != 5:
            raise ValueError("local_check passed needs sender, commitment, ciphertext_hash, server_time, franking_tag")
        if self.local_check is LocalCheck.FAILED and given:
            raise ValueError("local_check failed carries no report fields")
        return self


class VerifyOut(BaseModel):
    verified: bool = Field(description="this report's outcome")
    subject: str | None = Field(
        description="the sender this report's relay tag names, when it verified and that member is still registered"
    )


class EscalateRequest(_Body):
    language: Language


class EscalateOut(BaseModel):
    alert_id: str
    request_id: str


class DismissRequest(_Body):
    reason: DismissReason
