"""HTTP endpoints for counseling (docs/counseling.md). Thin: every rule lives in service.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from server.counseling import service
from server.counseling.schemas import (
    CloseIn,
    ColleagueOut,
    HelpRequestIn,
    HelpRequestOut,
    MyRequestOut,
    NoteCreated,
    NoteIn,
    NoteOut,
    OfferOut,
    PowChallengeOut,
    ProfileIn,
    ProfileOut,
    QueueOut,
    SessionOut,
    StatsOut,
    Topic,
    TransferIn,
)
from server.identity.caller import Admin, CallerDep, Counselor, Database
from server.runtime import runtime_of

router = APIRouter(prefix="/v1/counseling", tags=["counseling"])

# Ids are 32 lowercase hex digits; anything else cannot name a row, so it is simply unknown.
RequestId = Annotated[str, Path(max_length=64)]
SessionId = Annotated[str, Path(max_length=64)]


# --- members ---------------------------------------------------------------------------------------------------
@router.get("/pow", response_model=PowChallengeOut)
async def pow_challenge(request: Request, _caller: CallerDep, topic: Topic | None = None) -> PowChallengeOut:
    """A challenge for the proof of work a help request from outside any group must carry; ask with the topic
    the request will have (`crisis` has its own lane)."""
    return await service.pow_challenge(runtime_of(request), topic)


@router.post("/requests", response_model=HelpRequestOut, status_code=201)
async def create_request(body: HelpRequestIn, request: Request, db: Database, caller: CallerDep) -> HelpRequestOut:
    """Ask for a one-to-one session with a counselor."""
    return await service.create_request(runtime_of(request), db, caller, body)


@router.get("/requests/mine", response_model=MyRequestOut)
async def my_request(db: Database, caller: CallerDep) -> MyRequestOut:
    """The caller's open request and, once accepted, its session (how an offline member learns of it)."""
    return await service.my_request(db, caller)


@router.delete("/requests/{request_id}", status_code=204)
async def cancel_request(request_id: RequestId, db: Database, caller: CallerDep) -> Response:
    await service.cancel_request(db, caller, request_id)
    return Response(status_code=204)


# --- counselors ------------------------------------------------------------------------------------------------
@router.get("/profile", response_model=ProfileOut)
async def get_profile(db: Database, caller: Counselor) -> ProfileOut:
    return await service.get_profile(db, caller)


@router.get("/counselors", response_model=list[ColleagueOut])
async def colleagues(db: Database, caller: Counselor) -> list[ColleagueOut]:
    """The other available counselors: whom a session can be transferred to (counselors only)."""
    return await service.colleagues(db, caller)


@router.put("/profile", response_model=ProfileOut)
async def put_profile(body: ProfileIn, db: Database, caller: Counselor) -> ProfileOut:
    return await service.put_profile(db, caller, body)


@router.post("/offers/next", response_model=OfferOut, responses={204: {"description": "nothing fits"}})
async def next_offer(request: Request, db: Database, caller: Counselor) -> OfferOut | Response:
    """Be offered, exclusively and for offer_timeout_seconds, the best waiting request you can take."""
    offer = await service.next_offer(runtime_of(request), db, caller)
    return offer if offer is not None else Response(status_code=204)


@router.get("/queue", response_model=QueueOut)
async def queue(db: Database, caller: Counselor) -> QueueOut:
    return await service.queue_view(db, caller)


@router.post("/offers/{request_id}/accept", response_model=SessionOut, status_code=201)
async def accept_offer(request_id: RequestId, request: Request, db: Database, caller: Counselor) -> SessionOut:
    return await service.accept_offer(runtime_of(request), db, caller, request_id)


@router.post("/offers/{request_id}/decline", status_code=204)
async def decline_offer(request_id: RequestId, request: Request, db: Database, caller: Counselor) -> Response:
    await service.decline_offer(runtime_of(request), db, caller, request_id)
    return Response(status_code=204)


# --- sessions --------------------------------------------------------------------------------------------------
@router.get("/sessions", response_model=list[SessionOut])
async def list_sessions(db: Database, caller: CallerDep) -> list[SessionOut]:
    return await service.list_sessions(db, caller)


@router.get("/sessions/{session_id}", response_model=SessionOut)
async def get_session(session_id: SessionId, db: Database, caller: CallerDep) -> SessionOut:
    return await service.get_session(db, caller, session_id)


@router.post("/sessions/{session_id}/transfer", response_model=SessionOut)
async def transfer(
    session_id: SessionId, body: TransferIn, request: Request, db: Database, caller: Counselor
) -> SessionOut:
    return await service.transfer(runtime_of(request), db, caller, session_id, body)


@router.post("/sessions/{session_id}/transfer/complete", response_model=SessionOut)
async def complete_transfer(session_id: SessionId, request: Request, db: Database, caller: Counselor) -> SessionOut:
    return await service.complete_transfer(runtime_of(request), db, caller, session_id)


@router.post("/sessions/{session_id}/transfer/cancel", response_model=SessionOut)
async def cancel_transfer(session_id: SessionId, request: Request, db: Database, caller: Counselor) -> SessionOut:
    return await service.cancel_transfer(runtime_of(request), db, caller, session_id)


@router.post("/sessions/{session_id}/notes", response_model=NoteCreated, status_code=201)
async def add_note(session_id: SessionId, body: NoteIn, db: Database, caller: Counselor) -> NoteCreated:
    return NoteCreated(note_id=await service.add_note(db, caller, session_id, body.sealed))


@router.get("/sessions/{session_id}/notes", response_model=list[NoteOut])
async def read_notes(session_id: SessionId, db: Database, caller: Counselor) -> list[NoteOut]:
    return await service.read_notes(db, caller, session_id)


@router.post("/sessions/{session_id}/close", status_code=204)
async def close_session(
    session_id: SessionId, body: CloseIn, request: Request, db: Database, caller: Counselor
) -> Response:
    await service.close_session(runtime_of(request), db, caller, session_id, body.outcome)
    return Response(status_code=204)


# --- admins ----------------------------------------------------------------------------------------------------
@router.get("/stats", response_model=StatsOut)
async def stats(db: Database, caller: Admin) -> StatsOut:
    """Aggregate figures only: nothing about any one person."""
    return await service.stats(db, caller)
