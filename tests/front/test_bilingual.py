"""English metadata: entered in the form or the API, checked, shown by the English UI with
the Chinese as fallback, and found by English words."""
from __future__ import annotations

import pytest
from ckan.tests.helpers import call_action

from tests.front.test_home import _published

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")
TITLE_EN = "Taiyuan daily air quality"
NOTES_EN = "Air quality index published every day by the monitoring stations of Taiyuan."


def test_english_ui_shows_english_metadata_and_finds_it(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = _published(agency, run_worker)
    plain, _ = _published(agency, run_worker, title="全省医疗机构名录")
    agency.act(agency.reviewer, "package_patch", id=dataset["id"], title_en=TITLE_EN,
               notes_en=NOTES_EN)

    listing = app.get("/en/dataset/").body
    assert TITLE_EN in listing and NOTES_EN[:40] in listing
    assert plain["title"] in listing  # no English: the Chinese shows
    page = app.get(f"/en/dataset/{dataset['name']}").body
    assert TITLE_EN in page and NOTES_EN in page
    chinese = app.get(f"/dataset/{dataset['name']}").body
    assert dataset["title"] in chinese and TITLE_EN not in chinese.split("<h1")[1][:300]

    found = call_action("package_search", {"user": ""}, q="monitoring")["results"]
    assert [p["name"] for p in found] == [dataset["name"]]
    # "Taiyuan" is also the pinyin of 太原, which the other dataset mentions (issue 16):
    # the English title's own match ranks first.
    found = call_action("package_search", {"user": ""}, q="Taiyuan")["results"]
    assert found[0]["name"] == dataset["name"]
    assert dataset["name"] in app.get("/en/dataset/", params={"q": "monitoring"}).body


def test_english_fields_are_checked(agency) -> None:  # type: ignore[no-untyped-def]
    from ckan.plugins import toolkit as tk

    dataset = agency.draft()
    with pytest.raises(tk.ValidationError) as err:
        agency.act(agency.editor, "package_patch", id=dataset["id"], title_en="太原空气质量")
    assert "须为英文文本 / Must be English text" in str(err.value.error_dict["title_en"])
    assert agency.act(agency.editor, "package_patch", id=dataset["id"],
                      title_en="  Air  ")["title_en"] == "Air"


def test_editors_see_the_quality_hint(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, _ = _published(agency, run_worker)
    hint = "未填写英文名称和摘要"
    assert hint in app.get(f"/dataset/{dataset['name']}", headers=agency.headers(agency.editor)).body
    assert hint not in app.get(f"/dataset/{dataset['name']}").body  # visitors: no hint
