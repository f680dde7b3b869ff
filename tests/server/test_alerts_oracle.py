"""Raising an alert is not a report oracle: over real HTTP against a live server, a member cannot tell from the
answer whether someone else already reported a message (which would tell an informer that someone in the group
sought help, or flagged that message), nor how many did.

Before the fix the answer was `201 {"duplicate": false}` for the first report and `200 {"duplicate": true}` after."""

from __future__ import annotations

import base64

from client.api import HavenAPI, alerts
from server.conversations.service import add_member
from tests.haven_testing.people import new_person, staff
from tests.server.test_alerts import WORRYING, Chat, Said, sealed_alert


async def answer_to(api: HavenAPI, said: Said, tier: int) -> tuple[int, dict[str, object]]:
    """POST /v1/alerts as any client would, keeping the status and the body."""
    await api.login()
    body = {
        "conversation": said.conversation,
        "seq": said.seq,
        "tier": tier,
        "source": "manual",
        "language": "en",
        "sealed": base64.b64encode(await sealed_alert(api, said.content)).decode(),
    }
    response = await api.http.post("/v1/alerts", json=body, headers={"Authorization": f"Bearer {api._token}"})
    return response.status_code, response.json()


async def test_a_report_answers_the_same_whether_or_not_anyone_reported_the_message(live_server, db):
    moderator = await staff(live_server, "moderator")
    informer = await new_person(live_server)
    chat = await Chat.open(live_server, db)
    try:
        async with db() as session:
            await add_member(session, chat.conversation, informer.account_id)
            await session.commit()
        unreported, reported = await chat.say(WORRYING), await chat.say(WORRYING)
        # The member who received it flags the second message (twice: automatic, then by hand).
        await alerts.raise_alert(
            chat.bob,
            conversation=reported.conversation,
            seq=reported.seq,
            tier=2,
            source="automatic",
            language="en",
            sealed=await sealed_alert(chat.bob, reported.content),
        )
        await answer_to(chat.bob, reported, 3)

        # The informer probes both, and one of them twice.
        answers = [
            await answer_to(informer, unreported, 2),
            await answer_to(informer, reported, 2),
            await answer_to(informer, reported, 4),
        ]
        shapes = [(status, sorted(body)) for status, body in answers]
        assert shapes == [(201, ["alert_id"])] * 3
        # Only the alert's id, which is random either way: no count, no flag, nothing that tells the two apart.
        assert answers[1][1]["alert_id"] == answers[2][1]["alert_id"] != answers[0][1]["alert_id"]

        # The moderators, not the reporter, see that the second message has four reports.
        # (Other tests share this server: only this conversation's alerts.)
        summaries = {
            a.seq: a.reports for a in await alerts.list_alerts(moderator) if a.conversation == chat.conversation
        }
        assert summaries == {unreported.seq: 1, reported.seq: 4}
    finally:
        await chat.close()
        await informer.close()
        await moderator.close()
