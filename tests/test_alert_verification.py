"""A moderator's device verifies an alert end to end: a genuine one verifies; one whose sealed report was forged
by the member raising it (other words, another sender, another message) does not, and the server records that."""

from __future__ import annotations

import pytest

from client.alert_packet import AlertPacket
from client.api import alerts as alerts_api
from crypto.franking import FrankingReport
from crypto.sealed import DOMAIN_ALERT, open_sealed, seal
from tests.haven_testing.devices import Devices


def forged(report: FrankingReport, change: str) -> FrankingReport:
    fields = dict(message_id=report.message_id, sender_account_id=report.sender_account_id,
                  conversation_id=report.conversation_id, plaintext=report.plaintext,
                  franking_key=report.franking_key, commitment=report.commitment,
                  ciphertext_hash=report.ciphertext_hash, server_time=report.server_time, tag=report.tag)
    if change == "words":
        fields["plaintext"] = b"the member never wrote this"
    elif change == "time":
        fields["server_time"] = report.server_time + 1
    elif change == "message":
        fields["message_id"] = bytes(16)
    return FrankingReport(**fields)


@pytest.mark.parametrize("change", ["words", "time", "message"])
async def test_forged_reports_do_not_verify(server_factory, fresh_database_url, tmp_path, change):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        _admin, moderator = await devices.staff()
        writer, reporter = await devices.person("writer"), await devices.person("reporter")
        group = await devices.group(moderator, [writer, reporter])
        sent = await writer.groups.send(group.group_id, "i took all the pills an hour ago")
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        alert_id = sent.crisis.alert_id
        await reporter.next_message(15)
        await moderator.alerts.claim(alert_id)
        assert await moderator.alerts.verify(alert_id) is True

        # A second message, whose alert the reporter raises with a report it forged.
        second = await writer.groups.send(group.group_id, "i jumped from the bridge before")
        await reporter.next_message(15)
        detail = await alerts_api.get_alert(moderator.api, second.crisis.alert_id)
        _, packet_bytes = open_sealed(detail.sealed, domain=DOMAIN_ALERT, recipient=moderator.state.identity)
        genuine = AlertPacket.decode(packet_bytes)
        lie = AlertPacket(genuine.content, forged(genuine.report, change))
        resealed = seal(lie.encode(), domain=DOMAIN_ALERT, sender=reporter.state.identity,
                        recipients=[moderator.state.identity.public()])
        # Raised at a higher tier, so the server keeps this report's content in place of the genuine one.
        await alerts_api.raise_alert(
            reporter.api, conversation=group.conversation_id, seq=second.seq, tier=4, source="manual",
            subject=writer.account_id, language="en", sealed=bytes(resealed),
        )
        await moderator.alerts.claim(second.crisis.alert_id)
        assert await moderator.alerts.verify(second.crisis.alert_id) is False
        recorded = [a for a in await moderator.alerts.list() if a.alert_id == second.crisis.alert_id]
        assert recorded[0].verified is False
    finally:
        await devices.close_all()
