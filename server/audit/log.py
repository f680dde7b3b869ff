"""Appending to the audit log inside the caller's transaction, so an action and its entry commit together.

Entries hold actor, action, object id and time — never message content (DESIGN: moderators' actions are
auditable, members' words are not in the log).
"""

from __future__ import annotations

import secrets

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from crypto.audit import GENESIS, AuditRecord, entry_hash
from server.clock import now_ms
from server.models import AuditEntry

# Any constant works; it names the one lock every process takes before it links a new entry.
_AUDIT_LOCK_ID = 0x4A7E4A0D


async def append(db: AsyncSession, actor: str, action: str, object_id: str) -> AuditRecord:
    """Append one entry; the caller commits. Serialised across processes so the chain never forks."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _AUDIT_LOCK_ID})
    # The insert comes first: on SQLite it takes the database's write lock, so the head read below is current.
    placeholder = secrets.token_bytes(32)
    entry = AuditEntry(
        actor=actor, action=action, object_id=object_id, time_ms=now_ms(), prev_hash=GENESIS,
        entry_hash=placeholder,
    )
    db.add(entry)
    await db.flush()
    previous = await db.scalar(
        select(AuditEntry.entry_hash).where(AuditEntry.id < entry.id).order_by(AuditEntry.id.desc()).limit(1)
    )
    prev_hash = previous if previous is not None else GENESIS
    digest = entry_hash(entry.id, actor, action, object_id, entry.time_ms, prev_hash)
    await db.execute(
        update(AuditEntry).where(AuditEntry.id == entry.id).values(prev_hash=prev_hash, entry_hash=digest)
    )
    return AuditRecord(entry.id, actor, action, object_id, entry.time_ms, prev_hash, digest)


async def entries(db: AsyncSession, after_id: int = 0, limit: int = 1000) -> list[AuditRecord]:
    rows = await db.execute(
        select(
            AuditEntry.id, AuditEntry.actor, AuditEntry.action, AuditEntry.object_id, AuditEntry.time_ms,
            AuditEntry.prev_hash, AuditEntry.entry_hash,
        )
        .where(AuditEntry.id > after_id)
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    return [AuditRecord(*row) for row in rows.tuples()]
