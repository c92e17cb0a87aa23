"""A published file's masked public copy in the DataStore (issue 17): typed from the data
items, with their Chinese labels; cells that do not fit reported on the resource page;
reloaded when the file is replaced or masked again, gone when the resource is deleted."""
from __future__ import annotations

import json
from typing import Any

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.tests import factories
from ckanext.govopen.datastore import jobs, triggers
from ckanext.govopen.storage import records

from .conftest import ITEMS, RAW, TABLE, api

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OVERRIDE = "rules:\n  phone: {rule: remove}\n"


def _published(agency: Any, run_worker: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    dataset = agency.draft(data_items=ITEMS)
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    run_worker()
    return dataset, res


def _records(app: Any, res: dict[str, Any], **extra: Any) -> Any:
    answer = api(app, "datastore_search", resource_id=res["id"], **extra)
    assert answer.status_code == 200, answer.text
    return answer.json["result"]


def test_nothing_is_loaded_before_a_reviewer_approves(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft(data_items=ITEMS)
    res = agency.upload(dataset, TABLE, filename="aqi.csv")
    run_worker()
    assert not jobs.table_exists(res["id"])
    assert api(app, "datastore_search", resource_id=res["id"]).status_code in (403, 404)


def test_a_published_table_is_queryable_typed_and_masked(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker)
    result = _records(app, res, sort="aqi asc")
    fields = {f["id"]: f for f in result["fields"]}
    assert fields["aqi"]["type"] == "numeric" and fields["day"]["type"] == "date"
    assert fields["name"]["info"]["label"] == "姓名"
    assert fields["aqi"]["info"]["label"] == "空气质量指数"
    rows = result["records"]
    assert [r["aqi"] for r in rows] == [42, 57.5, None]
    assert {r["phone"] for r in rows} == {"138****8000", "137****7000", "136****6000"}
    assert not any(m in str(rows) for m in RAW), "only the masked copy is loaded"
    assert [r["day"] for r in sorted(rows, key=lambda r: r["_id"])] == [
        "2024-01-02", "2024-01-03", "2024-01-04"], "2024/01/04 read as the same date type"

    # Free text (q) finds a row by a word of its masked copy: _full_text was built.
    assert [r["phone"] for r in _records(app, res, q="8000")["records"]] == ["138****8000"]
    filtered = _records(app, res, filters={"day": "2024-01-03"})
    assert filtered["total"] == 1 and filtered["records"][0]["aqi"] is None

    sql = api(app, "datastore_search_sql",
              sql=f'SELECT name, aqi FROM "{res["id"]}" WHERE aqi > 50')
    assert sql.status_code == 200, sql.text
    assert [r["aqi"] for r in sql.json["result"]["records"]] == [57.5]
    writes = api(app, "datastore_search_sql", sql=f'DELETE FROM "{res["id"]}"')
    assert writes.status_code in (400, 403, 409) and _records(app, res)["total"] == 3

    page = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}").text
    assert "govopen-datastore-misfits" in page and "超标" in page and "空气质量指数" in page
    assert "13700137000" not in page
    report = api(app, "govopen_datastore_report_show", resource_id=res["id"]).json["result"]
    assert report["rows"] == 3 and report["misfit_cells"] == 1
    assert report["misfits"][0]["examples"] == [{"row": 3, "value": "超标"}]


def test_the_api_page_gives_the_id_fields_and_working_examples(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset, res = _published(agency, run_worker)
    page = app.get(f"/dataset/{dataset['name']}/resource/{res['id']}/api")
    assert page.status_code == 200
    text = page.text
    assert res["id"] in text and "空气质量指数" in text and "numeric" in text
    assert "datastore_search" in text and "RemoteCKAN" in text and "datastore_search_sql" in text
    assert "Authorization" not in text, "open data needs no token"
    # The example's request, as the page gives it, answers.
    curl = BeautifulSoup(text, "html.parser").select_one("pre.govopen-example-curl-search").text
    assert "http://test.ckan.net/api/3/action/datastore_search -d '" in curl
    body = json.loads(curl.split(" -d '", 1)[1].rstrip("'\n "))
    assert body == {"resource_id": res["id"], "limit": 5, "sort": "name desc"}
    assert len(_records(app, res, **{k: v for k, v in body.items() if k != "resource_id"})
               ["records"]) == 3


def test_a_replaced_file_is_reloaded_after_its_review(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    _dataset, res = _published(agency, run_worker)
    agency.replace(res, "姓名,手机号,空气质量指数,监测日期\n赵敏,13500135000,99,2024-02-01\n"
                   .encode(), filename="aqi.csv")
    run_worker()
    # Awaiting review: the old rows are gone from the public, the new not yet there.
    assert api(app, "datastore_search", resource_id=res["id"]).status_code in (403, 404, 409)
    agency.act(agency.reviewer, "govopen_resource_review", resource_id=res["id"],
               decision="approve")
    run_worker()
    rows = _records(app, res)["records"]
    assert [(r["phone"], r["aqi"]) for r in rows] == [("135****5000", 99)]


def test_a_load_the_queue_lost_is_queued_again_by_the_tick(app, agency, run_worker, cli) -> None:  # type: ignore[no-untyped-def]
    from ckan.cli.cli import ckan as ckan_cli
    from ckan.lib.jobs import get_queue

    _dataset, res = _published(agency, run_worker)
    assert triggers.stale() == [], "every table was looked at after its file last changed"
    agency.replace(res, "姓名,手机号,空气质量指数,监测日期\n赵敏,13500135000,99,2024-02-01\n"
                   .encode(), filename="aqi.csv")
    run_worker()
    agency.act(agency.reviewer, "govopen_resource_review", resource_id=res["id"],
               decision="approve")
    get_queue(jobs.QUEUE).empty()  # the queued load is lost (e.g. Redis restarted empty)
    run_worker()
    assert not jobs.table_exists(res["id"]), "the old rows went when the file was replaced"
    assert triggers.stale() == [res["id"]]

    result = cli.invoke(ckan_cli, ["govopen", "tick"])
    assert result.exit_code == 0, result.output
    run_worker()
    rows = _records(app, res)["records"]
    assert [(r["phone"], r["aqi"]) for r in rows] == [("135****5000", 99)]
    assert triggers.stale() == [], "nothing is queued again once the table is current"
    # A decision that changes nothing (the same approval again) makes the record newer;
    # the job finds the table current and says so, so it is not queued at every tick.
    row = records.get(res["id"])
    records.set_review(row, row.review_state, "another-reviewer")
    model.Session.commit()
    assert triggers.stale() == [res["id"]]
    assert cli.invoke(ckan_cli, ["govopen", "tick"]).exit_code == 0
    run_worker()
    assert triggers.stale() == []
    assert [(r["phone"], r["aqi"]) for r in _records(app, res)["records"]] == [
        ("135****5000", 99)]


def test_masking_again_after_a_policy_change_reloads(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    _dataset, res = _published(agency, run_worker)
    assert _records(app, res)["records"][0]["phone"] == "138****8000"
    agency.act(agency.reviewer, "organization_patch", id=agency.org["id"],
               desensitize_policy=OVERRIDE)
    agency.act(agency.reviewer, "govopen_desensitize_run", resource_id=res["id"], force=True)
    run_worker()
    phones = {r["phone"] for r in _records(app, res)["records"]}
    assert "138****8000" not in phones and not any(m in str(phones) for m in RAW)


def test_a_deleted_resource_takes_its_table(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    _dataset, res = _published(agency, run_worker)
    assert jobs.table_exists(res["id"])
    agency.act(agency.editor, "resource_delete", id=res["id"])
    run_worker()
    assert not jobs.table_exists(res["id"])
    admin = factories.Sysadmin()
    token = factories.APIToken(user=admin["name"])["token"]
    gone = api(app, "datastore_search", {"Authorization": token}, resource_id=res["id"])
    assert gone.status_code == 404
