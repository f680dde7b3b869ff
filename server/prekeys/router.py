"""HTTP endpoints for prekeys: publish and count one's own, fetch a bundle for a peer (rules in service.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.identity.caller import CallerDep, Database
from server.prekeys import service as prekeys
from server.prekeys.schemas import PreKeyBundleOut, PreKeyCount, PreKeyUpload
from server.runtime import runtime_of
from wire.frames import AccountId

router = APIRouter(prefix="/v1", tags=["prekeys"])


@router.put("/prekeys", status_code=204)
async def upload_prekeys(body: PreKeyUpload, db: Database, caller: CallerDep) -> Response:
    """Publish (replace) the signed prekey and add one-time prekeys."""
    await prekeys.upload(db, caller.account_id, body.signed_prekey, body.one_time_prekeys, body.last_resort_prekey)
    return Response(status_code=204)


@router.get("/prekeys", response_model=PreKeyCount)
async def prekey_count(db: Database, caller: CallerDep) -> PreKeyCount:
    """How many one-time prekeys the caller has left on the server, so its client knows when to refill."""
    return PreKeyCount(
        signed_prekey_id=await prekeys.signed_prekey_id(db, caller.account_id),
        one_time_prekeys=await prekeys.count_one_time(db, caller.account_id),
        last_resort_prekey_id=await prekeys.last_resort_id(db, caller.account_id),
    )


@router.get("/prekeys/{account_id}", response_model=PreKeyBundleOut)
async def prekey_bundle(account_id: AccountId, request: Request, db: Database, caller: CallerDep) -> PreKeyBundleOut:
    """A bundle to open an X3DH session with `account_id`; only for someone sharing a conversation with it, and
    a few times per hour per (caller, owner) pair."""
    bundle = await prekeys.take_bundle(db, caller.account_id, account_id, runtime_of(request).prekey_limiter)
    return PreKeyBundleOut(account_id=account_id, bundle=bundle)
