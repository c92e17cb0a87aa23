"""The dataset page shows the catalog entry in a readable block; forms speak Chinese."""
from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_dataset_page_shows_catalog_block(app) -> None:  # type: ignore[no-untyped-def]
    dataset = CatalogDataset(open_type="conditional", open_condition="实名申请",
                             open_reason="含个人信息", open_legal_basis="《个人信息保护法》第十三条")
    soup = BeautifulSoup(app.get(f"/dataset/{dataset['name']}").body, "html.parser")
    block = soup.find(id="govopen-catalog")
    assert block is not None
    text = block.get_text(" ", strip=True)
    for expected in (dataset["resource_code"], "主题信息资源类 › 生态环境主题 › 空气质量",
                     "有条件开放", "《个人信息保护法》第十三条", "每日", "山西省 太原市 (140100)",
                     "空气质量指数", "数值型", "CSV 表格", "接口服务", "非涉密", "0351-1234567"):
        assert expected in text, expected
    row = block.find("tr", attrs={"data-field": "open_type"})
    assert row.th.get_text(strip=True) == "开放类型"


def test_dataset_page_in_english(app) -> None:  # type: ignore[no-untyped-def]
    dataset = CatalogDataset()
    text = BeautifulSoup(app.get(f"/en/dataset/{dataset['name']}").body,
                         "html.parser").find(id="govopen-catalog").get_text(" ", strip=True)
    assert "Open unconditionally" in text and "Daily" in text and "Open type" in text


def test_new_dataset_form_has_the_catalog_fields(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.UserWithToken()
    CatalogOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    page = app.get("/dataset/new", headers={"Authorization": user["token"]}).body
    soup = BeautifulSoup(page, "html.parser")
    for name in ("title", "notes", "resource_code", "open_type", "open_legal_basis",
                 "sharing_type", "update_cycle", "release_date", "division_code", "secrecy",
                 "data_items-0-name", "data_items-0-label_zh", "data_items-0-type"):
        assert soup.find(attrs={"name": name}) is not None, name
    assert soup.find("optgroup", attrs={"label": "基础信息资源类 › 人口基础库"}) is not None
    assert "信息资源名称" in page and "开放限制依据" in page


def test_organization_page_shows_labels(app) -> None:  # type: ignore[no-untyped-def]
    org = CatalogOrganization()
    text = BeautifulSoup(app.get(f"/organization/about/{org['name']}").body,
                         "html.parser").get_text(" ", strip=True)
    assert org["credit_code"] in text and "省级" in text


def _form_fields(page: str) -> dict[str, str]:
    soup = BeautifulSoup(page, "html.parser")
    form = soup.find("form", id="dataset-edit")
    out = {i["name"]: i.get("value", "") for i in form.find_all("input")
           if i.get("name") and i.get("type") not in ("checkbox", "radio", "file")}
    for sel in form.find_all("select"):
        chosen = sel.find("option", selected=True) or sel.find("option")
        out[sel["name"]] = chosen.get("value", "") if chosen else ""
    for area in form.find_all("textarea"):
        out[area["name"]] = area.get_text()
    return {k: v for k, v in out.items() if "REPEATING" not in k}


def test_edit_form_shows_stored_values(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.UserWithToken()
    org = CatalogOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = CatalogDataset(owner_org=org["id"])
    page = app.get(f"/dataset/edit/{dataset['name']}",
                   headers={"Authorization": user["token"]}).body
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find(id="field-data_items-1-name")["value"] == "aqi"
    assert soup.find(id="field-formats-CSV").has_attr("checked")
    assert not soup.find(id="field-formats-JSON").has_attr("checked")
    fields = _form_fields(page)
    assert fields["resource_code"] == dataset["resource_code"]
    assert fields["classification"] == "205001"
    assert fields["open_type"] == "unconditional"


def test_form_without_data_items_says_so(app) -> None:  # type: ignore[no-untyped-def]
    user = factories.UserWithToken()
    org = CatalogOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = CatalogDataset(owner_org=org["id"])
    headers = {"Authorization": user["token"]}
    url = f"/dataset/edit/{dataset['name']}"
    fields = _form_fields(app.get(url, headers=headers).body)
    fields = {k: v for k, v in fields.items() if not k.startswith("data_items-")}
    fields.update({"formats": "CSV", "sharing_method": "api", "save": ""})
    res = app.post(url, data=fields, headers=headers)
    assert res.status_code == 200
    soup = BeautifulSoup(res.body, "html.parser")
    summary = soup.find(class_="error-explanation").get_text(" ", strip=True)
    assert "请至少填写一个信息项" in summary
    assert soup.find(id="field-data_items-error") is not None


def test_dataset_page_dates_are_beijing_time_in_the_page_language(app) -> None:  # type: ignore[no-untyped-def]
    dataset = CatalogDataset()
    stored = call_action("package_show", id=dataset["id"])["metadata_modified"]
    beijing = dt.datetime.fromisoformat(stored) + dt.timedelta(hours=8)  # stored as naive UTC
    zh = BeautifulSoup(app.get(f"/dataset/{dataset['name']}").body, "html.parser")
    times = [t.get_text(strip=True) for t in zh.find_all("time")]
    assert f"{beijing.year}年{beijing.month}月{beijing.day}日 {beijing:%H:%M}" in times, times
    assert "UTC" not in " ".join(times)
    en = BeautifulSoup(app.get(f"/en/dataset/{dataset['name']}").body, "html.parser")
    expected_en = f"{beijing.day} {beijing:%B %Y, %H:%M} (UTC+8)"
    assert expected_en in [t.get_text(strip=True) for t in en.find_all("time")]
