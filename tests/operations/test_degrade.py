"""While search or Redis is down the portal degrades: what needs the service answers 503
saying so in Chinese and English, everything else keeps working."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from ckan import model
from ckan.tests import factories

from tests.publishing.conftest import PEOPLE_CSV

from .conftest import redis_unreachable

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OPEN_CSV = "站点,指数\n太原,42\n".encode()


def test_search_down_gives_503_pages_and_a_solr_shaped_api_error(app, agency, run_worker,
                                                                  search_down) -> None:  # type: ignore[no-untyped-def]
    page = app.get("/dataset/", status=None)
    assert page.status_code == 503
    assert "搜索服务暂时不可用" in page.text and "Search is temporarily unavailable" in page.text
    api = app.get("/api/3/action/package_search?q=water", status=None)
    assert api.status_code == 503
    body = api.json
    assert body["success"] is False
    assert body["responseHeader"]["status"] == 503
    assert body["error"]["code"] == 503 and "Search is temporarily unavailable" in body["error"]["msg"]
    assert api.headers["Retry-After"] == "10"


def test_the_rest_works_while_search_is_down(app, agency, run_worker, request) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft(title="太原空气质量")
    res = agency.upload(dataset, OPEN_CSV, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    request.getfixturevalue("search_down")
    shown = app.get(f"/dataset/{dataset['name']}", status=None)
    assert shown.status_code == 200, shown.text[-3000:]
    assert "太原空气质量" in shown.text
    api = app.get(f"/api/3/action/package_show?id={dataset['name']}", status=None)
    assert api.status_code == 200 and api.json["result"]["title"] == "太原空气质量"
    download = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download", status=None)
    assert download.status_code == 200 and "太原,42" in download.text
    assert app.get("/user/login", status=None).status_code == 200


def test_a_bad_query_is_still_a_4xx_while_search_is_up(app) -> None:  # type: ignore[no-untyped-def]
    answer = app.get("/api/3/action/package_search?q={!xmlparser v=x}", status=None)
    assert answer.status_code in (400, 409), answer.status_code
    assert "Search is temporarily unavailable" not in answer.text


def test_an_upload_while_redis_is_down_is_queued_once_redis_returns(app, agency,
                                                                     run_worker) -> None:  # type: ignore[no-untyped-def]
    from ckanext.govopen.operations import recovery

    dataset = agency.draft()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    with redis_unreachable():
        answer = app.post("/api/3/action/resource_create",
                          headers=agency.headers(agency.editor),
                          data={"package_id": dataset["id"], "name": "people.csv",
                                "format": "CSV", "url": "",
                                "upload": (io.BytesIO(PEOPLE_CSV), "people.csv")},
                          status=None)
        assert answer.status_code == 503, answer.text[:300]
        assert "任务队列暂时不可用" in answer.json["error"]["message"]
        # a tick while Redis is still down finds the upload, cannot queue it, and says so
        assert recovery.requeue_stalled(later) == []
    model.Session.expire_all()
    resources = model.Package.get(dataset["id"]).resources
    assert len(resources) == 1, "the upload was accepted"
    rid = resources[0].id
    status = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=rid)
    assert status["status"] == "pending"
    assert recovery.requeue_stalled(later) == [rid]
    run_worker()
    status = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=rid)
    assert status["status"] == "passed", status


def test_sysadmins_see_the_service_status(app) -> None:  # type: ignore[no-untyped-def]
    sysadmin = factories.SysadminWithToken()
    user = factories.UserWithToken()
    seen = app.get("/api/3/action/govopen_service_status",
                   headers={"Authorization": sysadmin["token"]}, status=None)
    assert seen.status_code == 200
    assert seen.json["result"]["reachable"] == {"database": True, "redis": True, "search": True}
    refused = app.get("/api/3/action/govopen_service_status",
                      headers={"Authorization": user["token"]}, status=None)
    assert refused.status_code == 403
    page = app.get("/ckan-admin/services", headers={"Authorization": sysadmin["token"]},
                   status=None)
    assert page.status_code == 200 and "search" in page.text
