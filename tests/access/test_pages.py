"""The pages: 申请数据 on a conditional dataset, the apply form with its errors, my
applications, the review dashboard with overdue flags, deciding from the status page."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from freezegun import freeze_time

from .conftest import USCC

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")



LATER = dt.datetime.now() + dt.timedelta(days=60)  # past the deadline, inside the grant


def _csrf(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", {"name": "_csrf_token"})
    return field["value"] if field else ""


def test_apply_from_the_dataset_page_then_review_on_the_dashboard(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    app = app.test_client()  # one client: the session cookie (CSRF token) is kept
    me = p.headers(p.applicant)
    page = app.get(f"/dataset/{p.dataset['name']}", headers=me)
    button = BeautifulSoup(page.text, "html.parser").select_one("a.govopen-apply")
    assert button is not None and button.text.strip() == "申请数据"

    form = app.get(button["href"], headers=me)
    assert "安全承诺书" in form.text and "承诺" in form.text
    token = _csrf(form.text)
    end = (dt.date.today() + dt.timedelta(days=90)).isoformat()
    bad = app.post(button["href"], headers=me, data={
        "_csrf_token": token, "applicant_type": "entity", "applicant_name": "某公司",
        "applicant_org": "某公司", "credit_code": "91350100M000100Y44", "contact": "x@y.cn",
        "purpose": "研究", "scope": "内部", "end_date": "2099-01-01",
        "resource_ids": [p.resources[0]["id"]]})
    soup = BeautifulSoup(bad.text, "html.parser")
    errors = {e["data-field"]: e.text for e in soup.select(".govopen-error")}
    assert "统一社会信用代码无效" in errors["credit_code"]
    assert "安全承诺书" in errors["accept_commitment"] and "最长" in errors["end_date"]
    assert soup.select_one("#field-applicant_name")["value"] == "某公司", "input kept"

    done = app.post(button["href"], headers=me, data={
        "_csrf_token": token, "applicant_type": "entity", "applicant_name": "某公司",
        "applicant_org": "某公司", "credit_code": USCC, "contact": "x@y.cn",
        "purpose": "研究", "scope": "内部", "end_date": end,
        "resource_ids": [p.resources[0]["id"]], "accept_commitment": "on"},
        follow_redirects=False)
    assert done.status_code == 302
    status_url = done.headers["Location"]
    app_id = re.search(r"/access/application/([0-9a-f-]+)", status_url).group(1)
    status = app.get(status_url, headers=me)
    due = p.act(p.applicant, "govopen_access_show", id=app_id)["due_date"]
    assert "已提交，待审核" in status.text and due in status.text
    mine = app.get("/access/mine", headers=me)
    assert app_id in mine.text and "我的申请" in mine.text

    admin = p.headers(p.admin)
    with freeze_time(LATER):
        board = app.get("/access/review", headers=admin)
        row = BeautifulSoup(board.text, "html.parser").select_one(f"tr[data-id='{app_id}']")
        assert row is not None and "govopen-overdue" in row.get("class", [])
        assert row.select_one(".govopen-overdue-flag").text == "已超期"
        assert "已超期: 1" in board.text
        page = app.get(f"/access/application/{app_id}", headers=admin)
        approved = app.post(f"/access/application/{app_id}/approve", headers=admin,
                            data={"_csrf_token": _csrf(page.text)})
    assert "已批准" in approved.text and end in approved.text
    csv = app.get(f"/access/log/{p.org['name']}.csv", headers=admin)
    assert csv.headers["Content-Type"].startswith("text/csv") and "approve" in csv.text

    anonymous = app.get(button["href"], follow_redirects=False)
    assert anonymous.status_code == 302 and "/user/login" in anonymous.headers["Location"]
    other = p.headers(p.other)
    assert app.get(f"/access/application/{app_id}", headers=other).status_code == 403
    assert app.get(f"/access/log/{p.org['name']}.csv", headers=other).status_code == 403


def test_english_pages(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    page = app.get(f"/en/dataset/{p.dataset['name']}")
    assert "Apply for data" in page.text
    assert "Security commitment" in app.get(f"/en/dataset/{p.dataset['name']}/apply",
                                            headers=p.headers(p.applicant)).text


def test_a_sysadmin_edits_the_calendar_and_sees_the_unknown_year_warning(provider, app) -> None:  # type: ignore[no-untyped-def]
    from ckan.tests import factories
    from ckan.tests.helpers import call_action

    p = provider
    root = factories.Sysadmin()
    token = call_action("api_token_create", {"user": root["name"]}, user=root["name"],
                        name="t")["token"]
    client = app.test_client()
    headers = {"Authorization": token}
    page = client.get("/access/calendar", headers=headers)
    from ckanext.govopen.lib.workdays import known_years

    year = dt.date.today().year + 1
    if year not in known_years():  # the pinned library knows up to 2026
        assert f"{year}" in page.text and "暂按周末计算" in page.text
    client.post("/access/calendar", headers=headers, data={
        "_csrf_token": _csrf(page.text), "day": f"{year}-01-01", "note": "元旦"})
    assert call_action("govopen_calendar_day_list", {"user": root["name"]})["days"] == [
        {"day": f"{year}-01-01", "workday": False, "note": "元旦"}]
    assert client.get("/access/calendar", headers=p.headers(p.admin)).status_code == 403
