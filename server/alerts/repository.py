"""Queries for alerts and the membership facts their rules depend on."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Alert, AlertReport, Conversation, ConversationMember, Identity


async def get_alert(db: AsyncSession, alert_id: str, *, for_update: bool = False) -> Alert | None:
    # FOR UPDATE serialises concurrent moderator actions on PostgreSQL; SQLite serialises writers anyway.
    return await db.scalar(
        select(Alert).where(Alert.id == alert_id).with_for_update(of=Alert)
        if for_update
        else select(Alert).where(Alert.id == alert_id)
    )


async def alert_for_message(db: AsyncSession, conversation_id: str, seq: int) -> Alert | None:
    return await db.scalar(
        select(Alert).where(Alert.conversation_id == conversation_id, Alert.seq == seq).with_for_update(of=Alert)
    )


async def reports_of(db: AsyncSession, alert_id: str) -> list[AlertReport]:
    """Oldest first: the order they came in."""
    query = select(AlertReport).where(AlertReport.alert_id == alert_id)
    return list(await db.scalars(query.order_by(AlertReport.created_ms, AlertReport.id)))


async def get_report(db: AsyncSession, alert_id: str, report_id: str) -> AlertReport | None:
    return await db.scalar(select(AlertReport).where(AlertReport.id == report_id, AlertReport.alert_id == alert_id))


async def verified_tier(db: AsyncSession, alert_id: str) -> int | None:
    """The highest tier among the alert's verified reports: the only tier a member may be queued at."""
    return await db.scalar(
        select(func.max(AlertReport.tier)).where(AlertReport.alert_id == alert_id, AlertReport.verified.is_(True))
    )


async def list_alerts(db: AsyncSession, *, status: str | None, min_tier: int | None, limit: int) -> list[Alert]:
    """Most severe first, then the longest waiting: the order a moderator should work through them."""
    query = select(Alert)
    if status is not None:
        query = query.where(Alert.status == status)
    if min_tier is not None:
        query = query.where(Alert.tier >= min_tier)
    query = query.order_by(Alert.tier.desc(), Alert.created_ms, Alert.id).limit(limit)
    return list(await db.scalars(query))


async def members_of(db: AsyncSession, conversation_id: str, accounts: tuple[str, ...]) -> set[str]:
    """Which of `accounts` are current members of the conversation."""
    rows = await db.scalars(
        select(ConversationMember.account_id).where(
            ConversationMember.conversation_id == conversation_id, ConversationMember.account_id.in_(accounts)
        )
    )
    return set(rows)


async def last_seq(db: AsyncSession, conversation_id: str) -> int | None:
    return await db.scalar(select(Conversation.last_seq).where(Conversation.id == conversation_id))


async def identity_exists(db: AsyncSession, account_id: str) -> bool:
    return await db.scalar(select(Identity.account_id).where(Identity.account_id == account_id)) is not None


async def clear_subject(db: AsyncSession, account_id: str) -> None:
    await db.execute(update(Alert).where(Alert.subject_id == account_id).values(subject_id=None))
