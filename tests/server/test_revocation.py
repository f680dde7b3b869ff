"""Revoking a staff role ends what only that role allowed: a counselor's sessions and a moderator's claims."""

from __future__ import annotations

import pytest

from client.api import admin as admin_api
from client.api import alerts as alerts_api
from client.api import counseling as counseling_api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.franking import commit
from crypto.sealed import DOMAIN_ALERT, seal
from server.conversations.service import create_conversation
from tests.haven_testing.people import admin_of, new_person, staff


async def _session(live_server, language: str):
    member = await new_person(live_server)
    counselor = await staff(live_server, "counselor")
    await counseling_api.set_profile(counselor, available=True, languages=[language], max_sessions=3)
    solution = await counseling_api.solve_help_pow(member)
    await counseling_api.request_help(member, language, None, solution)
    offer = await counseling_api.next_offer(counselor)
    assert offer is not None
    return member, counselor, await counseling_api.accept_offer(counselor, offer.request_id)


async def test_a_revoked_counselor_leaves_its_sessions_and_the_member_goes_back_to_the_queue(live_server):
    language = "rvk"
    member, counselor, session = await _session(live_server, language)
    admin = await admin_of(live_server)
    socket = await RelayConnection.connect(live_server.ws_url, counselor.identity)
    try:
        await socket.resume()
        await admin_api.revoke_role(admin, counselor.account_id, "counselor")
        # Its sends to the session are refused at once: it is no longer in the conversation.
        with pytest.raises(HavenClientError) as refused:
            await socket.send(session.conversation_id, b"still here?")
        assert refused.value.code == "unknown_conversation"
        ended = await counseling_api.session(member, session.session_id)
        assert ended.status == "closed" and ended.conversation_id is None
        mine = await counseling_api.my_request(member)
        assert mine.request is not None and mine.request.status == "waiting" and mine.session is None
        # Another counselor is offered the same request next.
        other = await staff(live_server, "counselor")
        await counseling_api.set_profile(other, available=True, languages=[language], max_sessions=3)
        offer = await counseling_api.next_offer(other)
        assert offer is not None and offer.request_id == session.request_id
        await other.close()
    finally:
        await socket.close()
        for api in (member, counselor, admin):
            await api.close()


async def test_a_revoked_moderator_hands_back_its_claims(live_server, db):
    writer, reader = await new_person(live_server), await new_person(live_server)
    moderator = await staff(live_server, "moderator")
    second = await staff(live_server, "moderator")
    admin = await admin_of(live_server)
    async with db() as session, session.begin():
        conversation = await create_conversation(session, "group", [writer.account_id, reader.account_id])
    socket = await RelayConnection.connect(live_server.ws_url, writer.identity)
    try:
        await socket.resume()
        commitment = commit(b"k" * 32, b"m" * 16, writer.account_id, conversation, b"text")
        accepted = await socket.send(conversation, b"ciphertext", commitment=commitment)
        keys = await admin_api.moderator_keys(writer)
        sealed = seal(b"content", domain=DOMAIN_ALERT, sender=writer.identity, recipients=keys)
        raised = await alerts_api.raise_alert(
            writer,
            conversation=conversation,
            seq=accepted.seq,
            tier=3,
            source="automatic",
            language="en",
            sealed=bytes(sealed),
        )
        await alerts_api.claim(moderator, raised.alert_id)
        with pytest.raises(HavenClientError) as held:
            await alerts_api.claim(second, raised.alert_id)
        assert held.value.code == "already_claimed"
        await admin_api.revoke_role(admin, moderator.account_id, "moderator")
        assert (await alerts_api.claim(second, raised.alert_id)).claimed_by == second.account_id
    finally:
        await socket.close()
        for api in (writer, reader, moderator, second, admin):
            await api.close()
