"""Admin endpoints: bootstrap, role invites, the staff roster, the audit log; and the moderators' keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from sqlalchemy import select

from crypto.auth import bootstrap_proof
from crypto.primitives import ct_equal
from server.admin.schemas import (
    AuditEntryOut,
    BootstrapRequest,
    InviteOut,
    InviteRequest,
    ModeratorKey,
    RedeemRequest,
    RoleOut,
    StaffMember,
    StaffRole,
)
from server.alerts.service import release_claims
from server.audit import log as audit
from server.counseling.service import release_counselor
from server.errors import HavenHTTPError
from server.events import notify
from server.identity import roles
from server.identity.caller import CallerDep, Database
from server.models import Identity, Role
from server.runtime import runtime_of
from wire.codes import ApiCode
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["admin"])


@router.post("/admin/bootstrap", response_model=RoleOut, status_code=201)
async def bootstrap(body: BootstrapRequest, request: Request, db: Database, caller: CallerDep) -> RoleOut:
    """Make the caller the first admin. Needs a proof made with the server secret; refused once an admin exists."""
    runtime = runtime_of(request)
    if not ct_equal(body.proof, bootstrap_proof(runtime.server_secret, caller.account_id)):
        raise HavenHTTPError(ApiCode.BOOTSTRAP_INVALID, "the proof was not made with this server's secret")
    if await roles.admin_exists(db):
        raise HavenHTTPError(ApiCode.ALREADY_INITIALIZED, "this deployment already has an admin")
    await roles.grant(db, caller.account_id, "admin")
    await audit.append(db, caller.account_id, "admin.bootstrap", "")
    await db.commit()
    return RoleOut(role="admin")


@router.post("/admin/invites", response_model=InviteOut, status_code=201)
async def create_invite(body: InviteRequest, request: Request, db: Database, caller: CallerDep) -> InviteOut:
    """A single-use, expiring invite to a staff role."""
    caller.require("admin")
    runtime = runtime_of(request)
    ttl = min(body.ttl_seconds, runtime.settings.role_invite_max_ttl_seconds)
    invite_id, code, expires = await roles.create_invite(db, runtime.server_secret, body.role, caller.account_id, ttl)
    await audit.append(db, caller.account_id, f"invite.create.{body.role}", invite_id)
    await db.commit()
    return InviteOut(invite_id=invite_id, code=code, role=body.role, expires_at=expires)


@router.delete("/admin/invites/{invite_id}", status_code=204)
async def revoke_invite(invite_id: AccountId, db: Database, caller: CallerDep) -> Response:
    caller.require("admin")
    await roles.revoke_invite(db, invite_id)
    await audit.append(db, caller.account_id, "invite.revoke", invite_id)
    await db.commit()
    return Response(status_code=204)


@router.post("/roles/redeem", response_model=RoleOut)
async def redeem(body: RedeemRequest, request: Request, db: Database, caller: CallerDep) -> RoleOut:
    """Spend a role invite on the caller's identity."""
    invite_id, role = await roles.redeem_invite(db, runtime_of(request).server_secret, body.code, caller.account_id)
    await audit.append(db, caller.account_id, f"role.grant.{role}", invite_id)
    await db.commit()
    return RoleOut(role=role)


@router.delete("/admin/roles/{account_id}/{role}", status_code=204)
async def revoke_role(
    account_id: AccountId, role: StaffRole, request: Request, db: Database, caller: CallerDep
) -> Response:
    """Revoke a staff role. What only that role allowed ends with it: a counselor leaves its sessions (they go on
    with the receiving counselor of a warm transfer, or back to the queue); a moderator's claimed alerts reopen."""
    caller.require("admin")
    if role == "admin" and await roles.accounts_with_role(db, "admin") == [account_id]:
        raise HavenHTTPError(ApiCode.LAST_ADMIN, "the last admin cannot be revoked")
    if not await roles.revoke(db, account_id, role):
        raise HavenHTTPError(ApiCode.NO_SUCH_ROLE, "this identity does not hold this role")
    sessions: dict[str, list[str]] = {}
    if role == "counselor":
        sessions = await release_counselor(db, account_id)
    elif role == "moderator":
        await release_claims(db, account_id)
    await audit.append(db, caller.account_id, f"role.revoke.{role}", "", subject=account_id)
    await db.commit()
    runtime = runtime_of(request)
    for session_id, others in sessions.items():
        notify(runtime, [*others, account_id], "session_transfer", session=session_id, counselor=None, mode="released")
    return Response(status_code=204)


@router.get("/admin/roles", response_model=list[StaffMember])
async def roster(db: Database, caller: CallerDep) -> list[StaffMember]:
    caller.require("admin")
    rows = await db.execute(select(Role.account_id, Role.role).order_by(Role.account_id, Role.role))
    staff: dict[str, list[str]] = {}
    for account, role in rows.tuples():
        staff.setdefault(account, []).append(role)
    return [StaffMember(account_id=account, roles=held) for account, held in staff.items()]


@router.get("/admin/audit", response_model=list[AuditEntryOut])
async def audit_log(
    db: Database,
    caller: CallerDep,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
) -> list[AuditEntryOut]:
    """Entries after `after`, oldest first; page with the last id. The client verifies the chain itself."""
    caller.require("admin")
    return [
        AuditEntryOut(
            id=e.id,
            actor=e.actor,
            actor_salt=_hex(e.actor_salt),
            actor_commit=e.actor_commit.hex(),
            action=e.action,
            object_id=e.object_id,
            subject=e.subject,
            subject_salt=_hex(e.subject_salt),
            subject_commit=e.subject_commit.hex(),
            time=e.time_ms,
            prev_hash=e.prev_hash.hex(),
            entry_hash=e.entry_hash.hex(),
        )
        for e in await audit.entries(db, after, limit)
    ]


def _hex(value: bytes | None) -> str | None:
    return None if value is None else value.hex()


@router.get("/moderators/keys", response_model=list[ModeratorKey], tags=["alerts"])
async def moderator_keys(db: Database, _caller: CallerDep) -> list[ModeratorKey]:
    """The current moderators' public keys: clients seal crisis alerts to every one of them."""
    rows = await db.execute(
        select(Identity.account_id, Identity.signing_key, Identity.agreement_key)
        .join(Role, Role.account_id == Identity.account_id)
        .where(Role.role == "moderator")
        .order_by(Identity.account_id)
    )
    return [ModeratorKey(account_id=a, signing_key=s, agreement_key=k) for a, s, k in rows.tuples()]
