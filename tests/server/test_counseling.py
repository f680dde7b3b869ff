"""Counseling on SQLite and PostgreSQL: the queue (priority, age, language, exclusive offers, decline and lapse),
sessions with X3DH to an offline member, warm and cold transfers with sealed notes, closing, aggregate figures, the
proof of work and every role refusal.

The rules over HTTP alone run on the app in process, each test on a database of its own (`app_server`,
tests/haven_testing/inprocess.py); the tests that need a websocket (queue and session events, sends refused) run
against the shared real server, in a language code of their own."""

from __future__ import annotations

import asyncio
import base64
import secrets
import string
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from client.api import HavenAPI
from client.api import admin as admin_api
from client.api import counseling as api
from client.errors import HavenClientError
from client.relay import RelayConnection
from crypto.audit import verify_chain
from crypto.keys import OneTimePreKey, SignedPreKey
from crypto.pow import verify_pow
from crypto.ratchet import RatchetMessage
from crypto.sealed import DOMAIN_SESSION_NOTE, open_sealed, seal
from crypto.session import accept_session, initial_message, start_session
from server.clock import now_ms, today
from server.counseling.queue import open_priority_request
from server.models import (
    Conversation,
    ConversationMember,
    Group,
    GroupMember,
    HelpRequest,
    Message,
    SessionNote,
)
from tests.haven_testing.people import Server, admin_of, new_person, staff

Sessionmaker = async_sessionmaker[AsyncSession]


def language() -> str:
    """A language code of this test alone, for tests on the shared real server: its database keeps other tests'
    requests waiting."""
    return "".join(secrets.choice(string.ascii_lowercase) for _ in range(3))


async def refused(call: Any, code: str) -> None:
    with pytest.raises(HavenClientError) as caught:
        await call
    assert caught.value.code == code, caught.value


async def join_a_group(db: Sessionmaker, account_id: str) -> None:
    """Seed an active group membership (members of a group skip the proof of work)."""
    async with db() as session:
        conversation = secrets.token_hex(16)
        group = secrets.token_hex(16)
        session.add(Conversation(id=conversation, kind="group", last_seq=0, created_day=today()))
        await session.flush()
        session.add(
            Group(
                id=group,
                conversation_id=conversation,
                created_by=None,
                dm_enabled=False,
                max_members=10,
                membership_version=0,
                created_day=today(),
            )
        )
        await session.flush()
        session.add(
            GroupMember(
                group_id=group,
                account_id=account_id,
                status="active",
                group_role="member",
                pseudonym="p",
                joined_ms=now_ms(),
            )
        )
        await session.commit()


class People:
    """Everyone a test opens, closed at the end."""

    def __init__(self, server: Server, db: Sessionmaker | None, stack: AsyncExitStack) -> None:
        self.server = server
        self.db = db
        self.stack = stack

    def _keep(self, person: HavenAPI) -> HavenAPI:
        self.stack.push_async_callback(person.close)
        return person

    async def member(self, *, grouped: bool = True) -> HavenAPI:
        person = self._keep(await new_person(self.server))
        if grouped:
            assert self.db is not None
            await join_a_group(self.db, person.account_id)
        return person

    async def counselor(self, languages: list[str], max_sessions: int = 3, available: bool = True) -> HavenAPI:
        person = self._keep(await staff(self.server, "counselor"))
        await api.set_profile(person, available=available, languages=languages, max_sessions=max_sessions)
        return person

    async def admin(self) -> HavenAPI:
        return self._keep(await admin_of(self.server))

    async def socket(self, person: HavenAPI) -> RelayConnection:
        connection = await RelayConnection.connect(self.server.ws_url, person.identity)
        self.stack.push_async_callback(connection.close)
        await connection.resume()
        return connection


@asynccontextmanager
async def people(server: Server, db: Sessionmaker | None) -> AsyncIterator[People]:
    async with AsyncExitStack() as stack:
        yield People(server, db, stack)


async def open_session(crowd: People, lang: str) -> tuple[HavenAPI, HavenAPI, api.Session]:
    member = await crowd.member()
    counselor = await crowd.counselor([lang])
    await api.request_help(member, lang, "general")
    offer = await api.next_offer(counselor)
    assert offer is not None
    return member, counselor, await api.accept_offer(counselor, offer.request_id)


async def assert_send_refused(connection: RelayConnection, conversation: str) -> None:
    with pytest.raises(HavenClientError) as caught:
        await connection.send(conversation, b"x" * 16)
    assert caught.value.code == "unknown_conversation"


# --- the queue -------------------------------------------------------------------------------------------------
async def test_priority_first_then_oldest(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        first, second = await crowd.member(), await crowd.member()
        crisis = await crowd.member()
        counselor = await crowd.counselor([lang], max_sessions=5)
        one = await api.request_help(first, lang, "trauma")
        two = await api.request_help(second, lang)
        assert (one.status, one.position) == ("waiting", 1)
        assert two.position == 2
        async with app_server.db() as session:
            escalated = await open_priority_request(
                session, member_id=crisis.account_id, priority=3, alert_id=secrets.token_hex(16), language=lang
            )
            await session.commit()
        assert (await api.my_request(crisis)).request.position == 1
        assert (await api.my_request(second)).request.position == 3

        order = []
        for _ in range(3):
            offer = await api.next_offer(counselor)
            assert offer is not None and offer.language == lang
            order.append((offer.request_id, offer.priority))
            await api.accept_offer(counselor, offer.request_id)
        assert order == [(escalated, 3), (one.request_id, 0), (two.request_id, 0)]
        assert await api.next_offer(counselor) is None


async def test_offers_match_languages_and_queue_shows_counts_only(live_server, db):
    mine, other = language(), language()
    async with people(live_server, db) as crowd:
        member = await crowd.member()
        speaker = await crowd.counselor([mine])
        listener = await crowd.counselor([other, mine])
        socket = await crowd.socket(speaker)
        request = await api.request_help(member, other, "legal")
        with pytest.raises(asyncio.TimeoutError):
            await socket.next_event("queue", timeout=0.3)
        assert await api.next_offer(speaker) is None
        assert (await api.queue(speaker)).waiting == 0
        view = await api.queue(listener)
        assert view.waiting == 1 and view.offer is None
        offer = await api.next_offer(listener)
        assert offer is not None and (offer.request_id, offer.topic) == (request.request_id, "legal")
        assert offer.offer_expires_at_ms > now_ms()
        # Asking again while holding an offer returns the same offer.
        assert (await api.next_offer(listener)).request_id == request.request_id
        view = await api.queue(listener)
        assert view.offer is not None and view.offer.request_id == request.request_id and view.waiting == 0
        assert (await api.my_request(member)).request.status == "offered"


async def test_queue_event_reaches_matching_available_counselors(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member = await crowd.member()
        matching = await crowd.counselor([lang])
        away = await crowd.counselor([lang], available=False)
        matching_socket, away_socket = await crowd.socket(matching), await crowd.socket(away)
        await api.request_help(member, lang)
        assert (await matching_socket.next_event("queue")).waiting == 1
        with pytest.raises(asyncio.TimeoutError):
            await away_socket.next_event("queue", timeout=0.5)


async def test_two_counselors_never_get_the_same_offer(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        counselors = [await crowd.counselor([lang]) for _ in range(2)]
        for _ in range(3):
            member = await crowd.member()
            await api.request_help(member, lang)
            results = await asyncio.gather(*(api.next_offer(c) for c in counselors))
            assert sum(offer is not None for offer in results) == 1
            winner = counselors[0] if results[0] is not None else counselors[1]
            offered = next(offer for offer in results if offer is not None)
            await api.decline_offer(winner, offered.request_id)
            await api.cancel_request(member, offered.request_id)
        # Nothing left over for either.
        assert await api.next_offer(counselors[0]) is None


async def test_decline_returns_the_request_but_not_to_the_same_counselor(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        member = await crowd.member()
        first, second = await crowd.counselor([lang]), await crowd.counselor([lang])
        request = await api.request_help(member, lang)
        offer = await api.next_offer(first)
        assert offer is not None
        await refused(api.accept_offer(second, offer.request_id), "not_offered")
        await api.decline_offer(first, offer.request_id)
        await refused(api.decline_offer(first, offer.request_id), "not_offered")
        await refused(api.accept_offer(first, offer.request_id), "not_offered")
        assert await api.next_offer(first) is None
        again = await api.next_offer(second)
        assert again is not None and again.request_id == request.request_id
        async with app_server.db() as session:
            stored = await session.get(HelpRequest, request.request_id)
            assert first.account_id in stored.passed_by and stored.offered_to == second.account_id


async def test_capacity_caps_offers(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        counselor = await crowd.counselor([lang], max_sessions=1)
        members = [await crowd.member() for _ in range(2)]
        for member in members:
            await api.request_help(member, lang)
        offer = await api.next_offer(counselor)
        await api.accept_offer(counselor, offer.request_id)
        assert (await api.get_profile(counselor)).active_sessions == 1
        await refused(api.next_offer(counselor), "at_capacity")
        await api.set_profile(counselor, available=False, languages=[lang], max_sessions=2)
        await refused(api.next_offer(counselor), "not_available")
        await api.set_profile(counselor, available=True, languages=[lang], max_sessions=2)
        assert await api.next_offer(counselor) is not None


async def test_a_lapsed_offer_goes_back_to_the_queue(app_server_factory):
    lang = "en"
    async with app_server_factory(help_pow_bits=6, offer_timeout_seconds=1) as server, people(server, None) as crowd:
        member = await crowd.member(grouped=False)
        first, second = await crowd.counselor([lang]), await crowd.counselor([lang])
        request = await api.request_help(member, lang, pow=await api.solve_help_pow(member))
        offer = await api.next_offer(first)
        assert offer is not None
        await asyncio.sleep(1.3)
        await refused(api.accept_offer(first, offer.request_id), "offer_expired")
        assert (await api.my_request(member)).request.status == "waiting"
        assert await api.next_offer(first) is None
        again = await api.next_offer(second)
        assert again is not None and again.request_id == request.request_id
        # Lapses are seen wherever the queue is read, not only by offers/next.
        await asyncio.sleep(1.3)
        assert (await api.queue(second)).offer is None
        assert (await api.my_request(member)).request.status == "waiting"
        assert await api.next_offer(second) is None


async def test_member_cancels_only_waiting_or_offered_requests(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        member, stranger = await crowd.member(), await crowd.member()
        counselor = await crowd.counselor([lang])
        request = await api.request_help(member, lang)
        await refused(api.request_help(member, lang), "request_open")
        await refused(api.cancel_request(stranger, request.request_id), "forbidden")
        await api.cancel_request(member, request.request_id)
        assert (await api.my_request(member)) == api.MyRequest(None, None)
        # A cancelled request is deleted at once (nothing of it is kept but a count): it is unknown from then on.
        await refused(api.cancel_request(member, request.request_id), "unknown_request")
        await refused(api.cancel_request(member, secrets.token_hex(16)), "unknown_request")
        again = await api.request_help(member, lang)
        offer = await api.next_offer(counselor)
        await api.accept_offer(counselor, offer.request_id)
        await refused(api.cancel_request(member, again.request_id), "request_not_cancellable")


# --- sessions --------------------------------------------------------------------------------------------------
async def test_accept_opens_a_session_an_offline_member_finds_and_uses(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member = await crowd.member()
        counselor = await crowd.counselor([lang])
        spk = SignedPreKey.generate(member.identity, 1)
        opk = OneTimePreKey.generate(7)
        await admin_api.upload_prekeys(member, bytes(spk.public()), [bytes(opk.public())])
        request = await api.request_help(member, lang, "safety")
        await refused(admin_api.fetch_bundle(counselor, member.account_id), "forbidden")

        # The member is offline: no websocket while the counselor accepts and writes first.
        offer = await api.next_offer(counselor)
        session = await api.accept_offer(counselor, offer.request_id)
        assert (session.member_id, session.counselor_id, session.status) == (
            member.account_id,
            counselor.account_id,
            "active",
        )
        bundle = await admin_api.fetch_bundle(counselor, member.account_id)
        state, header = start_session(counselor.identity, bundle)
        counselor_socket = await crowd.socket(counselor)
        await counselor_socket.send(session.conversation_id, bytes(initial_message(state, header, b"hello, I'm here")))

        mine = await api.my_request(member)
        assert mine.request.request_id == request.request_id and mine.request.status == "active"
        assert mine.session == api.SessionRef(session.session_id, session.conversation_id, counselor.account_id)
        member_socket = await crowd.socket(member)
        delivered = await member_socket.next_delivery()
        assert (delivered.conversation, delivered.sender) == (session.conversation_id, counselor.account_id)
        store = {opk.key_id: opk}

        class Store:
            def get(self, key_id: int) -> OneTimePreKey | None:
                return store.get(key_id)

            def remove(self, key_id: int) -> None:
                store.pop(key_id, None)

        member_state, plaintext, result = accept_session(member.identity, spk, Store(), delivered.ciphertext)
        assert plaintext == b"hello, I'm here" and result.header.identity == counselor.identity.public()
        await member_socket.send(session.conversation_id, bytes(member_state.encrypt(b"thank you")))
        reply = await counselor_socket.next_delivery()
        assert state.decrypt(RatchetMessage.from_bytes(reply.ciphertext)) == b"thank you"

        assert [s.session_id for s in await api.sessions(member)] == [session.session_id]
        assert [s.session_id for s in await api.sessions(counselor)] == [session.session_id]
        assert (await api.session(member, session.session_id)).conversation_id == session.conversation_id


async def test_an_online_member_hears_of_the_session(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member = await crowd.member()
        counselor = await crowd.counselor([lang])
        socket = await crowd.socket(member)
        await api.request_help(member, lang)
        offer = await api.next_offer(counselor)
        session = await api.accept_offer(counselor, offer.request_id)
        event = await socket.next_event("session_opened")
        assert (event.session, event.conversation, event.counselor) == (
            session.session_id,
            session.conversation_id,
            counselor.account_id,
        )


async def test_warm_transfer_moves_the_session_and_its_notes(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member, old, session = await open_session(crowd, lang)
        new = await crowd.counselor([lang])
        busy = await crowd.counselor([lang], max_sessions=1)
        busy_member = await crowd.member()
        await api.request_help(busy_member, lang)
        await api.accept_offer(busy, (await api.next_offer(busy)).request_id)
        sockets = {name: await crowd.socket(who) for name, who in (("member", member), ("old", old), ("new", new))}

        own = seal(b"my own notes", domain=DOMAIN_SESSION_NOTE, sender=old.identity, recipients=[old.identity.public()])
        await api.add_note(old, session.session_id, bytes(own))
        handover = seal(
            b"context for you", domain=DOMAIN_SESSION_NOTE, sender=old.identity, recipients=[new.identity.public()]
        )
        await refused(api.transfer(old, session.session_id, busy.account_id, "warm"), "counselor_unavailable")
        await refused(api.transfer(old, session.session_id, old.account_id, "warm"), "counselor_unavailable")
        await refused(api.transfer(old, session.session_id, member.account_id, "warm"), "counselor_unavailable")
        await refused(api.transfer(new, session.session_id, new.account_id, "warm"), "forbidden")

        moved = await api.transfer(old, session.session_id, new.account_id, "warm", bytes(handover))
        assert (moved.counselor_id, moved.transfer_to) == (old.account_id, new.account_id)
        for socket in sockets.values():
            event = await socket.next_event("session_transfer")
            assert (event.session, event.conversation, event.counselor, event.mode) == (
                session.session_id,
                session.conversation_id,
                new.account_id,
                "warm",
            )
        await refused(api.transfer(old, session.session_id, new.account_id, "cold"), "transfer_pending")
        # Both counselors are in the conversation while the warm transfer runs.
        await sockets["old"].send(session.conversation_id, b"o" * 16)
        await sockets["new"].send(session.conversation_id, b"n" * 16)
        assert session.session_id in [s.session_id for s in await api.sessions(new)]
        assert (await api.get_profile(new)).active_sessions == 1

        # Each reads only the notes sealed to them; the server holds exactly the bytes given.
        [for_new] = await api.notes(new, session.session_id)
        assert (for_new.author, for_new.sealed) == (old.account_id, bytes(handover))
        assert open_sealed(for_new.sealed, domain=DOMAIN_SESSION_NOTE, recipient=new.identity)[1] == b"context for you"
        [for_old] = await api.notes(old, session.session_id)
        assert open_sealed(for_old.sealed, domain=DOMAIN_SESSION_NOTE, recipient=old.identity)[1] == b"my own notes"
        await refused(api.notes(member, session.session_id), "forbidden")

        done = await api.complete_transfer(new, session.session_id)
        assert (done.counselor_id, done.transfer_to) == (new.account_id, None)
        for socket in sockets.values():
            assert (await socket.next_event("session_transfer")).mode == "complete"
        await assert_send_refused(sockets["old"], session.conversation_id)
        await sockets["new"].send(session.conversation_id, b"n" * 16)
        await refused(api.session(old, session.session_id), "forbidden")
        await refused(api.notes(old, session.session_id), "forbidden")
        await refused(api.add_note(old, session.session_id, b"x"), "forbidden")
        assert [n.note_id for n in await api.notes(new, session.session_id)] == [for_new.note_id]
        assert session.session_id not in [s.session_id for s in await api.sessions(old)]
        async with db() as check:
            assert (
                await check.scalar(
                    select(func.count()).select_from(SessionNote).where(SessionNote.recipient_id == old.account_id)
                )
                == 0
            )

        admin = await crowd.admin()
        records = await admin_api.audit_entries(admin)
        mine = [(r.action, r.actor) for r in records if r.object_id == session.session_id]
        assert mine == [
            ("session.accept", old.account_id),
            ("session.transfer.warm", old.account_id),
            ("session.transfer.complete", new.account_id),
        ]
        assert verify_chain(records).ok


async def test_warm_transfer_can_be_cancelled(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        _member, old, session = await open_session(crowd, lang)
        new = await crowd.counselor([lang])
        new_socket = await crowd.socket(new)
        await refused(api.cancel_transfer(old, session.session_id), "no_transfer")
        await refused(api.complete_transfer(old, session.session_id), "no_transfer")
        note = seal(b"n", domain=DOMAIN_SESSION_NOTE, sender=old.identity, recipients=[new.identity.public()])
        await api.transfer(old, session.session_id, new.account_id, "warm", bytes(note))
        await refused(api.cancel_transfer(new, session.session_id), "forbidden")
        back = await api.cancel_transfer(old, session.session_id)
        assert (back.counselor_id, back.transfer_to) == (old.account_id, None)
        await assert_send_refused(new_socket, session.conversation_id)
        await refused(api.session(new, session.session_id), "forbidden")
        await refused(api.notes(new, session.session_id), "forbidden")
        async with db() as check:
            assert (
                await check.scalar(
                    select(func.count()).select_from(SessionNote).where(SessionNote.session_id == session.session_id)
                )
                == 0
            )
        actions = [
            r.action for r in await admin_api.audit_entries(await crowd.admin()) if r.object_id == session.session_id
        ]
        assert actions[-2:] == ["session.transfer.warm", "session.transfer.cancel"]


async def test_cold_transfer_replaces_the_counselor_at_once(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member, old, session = await open_session(crowd, lang)
        new = await crowd.counselor([lang])
        old_socket, new_socket = await crowd.socket(old), await crowd.socket(new)
        member_socket = await crowd.socket(member)
        note = seal(b"handover", domain=DOMAIN_SESSION_NOTE, sender=old.identity, recipients=[new.identity.public()])
        moved = await api.transfer(old, session.session_id, new.account_id, "cold", bytes(note))
        assert (moved.counselor_id, moved.transfer_to) == (new.account_id, None)
        event = await member_socket.next_event("session_transfer")
        assert (event.mode, event.counselor) == ("cold", new.account_id)
        await assert_send_refused(old_socket, session.conversation_id)
        await new_socket.send(session.conversation_id, b"n" * 16)
        assert (await member_socket.next_delivery()).sender == new.account_id
        [received] = await api.notes(new, session.session_id)
        assert open_sealed(received.sealed, domain=DOMAIN_SESSION_NOTE, recipient=new.identity)[1] == b"handover"
        await refused(api.notes(old, session.session_id), "forbidden")
        await refused(api.close_session(old, session.session_id, "resolved"), "forbidden")
        mine = await api.my_request(member)
        assert mine.session.counselor_id == new.account_id


async def test_close_deletes_notes_and_the_conversation(live_server, db):
    lang = language()
    async with people(live_server, db) as crowd:
        member, counselor, session = await open_session(crowd, lang)
        member_socket, counselor_socket = await crowd.socket(member), await crowd.socket(counselor)
        await counselor_socket.send(session.conversation_id, b"c" * 16)
        await api.add_note(counselor, session.session_id, b"sealed-bytes")
        await refused(api.close_session(member, session.session_id, "resolved"), "forbidden")
        await refused(api.close_session(counselor, session.session_id, "bogus"), "invalid_request")
        await api.close_session(counselor, session.session_id, "follow_up")
        for socket in (member_socket, counselor_socket):
            assert (await socket.next_event("session_closed")).session == session.session_id
        closed = await api.session(member, session.session_id)
        assert (closed.status, closed.outcome) == ("closed", "follow_up") and closed.closed_at_ms is not None
        assert await api.my_request(member) == api.MyRequest(None, None)
        assert await api.sessions(member) == [] and await api.sessions(counselor) == []
        await assert_send_refused(counselor_socket, session.conversation_id)
        await assert_send_refused(member_socket, session.conversation_id)
        await refused(api.close_session(counselor, session.session_id, "resolved"), "session_closed")
        await refused(api.add_note(counselor, session.session_id, b"x"), "session_closed")
        assert await api.notes(counselor, session.session_id) == []
        async with db() as check:
            for table, column in (
                (SessionNote, SessionNote.session_id),
                (Message, Message.conversation_id),
                (ConversationMember, ConversationMember.conversation_id),
            ):
                key = session.session_id if table is SessionNote else session.conversation_id
                assert await check.scalar(select(func.count()).select_from(table).where(column == key)) == 0
            assert (await check.get(HelpRequest, session.request_id)).status == "closed"
        # The member may ask again.
        assert (await api.request_help(member, lang)).status == "waiting"


# --- figures, proof of work, roles -----------------------------------------------------------------------------
async def test_stats_are_aggregate_and_admin_only(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        admin = await crowd.admin()
        before = await api.stats(admin)
        member, counselor, _session = await open_session(crowd, lang)
        waiting_member = await crowd.member()
        await api.request_help(waiting_member, lang)
        after = await api.stats(admin)
        assert after.waiting >= 1 and after.median_wait_ms is not None and after.median_wait_ms >= 0
        assert after.active_sessions >= before.active_sessions + 1
        assert after.available_counselors >= 1
        assert after.median_time_to_accept_ms is not None and after.median_time_to_accept_ms >= 0
        raw = await admin.get("/v1/counseling/stats")
        assert set(raw) == {
            "waiting",
            "offered",
            "active_sessions",
            "available_counselors",
            "median_wait_ms",
            "median_time_to_accept_ms",
            "outcomes",
            "cancelled",
        }
        await refused(api.stats(member), "forbidden")
        await refused(api.stats(counselor), "forbidden")


async def test_proof_of_work_and_the_anonymous_difficulty(app_server_factory):
    lang = "en"
    settings = {
        "help_pow_bits": 6,
        "help_request_burst": 2,
        "help_requests_per_minute": 0.01,
        "registration_challenge_ttl_seconds": 3,
    }
    async with app_server_factory(**settings) as server, people(server, server.db) as crowd:
        loner = await crowd.member(grouped=False)
        await refused(api.request_help(loner, lang), "pow_required")
        await refused(
            api.request_help(loner, lang, pow=api.PowSolution(secrets.token_bytes(40), 0)), "challenge_invalid"
        )
        issued = await api.pow_challenge(loner)
        assert issued.pow_bits == 6
        payload = loner.account_id.encode("ascii")
        bad = next(c for c in range(10_000) if not verify_pow(issued.challenge, payload, c, 6))
        await refused(api.request_help(loner, lang, pow=api.PowSolution(issued.challenge, bad)), "pow_insufficient")
        # Solved for someone else's account id: not valid for this caller.
        other = await crowd.member(grouped=False)
        solution = await api.solve_help_pow(other)
        if not verify_pow(solution.challenge, payload, solution.counter, 6):
            await refused(api.request_help(loner, lang, pow=solution), "pow_insufficient")

        stale = await api.solve_help_pow(loner)
        proof = await api.solve_help_pow(loner)
        made = await api.request_help(loner, lang, "general", pow=proof)
        assert made.status == "waiting"
        await api.cancel_request(loner, made.request_id)
        await refused(api.request_help(loner, lang, pow=proof), "challenge_used")
        await asyncio.sleep(3.2)
        await refused(api.request_help(loner, lang, pow=stale), "challenge_expired")

        # The lane's burst was 2 for everyone outside a group together: one spent above, one left; past it the
        # proof of work costs more (issue 10, item 8), and the request still gets through.
        await api.request_help(other, lang, pow=await api.solve_help_pow(other))
        third = await crowd.member(grouped=False)
        assert (await api.pow_challenge(third)).pow_bits > 6
        assert (await api.request_help(third, lang, pow=await api.solve_help_pow(third))).status == "waiting"
        # A member of a group needs neither the proof nor the bucket.
        grouped = await crowd.member()
        assert (await api.request_help(grouped, lang)).status == "waiting"
        fourth = await crowd.member(grouped=False)
        await refused(
            api.request_help(fourth, lang, pow=api.PowSolution(secrets.token_bytes(40), 0)), "challenge_invalid"
        )


async def test_role_refusals_and_unknown_ids(app_server):
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        member, counselor, session = await open_session(crowd, lang)
        outsider = await crowd.counselor([lang])
        admin = await crowd.admin()
        waiting = await crowd.member()
        request = await api.request_help(waiting, lang)
        sid, rid = session.session_id, request.request_id

        for who in (member, admin):
            await refused(api.get_profile(who), "forbidden")
            await refused(api.set_profile(who, available=True, languages=[lang], max_sessions=1), "forbidden")
            await refused(api.next_offer(who), "forbidden")
            await refused(api.queue(who), "forbidden")
            await refused(api.accept_offer(who, rid), "forbidden")
            await refused(api.decline_offer(who, rid), "forbidden")
            await refused(api.transfer(who, sid, outsider.account_id, "cold"), "forbidden")
            await refused(api.complete_transfer(who, sid), "forbidden")
            await refused(api.cancel_transfer(who, sid), "forbidden")
            await refused(api.add_note(who, sid, b"x"), "forbidden")
            await refused(api.notes(who, sid), "forbidden")
            await refused(api.close_session(who, sid, "resolved"), "forbidden")
        # Admins and other counselors see no session that is not theirs.
        for who in (admin, outsider):
            await refused(api.session(who, sid), "forbidden")
            assert sid not in [s.session_id for s in await api.sessions(who)]
        await refused(api.transfer(outsider, sid, outsider.account_id, "cold"), "forbidden")
        await refused(api.add_note(outsider, sid, b"x"), "forbidden")
        await refused(api.notes(outsider, sid), "forbidden")
        await refused(api.close_session(outsider, sid, "resolved"), "forbidden")
        await refused(api.cancel_request(counselor, rid), "forbidden")
        await refused(api.transfer(counselor, sid, waiting.account_id, "cold"), "counselor_unavailable")

        unknown = secrets.token_hex(16)
        await refused(api.accept_offer(counselor, unknown), "unknown_request")
        await refused(api.decline_offer(counselor, unknown), "unknown_request")
        await refused(api.session(member, unknown), "unknown_session")
        await refused(api.close_session(counselor, unknown, "resolved"), "unknown_session")
        await refused(api.notes(counselor, unknown), "unknown_session")
        await refused(api.transfer(counselor, unknown, outsider.account_id, "cold"), "unknown_session")

        # Bodies outside the fixed lists are refused before any rule runs.
        bad_bodies = [
            {"language": "EN"},
            {"language": "english"},
            {"language": lang, "topic": "anything"},
            {"language": lang, "note": "free text"},
        ]
        for body in bad_bodies:
            await refused(waiting.post("/v1/counseling/requests", body), "invalid_request")
        await refused(
            counselor.put("/v1/counseling/profile", {"available": True, "languages": ["en"], "max_sessions": 21}),
            "invalid_request",
        )
        await refused(
            counselor.post(
                f"/v1/counseling/sessions/{sid}/notes", {"sealed": base64.b64encode(b"x" * (64 * 1024 + 1)).decode()}
            ),
            "bad_length",
        )


# --- retention (security issue 10, item 3) ---------------------------------------------------------------------
async def test_a_departing_counselor_leaves_no_trace_on_waiting_requests(app_server):
    """A counselor who passed on a request is listed in it (so it is not offered the request again) only while it
    counsels: once its role is revoked, no request names it."""
    lang = "en"
    async with people(app_server, app_server.db) as crowd:
        admin = await crowd.admin()
        member = await crowd.member()
        leaving, staying = await crowd.counselor([lang]), await crowd.counselor([lang], available=False)
        request = await api.request_help(member, lang, "legal")
        offer = await api.next_offer(leaving)
        assert offer is not None and offer.request_id == request.request_id
        await api.decline_offer(leaving, offer.request_id)
        async with app_server.db() as check:
            assert leaving.account_id in (await check.get(HelpRequest, request.request_id)).passed_by
        await admin_api.revoke_role(admin, leaving.account_id, "counselor")
        async with app_server.db() as check:
            waiting = await check.get(HelpRequest, request.request_id)
            assert waiting.status == "waiting" and leaving.account_id not in waiting.passed_by
        await api.set_profile(staying, available=True, languages=[lang], max_sessions=3)
        assert (await api.next_offer(staying)).request_id == request.request_id
