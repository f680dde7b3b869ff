"""The audit log's hash chain, shared by the server that appends and the clients that verify (version 2).

Version 2 (security issue 10, item 4) keeps people out of the chain itself. An entry's two linking fields —
who acted (`actor`) and whom the action was about (`subject`, "" when nobody) — enter the hash only through a
salted commitment, so the server can erase a value together with its salt (when the person deletes their
identity, when a membership ends) and every entry still verifies:

    link_commit(salt, value) = BLAKE2b-256(lp(b"haven-audit-link-v2") || lp(salt) || lp(value))
    entry_hash = BLAKE2b-256(lp(b"haven-audit-v2") || u64 id || actor_commit || lp(action) || lp(object_id) ||
                             subject_commit || u64 time_ms || prev_hash)

`salt` is 16 random bytes per field and entry. Without it a commitment to an account id could be tested against
a list of suspected ids (an informer's, a seized phone's); with it erased, it cannot. While a value is present
the verifier recomputes its commitment, so a present value cannot be swapped; once erased, the stored
commitment stands in. The first entry's prev_hash is 32 zero bytes. Each entry commits to the previous one, so
changing, removing or reordering any entry breaks every link after it; `verify_chain` names the first broken one.
BLAKE2b is libsodium's generichash (RFC 7693), unkeyed, 32-byte output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from crypto.encoding import lp, u64
from crypto.primitives import blake2b, ct_equal
from crypto.rng import Rng, resolve

AUDIT_VERSION = 2
AUDIT_DOMAIN = b"haven-audit-v2"
LINK_DOMAIN = b"haven-audit-link-v2"
LINK_SALT_BYTES = 16
GENESIS = bytes(32)


def link_commit(salt: bytes, value: str) -> bytes:
    """The commitment to one linking field that the chain covers in its place."""
    return blake2b(lp(LINK_DOMAIN) + lp(salt) + lp(value.encode()))


def new_link(value: str, rng: Rng | None = None) -> tuple[bytes, bytes]:
    """A fresh (salt, commitment) for `value`."""
    salt = resolve(rng)(LINK_SALT_BYTES)
    return salt, link_commit(salt, value)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry as stored and served. `actor`/`subject` and their salts are None once erased."""

    id: int
    actor: str | None
    action: str
    object_id: str
    time_ms: int
    prev_hash: bytes
    entry_hash: bytes
    actor_salt: bytes | None = None
    actor_commit: bytes = GENESIS
    subject: str | None = ""
    subject_salt: bytes | None = None
    subject_commit: bytes = GENESIS

    @property
    def erased(self) -> bool:
        return self.actor is None or self.subject is None


def entry_hash(
    entry_id: int,
    actor_commit: bytes,
    action: str,
    object_id: str,
    subject_commit: bytes,
    time_ms: int,
    prev_hash: bytes,
) -> bytes:
    data = (
        lp(AUDIT_DOMAIN)
        + u64(entry_id)
        + actor_commit
        + lp(action.encode())
        + lp(object_id.encode())
        + subject_commit
        + u64(time_ms)
        + prev_hash
    )
    return blake2b(data)


def _link_holds(value: str | None, salt: bytes | None, commitment: bytes) -> bool:
    """A present value must open its commitment; an erased one (value and salt both gone) is taken as is."""
    if len(commitment) != 32:
        return False
    if value is None:
        return salt is None
    return salt is not None and ct_equal(link_commit(salt, value), commitment)


@dataclass(frozen=True, slots=True)
class ChainCheck:
    ok: bool
    entries: int
    # The id of the first entry whose link does not hold, and why.
    broken_at: int | None = None
    reason: str | None = None
    # Entries whose actor or subject was erased: they verify, but no longer say who.
    erased: int = 0


def verify_chain(records: Iterable[AuditRecord]) -> ChainCheck:
    previous = GENESIS
    last_id = 0
    count = 0
    erased = 0
    for record in records:
        count += 1
        if record.id <= last_id:
            return ChainCheck(False, count, record.id, "entries out of order", erased)
        if not ct_equal(record.prev_hash, previous):
            return ChainCheck(False, count, record.id, "does not link to the entry before it", erased)
        if not _link_holds(record.actor, record.actor_salt, record.actor_commit):
            return ChainCheck(False, count, record.id, "its actor does not match its commitment", erased)
        if not _link_holds(record.subject, record.subject_salt, record.subject_commit):
            return ChainCheck(False, count, record.id, "its subject does not match its commitment", erased)
        expected = entry_hash(
            record.id,
            record.actor_commit,
            record.action,
            record.object_id,
            record.subject_commit,
            record.time_ms,
            record.prev_hash,
        )
        if not ct_equal(expected, record.entry_hash):
            return ChainCheck(False, count, record.id, "its contents do not match its hash", erased)
        erased += record.erased
        previous = record.entry_hash
        last_id = record.id
    return ChainCheck(True, count, erased=erased)
