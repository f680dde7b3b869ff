"""HTTP endpoints for identities: registration, lookup, login (bearer tokens)."""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request, Response

from server.clock import now_ms
from server.identity import challenge, service, tokens
from server.identity.caller import CallerDep, Database, bearer_token
from server.identity.exceptions import UnknownIdentity
from server.identity.repository import get_identity
from server.identity.schemas import (
    IdentityOut,
    LoginChallenge,
    MeOut,
    RegistrationChallenge,
    RegistrationRequest,
    TokenOut,
    TokenRequest,
)
from server.runtime import runtime_of
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["identity"])


@router.get("/registration/challenge", response_model=RegistrationChallenge)
async def registration_challenge(request: Request) -> RegistrationChallenge:
    """A fresh challenge: the proof-of-work difficulty and the ephemeral key for the agreement-key proof."""
    return await service.issue_challenge(runtime_of(request))


@router.post("/identities", status_code=201)
async def register_identity(body: RegistrationRequest, request: Request, db: Database) -> dict[str, str]:
    """Register a public identity. The account id is derived from the two public keys."""
    return {"account_id": await service.register(runtime_of(request), db, body)}


@router.get("/identities/{account_id}", response_model=IdentityOut)
async def identity(account_id: AccountId, db: Database) -> IdentityOut:
    """The public keys of an identity, so a peer can check what it was told out of band."""
    found = await get_identity(db, account_id)
    if found is None:
        raise UnknownIdentity()
    return IdentityOut(account_id=found.account_id, signing_key=found.signing_key, agreement_key=found.agreement_key)


@router.get("/auth/challenge", response_model=LoginChallenge, tags=["auth"])
async def login_challenge(request: Request) -> LoginChallenge:
    """A login challenge to sign (crypto/auth.py transcript) for POST /v1/auth/tokens."""
    runtime = runtime_of(request)
    token, expires = challenge.issue_login(
        runtime.server_secret, now_ms(), runtime.settings.login_challenge_ttl_seconds
    )
    return LoginChallenge(challenge=token, server_id=runtime.settings.server_id, expires_at=expires)


@router.post("/auth/tokens", response_model=TokenOut, status_code=201, tags=["auth"])
async def login(body: TokenRequest, request: Request, db: Database) -> TokenOut:
    """Trade a signed login challenge for a bearer token (kept by the server only as an HMAC)."""
    runtime = runtime_of(request)
    settings = runtime.settings
    token, expires = await tokens.issue_token(
        db,
        secret=runtime.server_secret,
        server_id=settings.server_id,
        account_id=body.account,
        login_challenge=body.challenge,
        time_ms=body.time,
        signature=body.signature,
        clock_skew_ms=settings.auth_clock_skew_seconds * 1000,
        ttl_seconds=settings.token_ttl_seconds,
    )
    return TokenOut(token=base64.urlsafe_b64encode(token).decode().rstrip("="), expires_at=expires)


@router.delete("/auth/tokens/current", status_code=204, tags=["auth"])
async def logout(request: Request, db: Database, _caller: CallerDep) -> Response:
    await tokens.revoke_token(db, runtime_of(request).server_secret, bearer_token(request))
    return Response(status_code=204)


@router.get("/me", response_model=MeOut, tags=["auth"])
async def me(caller: CallerDep) -> MeOut:
    """The caller's account id and staff roles."""
    return MeOut(account_id=caller.account_id, roles=sorted(caller.roles))
