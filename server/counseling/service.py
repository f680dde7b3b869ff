"""The rules of counseling: who may ask, how the queue offers requests, sessions, transfers, notes and closing.

Every state change commits here and only then announces itself (server.events.notify): an event is a hint, the
GET endpoints tell the same story to a client that was offline.
"""

from __future__ import annotations

import secrets
import statistics
from typing import Literal

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.pow import verify_pow
from server import clock
from server.audit.log import append as audit
from server.conversations import service as conversations
from server.counseling import counters
from server.counseling import exceptions as refused
from server.counseling import repository as repo
from server.counseling.queue import OPEN_STATUSES, open_request_of
from server.counseling.schemas import (
    LANE_CODES,
    ColleagueOut,
    HelpRequestIn,
    HelpRequestOut,
    MyRequestOut,
    NoteOut,
    OfferOut,
    OpenRequestOut,
    PowChallengeOut,
    ProfileIn,
    ProfileOut,
    QueueOut,
    SessionOut,
    SessionRef,
    StatsOut,
    TransferIn,
    lane_of,
)
from server.events import notify
from server.identity import challenge
from server.identity.caller import Caller
from server.identity.exceptions import ChallengeSpent, PowInsufficient
from server.models import CounselingSession, CounselorProfile, HelpRequest, SessionNote, UsedChallenge
from server.runtime import Runtime
from server.statuses import HelpRequestStatus, SessionStatus

# offers/next looks at this many waiting requests per query while skipping ones the counselor passed.
_CANDIDATE_PAGE = 50
_DAY_MS = 86_400_000


def _new_id() -> str:
    return secrets.token_hex(16)


# --- the queue's lazy clock ------------------------------------------------------------------------------------
async def reset_lapsed_offers(db: AsyncSession, now_ms: int) -> list[str]:
    """Offers past their time count as waiting again, and not for the counselor who let them lapse. Run wherever
    the queue is read; commits. The languages of the requests that went back, for queue hints."""
    languages: list[str] = []
    for request in await repo.lapsed_offers(db, now_ms):
        if request.offered_to is not None and await repo.return_to_queue(db, request, request.offered_to):
            languages.append(request.language)
    await db.commit()
    return languages


# --- members ---------------------------------------------------------------------------------------------------
async def pow_challenge(runtime: Runtime, topic: str | None = None) -> PowChallengeOut:
    """A challenge at the difficulty the topic's lane costs now; the challenge carries it (and the lane), so a
    spike after it was issued never refuses its honest solver."""
    lane = lane_of(topic)
    bits = await runtime.help_difficulty[lane].bits()
    token, expires = challenge.issue_help(
        runtime.server_secret,
        clock.now_ms(),
        runtime.settings.registration_challenge_ttl_seconds,
        pow_bits=bits,
        lane=LANE_CODES[lane],
    )
    return PowChallengeOut(challenge=token, pow_bits=bits, expires_at=expires)


async def _spend_proof_of_work(runtime: Runtime, db: AsyncSession, caller: Caller, body: HelpRequestIn) -> None:
    """Someone in no group pays CPU time, at a difficulty that rises with the recent rate of such requests in the
    request's lane, and draws on a small budget of their own that cancelling does not refund. Nothing here is
    deployment-wide and refusing: one attacker must not lock a person in crisis out (issue 10, item 8)."""
    if body.pow is None:
        raise refused.ProofOfWorkRequired()
    nonce, expires_ms = challenge.check_help(runtime.server_secret, body.pow.challenge, clock.now_ms())
    bits, lane_code = challenge.help_terms(nonce)
    if lane_code != LANE_CODES[lane_of(body.topic)]:
        raise refused.ChallengeForOtherLane()
    payload = caller.account_id.encode("ascii")
    if not verify_pow(body.pow.challenge, payload, body.pow.counter, max(bits, runtime.settings.help_pow_bits)):
        raise PowInsufficient()
    # A replayed proof must not spend the caller's budget: refuse it before taking a token.
    if await db.get(UsedChallenge, nonce) is not None:
        raise ChallengeSpent()
    if not await runtime.help_identity_limiter.take(caller.account_id):
        raise refused.HelpRateLimited()
    db.add(UsedChallenge(nonce=nonce, expires_at_ms=expires_ms))


async def create_request(runtime: Runtime, db: AsyncSession, caller: Caller, body: HelpRequestIn) -> HelpRequestOut:
    await reset_lapsed_offers(db, clock.now_ms())
    if await open_request_of(db, caller.account_id) is not None:
        raise refused.RequestAlreadyOpen()
    paid = not await repo.in_any_group(db, caller.account_id)
    if paid:
        await _spend_proof_of_work(runtime, db, caller, body)
    request = HelpRequest(
        id=_new_id(),
        member_id=caller.account_id,
        language=body.language,
        topic=body.topic,
        priority=0,
        alert_id=None,
        status=HelpRequestStatus.WAITING,
        passed_by="",
        created_ms=clock.now_ms(),
    )
    db.add(request)
    try:
        await db.commit()
    except IntegrityError:
        await db.rollback()
        # Either a concurrent request of the same member won (one open request each, enforced by a unique
        # index) or the same proof was spent concurrently.
        if await open_request_of(db, caller.account_id) is not None:
            raise refused.RequestAlreadyOpen() from None
        raise ChallengeSpent() from None
    if paid:
        await runtime.help_difficulty[lane_of(body.topic)].record()
    position = await repo.position_of(db, request)
    await announce_queue(runtime, request.language)
    return HelpRequestOut(request_id=request.id, status=request.status, position=position)


async def my_request(db: AsyncSession, caller: Caller) -> MyRequestOut:
    await reset_lapsed_offers(db, clock.now_ms())
    request = await open_request_of(db, caller.account_id)
    if request is None:
        return MyRequestOut(request=None, session=None)
    position = await repo.position_of(db, request) if request.status == HelpRequestStatus.WAITING else 0
    view = OpenRequestOut(
        request_id=request.id,
        status=request.status,
        language=request.language,
        topic=request.topic,
        position=position,
        created_at=request.created_ms,
    )
    session = None
    if request.status == HelpRequestStatus.ACTIVE:
        found = await repo.session_of_request(db, request.id)
        if found is not None and found.status == SessionStatus.ACTIVE:
            session = SessionRef(
                session_id=found.id, conversation_id=found.conversation_id, counselor_id=found.counselor_id
            )
    return MyRequestOut(request=view, session=session)


async def cancel_request(db: AsyncSession, caller: Caller, request_id: str) -> None:
    await reset_lapsed_offers(db, clock.now_ms())
    request = await db.get(HelpRequest, request_id)
    if request is None:
        raise refused.UnknownHelpRequest()
    if request.member_id != caller.account_id:
        raise refused.NotRequestOwner()
    if request.status not in (HelpRequestStatus.WAITING, HelpRequestStatus.OFFERED):
        raise refused.RequestNotCancellable()
    # Nothing of a cancelled request is kept but one count (security issue 10, item 3): nobody needs it again.
    await counters.bump(db, counters.CounterEvent.CANCELLED, request.language)
    await repo.delete_request(db, request.id)
    await db.commit()


# --- counselors ------------------------------------------------------------------------------------------------
async def _profile(db: AsyncSession, counselor_id: str) -> CounselorProfile | None:
    return await db.get(CounselorProfile, counselor_id)


async def colleagues(db: AsyncSession, caller: Caller) -> list[ColleagueOut]:
    """The other available counselors, with their load: whom a session can be transferred to."""
    found = [
        ColleagueOut(
            account_id=profile.account_id,
            languages=repo.split_codes(profile.languages),
            active_sessions=await repo.active_load(db, profile.account_id),
            max_sessions=profile.max_sessions,
        )
        for profile in await repo.available_profiles(db)
        if profile.account_id != caller.account_id
    ]
    return sorted(found, key=lambda c: c.account_id)


async def get_profile(db: AsyncSession, caller: Caller) -> ProfileOut:
    profile = await _profile(db, caller.account_id)
    load = await repo.active_load(db, caller.account_id)
    if profile is None:
        return ProfileOut(available=False, languages=[], max_sessions=3, active_sessions=load)
    return ProfileOut(
        available=profile.available,
        languages=repo.split_codes(profile.languages),
        max_sessions=profile.max_sessions,
        active_sessions=load,
    )


async def put_profile(db: AsyncSession, caller: Caller, body: ProfileIn) -> ProfileOut:
    profile = await _profile(db, caller.account_id)
    if profile is None:
        profile = CounselorProfile(account_id=caller.account_id)
        db.add(profile)
    profile.available = body.available
    profile.languages = repo.join_codes(body.languages)
    profile.max_sessions = body.max_sessions
    await db.commit()
    return await get_profile(db, caller)


def _offer_view(request: HelpRequest, now_ms: int) -> OfferOut:
    return OfferOut(
        request_id=request.id,
        language=request.language,
        topic=request.topic,
        priority=request.priority,
        waited_ms=max(0, now_ms - request.created_ms),
        offer_expires_at=request.offer_expires_ms or now_ms,
    )


async def next_offer(runtime: Runtime, db: AsyncSession, caller: Caller) -> OfferOut | None:
    """Offer the calling counselor the best waiting request they can take, exclusively, for a limited time."""
    now_ms = clock.now_ms()
    await reset_lapsed_offers(db, now_ms)
    profile = await _profile(db, caller.account_id)
    if profile is None or not profile.available:
        raise refused.NotAvailable()
    current = await repo.live_offer_of(db, caller.account_id, now_ms)
    if current is not None:
        # One offer at a time: asking again returns the offer already held.
        return _offer_view(current, now_ms)
    if await repo.active_load(db, caller.account_id) >= profile.max_sessions:
        raise refused.AtCapacity()
    languages = repo.split_codes(profile.languages)
    if not languages:
        return None
    expires = now_ms + runtime.settings.offer_timeout_seconds * 1000
    offset = 0
    while True:
        candidates = await repo.waiting_candidates(db, languages, offset=offset, limit=_CANDIDATE_PAGE)
        for request in candidates:
            if caller.account_id in repo.split_codes(request.passed_by) or request.member_id == caller.account_id:
                continue
            if await repo.claim_offer(db, request.id, caller.account_id, expires):
                await db.commit()
                await db.refresh(request)
                return _offer_view(request, now_ms)
            # Another counselor took it between our read and our update (nothing changed): try the next one.
        if len(candidates) < _CANDIDATE_PAGE:
            return None
        offset += _CANDIDATE_PAGE


async def queue_view(db: AsyncSession, caller: Caller) -> QueueOut:
    now_ms = clock.now_ms()
    await reset_lapsed_offers(db, now_ms)
    profile = await _profile(db, caller.account_id)
    languages = repo.split_codes(profile.languages) if profile is not None else []
    counts = await repo.waiting_by_language(db)
    offer = await repo.live_offer_of(db, caller.account_id, now_ms)
    return QueueOut(
        offer=_offer_view(offer, now_ms) if offer is not None else None,
        waiting=sum(counts.get(language, 0) for language in languages),
    )


async def accept_offer(runtime: Runtime, db: AsyncSession, caller: Caller, request_id: str) -> SessionOut:
    now_ms = clock.now_ms()
    request = await db.get(HelpRequest, request_id)
    if request is None:
        raise refused.UnknownHelpRequest()
    if request.status != HelpRequestStatus.OFFERED or request.offered_to != caller.account_id:
        raise refused.NotOffered()
    if (request.offer_expires_ms or 0) <= now_ms:
        await reset_lapsed_offers(db, now_ms)
        raise refused.OfferExpired()
    if not await repo.mark_accepted(db, request.id, caller.account_id, now_ms):
        await db.rollback()
        raise refused.NotOffered()
    conversation_id = await conversations.create_conversation(db, "session", [request.member_id, caller.account_id])
    session = CounselingSession(
        id=_new_id(),
        request_id=request.id,
        conversation_id=conversation_id,
        member_id=request.member_id,
        counselor_id=caller.account_id,
        status=SessionStatus.ACTIVE,
        transfer_to=None,
        outcome=None,
        created_ms=now_ms,
        closed_ms=None,
    )
    db.add(session)
    await db.flush()
    await counters.bump(
        db, counters.CounterEvent.ACCEPTED, request.language, counters.wait_bucket(now_ms - request.created_ms)
    )
    await audit(db, caller.account_id, "session.accept", session.id)
    await db.commit()
    notify(
        runtime,
        [request.member_id],
        "session_opened",
        session=session.id,
        conversation=conversation_id,
        counselor=caller.account_id,
    )
    return session_view(session)


async def decline_offer(runtime: Runtime, db: AsyncSession, caller: Caller, request_id: str) -> None:
    request = await db.get(HelpRequest, request_id)
    if request is None:
        raise refused.UnknownHelpRequest()
    if request.status != HelpRequestStatus.OFFERED or request.offered_to != caller.account_id:
        raise refused.NotOffered()
    if not await repo.return_to_queue(db, request, caller.account_id):
        await db.rollback()
        raise refused.NotOffered()
    await audit(db, caller.account_id, "request.decline", request.id)
    await db.commit()
    await announce_queue(runtime, request.language)


async def announce_queue(runtime: Runtime, language: str) -> None:
    """Hint available counselors who speak `language` that the queue changed (they then call offers/next).

    Opens its own database session, so the alerts domain can call it after its escalation committed."""
    async with runtime.sessionmaker() as db:
        counts = await repo.waiting_by_language(db)
        recipients: dict[str, int] = {}
        for profile in await repo.available_profiles(db):
            languages = repo.split_codes(profile.languages)
            if language in languages:
                recipients[profile.account_id] = sum(counts.get(code, 0) for code in languages)
    for account_id, waiting in recipients.items():
        notify(runtime, [account_id], "queue", waiting=waiting)


# --- sessions --------------------------------------------------------------------------------------------------
def session_view(session: CounselingSession) -> SessionOut:
    return SessionOut(
        session_id=session.id,
        request_id=session.request_id,
        conversation_id=session.conversation_id,
        member_id=session.member_id,
        counselor_id=session.counselor_id,
        transfer_to=session.transfer_to,
        status=session.status,
        outcome=session.outcome,
        created_at=session.created_ms,
        closed_at=session.closed_ms,
    )


def _counselors(session: CounselingSession) -> list[str]:
    return [c for c in (session.counselor_id, session.transfer_to) if c is not None]


def _participants(session: CounselingSession) -> list[str]:
    return [session.member_id, *_counselors(session)]


async def _session_for(db: AsyncSession, caller: Caller, session_id: str) -> CounselingSession:
    session = await db.get(CounselingSession, session_id)
    if session is None:
        raise refused.UnknownSession()
    if caller.account_id not in _participants(session):
        raise refused.NotSessionParticipant()
    return session


async def _active_session_as_counselor(
    db: AsyncSession, caller: Caller, session_id: str, *, current_only: bool
) -> CounselingSession:
    session = await db.get(CounselingSession, session_id, with_for_update=True)
    if session is None:
        raise refused.UnknownSession()
    allowed = [session.counselor_id] if current_only else _counselors(session)
    if caller.account_id not in allowed:
        raise refused.NotCurrentCounselor()
    if session.status != SessionStatus.ACTIVE or session.conversation_id is None:
        raise refused.SessionClosed()
    return session


def _conversation(session: CounselingSession) -> str:
    """An active session's conversation (closing clears it, and only active sessions get here)."""
    if session.conversation_id is None:
        raise refused.SessionClosed()
    return session.conversation_id


async def list_sessions(db: AsyncSession, caller: Caller) -> list[SessionOut]:
    return [session_view(s) for s in await repo.sessions_of(db, caller.account_id)]


async def get_session(db: AsyncSession, caller: Caller, session_id: str) -> SessionOut:
    return session_view(await _session_for(db, caller, session_id))


async def _can_take(db: AsyncSession, account_id: str) -> bool:
    if not await repo.has_role(db, account_id, "counselor"):
        return False
    profile = await _profile(db, account_id)
    if profile is None or not profile.available:
        return False
    return await repo.active_load(db, account_id) < profile.max_sessions


def _announce_transfer(runtime: Runtime, session: CounselingSession, old: str, target: str, mode: str) -> None:
    notify(
        runtime,
        [session.member_id, old, target],
        "session_transfer",
        session=session.id,
        conversation=session.conversation_id,
        counselor=target,
        mode=mode,
    )


async def transfer(runtime: Runtime, db: AsyncSession, caller: Caller, session_id: str, body: TransferIn) -> SessionOut:
    session = await _active_session_as_counselor(db, caller, session_id, current_only=True)
    if session.transfer_to is not None:
        raise refused.TransferPending()
    target = body.to
    if target in (caller.account_id, session.member_id) or not await _can_take(db, target):
        raise refused.CounselorUnavailable()
    old = session.counselor_id
    if body.mode == "cold":
        await conversations.remove_member(db, _conversation(session), old)
        await conversations.add_member(db, _conversation(session), target)
        session.counselor_id = target
        # Notes sealed to the departing counselor can be opened by nobody on the session any more.
        await repo.delete_notes(db, session.id, old)
    else:
        await conversations.add_member(db, _conversation(session), target)
        session.transfer_to = target
    if body.note is not None:
        db.add(_note(session.id, author=old, recipient=target, sealed=body.note))
    await audit(db, caller.account_id, f"session.transfer.{body.mode}", session.id)
    await db.commit()
    _announce_transfer(runtime, session, old, target, body.mode)
    return session_view(session)


async def complete_transfer(runtime: Runtime, db: AsyncSession, caller: Caller, session_id: str) -> SessionOut:
    session = await _active_session_as_counselor(db, caller, session_id, current_only=False)
    return await _end_warm_transfer(runtime, db, caller, session, "complete")


async def cancel_transfer(runtime: Runtime, db: AsyncSession, caller: Caller, session_id: str) -> SessionOut:
    session = await _active_session_as_counselor(db, caller, session_id, current_only=True)
    return await _end_warm_transfer(runtime, db, caller, session, "cancel")


async def _end_warm_transfer(
    runtime: Runtime, db: AsyncSession, caller: Caller, session: CounselingSession, mode: Literal["complete", "cancel"]
) -> SessionOut:
    """A warm transfer ends one of two ways: completed, the old counselor leaves; cancelled, the receiving one
    does. Whoever leaves loses the conversation and the notes addressed to it."""
    target = session.transfer_to
    if target is None:
        raise refused.NoTransfer()
    old = session.counselor_id
    leaving = old if mode == "complete" else target
    await conversations.remove_member(db, _conversation(session), leaving)
    await repo.delete_notes(db, session.id, leaving)
    if mode == "complete":
        session.counselor_id = target
    session.transfer_to = None
    await audit(db, caller.account_id, f"session.transfer.{mode}", session.id)
    await db.commit()
    _announce_transfer(runtime, session, old, target, mode)
    return session_view(session)


# --- notes -----------------------------------------------------------------------------------------------------
def _note(session_id: str, *, author: str, recipient: str, sealed: bytes) -> SessionNote:
    return SessionNote(
        id=_new_id(),
        session_id=session_id,
        recipient_id=recipient,
        author_id=author,
        sealed=sealed,
        created_ms=clock.now_ms(),
    )


async def add_note(db: AsyncSession, caller: Caller, session_id: str, sealed: bytes) -> str:
    session = await _active_session_as_counselor(db, caller, session_id, current_only=False)
    note = _note(session.id, author=caller.account_id, recipient=caller.account_id, sealed=sealed)
    db.add(note)
    await db.commit()
    return note.id


async def read_notes(db: AsyncSession, caller: Caller, session_id: str) -> list[NoteOut]:
    session = await db.get(CounselingSession, session_id)
    if session is None:
        raise refused.UnknownSession()
    if caller.account_id not in _counselors(session):
        raise refused.NotSessionCounselor()
    return [
        NoteOut(id=n.id, author=n.author_id, sealed=n.sealed, created_at=n.created_ms)
        for n in await repo.notes_for(db, session.id, caller.account_id)
    ]


# --- closing ---------------------------------------------------------------------------------------------------
async def close_session(runtime: Runtime, db: AsyncSession, caller: Caller, session_id: str, outcome: str) -> None:
    session = await _active_session_as_counselor(db, caller, session_id, current_only=True)
    recipients = _participants(session)
    now_ms = clock.now_ms()
    session.status = SessionStatus.CLOSED
    session.outcome = outcome
    session.closed_ms = now_ms
    session.transfer_to = None
    request = await db.get(HelpRequest, session.request_id)
    if request is not None and request.status in OPEN_STATUSES:
        request.status = HelpRequestStatus.CLOSED
    await counters.bump(db, counters.CounterEvent.CLOSED, request.language if request else "", outcome)
    # Notes move with the session and end with it; so does what was said in it.
    await repo.delete_notes(db, session.id)
    await repo.delete_conversation(db, session.conversation_id)
    session.conversation_id = None
    await audit(db, caller.account_id, "session.close", session.id)
    if runtime.settings.counseling_retention_seconds == 0:
        # No grace period: who asked, about what and with whom goes now (otherwise the purge takes it later).
        await db.flush()
        await counters.forget_ended(db, now_ms)
    await db.commit()
    notify(runtime, recipients, "session_closed", session=session.id)


# --- admins ----------------------------------------------------------------------------------------------------
def _median(values: list[int]) -> int | None:
    return int(statistics.median(values)) if values else None


async def stats(db: AsyncSession, caller: Caller) -> StatsOut:
    now_ms = clock.now_ms()
    await reset_lapsed_offers(db, now_ms)
    return StatsOut(
        waiting=await repo.count_by_status(db, HelpRequestStatus.WAITING),
        offered=await repo.count_by_status(db, HelpRequestStatus.OFFERED),
        active_sessions=await repo.count_active_sessions(db),
        available_counselors=len(await repo.available_profiles(db)),
        median_wait_ms=_median([now_ms - created for created in await repo.waiting_created(db)]),
        median_time_to_accept_ms=counters.median_wait_ms(
            await counters.counts_since(db, counters.CounterEvent.ACCEPTED, _since_yesterday(now_ms))
        ),
        outcomes=await counters.counts_since(db, counters.CounterEvent.CLOSED, _since_yesterday(now_ms)),
        cancelled=sum(
            (await counters.counts_since(db, counters.CounterEvent.CANCELLED, _since_yesterday(now_ms))).values()
        ),
    )


def _since_yesterday(now_ms: int) -> int:
    """Counters are by day: "the last 24 h" reads yesterday's and today's."""
    return now_ms // _DAY_MS - 1


# --- a counselor leaves (role revoked, identity deleted) --------------------------------------------------------
async def release_counselor(db: AsyncSession, account_id: str) -> dict[str, list[str]]:
    """Take a departing counselor out of every session and offer, in the caller's transaction.

    A warm transfer in progress completes to the receiving counselor; a session it was receiving goes back to the
    current one; otherwise the session ends (its conversation and notes deleted) and the member's request goes
    back to the queue in its old place, at its old priority. Returns session id -> accounts to tell."""
    touched: dict[str, list[str]] = {}
    now_ms = clock.now_ms()
    for session in await repo.active_sessions_with(db, account_id):
        others = [a for a in _participants(session) if a != account_id]
        touched[session.id] = others
        conversation = session.conversation_id
        if session.transfer_to == account_id:
            session.transfer_to = None
            if conversation is not None:
                await conversations.remove_member(db, conversation, account_id)
        elif session.transfer_to is not None:
            session.counselor_id, session.transfer_to = session.transfer_to, None
            if conversation is not None:
                await conversations.remove_member(db, conversation, account_id)
        else:
            session.status, session.closed_ms, session.outcome = SessionStatus.CLOSED, now_ms, "transferred_out"
            await repo.delete_notes(db, session.id)
            await repo.delete_conversation(db, conversation)
            session.conversation_id = None
            request = await db.get(HelpRequest, session.request_id)
            await counters.bump(
                db, counters.CounterEvent.CLOSED, request.language if request else "", "transferred_out"
            )
            if request is not None:
                request.status, request.offered_to, request.offer_expires_ms = HelpRequestStatus.WAITING, None, None
        await repo.delete_notes(db, session.id, account_id)
    await repo.withdraw_offers_to(db, account_id)
    await repo.forget_passes_of(db, account_id)
    return touched
