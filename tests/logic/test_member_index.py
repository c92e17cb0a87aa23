"""The migration's index for group member counts (package_show asks for them per group)."""
from __future__ import annotations

import pytest
from ckan import model
from ckan.tests import factories
from sqlalchemy import text

from tests.catalog.factories import CatalogDataset, CatalogOrganization

MEMBER_COUNT = text(
    'SELECT "user".id, member.capacity FROM "user" JOIN member '
    "ON member.table_id = \"user\".id WHERE member.group_id = :group "
    "AND member.state = 'active' AND member.table_name = 'user'")


@pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
def test_member_count_of_a_group_reads_the_index_not_its_datasets() -> None:
    user = factories.User()
    group = factories.Group(user=user)
    org = CatalogOrganization(user=user)
    for _ in range(5):
        CatalogDataset(owner_org=org["id"], groups=[{"id": group["id"]}], user=user)
    model.Session.execute(text("SET LOCAL enable_seqscan = off"))
    plan = "\n".join(row[0] for row in model.Session.execute(
        text("EXPLAIN " + str(MEMBER_COUNT)), {"group": group["id"]}))
    model.Session.rollback()
    assert "idx_govopen_member_group_table_state" in plan, plan
