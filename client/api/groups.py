"""Peer-group calls: create, invite, join, approve, remove, leave, and the pair channels inside a group.

Every refusal raises client.errors.HavenClientError with the server's code (docs/groups.md lists them). On a
"membership" event, or when `group_info(...).membership_version` differs from the last one seen, the client
starts a new sender-key epoch for the group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from client.api.transport import HavenAPI


@dataclass(frozen=True, slots=True)
class GroupCreated:
    group_id: str
    conversation_id: str


@dataclass(frozen=True, slots=True)
class MyGroup:
    group_id: str
    status: str  # pending | active
    group_role: str  # member | moderator


@dataclass(frozen=True, slots=True)
class Member:
    account_id: str
    pseudonym: str
    group_role: str


@dataclass(frozen=True, slots=True)
class GroupInfo:
    """For a pending caller only group_id, status and group_role are set."""

    group_id: str
    status: str
    group_role: str
    conversation_id: str | None = None
    dm_enabled: bool | None = None
    max_members: int | None = None
    membership_version: int | None = None
    members: tuple[Member, ...] = ()


@dataclass(frozen=True, slots=True)
class GroupSettings:
    group_id: str
    dm_enabled: bool
    max_members: int


@dataclass(frozen=True, slots=True)
class GroupInvite:
    invite_id: str
    code: str
    expires_at_ms: int


@dataclass(frozen=True, slots=True)
class InviteStatus:
    invite_id: str
    max_uses: int
    uses: int
    expires_at_ms: int
    revoked: bool


@dataclass(frozen=True, slots=True)
class Joined:
    group_id: str
    status: str


@dataclass(frozen=True, slots=True)
class PendingMember:
    account_id: str
    pseudonym: str
    joined_at_ms: int


@dataclass(frozen=True, slots=True)
class MembershipChange:
    group_id: str
    account_id: str
    change: str  # joined | left | removed | banned
    membership_version: int


@dataclass(frozen=True, slots=True)
class PairChannel:
    peer: str
    conversation_id: str
    dm_enabled: bool


@dataclass(frozen=True, slots=True)
class PairListing:
    peer: str
    conversation_id: str


def _change(body: dict[str, Any]) -> MembershipChange:
    return MembershipChange(body["group_id"], body["account_id"], body["change"], int(body["membership_version"]))


async def create_group(
    api: HavenAPI, pseudonym: str, *, max_members: int | None = None, dm_enabled: bool = False
) -> GroupCreated:
    """Staff moderators and admins only; the caller becomes the group's first moderator."""
    request: dict[str, Any] = {"pseudonym": pseudonym, "dm_enabled": dm_enabled}
    if max_members is not None:
        request["max_members"] = max_members
    body = await api.post("/v1/groups", request)
    return GroupCreated(body["group_id"], body["conversation_id"])


async def my_groups(api: HavenAPI) -> list[MyGroup]:
    return [MyGroup(row["group_id"], row["status"], row["group_role"]) for row in await api.get_list("/v1/groups")]


async def group_info(api: HavenAPI, group_id: str) -> GroupInfo:
    body = await api.get(f"/v1/groups/{group_id}")
    return GroupInfo(
        body["group_id"],
        body["status"],
        body["group_role"],
        body.get("conversation_id"),
        body.get("dm_enabled"),
        body.get("max_members"),
        body.get("membership_version"),
        tuple(Member(m["account_id"], m["pseudonym"], m["group_role"]) for m in body.get("members", ())),
    )


async def update_group(
    api: HavenAPI, group_id: str, *, dm_enabled: bool | None = None, max_members: int | None = None
) -> GroupSettings:
    request: dict[str, Any] = {}
    if dm_enabled is not None:
        request["dm_enabled"] = dm_enabled
    if max_members is not None:
        request["max_members"] = max_members
    body = await api.patch(f"/v1/groups/{group_id}", request)
    return GroupSettings(body["group_id"], bool(body["dm_enabled"]), int(body["max_members"]))


async def create_invite(api: HavenAPI, group_id: str, *, ttl_seconds: int = 86400, max_uses: int = 1) -> GroupInvite:
    body = await api.post(f"/v1/groups/{group_id}/invites", {"ttl_seconds": ttl_seconds, "max_uses": max_uses})
    return GroupInvite(body["invite_id"], body["code"], int(body["expires_at"]))


async def list_invites(api: HavenAPI, group_id: str) -> list[InviteStatus]:
    return [
        InviteStatus(row["invite_id"], int(row["max_uses"]), int(row["uses"]), int(row["expires_at"]), row["revoked"])
        for row in await api.get_list(f"/v1/groups/{group_id}/invites")
    ]


async def revoke_invite(api: HavenAPI, group_id: str, invite_id: str) -> None:
    await api.delete(f"/v1/groups/{group_id}/invites/{invite_id}")


async def join(api: HavenAPI, code: str, pseudonym: str) -> Joined:
    """Ask to join with an invite code; a group moderator then approves or rejects."""
    body = await api.post("/v1/groups/join", {"code": code, "pseudonym": pseudonym})
    return Joined(body["group_id"], body["status"])


async def pending(api: HavenAPI, group_id: str) -> list[PendingMember]:
    return [
        PendingMember(row["account_id"], row["pseudonym"], int(row["joined_at"]))
        for row in await api.get_list(f"/v1/groups/{group_id}/pending")
    ]


async def approve(api: HavenAPI, group_id: str, account_id: str) -> MembershipChange:
    return _change(await api.post(f"/v1/groups/{group_id}/members/{account_id}/approve"))


async def reject(api: HavenAPI, group_id: str, account_id: str) -> None:
    await api.post(f"/v1/groups/{group_id}/members/{account_id}/reject")


async def remove(api: HavenAPI, group_id: str, account_id: str) -> MembershipChange:
    return _change(await api.post(f"/v1/groups/{group_id}/members/{account_id}/remove"))


async def ban(api: HavenAPI, group_id: str, account_id: str) -> MembershipChange:
    return _change(await api.post(f"/v1/groups/{group_id}/members/{account_id}/ban"))


async def leave(api: HavenAPI, group_id: str) -> MembershipChange:
    return _change(await api.post(f"/v1/groups/{group_id}/leave"))


async def promote(api: HavenAPI, group_id: str, account_id: str) -> None:
    await api.post(f"/v1/groups/{group_id}/moderators/{account_id}")


async def pair_channel(api: HavenAPI, group_id: str, peer: str) -> PairChannel:
    """The pair channel with `peer` (made on first use). Sender-key distributions may always travel here;
    direct messages only where `dm_enabled` — the client enforces that, the server cannot tell them apart."""
    body = await api.post(f"/v1/groups/{group_id}/pairs/{peer}")
    return PairChannel(body["peer"], body["conversation_id"], bool(body["dm_enabled"]))


async def pair_channels(api: HavenAPI, group_id: str) -> list[PairListing]:
    return [
        PairListing(row["peer"], row["conversation_id"]) for row in await api.get_list(f"/v1/groups/{group_id}/pairs")
    ]
