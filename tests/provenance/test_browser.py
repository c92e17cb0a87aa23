"""A company registers a derived product in a real browser and finds it on its source."""
from __future__ import annotations

import re

import pytest
from ckan.tests import factories

from tests.browser.session import PASSWORD, login
from tests.catalog.factories import CatalogDataset

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]
TITLE = "太原空气质量地图（浏览器）"


def test_a_company_registers_a_product_and_sees_it_on_the_source_page(
        live_server: str, page) -> None:  # type: ignore[no-untyped-def]
    citizen = factories.User(password=PASSWORD)
    CatalogDataset(name="taiyuan-air-browser", title="太原市空气质量日报")
    login(page, live_server, citizen)

    page.goto(f"{live_server}/product/new")
    page.locator("div[name=repeating-template]").wait_for(state="detached")
    page.fill("#field-title", TITLE)
    page.fill("#field-notes", "按监测站展示每日空气质量指数的地图应用。")
    page.select_option("#field-producer_type", "company")
    page.fill("#field-producer_name", "山西数智科技有限公司")
    page.fill("#field-producer_credit_code", "91140100MA0K1XXB2K")
    page.fill("#field-product_url", "https://map.example.com/air")
    page.fill("#field-sources-0-source_dataset", "taiyuan-air-browser")
    page.fill("#field-sources-0-acquired", "2099-01-01")
    page.fill("#field-sources-0-usage", "按站点汇总后绘制地图")
    page.click("button[name=save]")

    # a date in the future comes back as an error on the form, in Chinese
    errors = page.locator(".error-explanation")
    errors.wait_for()
    assert "获取日期 2099-01-01 晚于今天" in errors.inner_text()

    page.fill("#field-sources-0-acquired", "2025-03-05")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert "/resource/new" in page.url, page.locator(".error-explanation").all_inner_texts()
    page.click("#resource-link-button")
    page.fill("#field-resource-url", "https://map.example.com/air")
    page.fill("#field-name", "地图应用")
    page.click("button[name=save][value=go-metadata]")
    page.wait_for_url(re.compile(r".*/product/(?!new).*"))
    assert "获取日期: 2025-03-05" in page.locator("#govopen-product").inner_text()

    page.goto(f"{live_server}/dataset/taiyuan-air-browser")
    products = page.locator("#govopen-derived-products")
    assert TITLE in products.inner_text()
    products.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r".*/product/.*"))
    assert page.locator("h1").first.inner_text().strip().startswith(TITLE[:6])
