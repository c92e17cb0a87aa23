"""Conditional data end to end in a real browser (issue 13): a user applies through the
web form, the provider's admin returns the application, the user adds what was asked and
resubmits, the admin approves, the user downloads the file; the admin finds the download
in the access log; after the grant's end date the same download is refused."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from ckan import model
from ckan.tests import factories
from sqlalchemy import text

from tests.browser.session import PASSWORD, login
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]
# Screenshots to look at after a run (var/ is not in git).
SHOTS = ROOT / "var" / "test-output" / "browser"
CSV_BODY = "站点,指数\n太原,42\n".encode()


def _conditional(agency: Any, run_worker: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    dataset = agency.draft(open_type="conditional", open_condition="仅限科研用途",
                           open_reason="含监测点位坐标", open_legal_basis="《办法》第十三条")
    upload = agency.upload(dataset, CSV_BODY, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    return dataset, upload


def _shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _step(page: Any, name: str, reason: str | None = None) -> None:
    form = page.locator(f"form.govopen-step-{name}")
    if reason is not None:
        form.locator("[name=reason]").fill(reason)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _state(page: Any) -> str:
    return page.locator(".govopen-access-state").inner_text()


def test_apply_return_resubmit_approve_download_expire(  # type: ignore[no-untyped-def]
        live_server: str, browser, page, agency, run_worker) -> None:
    dataset, upload = _conditional(agency, run_worker)
    applicant = factories.User(password=PASSWORD, fullname="王小明")
    agency_user = model.User.get(agency.reviewer["name"])
    assert agency_user is not None
    agency_user.password = PASSWORD  # hashed by the model: the reviewer logs in by the form
    model.Session.commit()
    download = f"{live_server}/dataset/{dataset['name']}/resource/{upload['id']}/download/aqi.csv"

    # The applicant: from the dataset page to the form.
    login(page, live_server, applicant)
    assert page.request.get(download).status == 403
    page.goto(f"{live_server}/dataset/{dataset['name']}")
    page.locator("a.govopen-apply").click()
    page.wait_for_url(re.compile(rf".*/dataset/{dataset['name']}/apply$"))
    page.fill("#field-applicant_name", "王小明")
    page.fill("#field-contact", "13800138000")
    page.fill("#field-purpose", "研究空气质量与呼吸道疾病的关系")
    page.fill("#field-scope", "课题组内部三人使用")
    page.fill("#field-end_date", (dt.date.today() + dt.timedelta(days=60)).isoformat())
    page.check("input[name=accept_commitment]")
    _shot(page, "access-apply-form")
    # the form has the page's width (no empty sidebar) and checkboxes read as sentences
    assert page.locator("aside.secondary").count() == 0
    after = page.locator("label.checkbox").first.evaluate(
        "e => getComputedStyle(e, '::after').content")
    assert ":" not in after
    with page.expect_navigation():
        page.click(".govopen-apply-form button[type=submit]")
    assert "/access/application/" in page.url, page.locator(".govopen-error").all_inner_texts()
    application_url = page.url
    assert _state(page) == "已提交，待审核"

    # The provider's admin: the review dashboard lists it with its deadline.
    admin_context = browser.new_context(locale="zh-CN")
    admin = admin_context.new_page()
    try:
        login(admin, live_server, agency.reviewer)
        admin.goto(f"{live_server}/access/review")
        row = admin.locator(".govopen-access-table tbody tr", has_text="王小明")
        assert row.count() == 1 and "已提交，待审核" in row.inner_text()
        assert re.search(r"\d{4}-\d{2}-\d{2}", row.locator("td").nth(3).inner_text())
        _shot(admin, "access-review-dashboard")
        assert admin.locator("aside.secondary").count() == 0
        row.locator("a").click()
        admin.wait_for_url(application_url)
        _step(admin, "return", reason="请补充课题立项编号")

        # The applicant sees why, adds it and resubmits.
        page.goto(application_url)
        assert _state(page) == "已退回补充材料"
        assert "请补充课题立项编号" in page.locator(".govopen-access-reason").inner_text()
        resubmit = page.locator("form.govopen-step-resubmit")
        resubmit.locator("[name=note]").fill("课题立项编号：晋科2026-017")
        with page.expect_navigation():
            resubmit.locator("button[type=submit]").click()
        assert _state(page) == "已补充，待审核"

        admin.goto(application_url)
        assert "晋科2026-017" in admin.locator(".govopen-access-history").inner_text()
        _step(admin, "approve")
        assert _state(admin) == "已批准"

        # The grant holder downloads the file with the browser's session.
        page.goto(application_url)
        assert _state(page) == "已批准"
        got = page.request.get(download)
        assert got.status == 200 and "太原,42" in got.text()

        # The provider's access log shows that download, with the grant.
        log = admin.request.get(f"{live_server}/access/log/{agency.org['id']}.csv")
        assert log.status == 200
        rows = list(csv.DictReader(io.StringIO(log.text().lstrip("\ufeff"))))
        downloads = [r for r in rows if "download" in r.values()]
        assert len(downloads) == 1, rows
        assert applicant["name"] in downloads[0].values()
        assert upload["id"] in downloads[0].values()
    finally:
        admin_context.close()

    # "After the end date": the live server is another process, so time cannot be frozen
    # in it; the grant is ended in the past instead, directly in the database. The gate
    # checks the grant at every download, so no job has to run for this to take effect.
    # Two days back: grants end on a day in China, which may be a day ahead of UTC.
    model.Session.execute(text(
        "UPDATE govopen_access_grant SET valid_until = :day WHERE package_id = :pkg"),
        {"day": dt.date.today() - dt.timedelta(days=2), "pkg": dataset["id"]})
    model.Session.commit()
    late = page.request.get(download)
    assert late.status == 403 and "太原,42" not in late.text()
    page.goto(application_url)
    assert _state(page) == "授权已到期"
