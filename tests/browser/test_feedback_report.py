"""An error report end to end in a real browser (issue 15): a user reports suspect data from
the dataset page; the provider's admin accepts it (the dataset is marked 数据存疑), corrects
the data and answers (the mark goes, the answer is public on the dataset page, without who
reported it)."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.browser.session import PASSWORD, login
from tests.catalog.factories import CatalogOrganization, catalog_fields
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]
SHOTS = ROOT / "var" / "test-output" / "browser"
ANSWER = "感谢指正：5月1日南寨站空气质量指数已更正为 99。"


def _shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _step(page: Any, name: str, text: str | None = None) -> None:
    form = page.locator(f"form.govopen-step-{name}")
    if text is not None:
        form.locator("textarea").fill(text)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _state(page: Any) -> str:
    return page.locator(".govopen-feedback-state").inner_text()


def test_report_accept_mark_correct_answer_public(  # type: ignore[no-untyped-def]
        live_server: str, browser, page) -> None:
    admin = factories.User(password=PASSWORD, fullname="省环境厅管理员")
    reporter = factories.User(password=PASSWORD, fullname="王小明")
    org = CatalogOrganization(users=[{"name": admin["name"], "capacity": "admin"}])
    root = {"user": factories.Sysadmin()["name"]}
    dataset = call_action("package_create", dict(root), owner_org=org["id"], private=False,
                          name=f"aqi-{os.urandom(3).hex()}", **catalog_fields())
    call_action("resource_create", dict(root), package_id=dataset["id"], name="日报",
                url="https://example.gov.cn/aqi.csv", format="CSV")
    dataset_url = f"{live_server}/dataset/{dataset['name']}"

    # The reporter: from the dataset page to the form.
    login(page, live_server, reporter)
    page.goto(dataset_url)
    assert page.locator(".govopen-under-review").count() == 0
    page.locator("a.govopen-report-error").click()
    page.wait_for_url(re.compile(rf".*/dataset/{dataset['name']}/report$"))
    page.select_option("#field-resource_id", label="日报")
    page.fill("#field-field", "空气质量指数")
    page.fill("#field-row", "2024-05-01 南寨站")
    page.fill("#field-value", "999")
    page.fill("#field-description", "指数不可能为 999，应为 99")
    page.fill("#field-evidence", "省生态环境厅当日公报")
    page.fill("#field-contact", "13800138000")
    _shot(page, "feedback-report-form")
    with page.expect_navigation():
        page.click(".govopen-report-form button[type=submit]")
    assert "/feedback/report/" in page.url, page.locator(".govopen-error").all_inner_texts()
    report_url = page.url
    assert _state(page) == "已提交，待受理"

    admin_context = browser.new_context(locale="zh-CN")
    provider = admin_context.new_page()
    anonymous_context = browser.new_context(locale="zh-CN")
    visitor = anonymous_context.new_page()
    try:
        # The provider's admin finds it on the board and accepts it: the mark appears.
        login(provider, live_server, admin)
        provider.goto(f"{live_server}/feedback/review")
        row = provider.locator(".govopen-feedback-table tbody tr", has_text=dataset["title"])
        assert row.count() == 1 and "已提交，待受理" in row.inner_text()
        _shot(provider, "feedback-review-board")
        row.locator("a").click()
        provider.wait_for_url(report_url)
        assert "13800138000" in provider.locator(".govopen-feedback-contact").inner_text()
        _step(provider, "accept")
        assert _state(provider) == "已受理，核查中"
        visitor.goto(dataset_url)
        mark = visitor.locator(".govopen-under-review")
        assert mark.is_visible() and "数据存疑" in mark.inner_text()
        _shot(visitor, "feedback-dataset-under-review")

        # Corrected: still marked until answered. Answered: the mark goes, the answer shows.
        _step(provider, "correct", "已将 999 更正为 99")
        assert _state(provider) == "已更正，待答复"
        visitor.reload()
        assert visitor.locator(".govopen-under-review").count() == 1
        _step(provider, "answer", ANSWER)
        assert _state(provider) == "已答复"

        visitor.reload()
        assert visitor.locator(".govopen-under-review").count() == 0
        answers = visitor.locator(".govopen-feedback-answers")
        assert ANSWER in answers.inner_text() and "数据已更正" in answers.inner_text()
        _shot(visitor, "feedback-dataset-answered")
        html = visitor.content()
        assert reporter["name"] not in html and "王小明" not in html and "13800138000" not in html
        visitor.goto(f"{live_server}/feedback/reports")
        assert ANSWER in visitor.locator(".govopen-feedback-table").inner_text()
        visitor.goto(report_url)
        assert "13800138000" not in visitor.content() and reporter["name"] not in visitor.content()

        # The reporter reads the answer on the report's page.
        page.goto(report_url)
        assert _state(page) == "已答复"
        assert ANSWER in page.locator(".govopen-feedback-answer").inner_text()
    finally:
        admin_context.close()
        anonymous_context.close()
