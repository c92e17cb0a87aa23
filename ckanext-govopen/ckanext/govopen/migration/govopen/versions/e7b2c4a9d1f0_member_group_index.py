"""An index for the members of one group, by kind.

`package_show` dictizes each group of a dataset with its member count, a query on
`member` by group_id, table_name and state. CKAN's only index there is
(group_id, table_id), so the query reads every dataset membership of the group
to find its few users: ~1 ms per group at 10,000 datasets, growing with the
catalog, paid by every dataset page, API call and search-index rebuild.

Revision ID: e7b2c4a9d1f0
Revises: c3d9f1a7e2b4
Create Date: 2026-11-21
"""
from __future__ import annotations

from alembic import op

revision = "e7b2c4a9d1f0"
down_revision = "c3d9f1a7e2b4"
branch_labels = None
depends_on = None

INDEX = "idx_govopen_member_group_table_state"


def upgrade() -> None:
    op.create_index(INDEX, "member", ["group_id", "table_name", "state"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="member")
