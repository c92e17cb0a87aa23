"""feedback: error reports and data requests

Revision ID: d2a7c5e9f3b1
Revises: f5c1d9e3b7a2
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "d2a7c5e9f3b1"
down_revision = "f5c1d9e3b7a2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "govopen_feedback_report",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("package_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("resource_id", sa.UnicodeText),
        sa.Column("organization_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("field", sa.UnicodeText),
        sa.Column("row", sa.UnicodeText),
        sa.Column("value", sa.UnicodeText),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("evidence", sa.UnicodeText, nullable=False),
        sa.Column("contact", sa.UnicodeText, nullable=False),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("reason", sa.UnicodeText),
        sa.Column("correction", sa.UnicodeText),
        sa.Column("answer", sa.UnicodeText),
        sa.Column("accepted_at", sa.DateTime),
        sa.Column("answered_at", sa.DateTime),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("reminded_on", sa.Date),
        sa.Column("history", JSONB, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "govopen_feedback_request",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("user_id", sa.UnicodeText, nullable=False, index=True),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("description", sa.UnicodeText, nullable=False),
        sa.Column("purpose", sa.UnicodeText, nullable=False),
        sa.Column("suggested_provider", sa.UnicodeText),
        sa.Column("organization_id", sa.UnicodeText, index=True),
        sa.Column("state", sa.UnicodeText, nullable=False, index=True),
        sa.Column("answer", sa.UnicodeText),
        sa.Column("expected_date", sa.Date),
        sa.Column("dataset_id", sa.UnicodeText),
        sa.Column("followers", JSONB, nullable=False),
        sa.Column("history", JSONB, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("govopen_feedback_request")
    op.drop_table("govopen_feedback_report")
