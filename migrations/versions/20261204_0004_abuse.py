"""abuse: the last-resort prekey (issue 10, item 6b)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 19:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "last_resort_prekeys",
        sa.Column("account_id", sa.String(length=32), nullable=False),
        sa.Column("public", sa.LargeBinary(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["identities.account_id"],
            name=op.f("fk_last_resort_prekeys_account_id_identities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_last_resort_prekeys")),
    )


def downgrade() -> None:
    op.drop_table("last_resort_prekeys")
