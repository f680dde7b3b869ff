"""retention: join positions, an audit chain with erasable links, counseling counters (security issue 10, 2-4)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 19:30:00.000000

- conversation_members.joined_seq bounds every read of stored messages. Existing rows get their acked_seq: the
  most that can be shown safe (a member's acknowledged position is at or past where it joined), and nothing a
  member has not acknowledged is withheld from it.
- audit_log moves to chain version 2 (crypto/audit.py): actor and subject enter the hash through salted
  commitments and can be erased. Existing entries are split (a member action's "<group>:<account>" object becomes
  object <group>, subject <account>), given salts, and the whole chain is re-linked under v2 — an admin who kept
  a head hash must take the new one. Links nobody needs any more are erased at once: subjects whose identity is
  gone or whose membership ended, actors whose identity is gone.
- counseling_counters: id-free figures; the purge deletes closed sessions and ended requests from now on.

The hashes are computed here with hashlib rather than by importing crypto.audit, so that this revision keeps
meaning what it meant whatever later versions of the chain do.
"""

from collections.abc import Sequence
import hashlib
import os

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MEMBER_ACTIONS = ("group.approve", "group.reject", "group.remove", "group.ban", "group.promote")
_GENESIS = bytes(32)


def _lp(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _u64(value: int) -> bytes:
    return value.to_bytes(8, "big")


def _blake2b(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def _commit_v2(salt: bytes, value: str) -> bytes:
    return _blake2b(_lp(b"haven-audit-link-v2") + _lp(salt) + _lp(value.encode()))


def _hash_v2(entry_id: int, actor_commit: bytes, action: str, object_id: str, subject_commit: bytes,
             time_ms: int, prev: bytes) -> bytes:
    return _blake2b(_lp(b"haven-audit-v2") + _u64(entry_id) + actor_commit + _lp(action.encode())
                    + _lp(object_id.encode()) + subject_commit + _u64(time_ms) + prev)


def _hash_v1(entry_id: int, actor: str, action: str, object_id: str, time_ms: int, prev: bytes) -> bytes:
    return _blake2b(_lp(b"haven-audit-v1") + _u64(entry_id) + _lp(actor.encode()) + _lp(action.encode())
                    + _lp(object_id.encode()) + _u64(time_ms) + prev)


def _audit_table() -> sa.Table:
    return sa.table(
        'audit_log',
        sa.column('id', sa.BigInteger()), sa.column('actor', sa.String()), sa.column('actor_salt', sa.LargeBinary()),
        sa.column('actor_commit', sa.LargeBinary()), sa.column('action', sa.String()),
        sa.column('object_id', sa.String()), sa.column('subject', sa.String()),
        sa.column('subject_salt', sa.LargeBinary()), sa.column('subject_commit', sa.LargeBinary()),
        sa.column('time_ms', sa.BigInteger()), sa.column('prev_hash', sa.LargeBinary()),
        sa.column('entry_hash', sa.LargeBinary()),
    )


def _split(action: str, object_id: str) -> tuple[str, str]:
    """(object, subject) of a v1 entry: no person stays in the object."""
    if action in _MEMBER_ACTIONS and ":" in object_id:
        group, account = object_id.split(":", 1)
        return group, account
    if action == "admin.bootstrap":
        return "", ""
    if action.startswith("role.revoke."):
        return "", object_id
    return object_id, ""


def upgrade() -> None:
    with op.batch_alter_table('conversation_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('joined_seq', sa.BigInteger(), server_default='0', nullable=False))
    op.execute("UPDATE conversation_members SET joined_seq = acked_seq")

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_salt', sa.LargeBinary(length=16), nullable=True))
        batch_op.add_column(sa.Column('actor_commit', sa.LargeBinary(length=32), nullable=True))
        batch_op.add_column(sa.Column('subject', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('subject_salt', sa.LargeBinary(length=16), nullable=True))
        batch_op.add_column(sa.Column('subject_commit', sa.LargeBinary(length=32), nullable=True))
        batch_op.alter_column('actor', existing_type=sa.String(length=32), nullable=True)

    bind = op.get_bind()
    audit = _audit_table()
    identities = {row[0] for row in bind.execute(sa.text("SELECT account_id FROM identities"))}
    memberships = {
        (group, account, status)
        for group, account, status in bind.execute(sa.text("SELECT group_id, account_id, status FROM group_members"))
    }
    rows = bind.execute(
        sa.text("SELECT id, actor, action, object_id, time_ms FROM audit_log ORDER BY id")
    ).all()
    previous = _GENESIS
    for entry_id, actor, action, old_object, time_ms in rows:
        object_id, subject = _split(action, old_object)
        actor_salt, subject_salt = os.urandom(16), os.urandom(16)
        actor_commit, subject_commit = _commit_v2(actor_salt, actor), _commit_v2(subject_salt, subject)
        digest = _hash_v2(entry_id, actor_commit, action, object_id, subject_commit, time_ms, previous)
        values: dict[str, object] = {
            "actor": actor, "actor_salt": actor_salt, "actor_commit": actor_commit, "object_id": object_id,
            "subject": subject, "subject_salt": subject_salt, "subject_commit": subject_commit,
            "prev_hash": previous, "entry_hash": digest,
        }
        if actor not in identities:
            values.update(actor=None, actor_salt=None)
        if subject:
            gone = subject not in identities
            in_force = (object_id, subject, "banned") in memberships if action == "group.ban" else any(
                (object_id, subject, status) in memberships for status in ("active", "pending")
            )
            if gone or (action in _MEMBER_ACTIONS and not in_force):
                values.update(subject=None, subject_salt=None)
        bind.execute(sa.update(audit).where(audit.c.id == entry_id).values(**values))
        previous = digest

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('actor_commit', existing_type=sa.LargeBinary(length=32), nullable=False)
        batch_op.alter_column('subject_commit', existing_type=sa.LargeBinary(length=32), nullable=False)
        batch_op.create_index(batch_op.f('ix_audit_log_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_subject'), ['subject'], unique=False)

    op.create_table('counseling_counters',
    sa.Column('day', sa.BigInteger(), nullable=False),
    sa.Column('event', sa.String(length=16), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('label', sa.String(length=24), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('day', 'event', 'language', 'label', name=op.f('pk_counseling_counters'))
    )


def downgrade() -> None:
    op.drop_table('counseling_counters')

    # Back to chain v1: the object carries the subject again, re-linked under v1. What was erased stays erased
    # (an empty actor, "<group>:" as object): a downgrade must not bring back what was deleted.
    bind = op.get_bind()
    audit = _audit_table()
    rows = bind.execute(
        sa.text("SELECT id, actor, action, object_id, subject, time_ms FROM audit_log ORDER BY id")
    ).all()
    previous = _GENESIS
    for entry_id, actor, action, object_id, subject, time_ms in rows:
        if action in _MEMBER_ACTIONS:
            object_id = f"{object_id}:{subject or ''}"
        elif action.startswith("role.revoke."):
            object_id = subject or ""
        elif action == "admin.bootstrap":
            object_id = actor or ""
        actor, object_id = actor or "", object_id[:80]
        digest = _hash_v1(entry_id, actor, action, object_id, time_ms, previous)
        bind.execute(
            sa.update(audit).where(audit.c.id == entry_id).values(
                actor=actor, object_id=object_id, prev_hash=previous, entry_hash=digest
            )
        )
        previous = digest

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_subject'))
        batch_op.drop_index(batch_op.f('ix_audit_log_actor'))
        batch_op.alter_column('actor', existing_type=sa.String(length=32), nullable=False)
        batch_op.drop_column('subject_commit')
        batch_op.drop_column('subject_salt')
        batch_op.drop_column('subject')
        batch_op.drop_column('actor_commit')
        batch_op.drop_column('actor_salt')

    with op.batch_alter_table('conversation_members', schema=None) as batch_op:
        batch_op.drop_column('joined_seq')
