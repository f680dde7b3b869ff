"""Crisis alerts in the SDK, for moderators: list, open (on this device: the server cannot), claim, verify the
franking proof (commitment here, relay tag by the server), escalate, dismiss, resolve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from client.alert_packet import AlertPacket, AlertPacketError
from client.api import alerts as alerts_api
from client.errors import HavenClientError
from crypto.errors import CryptoError
from crypto.franking import FrankingReport
from crypto.sealed import DOMAIN_ALERT, open_sealed
from moderation.alert import AlertContent

if TYPE_CHECKING:
    from client.haven import HavenClient


@dataclass(frozen=True, slots=True)
class OpenedAlert:
    summary: alerts_api.AlertSummary
    subject: str | None
    # Who sealed it: the sender's own device, or a recipient's (or a member reporting by hand).
    raised_by: str
    content: AlertContent
    report: FrankingReport

    @property
    def message_text(self) -> str:
        return self.report.plaintext.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"OpenedAlert(alert_id={self.summary.alert_id}, tier={self.summary.tier}, <content>)"


class AlertOps:
    def __init__(self, client: HavenClient) -> None:
        self._client = client

    @property
    def _api(self) -> Any:
        return self._client.api

    async def list(self, *, status: str | None = None, min_tier: int | None = None) -> list[alerts_api.AlertSummary]:
        return await alerts_api.list_alerts(self._api, status=status, min_tier=min_tier)

    async def open(self, alert_id: str) -> OpenedAlert:
        detail = await alerts_api.get_alert(self._api, alert_id)
        if detail.sealed is None:
            raise HavenClientError("alert_unreadable", "this alert carries no content")
        try:
            identity = self._client.state.identity
            sealer, packet_bytes = open_sealed(detail.sealed, domain=DOMAIN_ALERT, recipient=identity)
            packet = AlertPacket.decode(packet_bytes)
        except (CryptoError, AlertPacketError):
            raise HavenClientError("alert_unreadable", "this alert was not sealed to you, or is damaged") from None
        if packet.report.conversation_id != detail.summary.conversation:
            raise HavenClientError("alert_mismatch", "the sealed report is about another conversation")
        return OpenedAlert(detail.summary, detail.subject, sealer.account_id, packet.content, packet.report)

    async def claim(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.claim(self._api, alert_id)

    async def release(self, alert_id: str) -> alerts_api.AlertSummary:
        return await alerts_api.release(self._api, alert_id)

    async def verify(self, alert_id: str) -> bool:
        """True only if the plaintext opens the sender's commitment (checked here) AND the server confirms it
        relayed exactly that ciphertext, with that commitment, in that conversation, at that time."""
        opened = await self.open(alert_id)
        if not _locally_sound(opened):
            # Recorded on the server as unverified: the claimer decided from what it saw on its device.
            await alerts_api.verify(self._api, alert_id, _spoiled(opened.report))
            return False
        return await alerts_api.verify(self._api, alert_id, opened.report)

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
    """What only the moderator's device can check: the plaintext opens the sender's commitment, and the report is
    about the alert's subject and about the message the content names (the server's tag does not cover seq)."""
    try:
        opened.report.check_commitment()
    except CryptoError:
        return False
    if opened.subject is not None and opened.report.sender_account_id != opened.subject:
        return False
    return opened.report.message_id.hex() == opened.content.message_id


def _spoiled(report: FrankingReport) -> FrankingReport:
    """The same report with a tag that cannot verify, so the server records verified = false."""
    return FrankingReport(report.message_id, report.sender_account_id, report.conversation_id, report.plaintext,
                          report.franking_key, report.commitment, report.ciphertext_hash, report.server_time,
                          bytes(32))
