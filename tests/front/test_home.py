"""The home page shows what the platform holds and how it is used, counted by the server,
and no CKAN placeholder; the figures are the API's."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests.helpers import call_action
from ckanext.govopen.lib import cache

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")
OPEN_CSV = "站点,指数\n太原,42\n".encode()
PLACEHOLDERS = ("420 x 220", "placeholder-420x220", "这是一个特殊的区段", "This is a featured section",
                "ckan-logo", "Welcome to CKAN", "Powered by", "ckan-footer-logo")


def _published(agency: Any, run_worker: Any, **fields: Any) -> tuple[dict, dict]:
    dataset = agency.draft(**fields)
    res = agency.upload(dataset, OPEN_CSV, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    return dataset, res


def _download(app: Any, dataset: dict, res: dict, headers: dict | None = None) -> None:
    got = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download",
                  headers=headers or {}, status=None, follow_redirects=False)
    assert got.status_code == 200


def test_figures_are_what_the_api_says(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    first, res = _published(agency, run_worker)
    _published(agency, run_worker, classification="205001")
    agency.draft()  # private: counted nowhere
    _download(app, first, res)
    _download(app, first, res, agency.headers(agency.stranger))  # an API download
    app.get("/api/3/action/package_search")
    app.get("/api/3/action/status_show")
    app.get("/api/i18n/zh_Hans_CN", status=None)  # every page asks it: not an API call

    figures = app.get("/api/3/action/govopen_site_figures").json["result"]
    found = call_action("package_search", {"user": ""}, fq="+dataset_type:dataset", rows=100)
    assert figures["datasets"] == found["count"] == 2
    assert figures["files"] == sum(p["num_resources"] for p in found["results"]) == 2
    assert figures["organizations"] == len(call_action("organization_list", {})) == 1
    assert figures["downloads"] == sum(call_action(
        "govopen_download_counts", {"user": ""}, id=p["id"])["total"] for p in found["results"]) == 2
    assert figures["api_calls"] == 2  # this test's two action calls, counted by the server
    assert figures["products"] == 0 and figures["applications_answered"] == 0

    html = app.get("/").body
    for key in ("datasets", "files", "organizations", "downloads", "products"):
        assert f'data-figure="{key}"' in html
    assert '<span class="govopen-figure-value">2</span>' in html
    for placeholder in PLACEHOLDERS:
        assert placeholder not in html, placeholder


def test_grid_lists_and_most_downloaded(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    air, air_file = _published(agency, run_worker, classification="205001")
    people, people_file = _published(agency, run_worker, classification="101001")
    for _ in range(3):
        _download(app, people, people_file)
    _download(app, air, air_file)

    grid = call_action("package_search", {"user": ""}, rows=0, **{
        "facet.field": '["catalog_theme"]', "facet.limit": -1})["facets"]["catalog_theme"]
    html = app.get("/").body
    assert grid == {"205": 1, "101": 1}
    assert 'data-theme="101"' in html and 'data-theme="106"' in html  # all six libraries
    # most downloaded first, with the count the server keeps
    ranked = call_action("govopen_usage_summary", {"user": ""}, limit=5)["top"]
    assert [r["id"] for r in ranked] == [people["id"], air["id"]]
    most = html.split('id="govopen-most-downloaded"')[1].split("</section>")[0]
    assert most.index(people["name"]) < most.index(air["name"])
    assert 'data-downloads="3"' in most
    newest = html.split('id="govopen-newest"')[1].split("</section>")[0]
    assert newest.index(people["name"]) < newest.index(air["name"])
    assert 'data-downloads="1">下载 1 次<' in most  # Chinese has one form

    english = app.get("/en/").body  # English counts in the singular and the plural
    most = english.split('id="govopen-most-downloaded"')[1].split("</section>")[0]
    assert ">3 downloads<" in most and ">1 download<" in most
    assert ">1 dataset<" in english and ">0 datasets<" in english
    assert "1 downloads" not in english and "1 datasets" not in english


def test_sort_by_downloads_after_usage_reindex(app, agency, run_worker, cli) -> None:  # type: ignore[no-untyped-def]
    from ckan.cli.cli import ckan

    quiet, quiet_file = _published(agency, run_worker)
    busy, busy_file = _published(agency, run_worker)
    _download(app, busy, busy_file)
    _download(app, busy, busy_file)
    _download(app, quiet, quiet_file)
    result = cli.invoke(ckan, ["govopen", "usage-reindex"])
    assert result.exit_code == 0, result.output
    assert "reindexed 2 datasets" in result.output
    found = call_action("package_search", {"user": ""}, sort="downloads desc")["results"]
    assert [p["name"] for p in found] == [busy["name"], quiet["name"]]
    page = app.get("/dataset/", params={"sort": "downloads desc, metadata_modified desc"}).body
    assert page.index(busy["name"]) < page.index(quiet["name"])
    assert "最多下载" in page


def test_usage_summary_of_an_organization(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker)
    _download(app, dataset, res)
    summary = call_action("govopen_usage_summary", {"user": ""},
                          organization_id=agency.org["name"], days=7)
    assert summary["downloads"] == 1 and len(summary["days"]) == 7
    assert summary["days"][-1]["count"] == 1
    html = app.get(f"/organization/{agency.org['name']}").body
    assert 'id="govopen-org-usage"' in html and 'data-count="1"' in html
    bad = app.get("/api/3/action/govopen_usage_summary", params={"days": "many"}, status=None)
    assert bad.status_code == 409 and "1 到 366" in bad.json["error"]["days"][0]
    missing = app.get("/api/3/action/govopen_usage_summary",
                      params={"organization_id": "nobody"}, status=None)
    assert missing.status_code == 404


def test_home_blocks_are_remembered_for_the_configured_time(app, agency, run_worker, ckan_config) -> None:  # type: ignore[no-untyped-def]
    ckan_config["ckanext.govopen.front.cache_seconds"] = 3600
    cache.forget()
    first, _ = _published(agency, run_worker)
    html = app.get("/").body
    assert '<span class="govopen-figure-value">1</span>' in html
    newest = html.split('id="govopen-newest"')[1].split("</section>")[0]
    assert first["name"] in newest

    second, _ = _published(agency, run_worker, classification="205001")
    again = app.get("/").body  # within the hour: the remembered figures and lists
    newest = again.split('id="govopen-newest"')[1].split("</section>")[0]
    assert second["name"] not in newest
    assert '<span class="govopen-figure-value">2</span>' not in again

    cache.forget()  # what the hour's end does
    fresh = app.get("/").body
    assert second["name"] in fresh.split('id="govopen-newest"')[1].split("</section>")[0]
    assert '<span class="govopen-figure-value">2</span>' in fresh
