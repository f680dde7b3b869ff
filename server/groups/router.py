"""HTTP endpoints for groups. Thin: service.py holds the rules, commits and then sends the events; here only
HTTP. docs/groups.md describes every endpoint, code and event."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.groups import service
from server.groups.schemas import (
    CreateGroup,
    CreateInvite,
    GroupCreated,
    GroupInfo,
    GroupSettings,
    InviteCreated,
    InviteOut,
    Joined,
    JoinGroup,
    MemberOut,
    MembershipChanged,
    MyGroup,
    PairChannelOut,
    PairListed,
    PendingMember,
    Promoted,
    UpdateGroup,
)
from server.identity.caller import CallerDep, Database
from server.runtime import runtime_of
from server.statuses import MemberStatus
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["groups"])

# Group and invite ids have the same shape as account ids: 32 lowercase hex characters.
GroupId = AccountId
InviteId = AccountId


@router.post("/groups", response_model=GroupCreated, status_code=201)
async def create_group(body: CreateGroup, request: Request, db: Database, caller: CallerDep) -> GroupCreated:
    """Staff moderators and admins: a group, its conversation, and the caller as its first group moderator."""
    group_id, conversation_id = await service.create_group(
        runtime_of(request), db, caller, body.pseudonym, body.max_members, body.dm_enabled
    )
    return GroupCreated(group_id=group_id, conversation_id=conversation_id)


@router.get("/groups", response_model=list[MyGroup])
async def my_groups(db: Database, caller: CallerDep) -> list[MyGroup]:
    """The caller's groups, active and pending."""
    return [
        MyGroup(group_id=m.group_id, status=m.status, group_role=m.group_role)
        for m in await service.my_groups(db, caller)
    ]


@router.post("/groups/join", response_model=Joined, status_code=201)
async def join(body: JoinGroup, request: Request, db: Database, caller: CallerDep) -> Joined:
    """Spend one use of an invite: a pending membership that a group moderator approves or rejects."""
    group_id = await service.join(runtime_of(request), db, caller, body.code, body.pseudonym)
    return Joined(group_id=group_id, status=MemberStatus.PENDING)


@router.get("/groups/{group_id}", response_model=GroupInfo, response_model_exclude_none=True)
async def group_info(group_id: GroupId, db: Database, caller: CallerDep) -> GroupInfo:
    """An active member sees the group and its active members; a pending one only its own status."""
    group, mine, members = await service.group_info(db, caller, group_id)
    info = GroupInfo(group_id=group.id, status=mine.status, group_role=mine.group_role)
    if mine.status != MemberStatus.ACTIVE:
        return info
    info.conversation_id = group.conversation_id
    info.dm_enabled = group.dm_enabled
    info.max_members = group.max_members
    info.membership_version = group.membership_version
    info.members = [MemberOut(account_id=m.account_id, pseudonym=m.pseudonym, group_role=m.group_role) for m in members]
    return info


@router.patch("/groups/{group_id}", response_model=GroupSettings)
async def update_group(
    group_id: GroupId, body: UpdateGroup, request: Request, db: Database, caller: CallerDep
) -> GroupSettings:
    """Group moderators, or an admin: whether direct messages are allowed, and the size limit."""
    group = await service.update_group(runtime_of(request), db, caller, group_id, body.dm_enabled, body.max_members)
    return GroupSettings(group_id=group.id, dm_enabled=group.dm_enabled, max_members=group.max_members)


# --- invites -------------------------------------------------------------------------------------------------
@router.post("/groups/{group_id}/invites", response_model=InviteCreated, status_code=201)
async def create_invite(
    group_id: GroupId, body: CreateInvite, request: Request, db: Database, caller: CallerDep
) -> InviteCreated:
    """An invite link: the code is shown once; the server keeps only its HMAC."""
    invite_id, code, expires = await service.create_invite(
        runtime_of(request), db, caller, group_id, body.ttl_seconds, body.max_uses
    )
    return InviteCreated(invite_id=invite_id, code=code, expires_at=expires)


@router.get("/groups/{group_id}/invites", response_model=list[InviteOut])
async def list_invites(group_id: GroupId, db: Database, caller: CallerDep) -> list[InviteOut]:
    return [
        InviteOut(invite_id=i.id, max_uses=i.max_uses, uses=i.uses, expires_at=i.expires_at_ms, revoked=i.revoked)
        for i in await service.list_invites(db, caller, group_id)
    ]


@router.delete("/groups/{group_id}/invites/{invite_id}", status_code=204)
async def revoke_invite(group_id: GroupId, invite_id: InviteId, db: Database, caller: CallerDep) -> Response:
    await service.revoke_invite(db, caller, group_id, invite_id)
    return Response(status_code=204)


# --- members -------------------------------------------------------------------------------------------------
@router.get("/groups/{group_id}/pending", response_model=list[PendingMember])
async def pending(group_id: GroupId, db: Database, caller: CallerDep) -> list[PendingMember]:
    return [
        PendingMember(account_id=m.account_id, pseudonym=m.pseudonym, joined_at=m.joined_ms)
        for m in await service.pending(db, caller, group_id)
    ]


@router.post("/groups/{group_id}/members/{account_id}/approve", response_model=MembershipChanged)
async def approve(
    group_id: GroupId, account_id: AccountId, request: Request, db: Database, caller: CallerDep
) -> MembershipChanged:
    version = await service.approve(runtime_of(request), db, caller, group_id, account_id)
    return MembershipChanged(group_id=group_id, account_id=account_id, change="joined", membership_version=version)


@router.post("/groups/{group_id}/members/{account_id}/reject", status_code=204)
async def reject(group_id: GroupId, account_id: AccountId, db: Database, caller: CallerDep) -> Response:
    await service.reject(db, caller, group_id, account_id)
    return Response(status_code=204)


@router.post("/groups/{group_id}/members/{account_id}/remove", response_model=MembershipChanged)
async def remove(
    group_id: GroupId, account_id: AccountId, request: Request, db: Database, caller: CallerDep
) -> MembershipChanged:
    version = await service.remove(runtime_of(request), db, caller, group_id, account_id)
    return MembershipChanged(group_id=group_id, account_id=account_id, change="removed", membership_version=version)


@router.post("/groups/{group_id}/members/{account_id}/ban", response_model=MembershipChanged)
async def ban(
    group_id: GroupId, account_id: AccountId, request: Request, db: Database, caller: CallerDep
) -> MembershipChanged:
    version = await service.ban(runtime_of(request), db, caller, group_id, account_id)
    return MembershipChanged(group_id=group_id, account_id=account_id, change="banned", membership_version=version)


@router.post("/groups/{group_id}/leave", response_model=MembershipChanged)
async def leave(group_id: GroupId, request: Request, db: Database, caller: CallerDep) -> MembershipChanged:
    version = await service.leave(runtime_of(request), db, caller, group_id)
    return MembershipChanged(group_id=group_id, account_id=caller.account_id, change="left", membership_version=version)


@router.post("/groups/{group_id}/moderators/{account_id}", response_model=Promoted)
async def promote(group_id: GroupId, account_id: AccountId, db: Database, caller: CallerDep) -> Promoted:
    """Make an active member who holds the staff role moderator a group moderator."""
    await service.promote(db, caller, group_id, account_id)
    return Promoted(group_id=group_id, account_id=account_id, group_role="moderator")


# --- pair channels -------------------------------------------------------------------------------------------
@router.post("/groups/{group_id}/pairs/{peer}", response_model=PairChannelOut)
async def pair_channel(group_id: GroupId, peer: AccountId, db: Database, caller: CallerDep) -> PairChannelOut:
    """The caller's two-member channel with `peer` (made on first use) for sender-key distributions, and for
    direct messages where the group allows them (clients enforce that part)."""
    conversation_id, dm_enabled = await service.pair_channel(db, caller, group_id, peer)
    return PairChannelOut(peer=peer, conversation_id=conversation_id, dm_enabled=dm_enabled)


@router.get("/groups/{group_id}/pairs", response_model=list[PairListed])
async def pair_channels(group_id: GroupId, db: Database, caller: CallerDep) -> list[PairListed]:
    return [
        PairListed(peer=peer, conversation_id=conversation)
        for peer, conversation in await service.pair_channels(db, caller, group_id)
    ]
