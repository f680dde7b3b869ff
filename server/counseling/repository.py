"""Queries of the counseling tables. No rules here (service.py decides); these only read and write rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import (
    Conversation,
    CounselingSession,
    CounselorProfile,
    GroupMember,
    HelpRequest,
    Role,
    SessionNote,
)
from server.statuses import HelpRequestStatus, MemberStatus, SessionStatus

# The queue's order: escalated crises first, then the longest waiting; the id only breaks exact ties.
QUEUE_ORDER = (HelpRequest.priority.desc(), HelpRequest.created_ms.asc(), HelpRequest.id.asc())


def split_codes(joined: str) -> list[str]:
    return [code for code in joined.split(",") if code]


def join_codes(codes: Iterable[str]) -> str:
    return ",".join(dict.fromkeys(codes))


async def in_any_group(db: AsyncSession, account_id: str) -> bool:
    found = await db.scalar(
        select(GroupMember.group_id)
        .where(GroupMember.account_id == account_id, GroupMember.status == MemberStatus.ACTIVE)
        .limit(1)
    )
    return found is not None


async def has_role(db: AsyncSession, account_id: str, role: str) -> bool:
    return await db.get(Role, (account_id, role)) is not None


# --- requests --------------------------------------------------------------------------------------------------
async def lapsed_offers(db: AsyncSession, now_ms: int) -> Sequence[HelpRequest]:
    rows = await db.scalars(
        select(HelpRequest).where(
            HelpRequest.status == HelpRequestStatus.OFFERED, HelpRequest.offer_expires_ms <= now_ms
        )
    )
    return rows.all()


async def return_to_queue(db: AsyncSession, request: HelpRequest, counselor_id: str) -> bool:
    """Offered → waiting with `counselor_id` added to passed_by, only if the row is still that offer (another
    process may have reset or accepted it meanwhile). True when this call made the change."""
    passed = split_codes(request.passed_by)
    if counselor_id not in passed:
        passed.append(counselor_id)
    result = await db.execute(
        update(HelpRequest)
        .where(
            HelpRequest.id == request.id,
            HelpRequest.status == HelpRequestStatus.OFFERED,
            HelpRequest.offered_to == counselor_id,
        )
        .values(
            status=HelpRequestStatus.WAITING,
            offered_to=None,
            offer_expires_ms=None,
            passed_by=join_codes(passed)[:1024],
        )
        .execution_options(synchronize_session=False)
    )
    return _changed(result)


async def claim_offer(db: AsyncSession, request_id: str, counselor_id: str, expires_ms: int) -> bool:
    """The exclusive step: waiting → offered for exactly one caller, whichever transaction commits first."""
    result = await db.execute(
        update(HelpRequest)
        .where(HelpRequest.id == request_id, HelpRequest.status == HelpRequestStatus.WAITING)
        .values(status=HelpRequestStatus.OFFERED, offered_to=counselor_id, offer_expires_ms=expires_ms)
        .execution_options(synchronize_session=False)
    )
    return _changed(result)


async def mark_accepted(db: AsyncSession, request_id: str, counselor_id: str, now_ms: int) -> bool:
    result = await db.execute(
        update(HelpRequest)
        .where(
            HelpRequest.id == request_id,
            HelpRequest.status == HelpRequestStatus.OFFERED,
            HelpRequest.offered_to == counselor_id,
            HelpRequest.offer_expires_ms > now_ms,
        )
        .values(status=HelpRequestStatus.ACTIVE, accepted_ms=now_ms, offer_expires_ms=None)
        .execution_options(synchronize_session=False)
    )
    return _changed(result)


async def delete_request(db: AsyncSession, request_id: str) -> None:
    """Delete a request (and, by cascade, any closed session it had)."""
    await db.execute(delete(HelpRequest).where(HelpRequest.id == request_id))


async def waiting_candidates(
    db: AsyncSession, languages: Sequence[str], *, offset: int, limit: int
) -> Sequence[HelpRequest]:
    rows = await db.scalars(
        select(HelpRequest)
        .where(HelpRequest.status == HelpRequestStatus.WAITING, HelpRequest.language.in_(languages))
        .order_by(*QUEUE_ORDER)
        .offset(offset)
        .limit(limit)
    )
    return rows.all()


async def live_offer_of(db: AsyncSession, counselor_id: str, now_ms: int) -> HelpRequest | None:
    return await db.scalar(
        select(HelpRequest)
        .where(
            HelpRequest.status == HelpRequestStatus.OFFERED,
            HelpRequest.offered_to == counselor_id,
            HelpRequest.offer_expires_ms > now_ms,
        )
        .order_by(HelpRequest.offer_expires_ms)
        .limit(1)
    )


async def position_of(db: AsyncSession, request: HelpRequest) -> int:
    """1 + the unassigned requests in the same language that the queue serves before this one."""
    ahead = await db.scalar(
        select(func.count())
        .select_from(HelpRequest)
        .where(
            HelpRequest.status.in_((HelpRequestStatus.WAITING, HelpRequestStatus.OFFERED)),
            HelpRequest.language == request.language,
            HelpRequest.id != request.id,
            or_(
                HelpRequest.priority > request.priority,
                (HelpRequest.priority == request.priority) & (HelpRequest.created_ms < request.created_ms),
                (HelpRequest.priority == request.priority)
                & (HelpRequest.created_ms == request.created_ms)
                & (HelpRequest.id < request.id),
            ),
        )
    )
    return int(ahead or 0) + 1


async def waiting_by_language(db: AsyncSession) -> dict[str, int]:
    rows = await db.execute(
        select(HelpRequest.language, func.count())
        .where(HelpRequest.status == HelpRequestStatus.WAITING)
        .group_by(HelpRequest.language)
    )
    return {language: int(count) for language, count in rows}


async def count_by_status(db: AsyncSession, status: str) -> int:
    return int(await db.scalar(select(func.count()).select_from(HelpRequest).where(HelpRequest.status == status)) or 0)


async def waiting_created(db: AsyncSession) -> list[int]:
    return list(await db.scalars(select(HelpRequest.created_ms).where(HelpRequest.status == HelpRequestStatus.WAITING)))


# --- counselors ------------------------------------------------------------------------------------------------
async def active_load(db: AsyncSession, counselor_id: str) -> int:
    """Sessions a counselor carries: those assigned to them and those being warm-transferred to them."""
    count = await db.scalar(
        select(func.count())
        .select_from(CounselingSession)
        .where(
            CounselingSession.status == SessionStatus.ACTIVE,
            or_(CounselingSession.counselor_id == counselor_id, CounselingSession.transfer_to == counselor_id),
        )
    )
    return int(count or 0)


async def available_profiles(db: AsyncSession) -> Sequence[CounselorProfile]:
    """Available profiles of accounts that still hold the counselor role (a revoked role keeps its profile row)."""
    rows = await db.scalars(
        select(CounselorProfile)
        .join(Role, (Role.account_id == CounselorProfile.account_id) & (Role.role == "counselor"))
        .where(CounselorProfile.available.is_(True))
    )
    return rows.all()


# --- sessions --------------------------------------------------------------------------------------------------
async def session_of_request(db: AsyncSession, request_id: str) -> CounselingSession | None:
    return await db.scalar(
        select(CounselingSession)
        .where(CounselingSession.request_id == request_id)
        .order_by(CounselingSession.created_ms.desc())
        .limit(1)
    )


async def sessions_of(db: AsyncSession, account_id: str) -> Sequence[CounselingSession]:
    rows = await db.scalars(
        select(CounselingSession)
        .where(
            CounselingSession.status == SessionStatus.ACTIVE,
            or_(
                CounselingSession.member_id == account_id,
                CounselingSession.counselor_id == account_id,
                CounselingSession.transfer_to == account_id,
            ),
        )
        .order_by(CounselingSession.created_ms)
    )
    return rows.all()


async def count_active_sessions(db: AsyncSession) -> int:
    count = await db.scalar(
        select(func.count()).select_from(CounselingSession).where(CounselingSession.status == SessionStatus.ACTIVE)
    )
    return int(count or 0)


async def notes_for(db: AsyncSession, session_id: str, recipient_id: str) -> Sequence[SessionNote]:
    rows = await db.scalars(
        select(SessionNote)
        .where(SessionNote.session_id == session_id, SessionNote.recipient_id == recipient_id)
        .order_by(SessionNote.created_ms, SessionNote.id)
    )
    return rows.all()


async def delete_notes(db: AsyncSession, session_id: str, recipient_id: str | None = None) -> None:
    statement = delete(SessionNote).where(SessionNote.session_id == session_id)
    if recipient_id is not None:
        statement = statement.where(SessionNote.recipient_id == recipient_id)
    await db.execute(statement)


async def delete_conversation(db: AsyncSession, conversation_id: str | None) -> None:
    """Delete a session's conversation with its ciphertext and members: nobody can send to it or fetch prekeys
    through it again. The closed session keeps its row (conversation id cleared) for aggregate figures."""
    if conversation_id is not None:
        await db.execute(delete(Conversation).where(Conversation.id == conversation_id))


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1


async def active_sessions_with(db: AsyncSession, counselor_id: str) -> list[CounselingSession]:
    """Active sessions the counselor holds or is being warm-transferred, locked for the caller's update."""
    rows = await db.scalars(
        select(CounselingSession)
        .where(
            CounselingSession.status == SessionStatus.ACTIVE,
            (CounselingSession.counselor_id == counselor_id) | (CounselingSession.transfer_to == counselor_id),
        )
        .order_by(CounselingSession.id)
        .with_for_update()
    )
    return list(rows)


async def withdraw_offers_to(db: AsyncSession, counselor_id: str) -> None:
    await db.execute(
        update(HelpRequest)
        .where(HelpRequest.offered_to == counselor_id, HelpRequest.status == HelpRequestStatus.OFFERED)
        .values(status=HelpRequestStatus.WAITING, offered_to=None, offer_expires_ms=None)
    )


async def forget_passes_of(db: AsyncSession, counselor_id: str) -> None:
    """Take a departing counselor out of every request's passed-by list: nothing needs to say it passed any more."""
    rows = await db.scalars(select(HelpRequest).where(HelpRequest.passed_by.contains(counselor_id)).with_for_update())
    for request in rows:
        request.passed_by = join_codes(code for code in split_codes(request.passed_by) if code != counselor_id)
