"""HTTP endpoints for identities: registration, login (bearer tokens), prekeys."""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request, Response

from server.clock import now_ms
from server.errors import HavenHTTPError
from server.events import notify
from server.identity import challenge, deletion, service, tokens
from server.identity.caller import CallerDep, Database, bearer_token
from server.identity.repository import get_identity
from server.identity.schemas import (
    IdentityOut,
    LoginChallenge,
    MeOut,
    PreKeyBundleOut,
    PreKeyCount,
    PreKeyUpload,
    RegistrationChallenge,
    RegistrationRequest,
    TokenOut,
    TokenRequest,
)
from server.prekeys import service as prekeys
from server.runtime import runtime_of
from wire.codes import ApiCode
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["identity"])


@router.get("/registration/challenge", response_model=RegistrationChallenge)
async def registration_challenge(request: Request) -> RegistrationChallenge:
    """A fresh challenge: the proof-of-work difficulty and the ephemeral key for the agreement-key proof."""
    return service.issue_challenge(runtime_of(request))


@router.post("/identities", status_code=201)
async def register_identity(body: RegistrationRequest, request: Request, db: Database) -> dict[str, str]:
    """Register a public identity. The account id is derived from the two public keys."""
    return {"account_id": await service.register(runtime_of(request), db, body)}


@router.get("/identities/{account_id}", response_model=IdentityOut)
async def identity(account_id: AccountId, db: Database) -> IdentityOut:
    """The public keys of an identity, so a peer can check what it was told out of band."""
    found = await get_identity(db, account_id)
    if found is None:
        raise HavenHTTPError(ApiCode.UNKNOWN_IDENTITY, "no such identity")
    return IdentityOut(account_id=found.account_id, signing_key=found.signing_key, agreement_key=found.agreement_key)


@router.delete("/identities/me", status_code=204)
async def delete_me(request: Request, db: Database, caller: CallerDep) -> Response:
    """Delete the caller's identity and everything the server holds about it, at once."""
    outcome = await deletion.delete_identity(db, caller.account_id)
    runtime = runtime_of(request)
    for group_id, (conversation, version, members) in outcome.groups.items():
        notify(
            runtime,
            members,
            "membership",
            group=group_id,
            conversation=conversation,
            version=version,
            change="left",
            account=caller.account_id,
        )
    for session_id, others in outcome.sessions.items():
        notify(runtime, others, "session_closed", session=session_id)
    return Response(status_code=204)


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
    await db.commit()
    return Response(status_code=204)


@router.get("/me", response_model=MeOut, tags=["auth"])
async def me(caller: CallerDep) -> MeOut:
    """The caller's account id and staff roles."""
    return MeOut(account_id=caller.account_id, roles=sorted(caller.roles))


@router.put("/prekeys", status_code=204, tags=["prekeys"])
async def upload_prekeys(body: PreKeyUpload, db: Database, caller: CallerDep) -> Response:
    """Publish (replace) the signed prekey and add one-time prekeys."""
    await prekeys.upload(db, caller.account_id, body.signed_prekey, body.one_time_prekeys, body.last_resort_prekey)
    return Response(status_code=204)


@router.get("/prekeys", response_model=PreKeyCount, tags=["prekeys"])
async def prekey_count(db: Database, caller: CallerDep) -> PreKeyCount:
    """How many one-time prekeys the caller has left on the server, so its client knows when to refill."""
    return PreKeyCount(
        signed_prekey_id=await prekeys.signed_prekey_id(db, caller.account_id),
        one_time_prekeys=await prekeys.count_one_time(db, caller.account_id),
        last_resort_prekey_id=await prekeys.last_resort_id(db, caller.account_id),
    )


@router.get("/prekeys/{account_id}", response_model=PreKeyBundleOut, tags=["prekeys"])
async def prekey_bundle(account_id: AccountId, request: Request, db: Database, caller: CallerDep) -> PreKeyBundleOut:
    """A bundle to open an X3DH session with `account_id`; only for someone sharing a conversation with it, and
    a few times per hour per (caller, owner) pair."""
    bundle = await prekeys.take_bundle(db, caller.account_id, account_id, runtime_of(request).prekey_limiter)
    return PreKeyBundleOut(account_id=account_id, bundle=bundle)
