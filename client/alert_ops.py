"""Crisis alerts in the SDK, for moderators: list, open (on this device: the server cannot), claim, verify the
franking proof (commitment here, relay tag by the server), escalate, dismiss, resolve.

Who sent a reported message is never taken from the report: the sender it names is a claim until the server's
tag confirms it (crypto/franking.py v2), and only then does the alert have a subject. An unverified alert cannot
be escalated."""

from __future__ import annotations

from dataclasses import dataclass

from client.alert_packet import AlertPacket, AlertPacketError
from client.api import alerts as alerts_api
from client.errors import HavenClientError
from client.port import Facade
from crypto.errors import CryptoError
from crypto.franking import FrankingReport
from crypto.sealed import DOMAIN_ALERT, open_sealed
from moderation.alert import AlertContent


@dataclass(frozen=True, slots=True)
class OpenedReport:
    """One of the alert's reports, opened on this device."""

    report_id: str
    # The reporter's claimed tier, and whether the server confirmed this report's tag (None: not checked yet).
    tier: int
    verified: bool | None
    # Who sealed it: the sender's own device, or a recipient's (or a member reporting by hand).
    raised_by: str
    content: AlertContent
    report: FrankingReport

    @property
    def claimed_sender(self) -> str:
        """Who the report says sent it: a claim until this report verified."""
        return self.report.sender_account_id


@dataclass(frozen=True, slots=True)
class OpenedAlert:
    summary: alerts_api.AlertSummary
    # The sender as the server's verification of a relay tag established it; None while unverified.
    subject: str | None
    # The reports sealed to this moderator that parse, oldest first (never empty).
    reports: tuple[OpenedReport, ...]

    @property
    def primary(self) -> OpenedReport:
        """The report to show first: the first verified one, else the oldest. A later, unverified report never
        takes the place of a verified one."""
        return next((r for r in self.reports if r.verified is True), self.reports[0])

    @property
    def raised_by(self) -> str:
        return self.primary.raised_by

    @property
    def content(self) -> AlertContent:
        return self.primary.content

    @property
    def report(self) -> FrankingReport:
        return self.primary.report

    @property
    def message_text(self) -> str:
        return self.report.plaintext.decode("utf-8", "replace")

    @property
    def verified(self) -> bool:
        return self.summary.verified is True

    @property
    def claimed_sender(self) -> str:
        """Who the primary report says sent it: show it only marked as unverified unless `verified`."""
        return self.primary.claimed_sender

    def __repr__(self) -> str:
        return f"OpenedAlert(alert_id={self.summary.alert_id}, tier={self.summary.tier}, <content>)"


class AlertOps(Facade):
    async def list(self, *, status: str | None = None, min_tier: int | None = None) -> list[alerts_api.AlertSummary]:
        return await alerts_api.list_alerts(self._api, status=status, min_tier=min_tier)

    async def open(self, alert_id: str) -> OpenedAlert:
        return self._open(await alerts_api.get_alert(self._api, alert_id))

    def _open(self, detail: alerts_api.AlertDetail) -> OpenedAlert:
        opened: list[OpenedReport] = []
        refusal = HavenClientError("alert_unreadable", "this alert carries no content sealed to you")
        for sealed in detail.reports:
            try:
                opened.append(self._open_report(detail.summary, sealed))
            except HavenClientError as exc:
                refusal = exc  # shown only if no report opens
        if not opened:
            raise refusal
        # The server sets the subject only from a verified tag; shown as such only while the alert is verified.
        subject = detail.subject if detail.summary.verified is True else None
        return OpenedAlert(detail.summary, subject, tuple(opened))

    def _open_report(self, summary: alerts_api.AlertSummary, sealed: alerts_api.SealedReport) -> OpenedReport:
        try:
            identity = self._client.state.identity
            sealer, packet_bytes = open_sealed(sealed.sealed, domain=DOMAIN_ALERT, recipient=identity)
        except CryptoError:
            raise HavenClientError("alert_unreadable", "this report was not sealed to you, or is damaged") from None
        try:
            packet = AlertPacket.decode(packet_bytes)
        except AlertPacketError:
            # Sealed to us and signed, but its content does not parse (or is a version-1 report, whose tag cannot
            # name a sender): nobody can verify it.
            raise HavenClientError("alert_damaged", "this alert's sealed report does not parse") from None
        if packet.report.conversation_id != summary.conversation:
            raise HavenClientError("alert_mismatch", "the sealed report is about another conversation")
        return OpenedReport(
            sealed.report_id, sealed.tier, sealed.verified, sealer.account_id, packet.content, packet.report
        )

    async def claim(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.claim(self._api, alert_id)

    async def release(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.release(self._api, alert_id)

    async def verify(self, alert_id: str) -> bool:
        """Checks every report of the alert not checked yet, each on its own: the plaintext opens the commitment
        and the report is about this alert's message (here) AND the server confirms it relayed exactly that
        ciphertext, from the sender the report names, as this alert's message, at that time. True if the alert
        is verified afterwards (some report was); the server then names that sender as the alert's subject. A
        forged report among genuine ones is recorded as failed and changes nothing else."""
        detail = await alerts_api.get_alert(self._api, alert_id)
        verified = detail.summary.verified is True
        for sealed in detail.reports:
            if sealed.verified is not None:
                continue
            try:
                opened: OpenedReport | None = self._open_report(detail.summary, sealed)
            except HavenClientError as exc:
                if exc.code not in ("alert_mismatch", "alert_damaged"):
                    continue  # not sealed to this moderator: another moderator may still check it
                opened = None  # sealed to us, but unparseable or about another conversation: unsound
            if opened is None or not _locally_sound(opened, detail.summary):
                # Said explicitly (local_check: failed): the claimer decided from what it saw on its device.
                await alerts_api.record_failed_check(self._api, alert_id, sealed.report_id)
                continue
            answer = await alerts_api.verify(self._api, alert_id, sealed.report_id, opened.report)
            verified = verified or answer.verified
        return verified

    async def escalate(self, alert_id: str, language: str | None = None) -> alerts_api.Escalation:
        if language is None:
            opened = await self.open(alert_id)
            language = opened.content.language if opened.content.language in ("en", "my") else "en"
        return await alerts_api.escalate(self._api, alert_id, language)

    async def dismiss(self, alert_id: str, reason: str) -> alerts_api.AlertSummary:
        return await alerts_api.dismiss(self._api, alert_id, reason)

    async def resolve(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.resolve(self._api, alert_id)


def _locally_sound(opened: OpenedReport, summary: alerts_api.AlertSummary) -> bool:
    """What only the moderator's device can check: the plaintext opens the commitment, and the report is about
    this alert's conversation and seq and about the message the content names. Who sent it is the server's tag
    to say (the commitment's sender is whatever the sender chose to write into it)."""
    try:
        opened.report.check_commitment()
    except CryptoError:
        return False
    report = opened.report
    return (
        report.conversation_id == summary.conversation
        and report.seq == summary.seq
        and report.message_id.hex() == opened.content.message_id
    )
