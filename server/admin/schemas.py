"""Bodies of the admin and role endpoints."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from server.invite_codes import InviteCodeField
from wire.b64 import PublicKey, decoder, serializer

BootstrapProof = Annotated[bytes, decoder(exact=32), serializer]
InviteCode = InviteCodeField
StaffRole = Literal["admin", "moderator", "counselor"]


class _Body(BaseModel):
    # Strict at the edge: `0` is not `false`, "5" is not 5 (issue 10, item 9).
    model_config = ConfigDict(extra="forbid", strict=True)


class BootstrapRequest(_Body):
    proof: BootstrapProof = Field(description="crypto.auth.bootstrap_proof(server_secret, caller's account id)")


class InviteRequest(_Body):
    role: StaffRole
    ttl_seconds: Annotated[int, Field(ge=60)] = 86400


class InviteOut(BaseModel):
    invite_id: str
    code: str = Field(description="shown once; give it to the new staff member out of band")
    role: str
    expires_at: int


class RedeemRequest(_Body):
    code: InviteCode


class RoleOut(BaseModel):
    role: str


class StaffMember(BaseModel):
    account_id: str
    roles: list[str]


class ModeratorKey(BaseModel):
    account_id: str
    signing_key: PublicKey
    agreement_key: PublicKey


class AuditEntryOut(BaseModel):
    """One entry of the chain (crypto/audit.py, version 2). `actor` and `subject` with their salts are null once
    erased; their commitments always stay, so the chain verifies either way."""

    id: int
    actor: str | None
    actor_salt: str | None = Field(description="hex; null once erased")
    actor_commit: str = Field(description="hex")
    action: str
    object_id: str
    subject: str | None = Field(description='whom the action was about ("" for nobody); null once erased')
    subject_salt: str | None = Field(description="hex; null once erased")
    subject_commit: str = Field(description="hex")
    time: int
    prev_hash: str = Field(description="hex")
    entry_hash: str = Field(description="hex")
