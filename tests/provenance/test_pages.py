"""Products on the pages: a source lists its products, a product its sources, the
showcase all products; a source that changed since acquisition is flagged."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogDataset
from tests.provenance.factories import product_fields, source

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def registered() -> tuple[dict, dict, dict]:
    user = factories.User()
    ds = CatalogDataset(name="taiyuan-air", title="太原市空气质量日报")
    product = call_action("package_create", {"user": user["name"]},
                          **product_fields([source(ds["name"])], name="air-map"))
    return user, ds, product


def test_the_source_page_lists_its_products(app, registered) -> None:  # type: ignore[no-untyped-def]
    html = BeautifulSoup(app.get("/dataset/taiyuan-air").body, "html.parser")
    block = html.select_one("#govopen-derived-products")
    assert block is not None
    assert [a.get_text() for a in block.select("li a")] == ["太原空气质量地图"]
    assert block.select_one("li a")["href"].endswith("/product/air-map")


def test_a_dataset_without_products_says_so(app) -> None:  # type: ignore[no-untyped-def]
    CatalogDataset(name="lonely")
    html = BeautifulSoup(app.get("/dataset/lonely").body, "html.parser")
    assert "暂无登记的数据产品" in html.select_one("#govopen-derived-products").get_text()


def test_the_product_page_and_showcase_flag_a_source_changed_after_acquisition(
        app, registered) -> None:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(app.get("/product/air-map").body, "html.parser")
    src = page.select_one(".govopen-product-source")
    assert "《太原市空气质量日报》" in src.get_text() and "2025-03-05" in src.get_text()
    assert page.select_one(".govopen-source-changed") is None

    admin = factories.Sysadmin()
    call_action("package_patch", {"user": admin["name"]}, id="taiyuan-air",
                notes="新增两个监测站。")
    page = BeautifulSoup(app.get("/product/air-map").body, "html.parser")
    assert page.select_one(".govopen-source-changed").get_text() == "来源数据在获取后已更新"
    showcase = BeautifulSoup(app.get("/product/").body, "html.parser")
    assert "太原空气质量地图" in showcase.get_text()
    assert "来源数据在获取后已更新" in showcase.get_text()


def test_anyone_logged_in_registers_a_product_but_not_a_catalog_entry(
        ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ckan.logic import NotAuthorized

    monkeypatch.setitem(ckan_config, "ckan.auth.create_unowned_dataset", False)

    user, ds = factories.User(), CatalogDataset()
    context = {"user": user["name"], "ignore_auth": False}
    product = call_action("package_create", dict(context),
                          **product_fields([source(ds["name"])]))
    assert product["type"] == "product"
    with pytest.raises(NotAuthorized):
        call_action("package_create", dict(context), name="plain", title="x")
