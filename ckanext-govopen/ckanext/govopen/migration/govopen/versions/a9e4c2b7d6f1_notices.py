"""notices (通知公告)

Revision ID: a9e4c2b7d6f1
Revises: a7e3c5d1b9f2
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a9e4c2b7d6f1"
down_revision = "a7e3c5d1b9f2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "govopen_notice",
        sa.Column("id", sa.UnicodeText, primary_key=True),
        sa.Column("title", sa.UnicodeText, nullable=False),
        sa.Column("body", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("title_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("body_en", sa.UnicodeText, nullable=False, server_default=""),
        sa.Column("author", sa.UnicodeText, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("modified", sa.DateTime, nullable=False),
    )
    op.create_index("govopen_notice_created", "govopen_notice", ["created"])


def downgrade() -> None:
    op.drop_index("govopen_notice_created", "govopen_notice")
    op.drop_table("govopen_notice")
