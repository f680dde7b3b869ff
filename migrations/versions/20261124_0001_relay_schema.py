"""Relay schema: identities, conversations, members, messages, send receipts, used challenges

Revision ID: 0001
Revises:
Create Date: 2026-11-24 01:09:47.715347
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('conversations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('last_seq', sa.BigInteger(), nullable=False),
    sa.Column('created_day', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conversations'))
    )
    op.create_table('identities',
    sa.Column('account_id', sa.String(length=32), nullable=False),
    sa.Column('signing_key', sa.LargeBinary(length=32), nullable=False),
    sa.Column('agreement_key', sa.LargeBinary(length=32), nullable=False),
    sa.Column('created_day', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('account_id', name=op.f('pk_identities')),
    sa.UniqueConstraint('signing_key', name=op.f('uq_identities_signing_key'))
    )
    op.create_table('send_receipts',
    sa.Column('dedupe_key', sa.LargeBinary(length=32), nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('server_time_ms', sa.BigInteger(), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('dedupe_key', name=op.f('pk_send_receipts'))
    )
    with op.batch_alter_table('send_receipts', schema=None) as batch_op:
        batch_op.create_index('ix_send_receipts_expires_at', ['expires_at'], unique=False)

    op.create_table('used_challenges',
    sa.Column('nonce', sa.LargeBinary(length=16), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('nonce', name=op.f('pk_used_challenges'))
    )
    with op.batch_alter_table('used_challenges', schema=None) as batch_op:
        batch_op.create_index('ix_used_challenges_expires_at', ['expires_at'], unique=False)

    op.create_table('conversation_members',
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('account_id', sa.String(length=32), nullable=False),
    sa.Column('acked_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['identities.account_id'], name=op.f('fk_conversation_members_account_id_identities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_conversation_members_conversation_id_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('conversation_id', 'account_id', name=op.f('pk_conversation_members'))
    )
    with op.batch_alter_table('conversation_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conversation_members_account_id'), ['account_id'], unique=False)

    op.create_table('messages',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('sender_id', sa.String(length=32), nullable=False),
    sa.Column('client_msg_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('ciphertext', sa.LargeBinary(), nullable=False),
    sa.Column('server_time_ms', sa.BigInteger(), nullable=False),
    sa.Column('expires_at', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], name=op.f('fk_messages_conversation_id_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages')),
    sa.UniqueConstraint('conversation_id', 'seq', name=op.f('uq_messages_conversation_id_seq'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_expires_at', ['expires_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_expires_at')

    op.drop_table('messages')
    with op.batch_alter_table('conversation_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversation_members_account_id'))

    op.drop_table('conversation_members')
    with op.batch_alter_table('used_challenges', schema=None) as batch_op:
        batch_op.drop_index('ix_used_challenges_expires_at')

    op.drop_table('used_challenges')
    with op.batch_alter_table('send_receipts', schema=None) as batch_op:
        batch_op.drop_index('ix_send_receipts_expires_at')

    op.drop_table('send_receipts')
    op.drop_table('identities')
    op.drop_table('conversations')
