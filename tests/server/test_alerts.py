"""Crisis alerts over real HTTP and websockets against a real server, on SQLite and PostgreSQL.

Each test sends real messages with real franking commitments, detects with the real detector, seals the alert
content to the real moderators' keys, and checks what the server stored through the database itself.
"""

from __future__ import annotations

import asyncio
import base64
import functools
import secrets
from dataclasses import dataclass

import pytest
from sqlalchemy import MetaData, select

from client.api import HavenAPI, alerts
from client.api import admin as admin_api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.audit import verify_chain
from crypto.envelope import ContentType, Envelope
from crypto.errors import DecryptionError
from crypto.franking import FrankingReport, ciphertext_hash, commit, open_commitment
from crypto.primitives import aead_decrypt, aead_encrypt
from crypto.sealed import DOMAIN_ALERT, DOMAIN_SESSION_NOTE, open_sealed, seal, seal_v1
from moderation.alert import AlertContent
from moderation.detector import Detector
from server.alerts.service import forget_subject
from server.conversations.service import add_member, create_conversation
from server.models import Alert, HelpRequest, Message
from tests.haven_testing.people import admin_of, new_person, staff
from wire.frames import AlertEvent, as_sent

URGENT = "I am going to kill myself tonight with the pills I saved"  # tier 4
WORRYING = "I want to die"  # tier 2


@functools.cache
def detector() -> Detector:
    return Detector.default()


@dataclass(frozen=True)
class Said:
    """One message as its recipient holds it after decrypting, ready to report."""

    conversation: str
    seq: int
    sender: str
    text: str
    report: FrankingReport
    content: AlertContent


class Chat:
    """Two members in a direct conversation, both connected; `alice` speaks, `bob` receives and acks.

    The ciphertext is a real AEAD encryption of a real padded envelope (the key stands in for their ratchet),
    so the server relays bytes it cannot read, exactly as in production."""

    def __init__(
        self, alice: HavenAPI, bob: HavenAPI, conversation: str, a: RelayConnection, b: RelayConnection
    ) -> None:
        self.alice, self.bob, self.conversation = alice, bob, conversation
        self._a, self._b = a, b
        self._key = secrets.token_bytes(32)

    @classmethod
    async def open(cls, server, db, alice: HavenAPI | None = None, bob: HavenAPI | None = None) -> Chat:
        alice = alice or await new_person(server)
        bob = bob or await new_person(server)
        async with db() as session:
            conversation = await create_conversation(session, "direct", [alice.account_id, bob.account_id])
            await session.commit()
        a = await RelayConnection.connect(server.ws_url, alice.identity)
        b = await RelayConnection.connect(server.ws_url, bob.identity)
        await a.resume()
        await b.resume()
        return cls(alice, bob, conversation, a, b)

    async def say(self, text: str) -> Said:
        envelope = Envelope.new(ContentType.TEXT, text.encode())
        nonce = secrets.token_bytes(24)
        ciphertext = nonce + aead_encrypt(self._key, nonce, envelope.seal(), b"")
        commitment = commit(
            envelope.franking_key, envelope.message_id, self.alice.account_id, self.conversation, envelope.body
        )
        accepted = await self._a.send(self.conversation, ciphertext, commitment=commitment)
        got = await self._b.next_delivery()
        assert got.seq == accepted.seq and got.franking_tag == accepted.franking_tag is not None
        assert got.commitment == commitment
        # The recipient's side: decrypt, open the envelope, check the commitment, keep what a report needs.
        opened = Envelope.open(aead_decrypt(self._key, got.ciphertext[:24], got.ciphertext[24:], b""))
        open_commitment(
            opened.franking_key, got.commitment, opened.message_id, got.sender, got.conversation, opened.body
        )
        await self._b.ack(got.conversation, got.seq)
        report = FrankingReport.build(
            message_id=opened.message_id,
            sender_account_id=got.sender,
            conversation_id=got.conversation,
            seq=got.seq,
            plaintext=opened.body,
            franking_key=opened.franking_key,
            commitment=got.commitment,
            ciphertext=got.ciphertext,
            server_time=got.server_time_ms,
            tag=got.franking_tag,
        )
        verdict = detector().scan(text)
        assert verdict.tier >= 1, text
        content = AlertContent.from_verdict(verdict, text, opened.message_id.hex())
        return Said(self.conversation, got.seq, got.sender, text, report, content)

    async def close(self) -> None:
        for connection in (self._a, self._b):
            await connection.close()
        for api in (self.alice, self.bob):
            await api.close()


async def sealed_alert(api: HavenAPI, content: AlertContent) -> bytes:
    """The client's step: seal the alert content to every current moderator."""
    moderators = await admin_api.moderator_keys(api)
    return bytes(seal(content.to_bytes(), domain=DOMAIN_ALERT, sender=api.identity, recipients=moderators))


async def raise_about(
    api: HavenAPI, said: Said, *, tier: int | None = None, source: str = "automatic", sealed: bytes | None = None
) -> alerts.RaisedAlert:
    return await alerts.raise_alert(
        api,
        conversation=said.conversation,
        seq=said.seq,
        tier=tier or said.content.tier,
        source=source,
        language=said.content.language,
        sealed=sealed if sealed is not None else await sealed_alert(api, said.content),
    )


def changed(report: FrankingReport, **changes: object) -> FrankingReport:
    fields: dict[str, object] = {
        name: getattr(report, name)
        for name in (
            "message_id",
            "sender_account_id",
            "conversation_id",
            "seq",
            "plaintext",
            "franking_key",
            "commitment",
            "ciphertext_hash",
            "server_time",
            "tag",
        )
    }
    fields.update(changes)
    return FrankingReport(**fields)  # type: ignore[arg-type]


async def only_report(api: HavenAPI, alert_id: str) -> str:
    [report] = (await alerts.get_alert(api, alert_id)).reports
    return report.report_id


async def refused(call, code: str) -> None:
    with pytest.raises(HavenClientError) as caught:
        await call
    assert caught.value.code == code, caught.value


async def close_all(*apis: HavenAPI) -> None:
    for api in apis:
        await api.close()


# --- the whole flow ----------------------------------------------------------------------------------------------
async def test_detect_seal_raise_claim_verify_escalate_resolve(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(URGENT)
        assert said.content.tier == 4
        raised = await raise_about(chat.bob, said)

        # The moderator opens the sealed content and checks the commitment locally, the tag on the server.
        detail = await alerts.get_alert(moderator, raised.alert_id)
        # Nobody is named until a moderator verifies: the subject comes from the relay's tag, not the reporter.
        assert detail.subject is None and detail.summary.status == "open"
        assert (detail.summary.conversation, detail.summary.seq, detail.summary.tier) == (
            said.conversation,
            said.seq,
            4,
        )
        assert detail.summary.source == "automatic" and detail.summary.reports == 1
        assert detail.summary.verified is None and detail.summary.claimed_by is None
        [report] = detail.reports
        assert (report.tier, report.source, report.verified) == (4, "automatic", None)
        sender, plaintext = open_sealed(report.sealed, domain=DOMAIN_ALERT, recipient=moderator.identity)
        assert sender == chat.bob.identity.public()
        content = AlertContent.from_bytes(plaintext)
        assert content == said.content and content.message_id == said.report.message_id.hex()
        said.report.check_commitment()

        claimed = await alerts.claim(moderator, raised.alert_id)
        assert claimed.status == "claimed" and claimed.claimed_by == moderator.account_id
        assert await alerts.verify(moderator, raised.alert_id, report.report_id, said.report) == alerts.Verification(
            True, chat.alice.account_id
        )
        detail = await alerts.get_alert(moderator, raised.alert_id)
        assert (detail.summary.verified, detail.subject) == (True, chat.alice.account_id)

        escalation = await alerts.escalate(moderator, raised.alert_id, "en")
        assert escalation.alert_id == raised.alert_id
        async with db() as session:
            request = await session.get(HelpRequest, escalation.request_id)
            assert request is not None
            assert (request.member_id, request.priority, request.alert_id, request.language, request.status) == (
                chat.alice.account_id,
                4,
                raised.alert_id,
                "en",
                "waiting",
            )
        assert (await alerts.resolve(moderator, raised.alert_id)).status == "resolved"
        await refused(alerts.claim(moderator, raised.alert_id), "invalid_transition")
    finally:
        await chat.close()
        await moderator.close()

    admin = await admin_of(live_server)
    try:
        records = await admin_api.audit_entries(admin)
    finally:
        await admin.close()
    assert verify_chain(records).ok
    mine = [(r.actor, r.action) for r in records if r.object_id == raised.alert_id]
    assert mine == [(moderator.account_id, f"alert.{a}") for a in ("claim", "verify", "escalate", "resolve")]

    # Nothing of what was said is on the server: not in any table, not in its log.
    needle_text = URGENT.encode()
    needles = [needle_text, b"pills I saved", said.content.excerpts[0].snippet.encode()]
    async with db() as session:
        metadata = MetaData()
        await session.run_sync(lambda s: metadata.reflect(bind=s.connection()))
        scanned = 0
        for table in metadata.sorted_tables:
            for row in await session.execute(select(table)):
                for value in row:
                    if isinstance(value, str):
                        value = value.encode()
                    if isinstance(value, bytes):
                        scanned += 1
                        for needle in needles:
                            assert needle not in value, table.name
    assert scanned
    assert all(needle not in live_server.log_path.read_bytes() for needle in needles)


# --- franking verification -----------------------------------------------------------------------------------------
async def test_tampered_reports_do_not_verify(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    other = await Chat.open(live_server, db)
    try:
        said = await chat.say(URGENT)
        elsewhere = await other.say(WORRYING)
        alert = (await raise_about(chat.bob, said)).alert_id
        other_alert = (await raise_about(other.bob, elsewhere)).alert_id
        for alert_id in (alert, other_alert):
            await alerts.claim(moderator, alert_id)
        report_id, other_report = await only_report(moderator, alert), await only_report(moderator, other_alert)

        r = said.report
        forged = {
            "other server_time": changed(r, server_time=r.server_time + 1),
            "other tag": changed(r, tag=bytes(32)),
            "other ciphertext": changed(r, ciphertext_hash=ciphertext_hash(b"forged")),
            # The sender is the tag's to say: the other member, or the reporter, is not who sent it.
            "other sender": changed(r, sender_account_id=chat.bob.account_id),
        }
        for name, report in forged.items():
            assert await alerts.verify(moderator, alert, report_id, report) == alerts.Verification(False, None), name
            detail = await alerts.get_alert(moderator, alert)
            assert (detail.summary.verified, detail.subject) == (False, None), name
        # The moderator's device found the report unsound: said explicitly, recorded as unverified, no subject.
        assert await alerts.record_failed_check(moderator, alert, report_id) == alerts.Verification(False, None)
        # A genuine report of one conversation does not verify against another conversation's alert.
        assert (await alerts.verify(moderator, other_alert, other_report, said.report)).verified is False
        assert (await alerts.verify(moderator, other_alert, other_report, elsewhere.report)).verified is True
        assert (await alerts.verify(moderator, alert, report_id, said.report)).verified is True
        # Once the tag confirmed the report, a later failing check of it unseats neither it nor the subject.
        assert (await alerts.verify(moderator, alert, report_id, forged["other tag"])).verified is False
        assert (await alerts.record_failed_check(moderator, alert, report_id)).verified is False
        detail = await alerts.get_alert(moderator, alert)
        assert (detail.summary.verified, detail.subject, detail.reports[0].verified) == (
            True,
            chat.alice.account_id,
            True,
        )
        # A report of another alert, or none at all, is not this alert's.
        await refused(alerts.verify(moderator, alert, other_report, said.report), "unknown_report")
        await refused(alerts.record_failed_check(moderator, alert, "0" * 32), "unknown_report")
        # `failed` carries nothing else; `passed` needs every field the tag covers, and which report.
        passed = alerts.build_verification(report_id, said.report)
        for body in (
            {**passed, "local_check": "failed"},
            {k: v for k, v in passed.items() if k != "sender"},
            {k: v for k, v in passed.items() if k != "local_check"},
            {k: v for k, v in passed.items() if k != "report"},
            {"local_check": "maybe", "report": report_id},
            {"local_check": "failed"},
        ):
            await refused(moderator.post(f"/v1/alerts/{alert}/verify", body), "invalid_request")

        # Altered plaintext: the tag still matches (it covers the ciphertext), the local commitment check fails.
        altered = changed(r, plaintext=b"I am fine, really")
        with pytest.raises(DecryptionError):
            altered.check_commitment()
        body = alerts.build_verification(report_id, altered)
        assert set(body) == {
            "local_check",
            "report",
            "sender",
            "commitment",
            "ciphertext_hash",
            "server_time",
            "franking_tag",
        }
        assert "I am fine" not in repr(body)
    finally:
        await chat.close()
        await other.close()
        await moderator.close()


# --- deduplication and the urgent push -------------------------------------------------------------------------------
async def test_sender_and_recipient_alerting_one_message_make_one_alert_with_both_reports(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(WORRYING)
        # The recipient's detector says tier 2; the sender's client (a newer lexicon, say) reads it as tier 3.
        first = await raise_about(chat.bob, said, tier=2)
        second = await raise_about(chat.alice, said, tier=3)
        assert second == alerts.RaisedAlert(first.alert_id)
        # A lower reading later is filed too.
        third = await raise_about(chat.bob, said, tier=2, source="manual")
        assert third.alert_id == first.alert_id
        detail = await alerts.get_alert(moderator, first.alert_id)
        # Each report kept as it came, none replacing another; unverified claims leave the alert's tier alone.
        assert (detail.summary.reports, detail.summary.tier, detail.summary.source) == (3, 2, "automatic")
        assert [(r.tier, r.source, r.verified) for r in detail.reports] == [
            (2, "automatic", None),
            (3, "automatic", None),
            (2, "manual", None),
        ]
        sealers = [open_sealed(r.sealed, domain=DOMAIN_ALERT, recipient=moderator.identity)[0] for r in detail.reports]
        assert sealers == [chat.bob.identity.public(), chat.alice.identity.public(), chat.bob.identity.public()]
        # The sender's tier-3 report verifies: now, and only now, its tier counts.
        await alerts.claim(moderator, first.alert_id)
        assert (await alerts.verify(moderator, first.alert_id, detail.reports[1].report_id, said.report)).verified
        assert (await alerts.get_alert(moderator, first.alert_id)).summary.tier == 3
        async with db() as session:
            rows = (await session.scalars(select(Alert).where(Alert.conversation_id == said.conversation))).all()
        assert len(rows) == 1
    finally:
        await chat.close()
        await moderator.close()


async def next_alert_event(connection: RelayConnection, alert_id: str, timeout: float) -> AlertEvent:
    while True:
        frame = await asyncio.wait_for(connection.events.get(), timeout)
        if isinstance(frame, AlertEvent) and frame.alert_id == alert_id:
            return frame


async def test_every_alert_from_the_threshold_up_is_pushed_to_every_connected_moderator(live_server, db):
    moderators = [await staff(live_server, "moderator") for _ in range(2)]
    counselor = await staff(live_server, "counselor")
    chat = await Chat.open(live_server, db)
    watching = [await RelayConnection.connect(live_server.ws_url, m.identity) for m in (*moderators, counselor)]
    try:
        for connection in watching:
            await connection.resume()
        below, urgent, rising = await chat.say(WORRYING), await chat.say(URGENT), await chat.say(WORRYING)

        # A manual report below the deployment's threshold (2) is listed, not pushed.
        quiet = await raise_about(chat.bob, below, tier=1, source="manual")
        with pytest.raises(asyncio.TimeoutError):
            await next_alert_event(watching[0], quiet.alert_id, 0.5)

        loud = await raise_about(chat.bob, urgent)
        for connection in watching[:2]:
            frame = await next_alert_event(connection, loud.alert_id, 5)
            assert as_sent(frame) == {
                "type": "event",
                "event": "alert",
                "alert_id": loud.alert_id,
                "tier": 4,
                "conversation": chat.conversation,
            }
        with pytest.raises(asyncio.TimeoutError):
            await next_alert_event(watching[2], loud.alert_id, 0.3)  # counselors are not moderators

        # New at the threshold: pushed. A second report claiming tier 4 is unverified: it raises nothing, so
        # nothing more is pushed.
        base = await raise_about(chat.bob, rising, tier=2)
        assert (await next_alert_event(watching[1], base.alert_id, 5)).tier == 2
        raised = await raise_about(chat.alice, rising, tier=4, source="manual")
        assert raised.alert_id == base.alert_id
        with pytest.raises(asyncio.TimeoutError):
            await next_alert_event(watching[1], base.alert_id, 0.5)
    finally:
        for connection in watching:
            await connection.close()
        await chat.close()
        await close_all(*moderators, counselor)


# --- listing ---------------------------------------------------------------------------------------------------------
async def test_list_is_most_severe_first_then_oldest_and_filters(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = [await chat.say(WORRYING) for _ in range(5)]
        tiers = [2, 4, 3, 4, 1]
        ids = []
        for message, tier in zip(said, tiers, strict=True):
            ids.append((await raise_about(chat.bob, message, tier=tier, source="manual")).alert_id)
            await asyncio.sleep(0.005)  # distinct creation times
        expected = [ids[1], ids[3], ids[2], ids[0], ids[4]]

        listed = [a for a in await alerts.list_alerts(moderator, limit=500) if a.conversation == chat.conversation]
        assert [a.alert_id for a in listed] == expected
        first = listed[0]
        assert (first.tier, first.status, first.source, first.seq, first.reports) == (
            4,
            "open",
            "manual",
            said[1].seq,
            1,
        )
        assert first.created_at_ms == first.updated_at_ms and first.claimed_by is None and first.verified is None
        # Across all conversations the order holds too.
        everything = await alerts.list_alerts(moderator, limit=500)
        keys = [(-a.tier, a.created_at_ms) for a in everything]
        assert keys == sorted(keys)

        high = await alerts.list_alerts(moderator, min_tier=3, limit=500)
        assert {a.alert_id for a in high if a.conversation == chat.conversation} == {ids[1], ids[2], ids[3]}
        assert all(a.tier >= 3 for a in high)
        await alerts.claim(moderator, ids[2])
        claimed = await alerts.list_alerts(moderator, status="claimed", limit=500)
        assert ids[2] in {a.alert_id for a in claimed} and all(a.status == "claimed" for a in claimed)
        still_open = await alerts.list_alerts(moderator, status="open", min_tier=3, limit=500)
        assert [a.alert_id for a in still_open if a.conversation == chat.conversation] == [ids[1], ids[3]]
        await refused(alerts.list_alerts(moderator, status="lost"), "invalid_request")
        await refused(alerts.list_alerts(moderator, min_tier=5), "invalid_request")
    finally:
        await chat.close()
        await moderator.close()


# --- moderator transitions and refusals -----------------------------------------------------------------------------
async def test_transitions_and_their_refusals(live_server, db):
    mod, other = await staff(live_server, "moderator"), await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = [await chat.say(WORRYING) for _ in range(3)]
        a, b, c = [(await raise_about(chat.bob, s)).alert_id for s in said]
        ra, rb = await only_report(mod, a), await only_report(mod, b)

        # Open: only claim.
        await refused(alerts.release(mod, a), "invalid_transition")
        await refused(alerts.dismiss(mod, a, "idiom"), "invalid_transition")
        await refused(alerts.escalate(mod, a, "en"), "invalid_transition")
        await refused(alerts.resolve(mod, a), "invalid_transition")
        await refused(alerts.verify(mod, a, ra, said[0].report), "invalid_transition")

        assert (await alerts.claim(mod, a)).claimed_by == mod.account_id
        assert (await alerts.claim(mod, a)).status == "claimed"  # again by the holder: no change
        await refused(alerts.claim(other, a), "already_claimed")
        for call in (
            alerts.release(other, a),
            alerts.dismiss(other, a, "idiom"),
            alerts.escalate(other, a, "en"),
            alerts.resolve(other, a),
            alerts.verify(other, a, ra, said[0].report),
        ):
            await refused(call, "not_claimer")

        released = await alerts.release(mod, a)
        assert (released.status, released.claimed_by) == ("open", None)
        await alerts.claim(other, a)
        dismissed = await alerts.dismiss(other, a, "false_positive")
        assert dismissed.status == "dismissed"
        async with db() as session:
            assert (await session.get(Alert, a)).dismiss_reason == "false_positive"
        for call in (
            alerts.claim(mod, a),
            alerts.escalate(other, a, "en"),
            alerts.resolve(other, a),
            alerts.release(other, a),
            alerts.dismiss(other, a, "other"),
        ):
            await refused(call, "invalid_transition")
        await refused(alerts.dismiss(other, b, "because"), "invalid_request")

        # Escalated: no second escalation, no dismissal; verify and resolve still work; resolved is final.
        await alerts.claim(mod, b)
        # Not before a verification: nobody is queued on an unverified report (and the refusal is not audited).
        await refused(alerts.escalate(mod, b, "my"), "unverified")
        await alerts.record_failed_check(mod, b, rb)
        await refused(alerts.escalate(mod, b, "my"), "unverified")
        assert (await alerts.verify(mod, b, rb, said[1].report)).verified is True
        await alerts.escalate(mod, b, "my")
        await refused(alerts.escalate(mod, b, "my"), "invalid_transition")
        await refused(alerts.dismiss(mod, b, "idiom"), "invalid_transition")
        await refused(alerts.release(mod, b), "invalid_transition")
        assert (await alerts.verify(mod, b, rb, said[1].report)).verified is True
        await alerts.resolve(mod, b)
        for call in (
            alerts.claim(mod, b),
            alerts.release(mod, b),
            alerts.verify(mod, b, rb, said[1].report),
            alerts.escalate(mod, b, "en"),
            alerts.dismiss(mod, b, "idiom"),
            alerts.resolve(mod, b),
        ):
            await refused(call, "invalid_transition")
        await refused(alerts.escalate(mod, b, "english"), "invalid_request")

        # Claimed straight to resolved.
        await alerts.claim(mod, c)
        assert (await alerts.resolve(mod, c)).status == "resolved"

        unknown = secrets.token_hex(16)
        for call in (
            alerts.get_alert(mod, unknown),
            alerts.claim(mod, unknown),
            alerts.release(mod, unknown),
            alerts.verify(mod, unknown, ra, said[0].report),
            alerts.escalate(mod, unknown, "en"),
            alerts.dismiss(mod, unknown, "idiom"),
            alerts.resolve(mod, unknown),
        ):
            await refused(call, "unknown_alert")
        await refused(alerts.get_alert(mod, "not-an-id"), "invalid_request")

        admin = await admin_of(live_server)
        try:
            records = await admin_api.audit_entries(admin)
        finally:
            await admin.close()
        assert verify_chain(records).ok
        actions = [(r.actor, r.action, r.object_id) for r in records if r.object_id in (a, b, c)]
        assert actions == [
            (mod.account_id, "alert.claim", a),
            (mod.account_id, "alert.release", a),
            (other.account_id, "alert.claim", a),
            (other.account_id, "alert.dismiss", a),
            (mod.account_id, "alert.claim", b),
            (mod.account_id, "alert.verify", b),
            (mod.account_id, "alert.verify", b),
            (mod.account_id, "alert.escalate", b),
            (mod.account_id, "alert.verify", b),
            (mod.account_id, "alert.resolve", b),
            (mod.account_id, "alert.claim", c),
            (mod.account_id, "alert.resolve", c),
        ]
    finally:
        await chat.close()
        await close_all(mod, other)


async def test_only_moderators_work_alerts(live_server, db):
    member = await new_person(live_server)
    counselor = await staff(live_server, "counselor")
    admin = await admin_of(live_server)
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(WORRYING)
        alert_id = (await raise_about(chat.bob, said)).alert_id
        report_id = await only_report(moderator, alert_id)
        for api in (member, counselor, admin, chat.bob, chat.alice):
            for call in (
                alerts.list_alerts(api),
                alerts.get_alert(api, alert_id),
                alerts.claim(api, alert_id),
                alerts.release(api, alert_id),
                alerts.verify(api, alert_id, report_id, said.report),
                alerts.escalate(api, alert_id, "en"),
                alerts.dismiss(api, alert_id, "idiom"),
                alerts.resolve(api, alert_id),
            ):
                await refused(call, "forbidden")
        assert (await alerts.get_alert(moderator, alert_id)).summary.status == "open"
    finally:
        await chat.close()
        await close_all(member, counselor, admin, moderator)


# --- raising: who, what and how often ---------------------------------------------------------------------------------
async def test_raising_needs_membership_a_real_message_and_a_sealed_alert(live_server, db):
    outsider = await new_person(live_server)
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(WORRYING)
        sealed = await sealed_alert(chat.bob, said.content)

        async def attempt(api: HavenAPI, **changes: object) -> None:
            fields: dict[str, object] = {
                "conversation": said.conversation,
                "seq": said.seq,
                "tier": 2,
                "source": "automatic",
                "language": "en",
                "sealed": sealed,
            }
            fields.update(changes)
            await alerts.raise_alert(api, **fields)  # type: ignore[arg-type]

        await refused(attempt(outsider, sealed=await sealed_alert(outsider, said.content)), "forbidden")
        await refused(attempt(chat.bob, conversation=secrets.token_hex(16)), "forbidden")
        await refused(attempt(chat.bob, seq=said.seq + 1), "unknown_message")
        await refused(attempt(chat.bob, tier=1), "tier_below_threshold")
        for field, value in (
            ("tier", 0),
            ("tier", 5),
            ("source", "guess"),
            ("language", "EN"),
            ("language", "english"),
            ("seq", 0),
        ):
            await refused(attempt(chat.bob, **{field: value}), "invalid_request")
        await refused(attempt(chat.bob, sealed=b"\x00" * (64 * 1024 + 1)), "bad_length")
        # Sealed to another domain, in version 1 (its header names the sealer), malformed, or not sealed at all:
        # refused. Who sealed it the server cannot see any more (version 2 carries the sealer inside): see
        # test_alert_sealed_sender.py for what a copy of someone else's sealed alert can do.
        note = seal(
            b"x", domain=DOMAIN_SESSION_NOTE, sender=chat.bob.identity, recipients=[moderator.identity.public()]
        )
        await refused(attempt(chat.bob, sealed=bytes(note)), "invalid_sealed")
        keys = await admin_api.moderator_keys(chat.bob)
        v1 = seal_v1(said.content.to_bytes(), domain=DOMAIN_ALERT, sender=chat.bob.identity, recipients=keys)
        await refused(attempt(chat.bob, sealed=bytes(v1)), "invalid_sealed")
        await refused(attempt(chat.bob, sealed=b"not sealed at all"), "invalid_sealed")
        for index in (0, 1, 1 + 4 + len(DOMAIN_ALERT) + 32):  # version, domain length, recipient count
            tampered = bytearray(sealed)
            tampered[index] ^= 1
            await refused(attempt(chat.bob, sealed=bytes(tampered)), "invalid_sealed")
        await refused(attempt(chat.bob, sealed=sealed[:150]), "invalid_sealed")

        # A manual report may be of any tier; nothing was stored by the refusals above.
        async with db() as session:
            assert (await session.scalars(select(Alert).where(Alert.conversation_id == said.conversation))).all() == []
        raised = await alerts.raise_alert(
            chat.bob,
            conversation=said.conversation,
            seq=said.seq,
            tier=1,
            source="manual",
            language="und",
            sealed=sealed,
        )
        assert raised.alert_id
        # The sender may raise one about its own message too (its client scans before sending).
        own = await chat.say(URGENT)
        assert (await raise_about(chat.alice, own)).alert_id != raised.alert_id
    finally:
        await chat.close()
        await close_all(outsider, moderator)


async def test_alerts_are_rate_limited_per_identity(server_factory, database_url, db):
    server = server_factory(database_url, alerts_per_hour="3")
    moderator = await staff(server, "moderator")
    chat = await Chat.open(server, db)
    try:
        said = [await chat.say(WORRYING) for _ in range(4)]
        for message in said[:3]:
            await raise_about(chat.bob, message)
        await refused(raise_about(chat.bob, said[3]), "rate_limited")
        # Per identity: the other member still may.
        assert (await raise_about(chat.alice, said[3])).alert_id
    finally:
        await chat.close()
        await moderator.close()


# --- counseling and deletion -----------------------------------------------------------------------------------------
async def test_escalation_queues_a_priority_request_and_only_a_verified_rise_moves_it_up(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(WORRYING)
        alert_id = (await raise_about(chat.bob, said, tier=2)).alert_id
        await alerts.claim(moderator, alert_id)
        first = await only_report(moderator, alert_id)
        assert (await alerts.verify(moderator, alert_id, first, said.report)).verified is True
        escalation = await alerts.escalate(moderator, alert_id, "my")

        async def priority() -> int:
            async with db() as session:
                request = await session.get(HelpRequest, escalation.request_id)
                assert (request.member_id, request.language, request.topic) == (chat.alice.account_id, "my", "crisis")
                return request.priority

        assert await priority() == 2
        # The sender's own client reads it as tier 4 later: a report of its own, which moves nothing until verified.
        await raise_about(chat.alice, said, tier=4)
        detail = await alerts.get_alert(moderator, alert_id)
        assert (detail.summary.tier, detail.summary.status, detail.summary.verified) == (2, "escalated", True)
        assert detail.subject == chat.alice.account_id
        assert await priority() == 2
        later = detail.reports[1]
        assert (later.tier, later.verified) == (4, None)
        # Verified (escalated alerts may still be verified by their claimer): the alert and the member move up.
        assert (await alerts.verify(moderator, alert_id, later.report_id, said.report)).verified is True
        assert (await alerts.get_alert(moderator, alert_id)).summary.tier == 4
        assert await priority() == 4
        async with db() as session:
            requests = await session.scalars(select(HelpRequest).where(HelpRequest.member_id == chat.alice.account_id))
            assert len(requests.all()) == 1
    finally:
        await chat.close()
        await moderator.close()


async def test_a_dismissed_alert_reopens_for_a_more_severe_report(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(WORRYING)
        alert_id = (await raise_about(chat.bob, said, tier=2)).alert_id
        await alerts.claim(moderator, alert_id)
        await alerts.dismiss(moderator, alert_id, "idiom")
        await raise_about(chat.bob, said, tier=2, source="manual")
        assert (await alerts.get_alert(moderator, alert_id)).summary.status == "dismissed"
        await raise_about(chat.alice, said, tier=3)
        reopened = await alerts.get_alert(moderator, alert_id)
        # A new look, at the tier the alert had: the tier-3 claim counts once a moderator verified it.
        summary = reopened.summary
        assert (summary.status, summary.claimed_by, summary.tier, summary.reports) == ("open", None, 2, 3)
        assert [r.tier for r in reopened.reports] == [2, 2, 3]
    finally:
        await chat.close()
        await moderator.close()


async def test_forgetting_a_subject_keeps_the_alert_without_them(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    try:
        said = await chat.say(URGENT)
        alert_id = (await raise_about(chat.bob, said)).alert_id
        await alerts.claim(moderator, alert_id)
        report_id = await only_report(moderator, alert_id)
        assert (await alerts.verify(moderator, alert_id, report_id, said.report)).subject == chat.alice.account_id
        async with db() as session:
            await forget_subject(session, chat.alice.account_id)
            await session.commit()
        detail = await alerts.get_alert(moderator, alert_id)
        assert detail.subject is None and detail.summary.tier == 4 and detail.summary.verified is True
        await refused(alerts.escalate(moderator, alert_id, "en"), "no_subject")
        assert (await alerts.resolve(moderator, alert_id)).status == "resolved"
    finally:
        await chat.close()
        await moderator.close()


async def test_two_moderators_claiming_at_once_one_wins(live_server, db):
    moderators = [await staff(live_server, "moderator") for _ in range(4)]
    chat = await Chat.open(live_server, db)
    try:
        alert_id = (await raise_about(chat.bob, await chat.say(URGENT))).alert_id
        outcomes = await asyncio.gather(*(alerts.claim(m, alert_id) for m in moderators), return_exceptions=True)
        winners = [o for o in outcomes if isinstance(o, alerts.AlertSummary)]
        assert len(winners) == 1
        assert all(
            isinstance(o, HavenClientError) and o.code == "already_claimed" for o in outcomes if o not in winners
        )
        assert (await alerts.get_alert(moderators[0], alert_id)).summary.claimed_by == winners[0].claimed_by
    finally:
        await chat.close()
        await close_all(*moderators)


async def test_one_message_alerted_concurrently_is_one_alert(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    extra = [await new_person(live_server) for _ in range(3)]
    try:
        async with db() as session:
            for person in extra:
                await add_member(session, chat.conversation, person.account_id)
            await session.commit()
        said = await chat.say(URGENT)
        reporters = [chat.bob, *extra]
        raised = await asyncio.gather(*(raise_about(api, said) for api in reporters))
        assert len({r.alert_id for r in raised}) == 1
        detail = await alerts.get_alert(moderator, raised[0].alert_id)
        assert detail.summary.reports == len(detail.reports) == 4
    finally:
        await chat.close()
        await close_all(moderator, *extra)


async def message_row_exists(db, conversation: str, seq: int) -> bool:
    async with db() as session:
        found = await session.scalar(
            select(Message.seq).where(Message.conversation_id == conversation, Message.seq == seq)
        )
    return found is not None


async def raw_alert(api: HavenAPI, body: dict[str, object]) -> tuple[int, str]:
    """POST /v1/alerts as a client written from the protocol would: (HTTP status, error code or alert id)."""
    await api.login()
    response = await api.http.post("/v1/alerts", json=body, headers={"Authorization": f"Bearer {api._token}"})
    answer = response.json()
    return response.status_code, str(answer["alert_id"] if response.is_success else answer["error"]["code"])


async def test_garbage_alerts_answer_the_same_before_and_after_the_victim_acks(live_server, db):
    """Issue 10, 6(a): the answer to an alert about a message never depends on
    whether another member's device has acked it yet (it answered `subject_mismatch` while the row existed and
    `invalid_sealed` once the victim had acked: a presence oracle)."""
    informer, victim = await new_person(live_server), await new_person(live_server)
    moderator = await staff(live_server, "moderator")
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "group", [informer.account_id, victim.account_id])
    mine = await RelayConnection.connect(live_server.ws_url, informer.identity)
    theirs = await RelayConnection.connect(live_server.ws_url, victim.identity)
    try:
        await mine.resume()
        await theirs.resume()
        commitment = commit(b"k" * 32, b"m" * 16, informer.account_id, conversation, b"text")
        accepted = await mine.send(conversation, b"ciphertext", commitment=commitment)
        delivered = await theirs.next_delivery()
        keys = await admin_api.moderator_keys(informer)
        sealed = bytes(seal(b"content", domain=DOMAIN_ALERT, sender=informer.identity, recipients=keys))
        requests = {
            "garbage": {"sealed": base64.b64encode(b"not sealed at all").decode()},
            # Cut inside the recipients' entries: the public structure no longer parses.
            "truncated": {"sealed": base64.b64encode(sealed[:150]).decode()},
            "a lower tier": {"sealed": base64.b64encode(sealed).decode(), "tier": 1, "source": "automatic"},
        }

        async def answers() -> dict[str, tuple[int, str]]:
            out = {}
            for name, change in requests.items():
                body: dict[str, object] = {
                    "conversation": conversation,
                    "seq": accepted.seq,
                    "tier": 4,
                    "source": "manual",
                    "subject": victim.account_id,
                    "language": "en",
                }
                out[name] = await raw_alert(informer, {**body, **change})
            return out

        before = await answers()
        assert await message_row_exists(db, conversation, accepted.seq)
        await theirs.ack(delivered.conversation, delivered.seq)
        for _ in range(400):
            if not await message_row_exists(db, conversation, accepted.seq):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the ack never deleted the row")
        assert await answers() == before
        assert before == {
            "garbage": (422, "invalid_sealed"),
            "truncated": (422, "invalid_sealed"),
            "a lower tier": (422, "tier_below_threshold"),
        }
    finally:
        await mine.close()
        await theirs.close()
        await close_all(informer, victim, moderator)


async def test_the_reporter_names_nobody_the_tag_does(live_server, db):
    """A `subject` in the request is ignored (clients of protocol v1 still send one): the alert has no subject
    until a moderator verifies, and then it is the sender the relay's tag names."""
    writer, bystander, reporter = [await new_person(live_server) for _ in range(3)]
    moderator = await staff(live_server, "moderator")
    async with db() as session, session.begin():
        conversation = await create_conversation(
            session, "group", [writer.account_id, bystander.account_id, reporter.account_id]
        )
    socket = await RelayConnection.connect(live_server.ws_url, writer.identity)
    try:
        await socket.resume()
        commitment = commit(b"k" * 32, b"m" * 16, writer.account_id, conversation, b"text")
        accepted = await socket.send(conversation, b"ciphertext", commitment=commitment)
        keys = await admin_api.moderator_keys(reporter)
        sealed = bytes(seal(b"content", domain=DOMAIN_ALERT, sender=reporter.identity, recipients=keys))
        status, alert_id = await raw_alert(
            reporter,
            {
                "conversation": conversation,
                "seq": accepted.seq,
                "tier": 4,
                "source": "manual",
                "subject": bystander.account_id,
                "language": "en",
                "sealed": base64.b64encode(sealed).decode(),
            },
        )
        assert status == 201
        assert (await alerts.get_alert(moderator, alert_id)).subject is None
        await alerts.claim(moderator, alert_id)
        report = FrankingReport(
            b"m" * 16,
            bystander.account_id,
            conversation,
            accepted.seq,
            b"text",
            b"k" * 32,
            commitment,
            ciphertext_hash(b"ciphertext"),
            accepted.server_time_ms,
            accepted.franking_tag,
        )
        report_id = await only_report(moderator, alert_id)
        assert await alerts.verify(moderator, alert_id, report_id, report) == alerts.Verification(False, None)
        await refused(alerts.escalate(moderator, alert_id, "en"), "unverified")
        truthful = changed(report, sender_account_id=writer.account_id)
        verification = await alerts.verify(moderator, alert_id, report_id, truthful)
        assert verification == alerts.Verification(True, writer.account_id)
        async with db() as session:
            assert (await session.get(Alert, alert_id)).subject_id == writer.account_id
    finally:
        await socket.close()
        for api in (writer, bystander, reporter, moderator):
            await api.close()
