"""The home page and a dataset page of the demo portal in a real browser, in Chinese and
English, at desktop and phone widths; screenshots of the home page go to the test output
directory (GOVOPEN_TEST_OUTPUT, by default var/test-output/)."""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest
import requests
from ckan.tests import factories
from ckan.tests.helpers import call_action

from seed.english import ENGLISH

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")
seed_model = pytest.importorskip("seed.model")

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("with_plugins", "clean_db",
                                                           "clean_index", "clean_redis")]
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = Path(os.environ.get("GOVOPEN_TEST_OUTPUT") or ROOT / "var" / "test-output")
# A part of the demo catalog (loading all of it takes minutes): open data of four
# providers, one of them with two files.
NAMES = ("air-quality-daily", "minimum-wage-standards", "kindergartens", "bus-routes")
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
PLACEHOLDERS = ("420 x 220", "这是一个特殊的区段", "This is a featured section",
                "Welcome to CKAN", "Powered by", "Followers", "追从者")


@pytest.fixture
def demo() -> dict[str, dict[str, Any]]:
    factories.Sysadmin(name="admin")
    catalog = seed_generate.build()
    part = seed_model.Catalog(catalog.organizations, catalog.groups,
                              tuple(d for d in catalog.datasets if d.name in NAMES))
    seed_load.load(part, seed_load.Loader("admin", out=lambda _line: None))
    return {name: call_action("package_show", {"user": ""}, id=name) for name in NAMES}


def _download(base: str, pkg: dict[str, Any], token: str | None = None) -> None:
    res = pkg["resources"][0]
    got = requests.get(f"{base}/dataset/{pkg['name']}/resource/{res['id']}/download",
                       headers={"Authorization": token} if token else {}, timeout=60,
                       allow_redirects=False)
    assert got.status_code == 200, got.text[:300]


def _total(pkg: dict[str, Any]) -> int:
    return call_action("govopen_download_counts", {"user": ""}, id=pkg["id"])["total"]


def _api(base: str, action: str, **params: Any) -> Any:
    return requests.get(f"{base}/api/3/action/{action}", params=params, timeout=60).json()["result"]


def _no_placeholder(page: Any) -> None:
    html = page.content()
    for text in PLACEHOLDERS:
        assert text not in html, text
    assert page.locator("img[src*='placeholder'], img[src*='ckan-logo']").count() == 0


def test_downloads_are_counted_one_each_also_concurrently(live_server, demo) -> None:  # type: ignore[no-untyped-def]
    pkg = demo["air-quality-daily"]
    user = factories.User()
    token = call_action("api_token_create", {"user": user["name"]}, user=user["name"],
                        name="t")["token"]
    _download(live_server, pkg)
    assert _total(pkg) == 1
    _download(live_server, pkg, token)  # through the API, with a token
    assert _total(pkg) == 2
    threads = [threading.Thread(target=lambda: [_download(live_server, pkg) for _ in range(5)])
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert _total(pkg) == 32  # two gunicorn workers, thirty downloads at once: none lost


def test_home_page_in_chinese_and_english(live_server, demo, browser) -> None:  # type: ignore[no-untyped-def]
    busy, other = demo["kindergartens"], demo["bus-routes"]
    for _ in range(3):
        _download(live_server, busy)
    _download(live_server, other)
    OUTPUT.mkdir(parents=True, exist_ok=True)

    context = browser.new_context(locale="zh-CN", viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server}/")
    figures = _api(live_server, "govopen_site_figures")
    found = _api(live_server, "package_search", fq="+dataset_type:dataset", rows=100)
    assert figures["datasets"] == found["count"] == len(NAMES)
    assert figures["files"] == sum(p["num_resources"] for p in found["results"])
    assert figures["downloads"] == 4
    for key, value in figures.items():
        shown = page.locator(f"[data-figure={key}] .govopen-figure-value").inner_text()
        # API calls go on being counted while the page is read: never fewer than shown
        assert int(shown) == value or (key == "api_calls" and int(shown) <= value), key
    facets = _api(live_server, "package_search", rows=0, **{
        "facet.field": '["catalog_theme"]', "facet.limit": -1})["facets"]["catalog_theme"]
    for code in ("101", "102", "103", "104", "105", "106"):
        tile = page.locator(f"a.govopen-tile[data-theme='{code}'] .govopen-tile-count")
        assert tile.inner_text() == f"{facets.get(code, 0)} 个数据集"
    most = page.locator("#govopen-most-downloaded li")
    assert most.nth(0).get_attribute("data-name") == busy["name"]
    assert "下载 3 次" in most.nth(0).inner_text()
    assert most.nth(1).get_attribute("data-name") == other["name"]
    newest = [page.locator("#govopen-newest li").nth(n).get_attribute("data-name")
              for n in range(len(NAMES))]
    assert sorted(newest) == sorted(NAMES)
    _no_placeholder(page)
    page.screenshot(path=str(OUTPUT / "home-zh-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.reload()
    _no_placeholder(page)
    page.screenshot(path=str(OUTPUT / "home-zh-phone.png"), full_page=True)

    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server}/en/")
    assert page.locator(".govopen-platform-name").inner_text() == "Government Open Data Platform"
    first = page.locator("#govopen-most-downloaded li a").nth(0).inner_text()
    assert first == ENGLISH[busy["name"]][0]
    assert page.locator("a.govopen-tile[data-theme='101'] .govopen-tile-label").inner_text() \
        == "Population base library"
    _no_placeholder(page)
    page.screenshot(path=str(OUTPUT / "home-en-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.reload()
    page.screenshot(path=str(OUTPUT / "home-en-phone.png"), full_page=True)
    context.close()


def test_english_metadata_in_list_page_and_search(live_server, demo, browser) -> None:  # type: ignore[no-untyped-def]
    pkg = demo["minimum-wage-standards"]
    title_en, notes_en = ENGLISH[pkg["name"]]
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server}/en/dataset/?q=wage")
    results = page.locator(".dataset-item .dataset-heading a")
    assert [results.nth(n).inner_text() for n in range(results.count())] == [title_en]
    assert notes_en[:40] in page.locator(".dataset-item").nth(0).inner_text()
    results.nth(0).click()
    page.wait_for_url(f"**/dataset/{pkg['name']}")
    assert page.locator("h1").first.inner_text() == title_en
    assert notes_en in page.locator(".notes").inner_text()
    page.goto(f"{live_server}/dataset/{pkg['name']}")  # the Chinese UI keeps the Chinese
    assert page.locator("h1").first.inner_text() == pkg["title"]
    context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_dataset_page_on_a_phone(live_server, demo, browser, lang) -> None:  # type: ignore[no-untyped-def]
    pkg = demo["air-quality-daily"]
    _download(live_server, pkg)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    prefix = "/en" if lang == "en" else ""
    page.goto(f"{live_server}{prefix}/dataset/{pkg['name']}")
    title = page.locator(".primary h1").first.bounding_box()
    sidebar = page.locator("aside.secondary").bounding_box()
    assert title["y"] < sidebar["y"], "the dataset comes first on a phone"
    html = page.content()
    assert "twitter.com" not in html and "facebook.com" not in html
    link = page.locator("#govopen-share-link").input_value()
    assert link.endswith(f"{prefix}/dataset/{pkg['name']}")
    assert page.locator("#govopen-share svg.govopen-qr").count() == 1
    assert page.locator(".govopen-download-total").inner_text() == "1"
    # the publication state under its heading is readable, not an empty line
    state = page.locator("#govopen-publishing .govopen-state")
    assert state.inner_text() == ("Published" if lang == "en" else "已发布")
    colour = state.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    _no_placeholder(page)
    page.screenshot(path=str(OUTPUT / f"dataset-{lang}-phone.png"), full_page=False)
    context.close()
