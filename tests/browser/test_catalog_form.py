"""An agency editor describes a dataset in Chinese in a real browser."""
from __future__ import annotations

import re

import pytest
from ckan.tests import factories

from tests.browser.session import PASSWORD, login
from tests.catalog.factories import CatalogOrganization

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]
TITLE = "太原市空气质量日报（浏览器）"


def _fill_catalog_form(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#field-title", TITLE)
    page.fill("#field-notes", "太原市各监测站每日发布的空气质量指数。")
    page.select_option("#field-classification", "205001")
    page.check("#field-formats-CSV")
    page.fill("#field-data_items-0-name", "aqi")
    page.fill("#field-data_items-0-label_zh", "空气质量指数")
    page.select_option("#field-data_items-0-type", "number")
    page.select_option("#field-sharing_type", "unconditional")
    page.check("#field-sharing_method-api")
    page.select_option("#field-open_type", "conditional")
    page.fill("#field-open_condition", "实名申请并说明用途")
    page.fill("#field-open_reason", "含监测点位坐标")
    page.select_option("#field-update_cycle", "daily")
    page.fill("#field-release_date", "2024-01-15")
    page.select_option("#field-livelihood_priority", "true")
    page.fill("#field-division_code", "140100")
    page.fill("#field-contact_name", "张工")
    page.fill("#field-contact_phone", "0351-1234567")


def test_editor_fills_the_form_in_chinese_and_finds_the_dataset_by_facet(
        live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    editor = factories.User(password=PASSWORD)
    CatalogOrganization(users=[{"name": editor["name"], "capacity": "editor"}])
    login(page, live_server, editor)

    page.goto(f"{live_server}/dataset/new")
    # CKAN's JavaScript modules started (they remove the hidden data item template)
    page.locator("div[name=repeating-template]").wait_for(state="detached")
    _fill_catalog_form(page)
    page.click("button[name=save]")

    # no legal basis: the form comes back and says what is missing, in Chinese
    errors = page.locator(".error-explanation")
    errors.wait_for()
    assert "开放类型为“有条件开放”时必须填写开放限制依据" in errors.inner_text()
    assert page.locator("#field-title").input_value() == TITLE
    assert "信息项" not in errors.inner_text()

    page.fill("#field-open_legal_basis", "《山西省政务数据管理与应用办法》第十三条")
    with page.expect_navigation():
        page.click("button[name=save]")

    # second stage: add the data by link, then finish
    assert "/resource/new" in page.url, page.locator(".error-explanation").all_inner_texts()
    page.click("#resource-link-button")
    page.fill("#field-resource-url", "https://data.example.gov.cn/air.csv")
    page.fill("#field-name", "空气质量日报")
    page.click("button[name=save][value=go-metadata]")
    page.wait_for_url(re.compile(r".*/dataset/(?!new).*"))

    page.goto(f"{live_server}/dataset/")
    facet = page.locator("a", has_text="有条件开放").first
    facet.click()
    page.wait_for_url(re.compile(r".*open_type=conditional.*"))
    item = page.locator(".dataset-item", has_text=TITLE)
    assert item.count() == 1
    assert "有条件开放" in item.inner_text() and "每日" in item.inner_text()

    item.locator("a", has_text=TITLE).click()
    block = page.locator("#govopen-catalog")
    assert "《山西省政务数据管理与应用办法》第十三条" in block.inner_text()


def test_javascript_finds_the_chinese_translations(app) -> None:  # type: ignore[no-untyped-def]
    """CKAN's JS asks for zh_Hans-CN; without an answer no JS module starts."""
    res = app.get("/api/i18n/zh_Hans-CN")
    assert res.status_code == 200
