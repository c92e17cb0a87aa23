"""The download gate and the access capability together (issue 13): a conditional file
reaches an applicant only through an approved, unexpired, unrevoked grant, on every route,
by browser cookie or API token; the access log records each restricted download."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from freezegun import freeze_time

from tests.catalog.factories import CatalogOrganization

from .test_gate_downloads import ROUTES, _get, _restricted

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _apply(agency, applicant, dataset, days: int = 30):  # type: ignore[no-untyped-def]
    return agency.act(applicant, "govopen_access_apply", package_id=dataset["id"],
                      applicant_type="person", applicant_name="王小明", contact="13800138000",
                      purpose="研究空气质量", scope="课题组内部使用",
                      end_date=(dt.date.today() + dt.timedelta(days=days)).isoformat(),
                      accept_commitment=True)


def _with_token(agency, user):  # type: ignore[no-untyped-def]
    agency.tokens[user["name"]] = factories.APIToken(user=user["name"])["token"]
    return user


def test_the_grant_matrix_on_every_route(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, upload, _link = _restricted(agency, run_worker, "conditional")
    holder = _with_token(agency, factories.User())
    revoked = _with_token(agency, factories.User())
    other_org_editor = _with_token(agency, factories.User())
    CatalogOrganization(users=[{"name": other_org_editor["name"], "capacity": "editor"}])

    granted = _apply(agency, holder, dataset)
    agency.act(agency.reviewer, "govopen_access_approve", id=granted["id"])
    gone = _apply(agency, revoked, dataset)
    agency.act(agency.reviewer, "govopen_access_approve", id=gone["id"])
    agency.act(agency.reviewer, "govopen_access_revoke", id=gone["id"], reason="超出用途")
    pending = _with_token(agency, factories.User())
    _apply(agency, pending, dataset)  # submitted, not decided

    for route in ROUTES:
        for who in (None, agency.stranger, revoked, pending, other_org_editor):
            refused = _get(app, agency, route, dataset, upload, who)
            assert refused.status_code == 403, (route, who and who["name"])
            assert "太原,42" not in refused.text
        served = _get(app, agency, route, dataset, upload, holder)
        assert served.status_code == 200 and "太原,42" in served.text, route

    log = agency.act(agency.reviewer, "govopen_access_log_list",
                     organization_id=agency.org["id"])
    downloads = [e for e in log["results"] if e["event"] == "download"]
    assert len(downloads) == len(ROUTES)
    assert {e["actor"] for e in downloads} == {holder["name"]}
    assert all(e["grant_id"] and e["resource_id"] == upload["id"] and e["size"] for e in downloads)

    # After the end date the same token gets nothing: no job needs to run for expiry.
    with freeze_time(dt.date.today() + dt.timedelta(days=31)):
        late = _get(app, agency, ROUTES[0], dataset, upload, holder)
    assert late.status_code == 403 and "太原,42" not in late.text


def test_not_open_data_is_never_granted(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, upload, _link = _restricted(agency, run_worker, "not_open")
    someone = _with_token(agency, factories.User())
    with pytest.raises(tk.ValidationError) as err:
        _apply(agency, someone, dataset)
    assert "package_id" in err.value.error_dict
    assert _get(app, agency, ROUTES[0], dataset, upload, someone).status_code == 403


def test_a_provider_download_of_restricted_data_is_logged_too(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, upload, _link = _restricted(agency, run_worker, "conditional")
    assert _get(app, agency, ROUTES[0], dataset, upload, agency.editor).status_code == 200
    log = agency.act(agency.reviewer, "govopen_access_log_list",
                     organization_id=agency.org["id"])
    mine = [e for e in log["results"] if e["event"] == "download"]
    assert [e["actor"] for e in mine] == [agency.editor["name"]] and mine[0]["grant_id"] is None
