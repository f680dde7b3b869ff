"""Crisis alerts: a member's client raises one (content sealed to the moderators), moderators work it through
claim, verify, escalate, dismiss and resolve. See docs/alerts.md."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.api.transport import HavenAPI, b64, unb64
from crypto.franking import FrankingReport

TIERS = (1, 2, 3, 4)
SOURCES = ("automatic", "manual")
STATUSES = ("open", "claimed", "escalated", "dismissed", "resolved")
DISMISS_REASONS = ("false_positive", "idiom", "quoted", "fiction", "duplicate", "other")


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    # The same answer whether this report started the alert or joined one already there.
    alert_id: str


@dataclass(frozen=True, slots=True)
class AlertSummary:
    alert_id: str
    tier: int
    status: str
    source: str
    conversation: str
    seq: int
    reports: int
    created_at_ms: int
    updated_at_ms: int
    claimed_by: str | None
    # True once any of its reports verified, False when reports were checked and none did, None before. Only a
    # verified alert can be escalated.
    verified: bool | None


@dataclass(frozen=True, slots=True)
class SealedReport:
    """One report of the alert's message, as it came: no later report replaces it."""

    report_id: str
    # The reporter's claim; it counts for the alert only once this report verified.
    tier: int
    source: str
    verified: bool | None
    created_at_ms: int
    # crypto.sealed wire bytes (domain "alert", version 2, or 1 if stored before); open with crypto.sealed.open_sealed,
    # which returns who sealed it (from the signature inside a version-2 message).
    sealed: bytes


@dataclass(frozen=True, slots=True)
class AlertDetail:
    summary: AlertSummary
    # The sender the relay's franking tag named when a moderator verified a report; None until then, or once
    # that member deleted their identity. Never the reporter's claim.
    subject: str | None
    # Oldest first.
    reports: tuple[SealedReport, ...]


@dataclass(frozen=True, slots=True)
class Verification:
    verified: bool
    # The sender the tag names (None when not verified, or when that identity no longer exists).
    subject: str | None


@dataclass(frozen=True, slots=True)
class Escalation:
    alert_id: str
    request_id: str


def _summary(row: dict[str, Any]) -> AlertSummary:
    return AlertSummary(
        str(row["alert_id"]),
        int(row["tier"]),
        str(row["status"]),
        str(row["source"]),
        str(row["conversation"]),
        int(row["seq"]),
        int(row["reports"]),
        int(row["created_at"]),
        int(row["updated_at"]),
        row["claimed_by"],
        row["verified"],
    )


async def raise_alert(
    api: HavenAPI,
    *,
    conversation: str,
    seq: int,
    tier: int,
    source: str,
    language: str,
    sealed: bytes,
) -> RaisedAlert:
    """Raise (or add this report to) the alert about message `seq` of `conversation`. Who sent it is not the
    reporter's to say: the server learns it from the relay's tag when a moderator verifies the sealed report."""
    body = await api.post(
        "/v1/alerts",
        {
            "conversation": conversation,
            "seq": seq,
            "tier": tier,
            "source": source,
            "language": language,
            "sealed": b64(sealed),
        },
    )
    return RaisedAlert(str(body["alert_id"]))


async def list_alerts(
    api: HavenAPI, *, status: str | None = None, min_tier: int | None = None, limit: int | None = None
) -> list[AlertSummary]:
    """Moderators: most severe first, then oldest first."""
    params: dict[str, Any] = {}
    if status is not None:
        params["status"] = status
    if min_tier is not None:
        params["min_tier"] = min_tier
    if limit is not None:
        params["limit"] = limit
    return [_summary(row) for row in await api.get_list("/v1/alerts", **params)]


async def get_alert(api: HavenAPI, alert_id: str) -> AlertDetail:
    row = await api.get(f"/v1/alerts/{alert_id}")
    reports = tuple(
        SealedReport(
            str(r["report_id"]),
            int(r["tier"]),
            str(r["source"]),
            r["verified"],
            int(r["created_at"]),
            unb64(r["sealed"]),
        )
        for r in row["sealed_reports"]
    )
    return AlertDetail(_summary(row), row["subject"], reports)


async def claim(api: HavenAPI, alert_id: str) -> AlertSummary:
    return _summary(await api.post(f"/v1/alerts/{alert_id}/claim"))


async def release(api: HavenAPI, alert_id: str) -> AlertSummary:
    return _summary(await api.post(f"/v1/alerts/{alert_id}/release"))


def build_verification(report_id: str, report: FrankingReport) -> dict[str, Any]:
    """The body of POST /v1/alerts/{id}/verify after the local check of report `report_id` passed: only what the
    server's tag covers besides the alert's own conversation and seq — never the plaintext or the franking key.
    Check `report.check_commitment()` and that the report is about the alert's conversation and seq locally
    first; the server cannot."""
    return {
        "local_check": "passed",
        "report": report_id,
        "sender": report.sender_account_id,
        "commitment": b64(report.commitment),
        "ciphertext_hash": b64(report.ciphertext_hash),
        "server_time": report.server_time,
        "franking_tag": b64(report.tag),
    }


def _verification(body: dict[str, Any]) -> Verification:
    subject = body.get("subject")
    return Verification(bool(body["verified"]), str(subject) if subject is not None else None)


async def verify(api: HavenAPI, alert_id: str, report_id: str, report: FrankingReport) -> Verification:
    """The server's answer to "did you relay this, from this sender, as this alert's message, at this time?" for
    one of the alert's reports; when it did, that sender becomes the alert's subject and the report's tier
    counts."""
    body = build_verification(report_id, report)
    return _verification(await api.post(f"/v1/alerts/{alert_id}/verify", body))


async def record_failed_check(api: HavenAPI, alert_id: str, report_id: str) -> Verification:
    """The moderator's device found report `report_id` unsound (the plaintext does not open the commitment, or it
    is about another message): recorded on that report; the alert stays verified if another report was."""
    body = {"local_check": "failed", "report": report_id}
    return _verification(await api.post(f"/v1/alerts/{alert_id}/verify", body))


async def escalate(api: HavenAPI, alert_id: str, language: str) -> Escalation:
    """Queue a priority counseling request for the alert's subject (`language`: the alert content's). Refused
    with `unverified` (409) unless a moderator verified the alert's franking report."""
    body = await api.post(f"/v1/alerts/{alert_id}/escalate", {"language": language})
    return Escalation(str(body["alert_id"]), str(body["request_id"]))


async def dismiss(api: HavenAPI, alert_id: str, reason: str) -> AlertSummary:
    return _summary(await api.post(f"/v1/alerts/{alert_id}/dismiss", {"reason": reason}))


async def resolve(api: HavenAPI, alert_id: str) -> AlertSummary:
    return _summary(await api.post(f"/v1/alerts/{alert_id}/resolve"))
