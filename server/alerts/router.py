"""HTTP endpoints for crisis alerts: members raise them, moderators work them (rules in service.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from server.alerts import service
from server.alerts.schemas import (
    AlertCreate,
    AlertCreated,
    AlertDetail,
    AlertId,
    AlertOut,
    DismissRequest,
    EscalateOut,
    EscalateRequest,
    Status,
    VerifyOut,
    VerifyRequest,
)
from server.identity.caller import CallerDep, Database, Moderator
from server.models import Alert
from server.runtime import runtime_of

router = APIRouter(prefix="/v1", tags=["alerts"])


@router.post(
    "/alerts",
    response_model=AlertCreated,
    status_code=201,
    # Published, so clients that check answers against docs/schema accept it: the writer and each reader of a
    # crisis message all raise the alert, and all but the first get 200.
    responses={200: {"model": AlertCreated, "description": "counted on the existing alert about this message"}},
)
async def raise_alert(
    body: AlertCreate, request: Request, response: Response, db: Database, caller: CallerDep
) -> AlertCreated:
    """A member of the conversation raises (or adds a report to) the alert about one message: 201 when new, 200
    when it was counted on the existing alert."""
    raised = await service.raise_alert(runtime_of(request), db, caller.account_id, body)
    if raised.duplicate:
        response.status_code = 200
    return AlertCreated(alert_id=raised.alert_id, duplicate=raised.duplicate)


@router.get("/alerts", response_model=list[AlertOut])
async def list_alerts(
    db: Database,
    _caller: Moderator,
    status: Status | None = None,
    min_tier: Annotated[int | None, Query(ge=1, le=4)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 200,
) -> list[AlertOut]:
    """Most severe first, then oldest first."""
    return [_summary(a) for a in await service.list_alerts(db, status=status, min_tier=min_tier, limit=limit)]


@router.get("/alerts/{alert_id}", response_model=AlertDetail)
async def get_alert(alert_id: AlertId, db: Database, caller: Moderator) -> AlertDetail:
    """One alert with its subject and sealed content (which only the moderators it was sealed to can open)."""
    return _detail(await service.get_alert(db, alert_id))


@router.post("/alerts/{alert_id}/claim", response_model=AlertOut)
async def claim(alert_id: AlertId, db: Database, caller: Moderator) -> AlertOut:
    return _summary(await service.claim(db, caller.account_id, alert_id))


@router.post("/alerts/{alert_id}/release", response_model=AlertOut)
async def release(alert_id: AlertId, db: Database, caller: Moderator) -> AlertOut:
    return _summary(await service.release(db, caller.account_id, alert_id))


@router.post("/alerts/{alert_id}/verify", response_model=VerifyOut)
async def verify(
    alert_id: AlertId, body: VerifyRequest, request: Request, db: Database, caller: Moderator
) -> VerifyOut:
    """The server's half of the franking check: recomputes the relay's tag over the sender the report names and
    this alert's conversation and seq; a match makes that sender the alert's subject. `local_check: failed`
    records the moderator device's finding (the commitment does not open, or the report is about another
    message) as unverified. Either way the alert's subject is what the tag proved, or nobody."""
    secret = runtime_of(request).server_secret
    result = await service.verify(db, secret, caller.account_id, alert_id, body)
    return VerifyOut(verified=result.verified, subject=result.subject)


@router.post("/alerts/{alert_id}/escalate", response_model=EscalateOut)
async def escalate(
    alert_id: AlertId, body: EscalateRequest, request: Request, db: Database, caller: Moderator
) -> EscalateOut:
    request_id = await service.escalate(runtime_of(request), db, caller.account_id, alert_id, body.language)
    return EscalateOut(alert_id=alert_id, request_id=request_id)


@router.post("/alerts/{alert_id}/dismiss", response_model=AlertOut)
async def dismiss(alert_id: AlertId, body: DismissRequest, db: Database, caller: Moderator) -> AlertOut:
    return _summary(await service.dismiss(db, caller.account_id, alert_id, body.reason))


@router.post("/alerts/{alert_id}/resolve", response_model=AlertOut)
async def resolve(alert_id: AlertId, db: Database, caller: Moderator) -> AlertOut:
    return _summary(await service.resolve(db, caller.account_id, alert_id))


def _summary(alert: Alert) -> AlertOut:
    return AlertOut(
        alert_id=alert.id,
        tier=alert.tier,
        status=alert.status,
        source=alert.source,
        conversation=alert.conversation_id,
        seq=alert.seq,
        reports=alert.reports,
        created_at=alert.created_ms,
        updated_at=alert.updated_ms,
        claimed_by=alert.claimed_by,
        verified=alert.verified,
    )


def _detail(alert: Alert) -> AlertDetail:
    return AlertDetail(**_summary(alert).model_dump(), subject=alert.subject_id, sealed=alert.sealed)
