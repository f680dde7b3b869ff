"""Queries on identities."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Identity


async def signing_key_of(session: AsyncSession, account_id: str) -> bytes | None:
    return await session.scalar(select(Identity.signing_key).where(Identity.account_id == account_id))


async def get_identity(session: AsyncSession, account_id: str) -> Identity | None:
    return await session.get(Identity, account_id)
