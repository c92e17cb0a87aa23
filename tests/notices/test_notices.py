"""Notices (通知公告): sysadmins write them, everyone reads them, the home page lists them."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def test_sysadmin_publishes_and_everyone_reads(app) -> None:  # type: ignore[no-untyped-def]
    admin = factories.Sysadmin()
    first = call_action("govopen_notice_create", {"user": admin["name"]},
                        title="平台维护通知", body="本周六 **22:00** 起维护两小时。")
    second = call_action("govopen_notice_create", {"user": admin["name"]}, title="新增数据集",
                         title_en="New datasets")
    listed = app.get("/api/3/action/govopen_notice_list").json["result"]
    assert listed["count"] == 2
    assert [n["id"] for n in listed["results"]] == [second["id"], first["id"]]
    home = app.get("/").body
    assert "平台维护通知" in home and "新增数据集" in home
    assert "New datasets" in app.get("/en/").body
    page = app.get(f"/notices/{first['id']}").body
    assert "<strong>22:00</strong>" in page
    call_action("govopen_notice_update", {"user": admin["name"]}, id=first["id"], title="维护完成")
    assert "维护完成" in app.get("/notices/").body
    call_action("govopen_notice_delete", {"user": admin["name"]}, id=first["id"])
    assert app.get(f"/notices/{first['id']}", status=None).status_code == 404


def test_only_sysadmins_write_and_bad_input_is_a_409(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.User()
    token = call_action("api_token_create", {"user": user["name"]}, user=user["name"],
                        name="t")["token"]
    refused = app.post("/api/3/action/govopen_notice_create", json={"title": "x"},
                       headers={"Authorization": token}, status=None)
    assert refused.status_code == 403
    assert app.get("/notices/new", headers={"Authorization": token}, status=None).status_code == 403
    admin = factories.Sysadmin()
    admin_token = call_action("api_token_create", {"user": admin["name"]}, user=admin["name"],
                              name="t")["token"]
    for body in ({"title": ""}, {"title": ["x"]}, {"title": "x" * 201}):
        bad = app.post("/api/3/action/govopen_notice_create", json=body,
                       headers={"Authorization": admin_token}, status=None)
        assert bad.status_code == 409, body
        assert "title" in bad.json["error"]
    bad_limit = app.get("/api/3/action/govopen_notice_list", params={"limit": "lots"},
                        status=None)
    assert bad_limit.status_code == 409
    assert app.get("/api/3/action/govopen_notice_show", params={"id": "nope"},
                   status=None).status_code == 404


def test_the_demo_notices_reach_the_home_page_once(app) -> None:  # type: ignore[no-untyped-def]
    from seed.load import Loader
    from seed.notices import NOTICES, load_notices

    factories.Sysadmin(name="admin")
    loader = Loader("admin", out=lambda _line: None)
    assert load_notices(loader) == len(NOTICES)
    assert load_notices(loader) == 0, "a second load adds nothing"
    assert app.get("/api/3/action/govopen_notice_list").json["result"]["count"] == len(NOTICES)
    home, home_en = app.get("/").body, app.get("/en/").body
    for title, _body, title_en, _body_en in NOTICES:
        assert title in home and title_en in home_en
