"""Fixtures of the access tests: a provider with an admin, a conditional dataset with two
resources, applicants with API tokens."""
from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization, catalog_fields

# A real code: 91350100M000100Y43 (GB 32100 example; check character valid)
USCC = "91350100M000100Y43"


def conditional_fields(**overrides: Any) -> dict[str, Any]:
    return catalog_fields(open_type="conditional", open_condition="仅限科研用途",
                          open_reason="含企业经营信息", open_legal_basis="《山西省政务数据管理与应用办法》第十三条",
                          **overrides)


class Provider:
    def __init__(self) -> None:
        self.admin = factories.User()
        self.applicant = factories.User()
        self.other = factories.User()
        self.org = CatalogOrganization(users=[{"name": self.admin["name"], "capacity": "admin"}])
        root = {"user": factories.Sysadmin()["name"]}
        self.dataset = call_action("package_create", dict(root), owner_org=self.org["id"],
                                   name=f"cond-{os.urandom(4).hex()}", private=False,
                                   **conditional_fields())
        self.resources = [call_action("resource_create", dict(root), package_id=self.dataset["id"],
                                      name=n, url=f"https://example.gov.cn/{n}.csv", format="CSV")
                          for n in ("a", "b")]
        self.tokens = {u["name"]: call_action("api_token_create", {"user": u["name"]},
                                              user=u["name"], name="t")["token"]
                       for u in (self.admin, self.applicant, self.other)}

    def act(self, who: dict[str, Any], action: str, **data: Any) -> Any:
        return call_action(action, {"user": who["name"], "ignore_auth": False}, **data)

    def headers(self, who: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": self.tokens[who["name"]]}

    def form(self, **overrides: Any) -> dict[str, Any]:
        data = {"package_id": self.dataset["id"], "applicant_type": "person",
                "applicant_name": "王小明", "contact": "13800138000",
                "purpose": "研究空气质量与健康的关系", "scope": "课题组内部三人使用",
                "end_date": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
                "accept_commitment": True}
        data.update(overrides)
        return data

    def apply(self, **overrides: Any) -> dict[str, Any]:
        return self.act(self.applicant, "govopen_access_apply", **self.form(**overrides))


@pytest.fixture
def provider() -> Provider:
    return Provider()
