"""The pages: the error report form with its errors, the mark and the public answer on the
dataset page, the provider's board, the data request list, form and page with routing and
answering, and the pages' refusals."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _csrf(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", {"name": "_csrf_token"})
    return field["value"] if field else ""


def test_report_form_errors_then_board_mark_and_public_answer(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    client = app.test_client()  # one client: the session cookie (CSRF token) is kept
    me = p.headers(p.reporter)
    dataset = client.get(f"/dataset/{p.dataset['name']}")
    link = BeautifulSoup(dataset.text, "html.parser").select_one("a.govopen-report-error")
    assert link is not None and link.text.strip() == "数据纠错"
    anonymous = client.get(link["href"], follow_redirects=False)
    assert anonymous.status_code == 302 and "/user/login" in anonymous.headers["Location"]

    form = client.get(link["href"], headers=me)
    token = _csrf(form.text)
    bad = client.post(link["href"], headers=me, data={
        "_csrf_token": token, "description": "", "evidence": "公报", "contact": "138"})
    errors = {e["data-field"]: e.text for e in
              BeautifulSoup(bad.text, "html.parser").select(".govopen-error")}
    assert "此项必填" in errors["description"] and "请指出错误所在" in errors["field"]
    done = client.post(link["href"], headers=me, follow_redirects=False, data={
        "_csrf_token": token, "resource_id": p.resource["id"], "field": "aqi",
        "description": "指数有误", "evidence": "公报", "contact": "13800138000"})
    assert done.status_code == 302
    report_id = re.search(r"/feedback/report/([0-9a-f-]+)", done.headers["Location"]).group(1)
    assert client.get(f"/feedback/report/{report_id}").status_code == 404, "not public yet"

    admin = p.headers(p.admin)
    board = client.get("/feedback/review", headers=admin)
    row = BeautifulSoup(board.text, "html.parser").select_one(
        f".govopen-feedback-table tr[data-id='{report_id}']")
    assert row is not None and "已提交，待受理" in row.text
    assert client.get("/feedback/review", headers=p.headers(p.other)).text.count(
        "govopen-feedback-table") == 0
    refused = client.post(f"/feedback/report/{report_id}/accept", headers=p.headers(p.other),
                          data={"_csrf_token": token})
    assert refused.status_code == 403
    p.act(p.admin, "govopen_feedback_report_accept", id=report_id)
    marked = client.get(f"/dataset/{p.dataset['name']}")
    assert "数据存疑" in BeautifulSoup(marked.text, "html.parser").select_one(
        ".govopen-under-review").text
    p.act(p.admin, "govopen_feedback_report_reject", id=report_id, reason="数值无误")
    p.act(p.admin, "govopen_feedback_report_answer", id=report_id, answer="经核查数值无误。")
    answered = client.get(f"/dataset/{p.dataset['name']}")
    soup = BeautifulSoup(answered.text, "html.parser")
    assert soup.select_one(".govopen-under-review") is None
    assert "经核查数值无误。" in soup.select_one(".govopen-feedback-answers").text
    assert "13800138000" not in answered.text and p.reporter["name"] not in answered.text
    listed = client.get("/feedback/reports")
    assert "经核查数值无误。" in listed.text and "13800138000" not in listed.text


def test_data_request_pages_ask_route_answer(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    client = app.test_client()
    me = p.headers(p.reporter)
    nav = client.get("/feedback/requests")
    assert nav.status_code == 200 and "暂无数据需求" in nav.text
    form = client.get("/feedback/requests/new", headers=me)
    token = _csrf(form.text)
    bad = client.post("/feedback/requests/new", headers=me, data={
        "_csrf_token": token, "title": "", "description": "d", "purpose": "p"})
    assert "此项必填" in BeautifulSoup(bad.text, "html.parser").select_one(
        ".govopen-error[data-field=title]").text
    done = client.post("/feedback/requests/new", headers=me, follow_redirects=False, data={
        "_csrf_token": token, "title": "全省充电桩分布", "description": "位置与功率",
        "purpose": "出行应用"})
    url = done.headers["Location"]
    request_id = url.rstrip("/").rsplit("/", 1)[-1]
    root = {"user": p.sysadmin["name"]}
    call_action("govopen_feedback_request_route", dict(root), id=request_id,
                organization_id=p.org["id"])
    day = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    answered = client.post(f"/feedback/request/{request_id}/answer", headers=p.headers(p.admin),
                           follow_redirects=False, data={"_csrf_token": token, "outcome": "planned",
                                 "expected_date": day, "answer": "明年开放"})
    assert answered.status_code == 302
    page = client.get(f"/feedback/request/{request_id}")
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one(".govopen-request-state").text == "已列入计划"
    assert soup.select_one(".govopen-request-expected").text == day
    assert p.reporter["name"] not in page.text, "who asked is not public"
    listed = BeautifulSoup(client.get("/feedback/requests").text, "html.parser")
    assert "已列入计划" in listed.select_one(f"tr[data-id='{request_id}']").text
    assert client.get("/feedback/request/nope").status_code == 404
    assert client.get("/feedback/requests?state=bogus").status_code == 400
