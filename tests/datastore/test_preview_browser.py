"""The table preview on the resource page, in a real browser (issue 17): the published
table with its Chinese headers (the data items' labels) and masked values only."""
from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import ITEMS, TABLE

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]


def test_the_resource_page_previews_the_table_with_chinese_headers(  # type: ignore[no-untyped-def]
        live_server: str, page: Any, agency, run_worker) -> None:
    dataset = agency.draft(data_items=ITEMS)
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    run_worker()

    page.goto(f"{live_server}/dataset/{dataset['name']}/resource/{res['id']}")
    preview = page.frame_locator("iframe.resource-view, iframe").first
    # DataTables draws the header it shows from the table's own (which it hides).
    headers = preview.locator("th:visible")
    headers.filter(has_text="空气质量指数").first.wait_for(timeout=60_000)
    texts = [t.strip() for t in headers.all_inner_texts()]
    for label in ("姓名", "手机号", "空气质量指数", "监测日期"):
        assert any(label in t for t in texts), texts
    body = preview.locator("#dtprv tbody")
    body.filter(has_text=re.compile(r"138\*\*\*\*8000")).wait_for(timeout=60_000)
    shown = body.inner_text()
    assert "13800138000" not in shown and "张伟" not in shown
    # The page links the API page of this resource.
    api = page.locator("a.govopen-datastore-api")
    assert api.get_attribute("href") == f"/dataset/{dataset['id']}/resource/{res['id']}/api"
