"""Staff roles (admin, moderator, counselor) and the single-use invites that confer them."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.clock import now_ms
from server.identity.exceptions import (
    InviteAlreadyUsed,
    InviteExpired,
    InviteUnknown,
    NoOpenStaffInvite,
    UnknownIdentity,
    UnknownRole,
)
from server.invite_codes import code_hash, new_invite
from server.models import ROLES, Identity, Role, RoleInvite
from server.statuses import InviteStatus

_INVITE_DOMAIN = b"haven-role-invite-v1\x00"


def invite_code_hash(secret: bytes, code: str) -> bytes:
    return code_hash(secret, _INVITE_DOMAIN, code)


async def roles_of(db: AsyncSession, account_id: str) -> frozenset[str]:
    rows = await db.scalars(select(Role.role).where(Role.account_id == account_id))
    return frozenset(rows)


async def accounts_with_role(db: AsyncSession, role: str) -> list[str]:
    return list(await db.scalars(select(Role.account_id).where(Role.role == role).order_by(Role.account_id)))


async def admin_exists(db: AsyncSession) -> bool:
    count = await db.scalar(select(func.count()).select_from(Role).where(Role.role == "admin"))
    return bool(count)


async def grant(db: AsyncSession, account_id: str, role: str) -> None:
    if role not in ROLES:
        raise UnknownRole()
    if await db.get(Identity, account_id) is None:
        raise UnknownIdentity()
    if await db.get(Role, (account_id, role)) is None:
        db.add(Role(account_id=account_id, role=role, granted_ms=now_ms()))
        await db.flush()


async def revoke(db: AsyncSession, account_id: str, role: str) -> bool:
    result = await db.execute(delete(Role).where(Role.account_id == account_id, Role.role == role))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def create_invite(
    db: AsyncSession, secret: bytes, role: str, issued_by: str, ttl_seconds: int
) -> tuple[str, str, int]:
    """(invite id, code, expires_ms). The code is shown once; only its HMAC is stored."""
    if role not in ("moderator", "counselor", "admin"):
        raise UnknownRole()
    invite = new_invite(secret, _INVITE_DOMAIN, ttl_seconds)
    db.add(
        RoleInvite(
            id=invite.invite_id,
            code_hash=invite.code_hash,
            role=role,
            issued_by=issued_by,
            status=InviteStatus.OPEN,
            expires_at_ms=invite.expires_at_ms,
        )
    )
    await db.flush()
    return invite.invite_id, invite.code, invite.expires_at_ms


async def redeem_invite(db: AsyncSession, secret: bytes, code: str, account_id: str) -> tuple[str, str]:
    """Spend an invite on `account_id`; (invite id, role). The update is conditional, so it is spent once."""
    invite = await db.scalar(select(RoleInvite).where(RoleInvite.code_hash == invite_code_hash(secret, code)))
    if invite is None or invite.status == InviteStatus.REVOKED:
        raise InviteUnknown()
    if invite.status == InviteStatus.USED:
        raise InviteAlreadyUsed()
    if invite.expires_at_ms <= now_ms():
        raise InviteExpired()
    spent = await db.execute(
        update(RoleInvite)
        .where(RoleInvite.id == invite.id, RoleInvite.status == InviteStatus.OPEN)
        .values(status=InviteStatus.USED)
    )
    if not spent.rowcount:  # type: ignore[attr-defined]
        raise InviteAlreadyUsed()
    await grant(db, account_id, invite.role)
    return invite.id, invite.role


async def revoke_invite(db: AsyncSession, invite_id: str) -> None:
    result = await db.execute(
        update(RoleInvite)
        .where(RoleInvite.id == invite_id, RoleInvite.status == InviteStatus.OPEN)
        .values(status=InviteStatus.REVOKED)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        raise NoOpenStaffInvite()
