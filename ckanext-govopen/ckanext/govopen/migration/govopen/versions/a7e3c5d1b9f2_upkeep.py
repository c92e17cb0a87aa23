"""upkeep: tick's view of each dataset's update status; catalog review confirmations

Revision ID: a7e3c5d1b9f2
Revises: d2a7c5e9f3b1
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a7e3c5d1b9f2"
down_revision = "d2a7c5e9f3b1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "govopen_upkeep_state",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("reminded_due", sa.Date),
        sa.Column("reminded_status", sa.UnicodeText),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "govopen_catalog_review",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("organization_id", sa.UnicodeText, nullable=False),
        sa.Column("reviewer", sa.UnicodeText, nullable=False),
        sa.Column("reviewed", sa.DateTime, nullable=False),
        sa.Column("note", sa.UnicodeText),
    )
    op.create_index("govopen_catalog_review_organization_id", "govopen_catalog_review",
                    ["organization_id"])


def downgrade() -> None:
    op.drop_index("govopen_catalog_review_organization_id", "govopen_catalog_review")
    op.drop_table("govopen_catalog_review")
    op.drop_table("govopen_upkeep_state")
