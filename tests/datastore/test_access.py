"""The DataStore follows the download gate (issue 17): the matrix of the download tests,
walked over datastore_search, datastore_info and datastore_search_sql."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories

from tests.catalog.factories import CatalogOrganization
from tests.publishing.test_gate_grants import _apply, _with_token

from .conftest import ITEMS, TABLE, api

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

FIELDS = {"open_reason": "涉及企业商业秘密", "open_legal_basis": "《办法》第十三条"}


def _dataset(agency: Any, run_worker: Any, open_type: str) -> tuple[dict[str, Any], dict[str, Any]]:
    extra = dict(FIELDS) if open_type != "unconditional" else {}
    if open_type == "conditional":
        extra["open_condition"] = "仅限科研用途"
    dataset = agency.draft(open_type=open_type, data_items=ITEMS, **extra)
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    run_worker()
    return dataset, res


def _calls(app: Any, agency: Any, res: dict[str, Any], who: dict[str, Any] | None) -> list[Any]:
    headers = agency.headers(who) if who else {}
    return [api(app, "datastore_search", headers, resource_id=res["id"]),
            api(app, "datastore_info", headers, resource_id=res["id"]),
            api(app, "datastore_search_sql", headers, sql=f'SELECT * FROM "{res["id"]}"')]


def _people(agency: Any) -> dict[str, Any]:
    admin = _with_token(agency, factories.Sysadmin())
    other = _with_token(agency, factories.User())
    CatalogOrganization(users=[{"name": other["name"], "capacity": "editor"}])
    return {"anonymous": None, "stranger": agency.stranger, "other_org_editor": other,
            "editor": agency.editor, "reviewer": agency.reviewer, "sysadmin": admin}


def _assert(answers: list[Any], allowed: bool, label: str) -> None:
    for answer in answers:
        if allowed:
            assert answer.status_code == 200, (label, answer.text)
            assert "138****8000" in answer.text or "fields" in answer.text, label
        else:
            assert answer.status_code == 403, (label, answer.status_code, answer.text)
            assert "138****8000" not in answer.text and "137****7000" not in answer.text, label


def test_open_data_is_queryable_by_anyone(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    _ds, res = _dataset(agency, run_worker, "unconditional")
    for label, who in _people(agency).items():
        _assert(_calls(app, agency, res, who), True, label)


@pytest.mark.parametrize("open_type", ["conditional", "not_open"])
def test_restricted_data_reaches_the_provider_and_grant_holders_only(
        app, agency, run_worker, open_type: str) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _dataset(agency, run_worker, open_type)
    people = _people(agency)
    holder = None
    if open_type == "conditional":
        holder = _with_token(agency, factories.User())
        granted = _apply(agency, holder, dataset)
        agency.act(agency.reviewer, "govopen_access_approve", id=granted["id"])
        pending = _with_token(agency, factories.User())
        _apply(agency, pending, dataset)
        people["applicant_not_yet_approved"] = pending
    inside = {"editor", "reviewer", "sysadmin"}
    for label, who in people.items():
        _assert(_calls(app, agency, res, who), label in inside, label)
    if holder is not None:
        _assert(_calls(app, agency, res, holder), True, "grant holder")
    refused = _calls(app, agency, res, None)[0].json["error"]["message"]
    assert ("有条件开放" if open_type == "conditional" else "不予开放") in refused
