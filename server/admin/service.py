"""Admin rules: the first admin, role invites, revoking a role. Each function is one transaction and commits it;
the router only speaks HTTP."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from crypto.auth import bootstrap_proof
from crypto.primitives import ct_equal
from server.accounts.staff import end_role_work
from server.admin.exceptions import AlreadyInitialized, BootstrapProofInvalid, LastAdminNotRevocable, RoleNotHeld
from server.audit import log as audit
from server.events import notify
from server.identity import roles
from server.runtime import Runtime


async def bootstrap(db: AsyncSession, server_secret: bytes, account_id: str, proof: bytes) -> None:
    """Make `account_id` the first admin. Needs a proof made with the server secret; refused once an admin exists."""
    if not ct_equal(proof, bootstrap_proof(server_secret, account_id)):
        raise BootstrapProofInvalid()
    if await roles.admin_exists(db):
        raise AlreadyInitialized()
    await roles.grant(db, account_id, "admin")
    await audit.append(db, account_id, "admin.bootstrap", "")
    await db.commit()


async def create_invite(
    db: AsyncSession, server_secret: bytes, actor: str, role: str, ttl_seconds: int
) -> tuple[str, str, int]:
    """A single-use, expiring invite to a staff role: (invite id, code, expiry in ms)."""
    invite_id, code, expires = await roles.create_invite(db, server_secret, role, actor, ttl_seconds)
    await audit.append(db, actor, f"invite.create.{role}", invite_id)
    await db.commit()
    return invite_id, code, expires


async def revoke_invite(db: AsyncSession, actor: str, invite_id: str) -> None:
    await roles.revoke_invite(db, invite_id)
    await audit.append(db, actor, "invite.revoke", invite_id)
    await db.commit()


async def redeem(db: AsyncSession, server_secret: bytes, code: str, account_id: str) -> str:
    """Spend a role invite on `account_id`; the role it gave."""
    invite_id, role = await roles.redeem_invite(db, server_secret, code, account_id)
    await audit.append(db, account_id, f"role.grant.{role}", invite_id)
    await db.commit()
    return role


async def revoke_role(runtime: Runtime, db: AsyncSession, actor: str, account_id: str, role: str) -> None:
    """Revoke a staff role and end what only it allowed (server/accounts/staff.py); once committed, tell the
    others in each session a counselor left, and the counselor."""
    if role == "admin" and await roles.accounts_with_role(db, "admin") == [account_id]:
        raise LastAdminNotRevocable()
    if not await roles.revoke(db, account_id, role):
        raise RoleNotHeld()
    sessions = await end_role_work(db, account_id, role)
    await audit.append(db, actor, f"role.revoke.{role}", "", subject=account_id)
    await db.commit()
    for session_id, others in sessions.items():
        notify(runtime, [*others, account_id], "session_transfer", session=session_id, counselor=None, mode="released")
