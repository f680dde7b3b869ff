"""The rules of crisis alerts.

A member's client detected (or the member reported) a crisis in one message and sealed what a moderator needs to
the moderators' keys; the server keeps only tier, conversation, seq, time and those sealed bytes (DESIGN decision
5). Who raised an alert is deliberately not stored, not even inside the sealed bytes' public parts: the content is
sealed version 2 (crypto/sealed.py, "sealed sender"), whose sealer and signature are inside the encryption, so only
the moderators learn who sealed it.

Whose message it is (the subject) is never taken from the reporter. It is set when the claiming moderator verifies
the sealed franking report: the server recomputes its relay tag (crypto/franking.py, v2) over the sender the report
names, this alert's conversation and seq, and the report's time; only a match makes that sender the subject. A
report that does not verify leaves the alert unverified and without a subject, and only a verified alert can be
escalated — so an informer who tags junk with a victim's name can put nobody in the counseling queue.

Every report about a message is kept on its own under the message's one alert, and none replaces another: a
forged report beside a real one is verified (and fails) alone, and only a verified report's tier raises the
alert's tier or a queue priority. Whether a message already had reports is never in the answer to a reporter.

Moderators work an alert through

    open --claim--> claimed --escalate--> escalated --resolve--> resolved
      ^  <-release-    |  \\--dismiss--> dismissed                ^
                       \\------------------resolve----------------/

and every step they take is written to the audit log (actor, action, alert id — never content).
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.errors import CryptoError
from crypto.franking import relay_tag_for_hash
from crypto.primitives import ct_equal
from crypto.sealed import DOMAIN_ALERT, SealedMessageV2
from server import clock
from server.alerts import exceptions as refused
from server.alerts import repository
from server.alerts.schemas import AlertCreate, LocalCheck, VerifyRequest
from server.audit import log as audit
from server.counseling import queue
from server.counseling.service import announce_queue
from server.events import notify
from server.identity.roles import accounts_with_role
from server.logs import get_logger
from server.models import Alert, AlertReport
from server.runtime import Runtime
from server.statuses import AlertStatus

log = get_logger("alerts")

STATUSES = (AlertStatus.OPEN, AlertStatus.CLAIMED, AlertStatus.ESCALATED, AlertStatus.DISMISSED, AlertStatus.RESOLVED)
# Where each moderator action may start from. Dismissed and resolved are final for moderators; only a new,
# more severe report about the same message reopens them (see _record).
CLAIMABLE = (AlertStatus.OPEN,)
HELD = (AlertStatus.CLAIMED,)
WORKING = (AlertStatus.CLAIMED, AlertStatus.ESCALATED)


@dataclass(frozen=True, slots=True)
class Verification:
    verified: bool
    subject: str | None


@dataclass(frozen=True, slots=True)
class _Recorded:
    alert_id: str
    tier: int
    # A new alert: every moderator is told at once (from the threshold up), so a dashboard shows it unpolled.
    news: bool


# --- raising an alert (any member of the conversation) ---------------------------------------------------------
async def raise_alert(runtime: Runtime, db: AsyncSession, caller: str, body: AlertCreate) -> str:
    """File one report; returns the alert's id. The answer is the same whether the report started the alert or
    joined one, so nobody learns whether (or how often) someone else reported the message."""
    # Per identity, never per address (DESIGN decision 8); taken first so refusals cost a token too.
    if not await runtime.alert_limiter.take(caller):
        raise refused.AlertRateLimited()
    if body.source == "automatic" and body.tier < runtime.settings.alert_min_tier:
        raise refused.TierBelowThreshold()
    # Everything that needs no database comes first, and nothing below depends on another member's state (their
    # acks, whether a message row still exists, who sent it): an answer that did would tell the caller when
    # someone's device was online (issue 10, 6a). `body.subject` is ignored for the same reason and because the
    # subject is established from the relay's tag at verification, never from the reporter.
    _check_sealed(body.sealed)
    if caller not in await repository.members_of(db, body.conversation, (caller,)):
        # One answer for "no such conversation" and "not a member", as the relay gives.
        raise refused.NotConversationMember()
    last = await repository.last_seq(db, body.conversation)
    if last is None or body.seq > last:
        # Without this, anyone could squat on future positions with content of their choosing. A member sees
        # every seq of its conversation, so this tells it nothing new.
        raise refused.UnknownMessage()

    recorded: _Recorded | None = None
    for attempt in range(2):
        try:
            recorded = await _record(db, body)
            await db.commit()
            break
        except IntegrityError:
            # Someone else raised the first alert about this message at the same moment: file ours under theirs.
            await db.rollback()
            if attempt:
                raise
    assert recorded is not None
    if recorded.news and recorded.tier >= runtime.settings.alert_min_tier:
        await _push_alert(runtime, db, recorded.alert_id, recorded.tier, body.conversation)
    return recorded.alert_id


def _check_sealed(data: bytes) -> None:
    """The content must be a well-formed sealed message, version 2, of domain "alert" (1..64 distinct recipients,
    sizes in bounds). That is all the server can check, by design: a version-2 message carries its sealer's
    identity and signature inside the encryption, so the stored bytes name nobody (docs/alerts.md, "Who raised
    it"). The caller is authenticated by the request itself, never stored. Version 1 is refused: it names its
    sealer in the clear, and storing that is what version 2 exists to stop."""
    try:
        message = SealedMessageV2.from_bytes(data)
    except CryptoError:
        raise refused.SealedInvalid() from None
    if message.domain != DOMAIN_ALERT:
        raise refused.SealedInvalid()


async def _record(db: AsyncSession, body: AlertCreate) -> _Recorded:
    now_ms = clock.now_ms()
    existing = await repository.alert_for_message(db, body.conversation, body.seq)
    if existing is None:
        alert = Alert(
            id=secrets.token_hex(16),
            conversation_id=body.conversation,
            seq=body.seq,
            tier=body.tier,
            source=body.source,
            subject_id=None,
            status=AlertStatus.OPEN,
            claimed_by=None,
            verified=None,
            dismiss_reason=None,
            reports=1,
            created_ms=now_ms,
            updated_ms=now_ms,
        )
        db.add(alert)
        await db.flush()
        db.add(_report(alert.id, body, now_ms))
        return _Recorded(alert.id, alert.tier, True)

    # Another client (the sender, another recipient, a manual report) about the same message: a report of its
    # own under the one alert. It replaces nothing and changes neither tier, subject nor verification: any member
    # can file one with words of its choosing, so its tier counts only once a moderator verified it (verify()).
    values: dict[str, Any] = {"reports": Alert.reports + 1, "updated_ms": now_ms}
    if body.tier > existing.tier and existing.status in (AlertStatus.DISMISSED, AlertStatus.RESOLVED):
        # A closed alert deserves a new look at a more severe report; reopening changes nothing a member sees.
        values.update(status=AlertStatus.OPEN, claimed_by=None, dismiss_reason=None)
    await db.execute(
        update(Alert).where(Alert.id == existing.id).values(**values).execution_options(synchronize_session=False)
    )
    db.add(_report(existing.id, body, now_ms))
    return _Recorded(existing.id, existing.tier, False)


def _report(alert_id: str, body: AlertCreate, now_ms: int) -> AlertReport:
    return AlertReport(
        id=secrets.token_hex(16),
        alert_id=alert_id,
        tier=body.tier,
        source=body.source,
        sealed=body.sealed,
        verified=None,
        created_ms=now_ms,
    )


async def _push_alert(runtime: Runtime, db: AsyncSession, alert_id: str, tier: int, conversation: str) -> None:
    """After commit: every staff moderator's live connections hear of a new or raised alert at once (ids and
    numbers), so a dashboard shows it without polling; tier 4 is no longer the only tier nobody should miss."""
    moderators = await accounts_with_role(db, "moderator")
    notify(runtime, moderators, "alert", alert_id=alert_id, tier=tier, conversation=conversation)


# --- reading (moderators) -------------------------------------------------------------------------------------
async def list_alerts(db: AsyncSession, *, status: str | None, min_tier: int | None, limit: int) -> list[Alert]:
    return await repository.list_alerts(db, status=status, min_tier=min_tier, limit=limit)


async def reports_of(db: AsyncSession, alert_id: str) -> list[AlertReport]:
    return await repository.reports_of(db, alert_id)


async def get_alert(db: AsyncSession, alert_id: str) -> Alert:
    alert = await repository.get_alert(db, alert_id)
    if alert is None:
        raise refused.UnknownAlert()
    return alert


# --- moderator actions ------------------------------------------------------------------------------------------
async def claim(db: AsyncSession, moderator: str, alert_id: str) -> Alert:
    now_ms = clock.now_ms()
    # Conditional update: of two moderators claiming at once exactly one wins, on either engine.
    result = await db.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.status.in_(CLAIMABLE))
        .values(status=AlertStatus.CLAIMED, claimed_by=moderator, updated_ms=now_ms)
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        alert = await get_alert(db, alert_id)
        if alert.status == AlertStatus.CLAIMED and alert.claimed_by == moderator:
            return alert  # already ours: claiming again changes nothing and is not audited twice
        if alert.status == AlertStatus.CLAIMED:
            raise refused.AlertAlreadyClaimed()
        raise refused.AlertNotClaimable(status=AlertStatus(alert.status))
    await audit.append(db, moderator, "alert.claim", alert_id)
    alert = await _reload(db, alert_id)
    await db.commit()
    return alert


async def release(db: AsyncSession, moderator: str, alert_id: str) -> Alert:
    alert = await _transition(
        db, moderator, alert_id, "release", HELD, {"status": AlertStatus.OPEN, "claimed_by": None}
    )
    await db.commit()
    return alert


async def verify(
    db: AsyncSession, server_secret: bytes, moderator: str, alert_id: str, body: VerifyRequest
) -> Verification:
    """The server's half of a franking check of one report: did this server issue `franking_tag` for this
    commitment, this ciphertext, *this sender*, this alert's conversation and seq, and this time? The moderator
    checked locally that the commitment opens on the reported plaintext and that the report is about this alert's
    message; the plaintext never comes here. The conversation and seq are the alert's own, never the body's.

    The outcome is the report's. A match (of a sender who still exists — a deleted member is not brought back)
    makes that sender the alert's subject, marks the alert verified and lets the report's tier raise the alert's
    and, if the alert is escalated, the subject's queue priority. A mismatch, or `local_check: failed`, is an
    answer (verified = false), not an error, and touches only that report: one seq has one sender, so a forged
    report can neither unseat a verified subject nor block the escalation a verified report allows."""
    alert = await get_alert(db, alert_id)
    _require(alert, moderator, WORKING)
    report = await repository.get_report(db, alert_id, body.report)
    if report is None:
        raise refused.UnknownReport()
    verified, sender = False, None
    # The schema already requires every field with `passed`; the checks here only narrow the types.
    if (
        body.local_check is LocalCheck.PASSED
        and body.sender is not None
        and body.commitment is not None
        and body.ciphertext_hash is not None
        and body.server_time is not None
        and body.franking_tag is not None
    ):
        expected = relay_tag_for_hash(
            server_secret,
            body.commitment,
            body.ciphertext_hash,
            sender_account_id=body.sender,
            conversation_id=alert.conversation_id,
            seq=alert.seq,
            server_time=body.server_time,
        )
        verified = ct_equal(expected, body.franking_tag)
        sender = body.sender if verified else None
    subject = sender if sender is not None and await repository.identity_exists(db, sender) else None
    # A report the tag once confirmed stays confirmed: the tag check is deterministic, so a later "failure" can
    # only be a different body, and that must not unseat what the relay's tag proved.
    await db.execute(
        update(AlertReport)
        .where(AlertReport.id == report.id, AlertReport.verified.is_not(True))
        .values(verified=verified)
        .execution_options(synchronize_session=False)
    )
    values: dict[str, Any]
    if verified:
        values = {"verified": True, "subject_id": subject, "tier": max(alert.tier, report.tier)}
    elif alert.verified is True:
        values = {}  # another report already proved the sender: this one's failure changes nothing
    else:
        values = {"verified": False}
    # One conditional update: the alert is still ours and, when a failure marks it unverified, no other report
    # verified meanwhile.
    also: tuple[ColumnElement[bool], ...] = (Alert.verified.is_not(True),) if values.get("verified") is False else ()
    alert = await _transition(db, moderator, alert_id, "verify", WORKING, values, also=also)
    if verified and alert.status == AlertStatus.ESCALATED and alert.subject_id is not None:
        # The member already waits for a counselor because of this alert: a verified, more severe report moves
        # them up the queue (an unverified one never does).
        request = await queue.open_request_of(db, alert.subject_id)
        if request is not None and request.priority < report.tier:
            request.priority = report.tier
    await db.commit()
    return Verification(verified, subject)


async def escalate(runtime: Runtime, db: AsyncSession, moderator: str, alert_id: str, language: str) -> str:
    """Escalated: the subject gets (or moves up to) a priority counseling request, in the same transaction, at
    the highest tier a verified report of the alert carries. Only a verified alert: its subject is then the sender
    the relay's tag named, not whoever a reporter said."""
    alert = await get_alert(db, alert_id)
    _require(alert, moderator, HELD)
    priority = await repository.verified_tier(db, alert_id)
    if alert.verified is not True or priority is None:
        raise refused.AlertUnverified()
    if alert.subject_id is None:
        raise refused.AlertSubjectDeleted()
    subject = alert.subject_id
    alert = await _transition(
        db,
        moderator,
        alert_id,
        "escalate",
        HELD,
        {"status": AlertStatus.ESCALATED},
        also=(Alert.verified.is_(True), Alert.subject_id == subject),
    )
    request_id = await queue.open_priority_request(
        db, member_id=subject, priority=priority, alert_id=alert_id, language=language
    )
    await db.commit()
    await _announce_queue(runtime, language)
    return request_id


async def dismiss(db: AsyncSession, moderator: str, alert_id: str, reason: str) -> Alert:
    alert = await _transition(
        db, moderator, alert_id, "dismiss", HELD, {"status": AlertStatus.DISMISSED, "dismiss_reason": reason}
    )
    await db.commit()
    return alert


async def resolve(db: AsyncSession, moderator: str, alert_id: str) -> Alert:
    alert = await _transition(db, moderator, alert_id, "resolve", WORKING, {"status": AlertStatus.RESOLVED})
    await db.commit()
    return alert


async def forget_subject(db: AsyncSession, account_id: str) -> None:
    """Account deletion: alerts about that member keep only what the audit needs (tier, conversation, seq,
    times, status). Does not commit — the deletion's transaction does."""
    await repository.clear_subject(db, account_id)


# --- helpers ----------------------------------------------------------------------------------------------------
def _require(alert: Alert, moderator: str, allowed: Collection[str]) -> None:
    """The refusal for an action that may start from `allowed`, by the moderator holding the alert."""
    if alert.status not in allowed:
        raise refused.TransitionNotAllowed(status=AlertStatus(alert.status))
    if alert.claimed_by != moderator:
        raise refused.NotClaimer()


async def _transition(
    db: AsyncSession,
    moderator: str,
    alert_id: str,
    action: str,
    allowed: Collection[str],
    values: dict[str, Any],
    also: tuple[ColumnElement[bool], ...] = (),
) -> Alert:
    """Apply `values` if the alert is in `allowed` and held by `moderator` (one conditional update, so a
    concurrent change cannot slip between the check and the write), audit it, and return the fresh row."""
    result = await db.execute(
        update(Alert)
        .where(Alert.id == alert_id, Alert.status.in_(tuple(allowed)), Alert.claimed_by == moderator, *also)
        .values(**values, updated_ms=clock.now_ms())
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        _require(await get_alert(db, alert_id), moderator, allowed)
        raise refused.AlertChangedMeanwhile()
    await audit.append(db, moderator, f"alert.{action}", alert_id)
    return await _reload(db, alert_id)


async def _reload(db: AsyncSession, alert_id: str) -> Alert:
    alert = await db.scalar(select(Alert).where(Alert.id == alert_id).execution_options(populate_existing=True))
    assert alert is not None
    return alert


async def _announce_queue(runtime: Runtime, language: str) -> None:
    """Tell available counselors a request is waiting (a hint: the request is queued either way and counselors
    see it from GET endpoints). alerts depends on counseling, never the reverse (docs/architecture.md)."""
    try:
        await announce_queue(runtime, language)
    except Exception as exc:
        # The escalation is committed; a failed hint must not turn it into an error the moderator would retry.
        log.warning("queue announcement failed", extra={"event": "announce_failed", "reason": type(exc).__name__})


async def release_claims(db: AsyncSession, moderator: str) -> int:
    """A moderator who leaves (role revoked, identity deleted) hands back every alert it held, so no alert stays
    claimed by nobody who can act on it. The caller's transaction commits."""
    result = await db.execute(
        update(Alert)
        .where(Alert.claimed_by == moderator, Alert.status == AlertStatus.CLAIMED)
        .values(status=AlertStatus.OPEN, claimed_by=None, updated_ms=clock.now_ms())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
