"""A write the write guard refuses leaves the stored files as they were, even when it
replaces an upload: CKAN writes uploads before the guard judges the write, so the new file
waits aside until the write is accepted."""
from __future__ import annotations

import io

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action
from ckanext.govopen.storage import files as storage
from werkzeug.datastructures import FileStorage

from .conftest import PEOPLE_CSV

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OTHER_CSV = "姓名,身份证号,手机号,备注\n王芳,,13600136000,替换的文件\n".encode()


def _stored(resource_id: str) -> dict[str, bytes]:
    return {"raw": storage.raw_path(resource_id).read_bytes(),
            "public": storage.public_path(resource_id).read_bytes(),
            "report": storage.report_path(resource_id).read_bytes()}


def _download(app, agency, dataset, res) -> str:  # type: ignore[no-untyped-def]
    page = app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download/people.csv",
                   headers=agency.headers(agency.editor), status=None)
    assert page.status_code == 200, page.text[:300]
    return page.text


def test_a_refused_update_that_replaces_an_upload_keeps_the_stored_file(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    run_worker()
    before = _stored(res["id"])
    digest = call_action("govopen_desensitize_report_show", resource_id=res["id"])
    assert "138****8000" in _download(app, agency, dataset, res)

    full = call_action("package_show", id=dataset["id"])
    full["private"] = False  # an editor may not publish: the guard refuses the write
    full["resources"] = [{**full["resources"][0], "url": "", "upload": FileStorage(
        stream=io.BytesIO(OTHER_CSV), filename="people.csv", content_type="text/csv")}]
    with pytest.raises(tk.NotAuthorized):
        agency.act(agency.editor, "package_update", **full)

    assert _stored(res["id"]) == before, "the raw file, public copy and report are kept"
    assert not storage.staged_path(res["id"]).exists()
    after = call_action("govopen_desensitize_report_show", resource_id=res["id"])
    assert ([after[k] for k in ("status", "raw_size", "updated")]
            == [digest[k] for k in ("status", "raw_size", "updated")])
    body = _download(app, agency, dataset, res)
    assert "138****8000" in body and "替换的文件" not in body
    assert call_action("package_show", id=dataset["id"])["private"] is True

    # Clearing the upload (the resource becomes a link) in a refused write removes nothing.
    full = call_action("package_show", id=dataset["id"])
    full["private"] = False
    full["resources"] = [{**full["resources"][0], "clear_upload": "true",
                          "url": "https://example.com/people.csv"}]
    with pytest.raises(tk.NotAuthorized):
        agency.act(agency.editor, "package_update", **full)
    assert _stored(res["id"]) == before
    assert "138****8000" in _download(app, agency, dataset, res)

    # The same replacement, accepted, takes the stored file's place.
    agency.replace(res, OTHER_CSV)
    assert storage.raw_path(res["id"]).read_bytes() != before["raw"]
    assert not storage.public_path(res["id"]).exists(), "the old copy went with the old file"
    assert not storage.staged_path(res["id"]).exists()
    run_worker()
    assert "替换的文件" in _download(app, agency, dataset, res)


def test_a_refused_update_that_adds_an_upload_stores_nothing(
        agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    raw_dir = storage.raw_path("x" * 36).parents[2]
    on_disk = sorted(p for p in raw_dir.rglob("*") if p.is_file())
    full = call_action("package_show", id=dataset["id"])
    full["private"] = False
    full["resources"] = [{"name": "new.csv", "format": "CSV", "url": "", "upload": FileStorage(
        stream=io.BytesIO(OTHER_CSV), filename="new.csv", content_type="text/csv")}]
    with pytest.raises(tk.NotAuthorized):
        agency.act(agency.editor, "package_update", **full)
    assert call_action("package_show", id=dataset["id"])["resources"] == []
    assert sorted(p for p in raw_dir.rglob("*") if p.is_file()) == on_disk, \
        "no raw or staged file was left"
