"""Admin queries: the staff roster and the moderators' public keys."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Identity, Role


async def staff_roster(db: AsyncSession) -> dict[str, list[str]]:
    """Every account that holds a staff role -> its roles, both in order."""
    rows = await db.execute(select(Role.account_id, Role.role).order_by(Role.account_id, Role.role))
    staff: dict[str, list[str]] = {}
    for account, role in rows:
        staff.setdefault(account, []).append(role)
    return staff


async def moderator_keys(db: AsyncSession) -> list[tuple[str, bytes, bytes]]:
    """(account id, signing key, agreement key) of every current moderator, by account id."""
    rows = await db.execute(
        select(Identity.account_id, Identity.signing_key, Identity.agreement_key)
        .join(Role, Role.account_id == Identity.account_id)
        .where(Role.role == "moderator")
        .order_by(Identity.account_id)
    )
    return [(account, signing, agreement) for account, signing, agreement in rows]
