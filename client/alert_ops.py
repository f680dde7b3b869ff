"""Crisis alerts in the SDK, for moderators: list, open (on this device: the server cannot), claim, verify the
franking proof (commitment here, relay tag by the server), escalate, dismiss, resolve.

Who sent a reported message is never taken from the report: the sender it names is a claim until the server's
tag confirms it (crypto/franking.py v2), and only then does the alert have a subject. An unverified alert cannot
be escalated."""

from __future__ import annotations

from dataclasses import dataclass

from client.alert_packet import AlertPacket, AlertPacketError
from client.api import HavenAPI
from client.api import alerts as alerts_api
from client.errors import HavenClientError
from client.port import ClientPort
from crypto.errors import CryptoError
from crypto.franking import FrankingReport
from crypto.sealed import DOMAIN_ALERT, open_sealed
from moderation.alert import AlertContent


@dataclass(frozen=True, slots=True)
class OpenedAlert:
    summary: alerts_api.AlertSummary
    # The sender as the server's verification of the relay tag established it; None while unverified.
    subject: str | None
    # Who sealed it: the sender's own device, or a recipient's (or a member reporting by hand).
    raised_by: str
    content: AlertContent
    report: FrankingReport

    @property
    def message_text(self) -> str:
        return self.report.plaintext.decode("utf-8", "replace")

    @property
    def verified(self) -> bool:
        return self.summary.verified is True

    @property
    def claimed_sender(self) -> str:
        """Who the report says sent it: show it only marked as unverified unless `verified`."""
        return self.report.sender_account_id

    def __repr__(self) -> str:
        return f"OpenedAlert(alert_id={self.summary.alert_id}, tier={self.summary.tier}, <content>)"


class AlertOps:
    def __init__(self, client: ClientPort) -> None:
        self._client = client

    @property
    def _api(self) -> HavenAPI:
        return self._client.api

    async def list(self, *, status: str | None = None, min_tier: int | None = None) -> list[alerts_api.AlertSummary]:
        return await alerts_api.list_alerts(self._api, status=status, min_tier=min_tier)

    async def open(self, alert_id: str) -> OpenedAlert:
        return self._open(await alerts_api.get_alert(self._api, alert_id))

    def _open(self, detail: alerts_api.AlertDetail) -> OpenedAlert:
        if detail.sealed is None:
            raise HavenClientError("alert_unreadable", "this alert carries no content")
        try:
            identity = self._client.state.identity
            sealer, packet_bytes = open_sealed(detail.sealed, domain=DOMAIN_ALERT, recipient=identity)
        except CryptoError:
            raise HavenClientError("alert_unreadable", "this alert was not sealed to you, or is damaged") from None
        try:
            packet = AlertPacket.decode(packet_bytes)
        except AlertPacketError:
            # Sealed to us and signed, but its content does not parse (or is a version-1 report, whose tag cannot
            # name a sender): nobody can verify it.
            raise HavenClientError("alert_damaged", "this alert's sealed report does not parse") from None
        if packet.report.conversation_id != detail.summary.conversation:
            raise HavenClientError("alert_mismatch", "the sealed report is about another conversation")
        # The server sets the subject only from a verified tag; shown as such only while the alert is verified.
        subject = detail.subject if detail.summary.verified is True else None
        return OpenedAlert(detail.summary, subject, sealer.account_id, packet.content, packet.report)

    async def claim(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.claim(self._api, alert_id)

    async def release(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.release(self._api, alert_id)

    async def verify(self, alert_id: str) -> bool:
        """True only if the plaintext opens the commitment and the report is about this alert's message (checked
        here) AND the server confirms it relayed exactly that ciphertext, from the sender the report names, as
        this alert's message, at that time. The server then records that sender as the alert's subject."""
        detail = await alerts_api.get_alert(self._api, alert_id)
        try:
            opened = self._open(detail)
        except HavenClientError as exc:
            if exc.code not in ("alert_mismatch", "alert_damaged"):
                raise  # not sealed to this moderator, or no content: another moderator may still check it
            opened = None  # sealed to us, but unparseable or about another conversation: unsound
        # The tier read with the content: the server refuses (content_changed) if a report replaced it since.
        tier = detail.summary.tier
        if opened is None or not _locally_sound(opened):
            # Said explicitly (local_check: failed): the claimer decided from what it saw on its device.
            await alerts_api.record_failed_check(self._api, alert_id, tier)
            return False
        return (await alerts_api.verify(self._api, alert_id, opened.report, tier)).verified

    async def escalate(self, alert_id: str, language: str | None = None) -> alerts_api.Escalation:
        if language is None:
            opened = await self.open(alert_id)
            language = opened.content.language if opened.content.language in ("en", "my") else "en"
        return await alerts_api.escalate(self._api, alert_id, language)

    async def dismiss(self, alert_id: str, reason: str) -> alerts_api.AlertSummary:
        return await alerts_api.dismiss(self._api, alert_id, reason)

    async def resolve(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.resolve(self._api, alert_id)


def _locally_sound(opened: OpenedAlert) -> bool:
    """What only the moderator's device can check: the plaintext opens the commitment, and the report is about
    this alert's conversation and seq and about the message the content names. Who sent it is the server's tag
    to say (the commitment's sender is whatever the sender chose to write into it)."""
    try:
        opened.report.check_commitment()
    except CryptoError:
        return False
    report, summary = opened.report, opened.summary
    return (
        report.conversation_id == summary.conversation
        and report.seq == summary.seq
        and report.message_id.hex() == opened.content.message_id
    )
