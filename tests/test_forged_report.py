"""Issue 10, item 1: an informer forges a crisis report naming someone else — exactly the attack, over real
websockets against a real server, with real devices (SDK clients) for the victim and the moderator.

The informer sends junk ciphertext into the group with a franking commitment it computed over the *victim's*
account id and invented words; the relay tags it and answers `accepted`; the honest devices cannot decrypt it,
drop it and ack it, and the message row is deleted. The informer then raises an alert naming the victim, with a
sealed report claiming `sender = victim`. Before franking v2 the moderator's device showed the victim, `verify`
said verified and an escalation queued a priority counseling request on the victim. Now the relay's tag names the
informer, so the report does not verify, the alert has no subject, and escalation is refused.
"""

from __future__ import annotations

import asyncio
import functools
import secrets

import pytest
from sqlalchemy import select

from client.alert_packet import AlertPacket
from client.api import admin as admin_api
from client.api import alerts as alerts_api
from client.api.transport import b64
from client.errors import HavenClientError
from crypto.envelope import MESSAGE_ID_BYTES
from crypto.franking import FrankingReport, commit, new_franking_key
from crypto.sealed import DOMAIN_ALERT, seal
from moderation.alert import AlertContent
from moderation.detector import Detector
from server.models import HelpRequest, Message
from tests.haven_testing.devices import Devices

FORGED_WORDS = "I have a gun and I will kill myself tonight"
GENUINE_WORDS = "i took all the pills an hour ago"


@functools.cache
def detector() -> Detector:
    return Detector.default()


async def wait_until_deleted(sessions, conversation: str, seq: int) -> None:
    """Every recipient acked, so the server deleted the row (what made the old subject check vanish)."""
    for _ in range(600):
        async with sessions() as session:
            if (
                await session.scalar(
                    select(Message.seq).where(Message.conversation_id == conversation, Message.seq == seq)
                )
                is None
            ):
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the honest devices never acked the junk message")


async def help_requests_of(sessions, account_id: str) -> list[HelpRequest]:
    async with sessions() as session:
        return list((await session.scalars(select(HelpRequest).where(HelpRequest.member_id == account_id))).all())


async def test_a_report_forged_against_a_victim_is_not_verified_and_cannot_be_escalated(
    server_factory, fresh_database_url, db_factory, tmp_path
):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    sessions = db_factory(fresh_database_url)
    try:
        _admin, moderator = await devices.staff()
        victim, informer = await devices.person("victim"), await devices.person("informer")
        group = await devices.group(moderator, [victim, informer])
        await moderator.connect()  # a member of its group too: its device acks like the victim's
        conversation = group.conversation_id

        # 1. Junk ciphertext, committed over the victim's account id and invented words.
        franking_key, message_id = new_franking_key(), secrets.token_bytes(MESSAGE_ID_BYTES)
        words = FORGED_WORDS.encode()
        commitment = commit(franking_key, message_id, victim.account_id, conversation, words)
        junk = secrets.token_bytes(200)
        assert informer.relay is not None
        accepted = await informer.relay.send(conversation, junk, commitment=commitment)
        assert accepted.franking_tag is not None

        # 2. The honest devices cannot decrypt it: they drop it, ack it, and the row goes.
        await wait_until_deleted(sessions, conversation, accepted.seq)

        # 3. The informer raises the alert naming the victim, with a report claiming the victim sent it.
        verdict = detector().scan(FORGED_WORDS)
        assert verdict.tier == 4
        content = AlertContent.from_verdict(verdict, FORGED_WORDS, message_id.hex())
        report = FrankingReport.build(
            message_id=message_id,
            sender_account_id=victim.account_id,
            conversation_id=conversation,
            seq=accepted.seq,
            plaintext=words,
            franking_key=franking_key,
            commitment=commitment,
            ciphertext=junk,
            server_time=accepted.server_time_ms,
            tag=accepted.franking_tag,
        )
        report.check_commitment()  # the forged words do open the forged commitment
        sealed = seal(
            AlertPacket(content, report).encode(),
            domain=DOMAIN_ALERT,
            sender=informer.state.identity,
            recipients=await admin_api.moderator_keys(informer.api),
        )
        raised = await informer.api.post(
            "/v1/alerts",
            {
                "conversation": conversation,
                "seq": accepted.seq,
                "tier": 4,
                "source": "manual",
                "subject": victim.account_id,
                "language": "en",
                "sealed": b64(bytes(sealed)),
            },
        )
        alert_id = str(raised["alert_id"])

        # 4. The moderator's device: no subject before verification, the victim only as the report's claim.
        await moderator.alerts.claim(alert_id)
        opened = await moderator.alerts.open(alert_id)
        assert opened.subject is None and not opened.verified
        assert opened.claimed_sender == victim.account_id

        # 5. Not verified: the relay's tag names the informer, not the victim.
        assert await moderator.alerts.verify(alert_id) is False
        detail = await alerts_api.get_alert(moderator.api, alert_id)
        assert detail.summary.verified is False
        assert detail.subject is None

        # 6. No escalation against anyone, and no priority request for the victim.
        with pytest.raises(HavenClientError) as refused:
            await moderator.alerts.escalate(alert_id, "en")
        assert refused.value.code == "unverified"
        assert (await alerts_api.get_alert(moderator.api, alert_id)).summary.status == "claimed"
        assert await help_requests_of(sessions, victim.account_id) == []
        assert await help_requests_of(sessions, informer.account_id) == []

        # A report naming the informer (the truth) would verify: the tag binds the relayed sender.
        truthful = FrankingReport(
            report.message_id,
            informer.account_id,
            conversation,
            accepted.seq,
            report.plaintext,
            franking_key,
            report.commitment,
            report.ciphertext_hash,
            report.server_time,
            report.tag,
        )
        [stored] = detail.reports
        verification = await alerts_api.verify(moderator.api, alert_id, stored.report_id, truthful)
        assert verification.subject == informer.account_id
    finally:
        await devices.close_all()


async def test_a_genuine_report_verifies_and_names_the_real_sender(
    server_factory, fresh_database_url, db_factory, tmp_path
):
    devices = Devices(server_factory(fresh_database_url), tmp_path)
    sessions = db_factory(fresh_database_url)
    try:
        _admin, moderator = await devices.staff()
        writer, reader = await devices.person("writer"), await devices.person("reader")
        group = await devices.group(moderator, [writer, reader])
        sent = await writer.groups.send(group.group_id, GENUINE_WORDS)
        assert sent.crisis is not None and sent.crisis.alert_id is not None
        alert_id = sent.crisis.alert_id
        await reader.next_message(15)

        await moderator.alerts.claim(alert_id)
        before = await moderator.alerts.open(alert_id)
        assert before.subject is None and before.claimed_sender == writer.account_id
        assert await moderator.alerts.verify(alert_id) is True
        after = await moderator.alerts.open(alert_id)
        assert after.verified and after.subject == writer.account_id
        assert after.message_text == GENUINE_WORDS

        escalation = await moderator.alerts.escalate(alert_id)
        requests = await help_requests_of(sessions, writer.account_id)
        assert [(r.id, r.priority, r.alert_id) for r in requests] == [
            (escalation.request_id, sent.crisis.tier, alert_id)
        ]
        assert await help_requests_of(sessions, reader.account_id) == []
    finally:
        await devices.close_all()
