"""HTTP endpoints for identities."""

from __future__ import annotations

from fastapi import APIRouter, Request

from server.errors import HavenHTTPError
from server.identity import service
from server.identity.repository import get_identity
from server.identity.schemas import IdentityOut, RegistrationChallenge, RegistrationRequest
from server.protocol.frames import AccountId
from server.runtime import runtime_of

router = APIRouter(prefix="/v1", tags=["identity"])


@router.get("/registration/challenge", response_model=RegistrationChallenge)
async def registration_challenge(request: Request) -> RegistrationChallenge:
    """A fresh challenge: the proof-of-work difficulty and the ephemeral key for the agreement-key proof."""
    return service.issue_challenge(runtime_of(request))


@router.post("/identities", status_code=201)
async def register_identity(body: RegistrationRequest, request: Request) -> dict[str, str]:
    """Register a public identity. The account id is derived from the two public keys."""
    runtime = runtime_of(request)
    async with runtime.sessionmaker() as db:
        account_id = await service.register(runtime, db, body)
    return {"account_id": account_id}


@router.get("/identities/{account_id}", response_model=IdentityOut)
async def identity(account_id: AccountId, request: Request) -> IdentityOut:
    """The public keys of an identity, so a peer can check what it was told out of band."""
    async with runtime_of(request).sessionmaker() as db:
        found = await get_identity(db, account_id)
    if found is None:
        raise HavenHTTPError(404, "unknown_identity", "no such identity")
    return IdentityOut(account_id=found.account_id, signing_key=found.signing_key, agreement_key=found.agreement_key)
