"""The catalog directory hands out no file of restricted data: a conditional entry's
address is where to apply, the others' the catalog entry."""
from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization, catalog_fields

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
SITE = "http://test.ckan.net"
RESTRICTED = {"open_reason": "含企业经营信息", "open_legal_basis": "《山西省政务数据管理与应用办法》第十三条"}


def _entry(org: dict[str, Any], root: dict[str, Any], open_type: str) -> dict[str, Any]:
    extra = {} if open_type == "unconditional" else dict(RESTRICTED)
    if open_type == "conditional":
        extra["open_condition"] = "仅限科研用途"
    ds = call_action("package_create", {"user": root["name"]}, owner_org=org["id"],
                     name=f"dir-{open_type.replace('_', '-')}", private=False,
                     **catalog_fields(open_type=open_type, **extra))
    call_action("resource_create", {"user": root["name"]}, package_id=ds["id"], name="文件",
                url=f"https://files.example.gov.cn/{ds['name']}.csv", format="CSV")
    return ds


def test_no_file_url_of_restricted_data_in_the_directory(app) -> None:  # type: ignore[no-untyped-def]
    root, org = factories.Sysadmin(), CatalogOrganization()
    made = {t: _entry(org, root, t) for t in ("unconditional", "conditional", "not_open")}
    result = call_action("govopen_catalog_directory", {"user": ""}, lang="zh_Hans_CN")
    by_code = {r["resource_code"]: r for r in result["rows"]}
    assert len(by_code) == 3
    expected = {"unconditional": f"{SITE}/dataset/dir-unconditional",
                "conditional": f"{SITE}/dataset/dir-conditional/apply",
                "not_open": f"{SITE}/dataset/dir-not-open"}
    for open_type, ds in made.items():
        assert by_code[ds["resource_code"]]["url"] == expected[open_type], open_type
    csv_rows = list(csv.reader(io.StringIO(
        app.get("/catalog/directory.csv").get_data(as_text=True).lstrip("\ufeff"))))
    cells = [c for row in csv_rows for c in row]
    assert f"{SITE}/dataset/dir-conditional/apply" in cells
    assert not any("files.example.gov.cn" in c for c in cells)
