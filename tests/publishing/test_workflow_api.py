"""Over the API: uploads are desensitized by the worker before anyone can download them,
editors cannot publish, and approval after a clean run publishes."""
from __future__ import annotations

from pathlib import Path

import ckan.plugins.toolkit as tk
import pytest
from ckan import model
from ckan.tests.helpers import call_action
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage.model import DesensitizeStatus

from tests.catalog.factories import catalog_fields

from .conftest import ID1, PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")
NotAuthorized = tk.NotAuthorized
ValidationError = tk.ValidationError


def _download(app, agency, dataset, res, who=None, filename=True):  # type: ignore[no-untyped-def]
    path = f"/dataset/{dataset['id']}/resource/{res['id']}/download"
    if filename:
        path += "/people.csv"
    return app.get(path, headers=agency.headers(who) if who else {}, status=None)


def test_an_editor_cannot_make_a_dataset_public(agency) -> None:  # type: ignore[no-untyped-def]
    draft = agency.draft()
    assert draft["private"] is True, "datasets of editors start as private drafts"
    with pytest.raises(NotAuthorized):
        agency.act(agency.editor, "package_create", owner_org=agency.org["id"], name="open-now",
                   private=False, **catalog_fields())
    with pytest.raises(NotAuthorized):
        agency.act(agency.editor, "package_patch", id=draft["id"], private=False)
    with pytest.raises(NotAuthorized):
        agency.act(agency.editor, "govopen_dataset_publish", id=draft["id"])
    with pytest.raises(NotAuthorized):
        agency.act(agency.reviewer, "package_patch", id=draft["id"], private=False)
    assert call_action("package_show", id=draft["id"])["private"] is True


def test_a_pending_upload_is_stored_encrypted_and_cannot_be_downloaded(
        app, agency, ckan_config) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    report = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert report["status"] == "pending" and report["report"] is None

    for filename in (True, False):
        response = _download(app, agency, dataset, res, agency.editor, filename)
        assert response.status_code == 409
        assert "尚未完成脱敏" in response.text and "not been desensitized" in response.text
        assert not any(m in response.text for m in RAW_MARKERS)

    storage_root = Path(ckan_config["ckan.storage_path"])
    stored = [p for p in storage_root.rglob("*")
              if p.is_file() and res["id"][6:] in p.name]
    assert [p.relative_to(storage_root).parts[:2] for p in stored] == [("govopen", "raw")]
    blob = stored[0].read_bytes()
    assert not any(m.encode() in blob for m in RAW_MARKERS)
    assert not [p for p in (storage_root / "resources").rglob("*") if p.is_file()], \
        "CKAN's plain uploader wrote nothing"


def test_the_worker_publishes_a_masked_copy_and_the_raw_file_has_no_url(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    run_worker()

    report = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert report["status"] == "passed", report
    columns = {c["header"]: c["type"] for c in report["report"]["tables"][0]["columns"]}
    assert columns["身份证号"] == "id_card" and columns["手机号"] == "phone"
    assert report["report"]["policy_version"]

    body = _download(app, agency, dataset, res, agency.editor).text
    assert body.startswith("姓名,身份证号")
    assert not any(m in body for m in RAW_MARKERS), body
    assert "138****8000" in body and "张*" in body
    assert ID1[:3] in body and ID1[7:15] not in body

    # Every URL a visitor could try answers without the raw bytes.
    shown = call_action("resource_show", id=res["id"])
    for url in (shown["url"], f"/dataset/{dataset['name']}/resource/{res['id']}",
                f"/dataset/{dataset['id']}/resource/{res['id']}/download/x.csv"):
        page = app.get(url.replace("http://test.ckan.net", ""),
                       headers=agency.headers(agency.editor), status=None)
        assert not any(m in page.text for m in RAW_MARKERS)
    raw = storage.raw_path(res["id"])
    assert raw.exists() and not any(m.encode() in raw.read_bytes() for m in RAW_MARKERS)


def test_review_and_publication(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)

    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"], note="请审核")
    with pytest.raises(NotAuthorized):
        agency.act(agency.editor, "govopen_dataset_review", id=dataset["id"],
                   decision="approve")
    with pytest.raises(ValidationError) as refused:
        agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                   decision="approve")
    assert "尚未通过脱敏" in str(refused.value.error_dict)
    assert _download(app, agency, dataset, res, agency.reviewer).status_code == 409

    with pytest.raises(ValidationError):  # a return needs a reason
        agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                   decision="return")
    returned = agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                          decision="return", reason="缺少更新频率说明")
    assert returned["state"] == "returned" and returned["reason"] == "缺少更新频率说明"

    run_worker()
    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"])
    approved = agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                          decision="approve")
    assert approved["state"] == "approved"
    assert call_action("package_show", id=dataset["id"])["private"] is True
    assert _download(app, agency, dataset, res).status_code in (403, 404)

    published = agency.act(agency.reviewer, "govopen_dataset_publish", id=dataset["id"])
    assert published["state"] == "published" and published["private"] is False
    anonymous = _download(app, agency, dataset, res)
    assert anonymous.status_code == 200
    assert "138****8000" in anonymous.text
    assert not any(m in anonymous.text for m in RAW_MARKERS)

    log = agency.act(agency.reviewer, "govopen_audit_list", package_id=dataset["id"])
    steps = [(e["actor"], e["action"]) for e in reversed(log["results"])]
    editor, reviewer = agency.editor["name"], agency.reviewer["name"]
    assert steps == [(editor, "upload"), (editor, "submit"), (reviewer, "return"),
                     ("system", "desensitize_passed"), (editor, "submit"),
                     (reviewer, "approve"), (reviewer, "publish")]
    assert all(e["created"] for e in log["results"])
    with pytest.raises(NotAuthorized):
        agency.act(agency.stranger, "govopen_audit_list", package_id=dataset["id"])


def test_a_file_that_fails_stays_unpublished_with_the_reason(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    res = agency.upload(dataset, "姓名,电话\n张伟,13800138000,多余\n".encode())
    run_worker()
    report = agency.act(agency.editor, "govopen_desensitize_report_show", resource_id=res["id"])
    assert report["status"] == "failed"
    assert "第 2 行" in report["reason"]["zh_Hans_CN"] and "Row 2" in report["reason"]["en"]
    response = _download(app, agency, dataset, res, agency.editor)
    assert response.status_code == 409
    assert "脱敏失败" in response.text and "Row 2" in response.text
    assert "13800138000" not in response.text
    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"])
    with pytest.raises(ValidationError):
        agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                   decision="approve")
    assert not storage.public_path(res["id"]).exists()


def test_a_sysadmin_link_only_dataset_is_public_at_once() -> None:
    from ckan.tests import factories

    from tests.catalog.factories import CatalogOrganization

    admin = factories.Sysadmin()
    org = CatalogOrganization()
    ds = call_action("package_create", {"user": admin["name"], "ignore_auth": False},
                     owner_org=org["id"], name="open-links", private=False,
                     resources=[{"url": "https://example.gov.cn/a.csv"}], **catalog_fields())
    assert ds["private"] is False
    flow = call_action("govopen_dataset_workflow_show", {"user": ""}, id=ds["id"])
    assert flow["state"] == "published" and flow["resources"][0]["status"] is None


def test_cli_reruns_every_file(agency, cli, run_worker) -> None:  # type: ignore[no-untyped-def]
    from ckan.cli.cli import ckan

    dataset = agency.draft()
    res = agency.upload(dataset, PEOPLE_CSV)
    result = cli.invoke(ckan, ["govopen", "desensitize", "--all"])
    assert result.exit_code == 0, result.output
    assert f"[1/1] {res['id']} passed" in result.output
    assert "1 passed" in result.output
    model.Session.expire_all()
    assert model.Session.get(DesensitizeStatus, res["id"]).status == "passed"
