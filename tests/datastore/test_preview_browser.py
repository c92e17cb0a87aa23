"""The table preview on the resource page, in a real browser (issue 17): the published
table with its Chinese headers (the data items' labels) and masked values only."""
from __future__ import annotations

import re
from typing import Any

import pytest

from .conftest import ITEMS, TABLE

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index")]


def _open_preview(live_server: str, page: Any, agency: Any, run_worker: Any) -> tuple[Any, Any, Any]:
    dataset = agency.draft(data_items=ITEMS)
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    run_worker()
    page.goto(f"{live_server}/dataset/{dataset['name']}/resource/{res['id']}")
    return dataset, res, page.frame_locator("iframe").first


def test_the_resource_page_previews_the_table_with_chinese_headers(  # type: ignore[no-untyped-def]
        live_server: str, page: Any, agency, run_worker) -> None:
    dataset, res, preview = _open_preview(live_server, page, agency, run_worker)
    headers = preview.locator("#dtprv thead th")
    headers.filter(has_text="空气质量指数").first.wait_for(state="attached", timeout=60_000)
    texts = [t.strip() for t in headers.all_text_contents()]
    for label in ("姓名", "手机号", "空气质量指数", "监测日期"):
        assert any(label in t for t in texts), texts
    api = page.locator("a.govopen-datastore-api")
    assert api.get_attribute("href") == f"/dataset/{dataset['id']}/resource/{res['id']}/api"


def test_the_preview_draws_masked_rows(  # type: ignore[no-untyped-def]
        live_server: str, page: Any, agency, run_worker) -> None:
    _dataset, _res, preview = _open_preview(live_server, page, agency, run_worker)
    body = preview.locator("#dtprv tbody")
    body.filter(has_text=re.compile(r"138\*\*\*\*8000")).wait_for(timeout=45_000)
    shown = body.inner_text()
    assert "13800138000" not in shown and "张伟" not in shown
