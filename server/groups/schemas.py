"""Bodies of the group endpoints. Refusals name the field and the rule, never the value sent."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from server.invite_codes import InviteCodeField

PSEUDONYM_MAX = 40
# Control, format (zero-width, bidi overrides), surrogate, private-use and unassigned characters, and line or
# paragraph separators: none belongs in a name shown to others, and several can disguise one name as another.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _pseudonym(value: str) -> str:
    value = unicodedata.normalize("NFC", value).strip()
    if not 1 <= len(value) <= PSEUDONYM_MAX:
        raise ValueError("a pseudonym has 1 to 40 characters")
    if any(unicodedata.category(ch) in _REFUSED_CATEGORIES for ch in value):
        raise ValueError("a pseudonym has no control or invisible characters")
    return value


# Bounded before the function runs, so a huge string costs nothing to refuse.
Pseudonym = Annotated[str, StringConstraints(max_length=4 * PSEUDONYM_MAX), AfterValidator(_pseudonym)]
GroupInviteCode = InviteCodeField
MemberStatus = Literal["pending", "active"]
GroupRole = Literal["member", "moderator"]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


class CreateGroup(_Body):
    pseudonym: Pseudonym = Field(description="the creator's name inside this group")
    max_members: Annotated[int, Field(ge=2)] | None = Field(
        default=None, description="at most HAVEN_GROUP_MAX_MEMBERS (the default)"
    )
    dm_enabled: bool = False


class GroupCreated(BaseModel):
    group_id: str
    conversation_id: str


class UpdateGroup(_Body):
    dm_enabled: bool | None = None
    max_members: Annotated[int, Field(ge=2)] | None = None


class GroupSettings(BaseModel):
    group_id: str
    dm_enabled: bool
    max_members: int


class MyGroup(BaseModel):
    group_id: str
    status: MemberStatus
    group_role: GroupRole


class MemberOut(BaseModel):
    account_id: str
    pseudonym: str
    group_role: GroupRole


class GroupInfo(BaseModel):
    """For an active member everything below; for a pending one only group_id, status and group_role."""

    group_id: str
    status: MemberStatus
    group_role: GroupRole
    conversation_id: str | None = None
    dm_enabled: bool | None = None
    max_members: int | None = None
    membership_version: int | None = None
    members: list[MemberOut] | None = None


class CreateInvite(_Body):
    ttl_seconds: Annotated[int, Field(ge=60)] = Field(description="at most HAVEN_GROUP_INVITE_MAX_TTL_SECONDS")
    max_uses: Annotated[int, Field(ge=1, le=1000)]


class InviteCreated(BaseModel):
    invite_id: str
    code: str = Field(description="shown once; only its HMAC is stored")
    expires_at: int


class InviteOut(BaseModel):
    invite_id: str
    max_uses: int
    uses: int
    expires_at: int
    revoked: bool


class JoinGroup(_Body):
    code: GroupInviteCode
    pseudonym: Pseudonym


class Joined(BaseModel):
    group_id: str
    status: MemberStatus


class PendingMember(BaseModel):
    account_id: str
    pseudonym: str
    joined_at: int


class MembershipChanged(BaseModel):
    group_id: str
    account_id: str
    change: Literal["joined", "left", "removed", "banned"]
    membership_version: int


class Promoted(BaseModel):
    group_id: str
    account_id: str
    group_role: GroupRole


class PairChannelOut(BaseModel):
    peer: str
    conversation_id: str
    dm_enabled: bool


class PairListed(BaseModel):
    peer: str
    conversation_id: str
