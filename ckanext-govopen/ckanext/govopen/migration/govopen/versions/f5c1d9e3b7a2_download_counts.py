"""download counts per resource and day

Revision ID: f5c1d9e3b7a2
Revises: b4d8e2f6a1c3
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "f5c1d9e3b7a2"
down_revision = "b4d8e2f6a1c3"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "govopen_download_count",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False),
        sa.Column("count", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("govopen_download_count_package_id", "govopen_download_count",
                    ["package_id"])


def downgrade() -> None:
    op.drop_index("govopen_download_count_package_id", "govopen_download_count")
    op.drop_table("govopen_download_count")
