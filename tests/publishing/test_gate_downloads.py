"""Replays of the downloads that skipped the gate (security findings 2 and 4) and of the
audit list read across datasets (finding 3): every route that hands out a resource's bytes
asks the one gate, files of restricted datasets reach only the provider organization and
sysadmins, and the audit log answers only for the dataset it authorized."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories

from .conftest import PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OPEN_CSV = "站点,指数\n太原,42\n".encode()
ADDED_CSV = "姓名,手机号\n王芳,13600136000\n".encode()
ROUTES = ("/dataset/{id}/resource/{rid}/download", "/dataset/{id}/resource/{rid}/download/f.csv",
          "/product/{id}/resource/{rid}/download", "/product/{id}/resource/{rid}/download/f.csv")


def _get(app, agency, route: str, dataset, res, who=None, html=False):  # type: ignore[no-untyped-def]
    headers = dict(agency.headers(who)) if who else {}
    if html:
        headers["Accept"] = "text/html"
    return app.get(route.format(id=dataset["id"], rid=res["id"]), headers=headers,
                   status=None, follow_redirects=False)


def test_a_file_awaiting_review_is_refused_on_every_route(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    first = agency.upload(dataset, OPEN_CSV, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    added = agency.upload(dataset, ADDED_CSV, filename="more.csv")
    for route in ROUTES:  # its job has not run yet: pending, a 409 and not a 500
        assert _get(app, agency, route, dataset, added).status_code == 409, route
    run_worker()
    for route in ROUTES:
        refused = _get(app, agency, route, dataset, added)
        assert refused.status_code == 409, route
        assert "等待保密审查" in refused.text and "13600136000" not in refused.text
        assert "136****6000" not in refused.text
        served = _get(app, agency, route, dataset, first)
        assert served.status_code == 200 and "太原,42" in served.text, route
        assert _get(app, agency, route, dataset, added, agency.reviewer).status_code == 200


def test_a_private_dataset_is_refused_on_every_route(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    run_worker()
    for route in ROUTES:
        for who in (None, agency.stranger):
            refused = _get(app, agency, route, dataset, res, who)
            assert refused.status_code in (403, 404), (route, who)
            assert not any(m in refused.text for m in RAW_MARKERS)
            assert "138****8000" not in refused.text
        assert "138****8000" in _get(app, agency, route, dataset, res, agency.editor).text


def test_a_failed_file_is_a_409_with_the_reason_on_the_product_route(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, "姓名,电话\n张伟,13800138000,多余\n".encode())
    run_worker()
    refused = _get(app, agency, ROUTES[2], dataset, res, agency.editor)
    assert refused.status_code == 409 and "脱敏失败" in refused.text
    assert "13800138000" not in refused.text


def _restricted(agency, run_worker, open_type: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:  # type: ignore[no-untyped-def]
    fields = {"open_reason": "涉及企业商业秘密", "open_legal_basis": "《办法》第十三条"}
    if open_type == "conditional":
        fields["open_condition"] = "仅限科研用途"
    dataset = agency.draft(open_type=open_type, **fields)
    upload = agency.upload(dataset, OPEN_CSV, filename="aqi.csv")
    link = agency.act(agency.editor, "resource_create", package_id=dataset["id"],
                      name="接口", url="https://data.example.gov.cn/api/aqi", format="API")
    run_worker()
    agency.publish(dataset)
    return dataset, upload, link


def test_files_of_a_conditional_dataset_reach_only_the_provider(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, upload, link = _restricted(agency, run_worker, "conditional")
    admin = factories.Sysadmin()
    agency.tokens[admin["name"]] = factories.APIToken(user=admin["name"])["token"]
    for route in ROUTES:
        for res in (upload, link):
            for who in (None, agency.stranger):
                refused = _get(app, agency, route, dataset, res, who)
                assert refused.status_code == 403, (route, res["name"], who)
                assert "有条件开放" in refused.text and "open on conditions" in refused.text
                assert f"/dataset/{dataset['name']}/apply" in refused.text
                assert "Log in and apply" in refused.text
                assert "0351-1234567" in refused.text and "仅限科研用途" in refused.text
                assert "太原,42" not in refused.text and "Location" not in refused.headers
        assert "太原,42" in _get(app, agency, route, dataset, upload, agency.editor).text
        assert "太原,42" in _get(app, agency, route, dataset, upload, admin).text
        redirect = _get(app, agency, route, dataset, link, agency.reviewer)
        assert redirect.status_code == 302
        assert redirect.headers["Location"] == "https://data.example.gov.cn/api/aqi"
    page = _get(app, agency, ROUTES[0], dataset, upload, html=True)
    assert page.status_code == 403 and "有条件开放" in page.text and "<html" in page.text
    # The metadata stays public: the catalog entry and the file's URL are not secrets.
    shown = app.get("/api/3/action/resource_show", params={"id": upload["id"]})
    assert shown.json["result"]["url"].endswith("/download/aqi.csv")


def test_files_of_a_not_open_dataset_reach_only_the_provider(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, upload, link = _restricted(agency, run_worker, "not_open")
    for route in ROUTES:
        for res in (upload, link):
            refused = _get(app, agency, route, dataset, res)
            assert refused.status_code == 403
            assert "不予开放" in refused.text and "is not open" in refused.text
            assert "涉及企业商业秘密" in refused.text
        assert _get(app, agency, route, dataset, upload, agency.editor).status_code == 200


def test_the_audit_list_answers_only_for_the_dataset_it_authorized(app, agency) -> None:  # type: ignore[no-untyped-def]
    own = agency.draft()
    agency.act(agency.editor, "govopen_dataset_submit", id=own["id"])
    other_agency = type(agency)()
    secret = other_agency.draft()
    other_agency.act(other_agency.editor, "govopen_dataset_submit", id=secret["id"],
                     note="内部备注：原始文件在共享盘")
    url = "/api/3/action/govopen_audit_list"
    headers = agency.headers(agency.editor)
    mixed = app.get(url, params={"id": own["id"], "package_id": secret["id"]},
                    headers=headers, status=None)
    assert mixed.status_code == 403 and "内部备注" not in mixed.text
    whole = app.get(url, params={"id": own["id"]}, headers=headers, status=None)
    assert whole.status_code == 403 and secret["id"] not in whole.text
    assert "package_id" in whole.json["error"]["message"]
    assert app.get(url, headers=headers, status=None).status_code == 403

    mine = app.get(url, params={"package_id": own["id"]}, headers=headers).json["result"]
    assert {e["package_id"] for e in mine["results"]} == {own["id"]}
    admin = factories.Sysadmin()
    everything = app.get(url, headers={
        "Authorization": factories.APIToken(user=admin["name"])["token"]}).json["result"]
    assert {own["id"], secret["id"]} <= {e["package_id"] for e in everything["results"]}
