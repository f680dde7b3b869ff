"""Appending to the audit log inside the caller's transaction, so an action and its entry commit together; and
erasing the linking part of entries once nothing needs it.

Entries hold actor, action, object id, subject and time — never message content (DESIGN: moderators' actions
are auditable, members' words are not in the log). The chain (crypto/audit.py, v2) covers only salted
commitments to the actor and the subject, so `erase_subject`/`erase_actor` can blank them and the chain still
verifies (DESIGN decision 11; security issue 10, item 4).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import select, text, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.audit import GENESIS, AuditRecord, entry_hash, new_link
from server.clock import now_ms
from server.models import AuditEntry

# Any constant works; it names the one lock every process takes before it links a new entry.
_AUDIT_LOCK_ID = 0x4A7E4A0D


async def append(db: AsyncSession, actor: str, action: str, object_id: str, subject: str = "") -> AuditRecord:
    """Append one entry; the caller commits. Serialised across processes so the chain never forks.

    `object_id` must never name a person: put the account an action is about in `subject`, which can be erased."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _AUDIT_LOCK_ID})
    actor_salt, actor_commit = new_link(actor)
    subject_salt, subject_commit = new_link(subject)
    # The insert comes first: on SQLite it takes the database's write lock, so the head read below is current.
    placeholder = secrets.token_bytes(32)
    entry = AuditEntry(
        actor=actor,
        actor_salt=actor_salt,
        actor_commit=actor_commit,
        action=action,
        object_id=object_id,
        subject=subject,
        subject_salt=subject_salt,
        subject_commit=subject_commit,
        time_ms=now_ms(),
        prev_hash=GENESIS,
        entry_hash=placeholder,
    )
    db.add(entry)
    await db.flush()
    previous = await db.scalar(
        select(AuditEntry.entry_hash).where(AuditEntry.id < entry.id).order_by(AuditEntry.id.desc()).limit(1)
    )
    prev_hash = previous if previous is not None else GENESIS
    digest = entry_hash(entry.id, actor_commit, action, object_id, subject_commit, entry.time_ms, prev_hash)
    await db.execute(update(AuditEntry).where(AuditEntry.id == entry.id).values(prev_hash=prev_hash, entry_hash=digest))
    return AuditRecord(
        entry.id,
        actor,
        action,
        object_id,
        entry.time_ms,
        prev_hash,
        digest,
        actor_salt=actor_salt,
        actor_commit=actor_commit,
        subject=subject,
        subject_salt=subject_salt,
        subject_commit=subject_commit,
    )


def _count(result: object) -> int:
    return int(result.rowcount or 0) if isinstance(result, CursorResult) else 0


async def erase_subject(
    db: AsyncSession, subject: str, *, object_id: str | None = None, except_actions: Iterable[str] = ()
) -> int:
    """Blank `subject` (value and salt) in every entry about it — only those on `object_id` when given, and not
    those whose action is in `except_actions`. In the caller's transaction; returns how many entries changed."""
    statement = update(AuditEntry).where(AuditEntry.subject == subject)
    if object_id is not None:
        statement = statement.where(AuditEntry.object_id == object_id)
    kept = list(except_actions)
    if kept:
        statement = statement.where(AuditEntry.action.not_in(kept))
    result = await db.execute(
        statement.values(subject=None, subject_salt=None).execution_options(synchronize_session=False)
    )
    return _count(result)


async def erase_actor(db: AsyncSession, actor: str) -> int:
    """Blank `actor` (value and salt) in every entry it made. In the caller's transaction."""
    result = await db.execute(
        update(AuditEntry)
        .where(AuditEntry.actor == actor)
        .values(actor=None, actor_salt=None)
        .execution_options(synchronize_session=False)
    )
    return _count(result)


async def entries(db: AsyncSession, after_id: int = 0, limit: int = 1000) -> list[AuditRecord]:
    rows = await db.execute(
        select(
            AuditEntry.id,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.object_id,
            AuditEntry.time_ms,
            AuditEntry.prev_hash,
            AuditEntry.entry_hash,
            AuditEntry.actor_salt,
            AuditEntry.actor_commit,
            AuditEntry.subject,
            AuditEntry.subject_salt,
            AuditEntry.subject_commit,
        )
        .where(AuditEntry.id > after_id)
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    return [AuditRecord(*row) for row in rows]
