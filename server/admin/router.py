"""Admin endpoints: bootstrap, role invites, the staff roster, the audit log; and the moderators' keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from server.admin import repository, service
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
from server.audit import log as audit
from server.identity.caller import Admin, Auditor, CallerDep, Database
from server.runtime import runtime_of
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["admin"])


@router.post("/admin/bootstrap", response_model=RoleOut, status_code=201)
async def bootstrap(body: BootstrapRequest, request: Request, db: Database, caller: CallerDep) -> RoleOut:
    """Make the caller the first admin. Needs a proof made with the server secret; refused once an admin exists."""
    await service.bootstrap(db, runtime_of(request).server_secret, caller.account_id, body.proof)
    return RoleOut(role="admin")


@router.post("/admin/invites", response_model=InviteOut, status_code=201)
async def create_invite(body: InviteRequest, request: Request, db: Database, caller: Admin) -> InviteOut:
    """A single-use, expiring invite to a staff role."""
    runtime = runtime_of(request)
    ttl = min(body.ttl_seconds, runtime.settings.role_invite_max_ttl_seconds)
    invite_id, code, expires = await service.create_invite(db, runtime.server_secret, caller.account_id, body.role, ttl)
    return InviteOut(invite_id=invite_id, code=code, role=body.role, expires_at=expires)


@router.delete("/admin/invites/{invite_id}", status_code=204)
async def revoke_invite(invite_id: AccountId, db: Database, caller: Admin) -> Response:
    await service.revoke_invite(db, caller.account_id, invite_id)
    return Response(status_code=204)


@router.post("/roles/redeem", response_model=RoleOut)
async def redeem(body: RedeemRequest, request: Request, db: Database, caller: CallerDep) -> RoleOut:
    """Spend a role invite on the caller's identity."""
    return RoleOut(role=await service.redeem(db, runtime_of(request).server_secret, body.code, caller.account_id))


@router.delete("/admin/roles/{account_id}/{role}", status_code=204)
async def revoke_role(
    account_id: AccountId, role: StaffRole, request: Request, db: Database, caller: Admin
) -> Response:
    """Revoke a staff role. What only that role allowed ends with it: a counselor leaves its sessions (they go on
    with the receiving counselor of a warm transfer, or back to the queue); a moderator's claimed alerts reopen."""
    await service.revoke_role(runtime_of(request), db, caller.account_id, account_id, role)
    return Response(status_code=204)


@router.get("/admin/roles", response_model=list[StaffMember])
async def roster(db: Database, _caller: Admin) -> list[StaffMember]:
    staff = await repository.staff_roster(db)
    return [StaffMember(account_id=account, roles=held) for account, held in staff.items()]


@router.get("/admin/audit", response_model=list[AuditEntryOut])
async def audit_log(
    db: Database,
    _caller: Auditor,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
) -> list[AuditEntryOut]:
    """Entries after `after`, oldest first; page with the last id. The client verifies the chain itself."""
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
    keys = await repository.moderator_keys(db)
    return [ModeratorKey(account_id=a, signing_key=s, agreement_key=k) for a, s, k in keys]
