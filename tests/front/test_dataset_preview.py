"""The dataset page previews the first rows of its DataStore table, read as the visitor
through ``datastore_search``: the masked public copy with the data items' Chinese labels
as headers; a table the download gate keeps from the visitor shows nothing of itself."""
from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.datastore.conftest import ITEMS, RAW, TABLE, api, run_worker  # noqa: F401 -- fixture

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")
LABELS = ["姓名", "手机号", "空气质量指数", "监测日期"]
RESTRICTED = {"open_reason": "涉及个人信息", "open_legal_basis": "《办法》第十三条",
              "open_condition": "仅限科研用途"}


def _loaded(agency: Any, run_worker: Any, **fields: Any) -> tuple[dict, dict]:  # noqa: F811
    dataset = agency.draft(data_items=ITEMS, **fields)
    agency.upload(dataset, "说明\n见数据表\n".encode(), filename="readme.txt", fmt="TXT")
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    run_worker()
    return dataset, res


def _preview(html: str) -> Any:
    return BeautifulSoup(html, "html.parser").select_one("#govopen-dataset-preview")


def test_open_table_previewed_as_the_api_answers_the_visitor(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dataset, res = _loaded(agency, run_worker)
    answer = api(app, "datastore_search", resource_id=res["id"], limit=10)
    assert answer.status_code == 200
    records = answer.json["result"]["records"]

    preview = _preview(app.get(f"/dataset/{dataset['name']}").body)
    assert preview is not None and preview["data-resource"] == res["id"]  # the table, not the text
    assert [th.get_text() for th in preview.select("thead th")] == LABELS
    rows = [[td.get_text() for td in tr.select("td")] for tr in preview.select("tbody tr")]
    assert len(rows) == len(records) == 3
    assert [row[1] for row in rows] == [r["phone"] for r in records] == [
        "138****8000", "137****7000", "136****6000"]
    assert all(raw not in preview.get_text() for raw in RAW)
    assert preview.select_one("a.govopen-preview-resource")["href"] == \
        f"/dataset/{dataset['name']}/resource/{res['id']}"
    assert preview.select_one("a.govopen-datastore-api")["href"] == \
        f"/dataset/{dataset['id']}/resource/{res['id']}/api"
    assert "显示 3 行，共 3 行。" in preview.get_text()
    english = _preview(app.get(f"/en/dataset/{dataset['name']}").body)
    assert "Rows shown: 3 of 3." in english.get_text()


def test_restricted_table_has_no_preview_but_for_its_provider(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dataset, res = _loaded(agency, run_worker, open_type="conditional", **RESTRICTED)
    assert api(app, "datastore_search", resource_id=res["id"]).status_code == 403
    for headers in ({}, agency.headers(agency.stranger)):
        html = app.get(f"/dataset/{dataset['name']}", headers=headers).body
        assert _preview(html) is None
        assert "138****8000" not in html and "136****6000" not in html
    mine = _preview(app.get(f"/dataset/{dataset['name']}",
                            headers=agency.headers(agency.editor)).body)
    assert mine is not None and "138****8000" in mine.get_text()


@pytest.mark.browser
def test_the_preview_in_a_browser(live_server, page, agency, run_worker) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    dataset, res = _loaded(agency, run_worker)
    page.goto(f"{live_server}/dataset/{dataset['name']}")
    table = page.locator("#govopen-dataset-preview table")
    assert table.locator("thead th").all_inner_texts() == LABELS
    assert table.locator("tbody tr").count() == 3
    assert "138****8000" in table.inner_text() and "13800138000" not in table.inner_text()
    page.locator("#govopen-dataset-preview a.govopen-preview-resource").click()
    page.wait_for_url(f"**/resource/{res['id']}")
