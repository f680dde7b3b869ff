"""HTTP endpoints for crisis alerts: members raise them, moderators work them (rules in service.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

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
    ReportOut,
    Status,
    VerifyOut,
    VerifyRequest,
)
from server.identity.caller import CallerDep, Database, Moderator
from server.models import Alert, AlertReport
from server.runtime import runtime_of

router = APIRouter(prefix="/v1", tags=["alerts"])


@router.post("/alerts", response_model=AlertCreated, status_code=201)
async def raise_alert(body: AlertCreate, request: Request, db: Database, caller: CallerDep) -> AlertCreated:
    """A member of the conversation files a report about one message: always 201 with the alert's id, the same
    whether the report started the alert or joined it (whether someone else reported it is not the caller's to
    learn)."""
    alert_id = await service.raise_alert(runtime_of(request), db, caller.account_id, body)
    return AlertCreated(alert_id=alert_id)


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
    """One alert with its subject and every report's sealed content (which only the moderators it was sealed to
    can open)."""
    alert = await service.get_alert(db, alert_id)
    return _detail(alert, await service.reports_of(db, alert_id))


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
    """The server's half of the franking check of one report: recomputes the relay's tag over the sender the
    report names and this alert's conversation and seq; a match makes that sender the alert's subject and lets
    the report's tier count. `local_check: failed` records the moderator device's finding (the commitment does
    not open, or the report is about another message) on that report alone."""
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


def _detail(alert: Alert, reports: list[AlertReport]) -> AlertDetail:
    return AlertDetail(
        **_summary(alert).model_dump(),
        subject=alert.subject_id,
        sealed_reports=[
            ReportOut(
                report_id=r.id,
                tier=r.tier,
                source=r.source,
                verified=r.verified,
                created_at=r.created_ms,
                sealed=r.sealed,
            )
            for r in reports
        ],
    )
