"""Publishing tables: desensitization status, dataset workflow, audit log.

Revision ID: a1c5e0d7b3f2
Revises:
Create Date: 2025-01-20
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "a1c5e0d7b3f2"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "govopen_desensitize_status",
        sa.Column("resource_id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("status", sa.UnicodeText, nullable=False),
        sa.Column("code", sa.UnicodeText),
        sa.Column("reason_zh", sa.UnicodeText),
        sa.Column("reason_en", sa.UnicodeText),
        sa.Column("filename", sa.UnicodeText),
        sa.Column("raw_size", sa.Integer),
        sa.Column("raw_sha256", sa.UnicodeText),
        sa.Column("policy_version", sa.UnicodeText),
        sa.Column("policy_digest", sa.UnicodeText),
        sa.Column("report", JSONB),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "govopen_dataset_workflow",
        sa.Column("package_id", sa.UnicodeText, primary_key=True),
        sa.Column("state", sa.UnicodeText, nullable=False),
        sa.Column("reason", sa.UnicodeText),
        sa.Column("actor", sa.UnicodeText),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "govopen_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created", sa.DateTime, nullable=False, index=True),
        sa.Column("actor", sa.UnicodeText, nullable=False),
        sa.Column("action", sa.UnicodeText, nullable=False),
        sa.Column("package_id", sa.UnicodeText, index=True),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("detail", JSONB, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("govopen_audit")
    op.drop_table("govopen_dataset_workflow")
    op.drop_table("govopen_desensitize_status")
