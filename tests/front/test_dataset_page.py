"""A dataset page: the dataset before the sidebar, a copyable link and a QR code instead
of Twitter and Facebook, the server's download count."""
from __future__ import annotations

from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from ckan.tests.helpers import call_action

from tests.front.test_home import _download, _published

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def test_share_box_and_download_count(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker)
    _download(app, dataset, res)
    _download(app, dataset, res, agency.headers(agency.stranger))
    html = app.get(f"/dataset/{dataset['name']}").body
    assert "twitter.com" not in html and "facebook.com" not in html
    assert 'id="govopen-share-link"' in html and 'class="govopen-qr"' in html
    assert 'class="govopen-download-total" data-downloads="2"' in html
    assert "follower" not in html.lower()
    assert "placeholder" not in html.split('id="govopen-provider"')[1].split("</section>")[0]


def test_the_english_provenance_note_quotes_the_english_title(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker, title="太原市空气质量日报")
    plain, _ = _published(agency, run_worker, title="全省医疗机构名录")
    english = "Daily air quality of Taiyuan"
    agency.act(agency.reviewer, "package_patch", id=dataset["id"], title_en=english)

    for prefix in ("/en", ""):  # the English note is the same in both UIs
        soup = BeautifulSoup(app.get(f"{prefix}/dataset/{dataset['name']}").body, "html.parser")
        assert f"This product uses “{english}” (" in soup.select_one(".govopen-note-en").get_text()
        assert "《太原市空气质量日报》" in soup.select_one(".govopen-note-zh").get_text()
    soup = BeautifulSoup(app.get(f"/en/dataset/{plain['name']}").body, "html.parser")
    assert "“全省医疗机构名录”" in soup.select_one(".govopen-note-en").get_text()  # no English

    note = call_action("govopen_provenance_note", {"user": ""}, id=dataset["name"])
    assert f"“{english}”" in note["en"] and note["title_en"] == english
    got = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download")
    header = dict(p.split("=", 1) for p in got.headers["X-GovOpen-Provenance"].split("; "))
    assert f"“{english}”" in unquote(header["note-en*"][len("UTF-8''"):])
    text = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/provenance.txt").body
    assert f"“{english}”" in text and "《太原市空气质量日报》" in text
