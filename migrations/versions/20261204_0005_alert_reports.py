"""alert reports: every report of an alert kept apart, none replaces another (alert review, content replacement)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 23:30:00

- alert_reports: one row per report (sealed content, claimed tier, source, verification outcome), deleted with its
  alert. An existing alert's single sealed content becomes its one report, carrying the alert's tier, source and
  verification.
- alerts.sealed goes: content lives only in the reports. Going down, an alert keeps its most severe report's
  content (the earliest among equals), as the old schema did; the other reports are lost.
"""

import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    contents = connection.execute(
        sa.text("SELECT id, tier, source, sealed, verified, created_ms FROM alerts WHERE sealed IS NOT NULL")
    ).all()
    # The column goes before the reports table exists: on SQLite, batch mode rebuilds `alerts` (drop and rename),
    # and with foreign keys on, dropping it would cascade to reports already pointing at it. (A later revision that
    # rebuilds `alerts` on SQLite must mind the same.)
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    reports = op.create_table(
        "alert_reports",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("alert_id", sa.String(length=32), nullable=False),
        sa.Column("tier", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=True),
        sa.Column("created_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["alert_id"], ["alerts.id"], name=op.f("fk_alert_reports_alert_id_alerts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_reports")),
    )
    with op.batch_alter_table("alert_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_reports_alert_id"), ["alert_id"], unique=False)
    if contents:
        op.bulk_insert(
            reports,
            [
                {
                    "id": secrets.token_hex(16),
                    "alert_id": row.id,
                    "tier": row.tier,
                    "source": row.source,
                    "sealed": row.sealed,
                    "verified": row.verified,
                    "created_ms": row.created_ms,
                }
                for row in contents
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
    connection = op.get_bind()
    rows = connection.execute(
        sa.text("SELECT alert_id, sealed FROM alert_reports ORDER BY alert_id, tier DESC, created_ms, id")
    ).all()
    kept: set[str] = set()
    for row in rows:
        if row.alert_id in kept:
            continue
        kept.add(row.alert_id)
        connection.execute(
            sa.text("UPDATE alerts SET sealed = :sealed WHERE id = :id"), {"sealed": row.sealed, "id": row.alert_id}
        )
    with op.batch_alter_table("alert_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_alert_reports_alert_id"))
    op.drop_table("alert_reports")
