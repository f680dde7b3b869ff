"""The audit log's hash chain, shared by the server that appends and the clients that verify.

entry_hash = BLAKE2b-256(lp(b"haven-audit-v1") || u64 id || lp(actor) || lp(action) || lp(object_id) ||
                         u64 time_ms || prev_hash)
The first entry's prev_hash is 32 zero bytes. Each entry commits to the previous one, so changing, removing or
reordering any entry breaks every link after it; `verify_chain` names the first broken one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crypto.encoding import lp, u64
from crypto.primitives import blake2b, ct_equal

AUDIT_DOMAIN = b"haven-audit-v1"
GENESIS = bytes(32)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    actor: str
    action: str
    object_id: str
    time_ms: int
    prev_hash: bytes
    entry_hash: bytes


def entry_hash(entry_id: int, actor: str, action: str, object_id: str, time_ms: int, prev_hash: bytes) -> bytes:
    data = (
        lp(AUDIT_DOMAIN)
        + u64(entry_id)
        + lp(actor.encode())
        + lp(action.encode())
        + lp(object_id.encode())
        + u64(time_ms)
        + prev_hash
    )
    return blake2b(data)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    entries: int
    # The id of the first entry whose link does not hold, and why.
    broken_at: int | None = None
    reason: str | None = None


def verify_chain(records: Iterable[AuditRecord]) -> ChainCheck:
    previous = GENESIS
    last_id = 0
    count = 0
    for record in records:
        count += 1
        if record.id <= last_id:
            return ChainCheck(False, count, record.id, "entries out of order")
        if not ct_equal(record.prev_hash, previous):
            return ChainCheck(False, count, record.id, "does not link to the entry before it")
        expected = entry_hash(record.id, record.actor, record.action, record.object_id, record.time_ms,
                              record.prev_hash)
        if not ct_equal(expected, record.entry_hash):
            return ChainCheck(False, count, record.id, "its contents do not match its hash")
        previous = record.entry_hash
        last_id = record.id
    return ChainCheck(True, count)
