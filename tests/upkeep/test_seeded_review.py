"""The demo data, dated relative to today: the 更新状态 facet counts what the dating chose,
and the catalog review of a demo organization lists exactly the entries that need
attention, for the reasons seeded."""
from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from typing import Any

import openpyxl
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.govopen.lib import clock
from ckanext.govopen.lib.workdays import Calendar
from ckanext.govopen.upkeep.deadlines import freshness

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")
seed_dating = pytest.importorskip("seed.dating")
seed_access = pytest.importorskip("seed.access")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

ORGS = ("health-commission", "statistics")  # two demo providers: loading all takes long
REVIEWED_ORG = "health-commission"


def _expected_status(ds: Any, today: dt.date) -> str:
    cycle = seed_dating.cycle_code(ds.catalog.update_cycle)
    return freshness(cycle, dt.date.fromisoformat(ds.catalog.data_update_date), today,
                     Calendar()).status


def _pending_stories() -> int:
    """Demo applications still awaiting a decision (all on the one conditional dataset)."""
    return sum(1 for _, _, steps in seed_access.STORIES
               if not steps or steps[-1][0] == "resubmit")


def test_seeded_facets_and_the_review_report_match_the_seed(app: Any) -> None:
    """One test, as loading demo data takes a while."""
    admin = factories.Sysadmin(name="admin")
    today = clock.today()
    catalog = seed_dating.dated(seed_generate.build(), today)
    datasets = tuple(d for d in catalog.datasets if d.owner_org in ORGS)
    loaded = catalog.__class__(catalog.organizations, catalog.groups, datasets)
    loader = seed_load.Loader("admin", out=lambda _line: None)
    seed_load.load(loaded, loader)
    seed_access.load_applications(loader, seed_access.conditional_names(datasets))

    expected = Counter(_expected_status(d, today) for d in datasets)
    assert len(expected) >= 3, f"a realistic mix, not one status: {expected}"
    found = call_action("package_search", {"user": admin["name"]}, include_private=True,
                        rows=0, **{"facet.field": json.dumps(["govopen_update_status"])})
    assert found["facets"]["govopen_update_status"] == dict(expected)

    org = call_action("organization_show", {"user": ""}, id=REVIEWED_ORG)
    report = call_action("govopen_catalog_review_show", {"user": admin["name"]},
                         organization_id=org["id"])
    mine = [d for d in datasets if d.owner_org == REVIEWED_ORG]
    wanted: dict[str, set[str]] = {}
    for ds in mine:
        reasons = set()
        if _expected_status(ds, today) == "overdue":
            reasons.add("overdue")
        if len(ds.notes) < 30:  # quality.WEAK_NOTES: the seeded short descriptions
            reasons.add("fields")
        if ds.catalog.open_type == "有条件开放":
            reasons.add("applications")
        if reasons:
            wanted[ds.name] = reasons
    got = {e["name"]: {r["key"] for r in e["reasons"]} for e in report["attention"]}
    assert got == wanted
    assert report["total"] == len(mine) and report["reviewed"] == 0
    conditional = next(e for e in report["attention"] if "applications" in
                       {r["key"] for r in e["reasons"]})
    reason = next(r for r in conditional["reasons"] if r["key"] == "applications")
    assert f"{_pending_stories()} pending" in reason["text"]["en"]

    # confirm one entry reviewed: the report and the province-wide progress count it
    first = report["entries"][0]
    call_action("govopen_catalog_review_confirm", {"user": admin["name"]}, id=first["name"])
    again = call_action("govopen_catalog_review_show", {"user": admin["name"]},
                        organization_id=org["id"])
    assert again["reviewed"] == 1
    progress = call_action("govopen_catalog_review_progress", {"user": admin["name"]})
    row = next(o for o in progress["organizations"] if o["name"] == REVIEWED_ORG)
    assert (row["total"], row["reviewed"]) == (len(mine), 1)

    # the page and the workbook say the same
    headers = {"Authorization": call_action("api_token_create", {"user": admin["name"]},
                                            user=admin["name"], name="t")["token"]}
    page = app.get(f"/organization/{REVIEWED_ORG}/catalog-review", headers=headers).body
    for name, reasons in wanted.items():
        assert f'data-name="{name}"' in page
        for key in reasons:
            assert f'data-reason="{key}"' in page
    xlsx = app.get(f"/organization/{REVIEWED_ORG}/catalog-review.xlsx", headers=headers)
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.data)).active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True)]
    assert len(rows) == len(mine)
    flagged = {r[0].rsplit("(", 1)[1].rstrip(")") for r in rows if r[4]}
    assert flagged == set(wanted)
