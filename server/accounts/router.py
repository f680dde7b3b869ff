"""HTTP endpoint for deleting the caller's account (docs/protocol.md; what goes is listed in deletion.py)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from server.accounts import deletion
from server.identity.caller import CallerDep, Database
from server.runtime import runtime_of

router = APIRouter(prefix="/v1", tags=["identity"])


@router.delete("/identities/me", status_code=204)
async def delete_me(request: Request, db: Database, caller: CallerDep) -> Response:
    """Delete the caller's identity and everything the server holds about it, at once."""
    await deletion.delete_identity(runtime_of(request), db, caller.account_id)
    return Response(status_code=204)
