"""A moderator's device verifies an alert end to end: a genuine report verifies; one whose sealed report was forged
by the member raising it (other words, another sender, another time, another message or seq) does not, and is
recorded as failed on its own. Filed beside the sender's genuine report about the same message, the forged one
replaces nothing: the genuine report still verifies, names the real sender, and the escalation goes through at the
genuine tier, not the forged one's."""

from __future__ import annotations

import pytest

from client.alert_packet import AlertPacket
from client.api import alerts as alerts_api
from client.errors import HavenClientError
from crypto.franking import FrankingReport, commit
from crypto.sealed import DOMAIN_ALERT, open_sealed, seal
from tests.haven_testing.devices import Devices
from tests.test_forged_report import help_requests_of


def forged(report: FrankingReport, change: str, someone_else: str) -> FrankingReport:
    fields = dict(
        message_id=report.message_id,
        sender_account_id=report.sender_account_id,
        conversation_id=report.conversation_id,
        seq=report.seq,
        plaintext=report.plaintext,
        franking_key=report.franking_key,
        commitment=report.commitment,
        ciphertext_hash=report.ciphertext_hash,
        server_time=report.server_time,
        tag=report.tag,
    )
    if change == "words":
        fields["plaintext"] = b"the member never wrote this"
    elif change == "time":
        fields["server_time"] = report.server_time + 1
    elif change == "message":
        fields["message_id"] = bytes(16)
    elif change == "seq":
        fields["seq"] = report.seq - 1
    elif change == "sender":
        # The reporter holds the franking key, so it can make the commitment open on another sender: only the
        # relay's tag, which names the account that really sent it, gives it away.
        fields["sender_account_id"] = someone_else
        fields["commitment"] = commit(
            report.franking_key, report.message_id, someone_else, report.conversation_id, report.plaintext
        )
    return FrankingReport(**fields)


@pytest.mark.parametrize("change", ["words", "time", "message", "seq", "sender"])
async def test_forged_reports_do_not_verify_nor_displace_the_genuine_one(
    server_factory, fresh_database_url, db_factory, tmp_path, change
):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    sessions = db_factory(fresh_database_url)
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

        # A second message, whose alert the reporter joins with a report it forged, claiming a higher tier.
        second = await writer.groups.send(group.group_id, "i want to die")
        assert second.crisis is not None and second.crisis.alert_id is not None
        assert second.crisis.tier < 4
        alert_id = second.crisis.alert_id
        await reporter.next_message(15)
        # The writer's client and the reporter's (on receipt) each filed a genuine report.
        before = (await alerts_api.get_alert(moderator.api, alert_id)).reports
        assert len(before) == 2
        sealer, packet_bytes = open_sealed(before[0].sealed, domain=DOMAIN_ALERT, recipient=moderator.state.identity)
        genuine = AlertPacket.decode(packet_bytes)
        lie = AlertPacket(genuine.content, forged(genuine.report, change, reporter.account_id))
        if change == "sender":
            lie.report.check_commitment()  # locally sound: the lie is only visible to the server
        resealed = seal(
            lie.encode(),
            domain=DOMAIN_ALERT,
            sender=reporter.state.identity,
            recipients=[moderator.state.identity.public()],
        )
        raised = await alerts_api.raise_alert(
            reporter.api,
            conversation=group.conversation_id,
            seq=second.seq,
            tier=4,
            source="manual",
            language="en",
            sealed=bytes(resealed),
        )
        assert raised.alert_id == alert_id
        await moderator.alerts.claim(alert_id)
        # Both reports checked on the moderator's device, each on its own: the genuine one verifies.
        assert await moderator.alerts.verify(alert_id) is True
        detail = await alerts_api.get_alert(moderator.api, alert_id)
        outcomes = {r.report_id: (r.sealed, r.verified) for r in detail.reports}
        # The genuine reports are there as they came (never replaced), verified; the forged one failed.
        assert [outcomes.pop(r.report_id) for r in before] == [(r.sealed, True) for r in before]
        assert [verified for _, verified in outcomes.values()] == [False]
        assert (detail.summary.verified, detail.subject) == (True, writer.account_id)
        assert detail.summary.tier == second.crisis.tier  # the forged tier-4 claim counts for nothing
        opened = await moderator.alerts.open(alert_id)
        assert opened.raised_by == sealer.account_id and opened.message_text == "i want to die"
        escalation = await moderator.alerts.escalate(alert_id, "en")
        requests = await help_requests_of(sessions, writer.account_id)
        assert [(r.id, r.priority) for r in requests] == [(escalation.request_id, second.crisis.tier)]
    finally:
        await devices.close_all()


async def test_verification_never_brings_back_a_deleted_sender(server_factory, fresh_database_url, tmp_path):
    """The tag still names the sender after they deleted their identity, but the alert keeps no subject: a
    deleted member's id is not written back, and nobody is escalated."""
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    try:
        _admin, moderator = await devices.staff()
        writer, reader = await devices.person("writer"), await devices.person("reader")
        group = await devices.group(moderator, [writer, reader])
        sent = await writer.groups.send(group.group_id, "i took all the pills an hour ago")
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        await reader.next_message(15)
        await writer.delete_identity()
        devices.made.remove(writer)

        await moderator.alerts.claim(sent.crisis.alert_id)
        assert await moderator.alerts.verify(sent.crisis.alert_id) is True
        detail = await alerts_api.get_alert(moderator.api, sent.crisis.alert_id)
        assert (detail.summary.verified, detail.subject) == (True, None)
        with pytest.raises(HavenClientError) as refused:
            await moderator.alerts.escalate(sent.crisis.alert_id, "en")
        assert refused.value.code == "no_subject"
    finally:
        await devices.close_all()
