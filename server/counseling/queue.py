"""Putting help requests in the queue. The queue serves escalated crises first (higher priority), then the
longest-waiting request; a member has at most one open request (waiting, offered or active) at a time."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.clock import now_ms
from server.models import HelpRequest
from server.statuses import HelpRequestStatus

OPEN_STATUSES = (HelpRequestStatus.WAITING, HelpRequestStatus.OFFERED, HelpRequestStatus.ACTIVE)


async def open_request_of(db: AsyncSession, member_id: str) -> HelpRequest | None:
    return await db.scalar(
        select(HelpRequest).where(HelpRequest.member_id == member_id, HelpRequest.status.in_(OPEN_STATUSES))
    )


async def open_priority_request(
    db: AsyncSession, *, member_id: str, priority: int, alert_id: str, language: str
) -> str:
    """A crisis escalated by a moderator: queue a request for the member at `priority` (the alert's tier), or
    raise the priority of the one they already have. Does not commit: the caller's transaction does."""
    existing = await open_request_of(db, member_id)
    if existing is not None:
        if priority > existing.priority:
            existing.priority = priority
            existing.alert_id = alert_id
        return existing.id
    request = HelpRequest(
        id=secrets.token_hex(16),
        member_id=member_id,
        language=language,
        topic="crisis",
        priority=priority,
        alert_id=alert_id,
        status=HelpRequestStatus.WAITING,
        passed_by="",
        created_ms=now_ms(),
    )
    db.add(request)
    await db.flush()
    return request.id
