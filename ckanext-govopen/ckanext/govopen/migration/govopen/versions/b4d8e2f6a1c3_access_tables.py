"""Access to conditional data: applications, transitions, grants, organization settings,
extra calendar days and the hash-chained access log.

Revision ID: b4d8e2f6a1c3
Revises: e7b2c4a9d1f0
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "b4d8e2f6a1c3"
down_revision = "e7b2c4a9d1f0"
branch_labels = None
depends_on = None

T = sa.UnicodeText


def upgrade() -> None:
    op.create_table(
        "govopen_access_application",
        sa.Column("id", T, primary_key=True),
        sa.Column("package_id", T, nullable=False, index=True),
        sa.Column("organization_id", T, nullable=False, index=True),
        sa.Column("user_id", T, nullable=False, index=True),
        sa.Column("applicant_type", T, nullable=False),
        sa.Column("applicant_name", T, nullable=False),
        sa.Column("applicant_org", T),
        sa.Column("credit_code", T),
        sa.Column("contact", T, nullable=False),
        sa.Column("purpose", T, nullable=False),
        sa.Column("scope", T, nullable=False),
        sa.Column("end_date", sa.Date, nullable=False),
        sa.Column("resource_ids", JSONB, nullable=False),
        sa.Column("commitment", T, nullable=False),
        sa.Column("state", T, nullable=False, index=True),
        sa.Column("reason", T),
        sa.Column("submitted_at", sa.DateTime, nullable=False),
        sa.Column("due_date", sa.Date),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.Column("usage_report", T),
        sa.Column("reminded_on", sa.Date),
    )
    op.create_table(
        "govopen_access_transition",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("application_id", T, nullable=False, index=True),
        sa.Column("from_state", T),
        sa.Column("to_state", T, nullable=False),
        sa.Column("actor", T, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("note", T),
    )
    op.create_table(
        "govopen_access_grant",
        sa.Column("id", T, primary_key=True),
        sa.Column("application_id", T, nullable=False, unique=True),
        sa.Column("user_id", T, nullable=False, index=True),
        sa.Column("package_id", T, nullable=False, index=True),
        sa.Column("resource_ids", JSONB, nullable=False),
        sa.Column("valid_from", sa.DateTime, nullable=False),
        sa.Column("valid_until", sa.Date, nullable=False),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("revoked_by", T),
        sa.Column("revoke_reason", T),
    )
    op.create_table(
        "govopen_access_org_settings",
        sa.Column("organization_id", T, primary_key=True),
        sa.Column("decision_workdays", sa.Integer),
        sa.Column("commitment", T),
    )
    op.create_table(
        "govopen_calendar_day",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("workday", sa.Boolean, nullable=False),
        sa.Column("note", T),
    )
    op.create_table(
        "govopen_access_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("event", T, nullable=False),
        sa.Column("actor", T, nullable=False),
        sa.Column("organization_id", T, index=True),
        sa.Column("package_id", T),
        sa.Column("resource_id", T),
        sa.Column("application_id", T),
        sa.Column("grant_id", T),
        sa.Column("remote_addr", T),
        sa.Column("size", sa.Integer),
        sa.Column("detail", JSONB, nullable=False),
        sa.Column("prev_hash", T, nullable=False),
        sa.Column("hash", T, nullable=False),
    )


def downgrade() -> None:
    for table in ("govopen_access_log", "govopen_calendar_day", "govopen_access_org_settings",
                  "govopen_access_grant", "govopen_access_transition",
                  "govopen_access_application"):
        op.drop_table(table)
