"""Counseling figures kept as id-free counters, bumped in the transaction of the event they count.

Closed sessions and ended requests are deleted (see `forget_ended`), so the admin's figures cannot be computed
from rows: a cancel, an accept (with its wait, in a bucket) and a close (with its outcome) each add one to a
`counseling_counters` row keyed by day, event, language and label. Nothing here names a person, a request or a
session (security issue 10, item 3).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, cast

from sqlalchemy import Table, delete, exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from server.clock import today
from server.models import CounselingCounter, CounselingSession, HelpRequest
from server.statuses import HelpRequestStatus, SessionStatus

_counters = cast(Table, CounselingCounter.__table__)

# Upper bounds (seconds) of the wait buckets: fine where waits matter (minutes), coarse beyond. A wait past the
# last one counts as OVER.
WAIT_BUCKETS_SECONDS = (10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 43200, 86400)
OVER = "over"


class CounterEvent(StrEnum):
    CANCELLED = "cancelled"
    # label: the wait bucket the request's time from asking to being accepted falls in
    ACCEPTED = "accepted"
    # label: the wrap-up outcome
    CLOSED = "closed"


def wait_bucket(wait_ms: int) -> str:
    for bound in WAIT_BUCKETS_SECONDS:
        if wait_ms <= bound * 1000:
            return str(bound)
    return OVER


async def bump(db: AsyncSession, event: CounterEvent, language: str, label: str = "") -> None:
    """Add one to today's counter; in the caller's transaction. One upsert, so concurrent bumps never lose one."""
    values = {"day": today(), "event": event.value, "language": language[:8], "label": label[:24], "count": 1}
    keys = ["day", "event", "language", "label"]
    statement: Any
    if db.get_bind().dialect.name == "postgresql":
        statement = postgresql.insert(_counters).values(values)
    else:
        statement = sqlite.insert(_counters).values(values)
    statement = statement.on_conflict_do_update(index_elements=keys, set_={"count": _counters.c.count + 1})
    await db.execute(statement)


async def counts_since(db: AsyncSession, event: CounterEvent, since_day: int) -> dict[str, int]:
    """label -> count of `event` from `since_day` on, over every language."""
    rows = await db.execute(
        select(CounselingCounter.label, CounselingCounter.count).where(
            CounselingCounter.event == event.value, CounselingCounter.day >= since_day
        )
    )
    totals: dict[str, int] = {}
    for label, count in rows:
        totals[label] = totals.get(label, 0) + int(count)
    return totals


def median_wait_ms(buckets: dict[str, int]) -> int | None:
    """The median accept wait from bucket counts, as the upper bound of the bucket it falls in (the figure is
    never finer than a bucket: the exact waits are not kept)."""
    total = sum(buckets.values())
    if total == 0:
        return None
    seen = 0
    for bound in (*[str(b) for b in WAIT_BUCKETS_SECONDS], OVER):
        seen += buckets.get(bound, 0)
        if 2 * seen >= total:
            return (WAIT_BUCKETS_SECONDS[-1] if bound == OVER else int(bound)) * 1000
    return None  # pragma: no cover - the loop always reaches the total


async def forget_ended(db: AsyncSession, closed_before_ms: int) -> dict[str, int]:
    """Delete sessions closed at or before `closed_before_ms`, then every request that ended (closed or
    cancelled) and has no session left. Their figures are in the counters already. In the caller's transaction."""
    sessions = await db.execute(
        delete(CounselingSession).where(
            CounselingSession.status == SessionStatus.CLOSED, CounselingSession.closed_ms <= closed_before_ms
        )
    )
    has_session = exists().where(CounselingSession.request_id == HelpRequest.id)
    requests = await db.execute(
        delete(HelpRequest).where(
            HelpRequest.status.in_((HelpRequestStatus.CLOSED, HelpRequestStatus.CANCELLED)), ~has_session
        )
    )
    return {
        "counseling_sessions": int(getattr(sessions, "rowcount", 0) or 0),
        "help_requests": int(getattr(requests, "rowcount", 0) or 0),
    }
