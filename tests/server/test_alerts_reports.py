"""An informer cannot replace a real alert's report, over real HTTP and websockets against a live server.

Each report stays as it came, under the one alert about its message. An informer who files a forged, more
severe report about a real message that a member flagged used to replace the real sealed content (which then could
not be verified, so the real alert could not be escalated until a moderator found another way), and on an
already escalated alert moved the real member up the counseling queue. Now the real report is untouched, the
forged one is checked on its own, and only a verified report's tier counts."""

from __future__ import annotations

import pytest

from client.api import HavenAPI, alerts
from crypto.errors import DecryptionError
from crypto.sealed import DOMAIN_ALERT, open_sealed
from moderation.alert import AlertContent
from server.conversations.service import add_member
from server.models import HelpRequest
from tests.haven_testing.people import new_person, staff
from tests.server.test_alerts import WORRYING, Chat, Said, changed, sealed_alert

FORGED = "I have a gun and I will kill myself tonight"


async def informer_in(chat: Chat, live_server, db) -> HavenAPI:
    informer = await new_person(live_server)
    async with db() as session:
        await add_member(session, chat.conversation, informer.account_id)
        await session.commit()
    return informer


async def forge(informer: HavenAPI, said: Said) -> str:
    """A tier-4 report of the real message with words the member never wrote; returns the alert it went to."""
    content = AlertContent(said.content.message_id, 4, ("method",), "en", ())
    raised = await alerts.raise_alert(
        informer,
        conversation=said.conversation,
        seq=said.seq,
        tier=4,
        source="manual",
        language="en",
        sealed=await sealed_alert(informer, content),
    )
    return raised.alert_id


async def priority_of(db, request_id: str) -> int:
    async with db() as session:
        request = await session.get(HelpRequest, request_id)
        assert request is not None
        return request.priority


async def test_a_forged_more_severe_report_replaces_nothing_and_blocks_nothing(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    informer = await informer_in(chat, live_server, db)
    try:
        said = await chat.say(WORRYING)
        genuine_sealed = await sealed_alert(chat.bob, said.content)
        alert_id = (
            await alerts.raise_alert(
                chat.bob,
                conversation=said.conversation,
                seq=said.seq,
                tier=2,
                source="automatic",
                language="en",
                sealed=genuine_sealed,
            )
        ).alert_id
        assert await forge(informer, said) == alert_id

        detail = await alerts.get_alert(moderator, alert_id)
        # The real report is still there, byte for byte, beside the forged one; the claim raised no tier.
        genuine, forged = detail.reports
        assert genuine.sealed == genuine_sealed and (genuine.tier, forged.tier) == (2, 4)
        assert (
            open_sealed(forged.sealed, domain=DOMAIN_ALERT, recipient=moderator.identity)[0]
            == informer.identity.public()
        )
        assert (detail.summary.tier, detail.summary.verified, detail.subject) == (2, None, None)

        # The moderator's device finds the forged words do not open the commitment (the server's tag check could
        # not tell: it covers the ciphertext, not the words): recorded on that report alone, first.
        await alerts.claim(moderator, alert_id)
        with pytest.raises(DecryptionError):
            changed(said.report, plaintext=FORGED.encode()).check_commitment()
        assert (await alerts.record_failed_check(moderator, alert_id, forged.report_id)).verified is False
        assert (await alerts.get_alert(moderator, alert_id)).summary.verified is False
        # The real report still verifies and names the real sender.
        verification = await alerts.verify(moderator, alert_id, genuine.report_id, said.report)
        assert verification == alerts.Verification(True, chat.alice.account_id)
        detail = await alerts.get_alert(moderator, alert_id)
        assert [r.verified for r in detail.reports] == [True, False]
        assert (detail.summary.tier, detail.summary.verified, detail.subject) == (2, True, chat.alice.account_id)

        # Escalation is not blocked, and the member is queued at the verified tier, not the forged one.
        escalation = await alerts.escalate(moderator, alert_id, "en")
        assert await priority_of(db, escalation.request_id) == 2
    finally:
        await chat.close()
        await informer.close()
        await moderator.close()


async def test_a_forged_report_on_an_escalated_alert_moves_nobody_up_the_queue(live_server, db):
    moderator = await staff(live_server, "moderator")
    chat = await Chat.open(live_server, db)
    informer = await informer_in(chat, live_server, db)
    try:
        said = await chat.say(WORRYING)
        alert_id = (
            await alerts.raise_alert(
                chat.bob,
                conversation=said.conversation,
                seq=said.seq,
                tier=2,
                source="automatic",
                language="en",
                sealed=await sealed_alert(chat.bob, said.content),
            )
        ).alert_id
        await alerts.claim(moderator, alert_id)
        [genuine] = (await alerts.get_alert(moderator, alert_id)).reports
        assert (await alerts.verify(moderator, alert_id, genuine.report_id, said.report)).verified is True
        escalation = await alerts.escalate(moderator, alert_id, "en")
        assert await priority_of(db, escalation.request_id) == 2

        assert await forge(informer, said) == alert_id
        detail = await alerts.get_alert(moderator, alert_id)
        assert (detail.summary.status, detail.summary.tier, detail.summary.verified) == ("escalated", 2, True)
        assert detail.subject == chat.alice.account_id
        assert await priority_of(db, escalation.request_id) == 2

        # Checked and failed: still nothing moves, and the alert stays verified.
        forged = detail.reports[1]
        assert (await alerts.record_failed_check(moderator, alert_id, forged.report_id)).verified is False
        detail = await alerts.get_alert(moderator, alert_id)
        assert (detail.summary.tier, detail.summary.verified, detail.subject) == (2, True, chat.alice.account_id)
        assert await priority_of(db, escalation.request_id) == 2
    finally:
        await chat.close()
        await informer.close()
        await moderator.close()
