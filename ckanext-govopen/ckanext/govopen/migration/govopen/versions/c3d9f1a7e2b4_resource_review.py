"""Resource review: a reviewer's decision on one uploaded file, bound to its raw digest.

Files of datasets already public, or approved and waiting to be published, count as
approved: they went through the dataset review before this column existed.

Revision ID: c3d9f1a7e2b4
Revises: a1c5e0d7b3f2
Create Date: 2025-02-10
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "c3d9f1a7e2b4"
down_revision = "a1c5e0d7b3f2"
branch_labels = None
depends_on = None

_COLUMNS = ("review_state", "review_sha256", "review_reason", "reviewed_by")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("govopen_desensitize_status", sa.Column(name, sa.UnicodeText))
    op.add_column("govopen_desensitize_status", sa.Column("reviewed_at", sa.DateTime))
    op.execute("""
        UPDATE govopen_desensitize_status s
           SET review_state = 'approved', review_sha256 = s.raw_sha256,
               reviewed_by = 'system', reviewed_at = s.updated
          FROM package p
          LEFT JOIN govopen_dataset_workflow w ON w.package_id = p.id
         WHERE p.id = s.package_id AND s.raw_sha256 IS NOT NULL
           AND (p.private = false OR w.state = 'approved')
    """)


def downgrade() -> None:
    op.drop_column("govopen_desensitize_status", "reviewed_at")
    for name in reversed(_COLUMNS):
        op.drop_column("govopen_desensitize_status", name)
