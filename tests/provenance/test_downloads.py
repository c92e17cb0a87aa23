"""Every download of an open resource offers the provenance note, dated today in China."""
from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from ckanext.govopen.masking import jobs
from ckanext.govopen.provenance.note import date_zh, today

from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
SITE = "http://test.ckan.net"


def _header_notes(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    value = response.headers["X-GovOpen-Provenance"]
    value.encode("ascii")
    parts = dict(p.split("=", 1) for p in value.split("; "))
    return {k: unquote(v.removeprefix("UTF-8''")) for k, v in parts.items()}


@pytest.fixture
def open_dataset() -> dict:
    org = CatalogOrganization(title="山西省生态环境厅", title_en="Shanxi Department of Ecology")
    return CatalogDataset(owner_org=org["id"], name="taiyuan-air", title="太原市空气质量日报")


def _expected_zh(site: str) -> str:
    return (f"本产品使用了山西省生态环境厅在政府数据开放平台开放的《太原市空气质量日报》"
            f"（{site}/dataset/taiyuan-air），获取日期：{date_zh(today())}")


def test_a_linked_file_download_carries_the_note_and_a_link(app, open_dataset, ckan_config) -> None:  # type: ignore[no-untyped-def]
    res = factories.Resource(package_id=open_dataset["id"], url="https://files.example.gov.cn/air.csv")
    response = app.get(f"/dataset/{open_dataset['id']}/resource/{res['id']}/download",
                       follow_redirects=False)
    assert response.status_code == 302
    site = ckan_config["ckan.site_url"].rstrip("/")
    notes = _header_notes(response)
    assert notes["acquired"] == today().isoformat()
    assert notes["note*"] == _expected_zh(site)
    assert notes["note-en*"].startswith("This product uses “太原市空气质量日报” ")
    assert "opened by Shanxi Department of Ecology on the Government Open Data Platform" \
        in notes["note-en*"]
    companion = f"{site}/dataset/{open_dataset['id']}/resource/{res['id']}/provenance.json"
    assert f'<{companion}>; rel="describedby"' in response.headers["Link"]


def test_the_filename_route_and_the_companion_files(app, open_dataset, ckan_config) -> None:  # type: ignore[no-untyped-def]
    res = factories.Resource(package_id=open_dataset["id"], url="https://files.example.gov.cn/air.csv")
    response = app.get(f"/dataset/taiyuan-air/resource/{res['id']}/download/air.csv",
                       follow_redirects=False)
    assert "X-GovOpen-Provenance" in response.headers
    site = ckan_config["ckan.site_url"].rstrip("/")
    data = json.loads(app.get(
        f"/dataset/taiyuan-air/resource/{res['id']}/provenance.json").body)
    assert data["zh_Hans_CN"] == _expected_zh(site)
    assert data["acquired"] == today().isoformat()
    assert data["resource"]["id"] == res["id"]
    text = app.get(f"/dataset/taiyuan-air/resource/{res['id']}/provenance.txt")
    assert text.headers["Content-Type"].startswith("text/plain")
    assert text.body.splitlines()[0] == _expected_zh(site)


def test_an_uploaded_file_download_carries_the_note(app, open_dataset, create_with_upload) -> None:  # type: ignore[no-untyped-def]
    admin = factories.Sysadmin()
    res = create_with_upload("station,aqi\n坞城,52\n", "air.csv", context={"user": admin["name"]},
                             package_id=open_dataset["id"], format="CSV")
    # The gate (publishing/) serves a file added to a public dataset once it is
    # desensitized and a reviewer approved it.
    jobs.desensitize_resource(res["id"])
    call_action("govopen_resource_review", {"user": admin["name"]}, resource_id=res["id"],
                decision="approve")
    response = app.get(f"/dataset/{open_dataset['id']}/resource/{res['id']}/download/air.csv",
                       status=None)
    assert response.status_code == 200
    assert _header_notes(response)["acquired"] == today().isoformat()
    assert "rel=\"describedby\"" in response.headers["Link"]


def test_no_note_for_a_refused_or_unrelated_response(app, open_dataset) -> None:  # type: ignore[no-untyped-def]
    hidden = CatalogDataset(private=True)
    res = factories.Resource(package_id=hidden["id"], url="https://files.example.gov.cn/x.csv")
    response = app.get(f"/dataset/{hidden['id']}/resource/{res['id']}/download", status=None)
    assert response.status_code in (403, 404)
    assert "X-GovOpen-Provenance" not in response.headers
    assert "X-GovOpen-Provenance" not in app.get("/dataset/taiyuan-air").headers


def test_the_resource_page_shows_the_note_panel(app, open_dataset) -> None:  # type: ignore[no-untyped-def]
    res = factories.Resource(package_id=open_dataset["id"], url="https://files.example.gov.cn/air.csv")
    page = app.get(f"/dataset/taiyuan-air/resource/{res['id']}").body
    assert 'id="govopen-provenance-note"' in page
    assert f"获取日期：{date_zh(today())}" in page


def test_the_note_action_for_any_dataset_and_date(open_dataset, ckan_config) -> None:  # type: ignore[no-untyped-def]
    site = ckan_config["ckan.site_url"].rstrip("/")
    result = call_action("govopen_provenance_note", {"user": ""}, id="taiyuan-air",
                         date="2025-03-05")
    assert result["zh_Hans_CN"] == (
        "本产品使用了山西省生态环境厅在政府数据开放平台开放的《太原市空气质量日报》"
        f"（{site}/dataset/taiyuan-air），获取日期：2025年3月5日")
    assert result["en"] == (
        f"This product uses “太原市空气质量日报” ({site}/dataset/taiyuan-air), opened by "
        "Shanxi Department of Ecology on the Government Open Data Platform; "
        "date of acquisition: 5 March 2025")
    assert call_action("govopen_provenance_note", {"user": ""},
                       id="taiyuan-air")["acquired"] == today().isoformat()


def test_the_note_action_is_open_to_anonymous_callers_but_not_for_hidden_data(app) -> None:  # type: ignore[no-untyped-def]
    hidden = CatalogDataset(private=True)
    private = app.get("/api/3/action/govopen_provenance_note",
                      query_string={"id": hidden["name"]}, status=None)
    absent = app.get("/api/3/action/govopen_provenance_note",
                     query_string={"id": "nope"}, status=None)
    # A private dataset is answered exactly like one that does not exist (no side channel).
    assert private.status_code == absent.status_code == 404
    assert private.json["error"] == absent.json["error"]
    assert hidden["id"] not in private.text
