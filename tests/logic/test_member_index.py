"""The migration's index for group member counts (package_show asks for them per group)."""
from __future__ import annotations

import uuid

import pytest
from ckan import model
from ckan.tests import factories
from sqlalchemy import text

MEMBER_COUNT = text(
    'SELECT "user".id, member.capacity FROM "user" JOIN member '
    "ON member.table_id = \"user\".id WHERE member.group_id = :group "
    "AND member.state = 'active' AND member.table_name = 'user'")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_member_count_of_a_big_group_reads_the_index_not_its_datasets() -> None:
    user = factories.User()
    group = factories.Group(user=user)
    # A group of 5,000 datasets, as in a full catalog: its few users must be found
    # without reading every dataset membership.
    model.Session.execute(
        text("INSERT INTO member (id, group_id, table_id, table_name, capacity, state) "
             "SELECT :prefix || n, :group, :prefix || n, 'package', 'public', 'active' "
             "FROM generate_series(1, 5000) AS n"),
        {"prefix": uuid.uuid4().hex, "group": group["id"]})
    model.Session.execute(text("ANALYZE member"))
    plan = "\n".join(row[0] for row in model.Session.execute(
        text("EXPLAIN ANALYZE " + str(MEMBER_COUNT)), {"group": group["id"]}))
    rows = model.Session.execute(MEMBER_COUNT, {"group": group["id"]}).fetchall()
    model.Session.rollback()
    assert [r[0] for r in rows] == [user["id"]]
    assert "idx_govopen_member_group_table_state" in plan, plan
    assert "Rows Removed by Filter" not in plan, plan
