"""Replays of the writes that made a dataset public, or moved a public one, without review
(security findings 1 and 13): each is refused with nothing written, judged on the value
CKAN stores ("on", " true", "ON" are stored as false), while the reviewer's publish and a
sysadmin's change still go through."""
from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from ckan import model
from ckan.tests import factories
from ckan.tests.helpers import call_action
from werkzeug.datastructures import MultiDict

from tests.catalog.factories import CatalogDataset, catalog_fields
from tests.provenance.factories import product_fields, source

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

# Values a client may send that CKAN's boolean_validator stores as false.
STORED_FALSE = ["on", " true", "ON", "false", False, "0", "no", ""]


def _api(app, agency, who, action: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return app.post(f"/api/3/action/{action}", json=data, headers=agency.headers(who),
                    status=None)


def _assert_still_private(app, agency, dataset: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    model.Session.expire_all()
    assert model.Package.get(dataset["id"]).private is True
    assert app.get("/api/3/action/package_show", params={"id": dataset["id"]},
                   status=None).status_code == 403
    found = call_action("package_search", q=f"id:{dataset['id']}")["count"]
    assert found == 0, "the refused write reached the search index"
    flow = agency.act(agency.reviewer, "govopen_dataset_workflow_show", id=dataset["id"])
    assert flow["state"] == "draft" and flow["private"] is True
    log = agency.act(agency.reviewer, "govopen_audit_list", package_id=dataset["id"])
    assert "publish" not in [e["action"] for e in log["results"]]


@pytest.mark.parametrize("value", STORED_FALSE, ids=repr)
def test_package_patch_by_an_editor_cannot_publish(app, agency, value) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    before = model.Package.get(dataset["id"]).metadata_modified
    refused = _api(app, agency, agency.editor, "package_patch",
                   {"id": dataset["id"], "private": value, "title": "改过的标题"})
    assert refused.status_code == 403, refused.body
    assert "提交审核" in refused.json["error"]["message"]
    assert "submit it for review" in refused.json["error"]["message"]
    _assert_still_private(app, agency, dataset)
    stored = model.Package.get(dataset["id"])
    assert stored.title == dataset["title"] and stored.metadata_modified == before


def test_private_true_spellings_keep_the_dataset_private(app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    for value in ("true", "True", True, "1"):
        kept = _api(app, agency, agency.editor, "package_patch",
                    {"id": dataset["id"], "private": value, "notes": f"说明 {value}"})
        assert kept.status_code == 200 and kept.json["result"]["private"] is True


def test_package_update_and_revise_by_an_editor_cannot_publish(app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    full = call_action("package_show", id=dataset["id"])
    refused = _api(app, agency, agency.editor, "package_update", {**full, "private": "ON"})
    assert refused.status_code == 403
    revised = _api(app, agency, agency.editor, "package_revise",
                   {"match": {"id": dataset["id"]}, "update": {"private": " true"}})
    assert revised.status_code == 403
    _assert_still_private(app, agency, dataset)


def test_package_create_by_an_editor_cannot_create_a_public_dataset(app, agency) -> None:  # type: ignore[no-untyped-def]
    for i, value in enumerate(("on", " true", "false")):
        name = f"public-at-once-{i}"
        refused = _api(app, agency, agency.editor, "package_create",
                       {"owner_org": agency.org["id"], "name": name, "private": value,
                        **catalog_fields()})
        assert refused.status_code == 403, refused.body
        model.Session.expire_all()
        assert model.Package.get(name) is None, "nothing of the refused dataset is stored"
        assert call_action("package_search", q=f"name:{name}")["count"] == 0
    created = _api(app, agency, agency.editor, "package_create",
                   {"owner_org": agency.org["id"], "name": "draft-ok", **catalog_fields()})
    assert created.status_code == 200 and created.json["result"]["private"] is True


def test_the_web_form_cannot_publish(app, agency, monkeypatch, ckan_config) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "WTF_CSRF_ENABLED", False)
    dataset = agency.draft()
    page = app.get(f"/dataset/edit/{dataset['name']}", headers=agency.headers(agency.editor))
    form = BeautifulSoup(page.text, "html.parser").find("form", id="dataset-edit")
    fields: list[tuple[str, str]] = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.get("type") in ("submit", "file"):
            continue
        if element.name == "select":
            chosen = element.find("option", selected=True) or element.find("option")
            fields.append((name, chosen.get("value", "") if chosen else ""))
        elif element.get("type") in ("checkbox", "radio"):
            if element.has_attr("checked"):
                fields.append((name, element.get("value", "on")))
        else:
            fields.append((name, element.text if element.name == "textarea"
                           else element.get("value", "")))
    # The form carries a template row for new data items (the browser drops it).
    fields = [(k, v) for k, v in fields
              if k != "private" and "REPEATING" not in k] + [("private", "False"),
                                                              ("save", "")]
    response = app.post(f"/dataset/edit/{dataset['name']}", data=MultiDict(fields),
                        headers=agency.headers(agency.editor), status=None,
                        follow_redirects=False)
    assert response.status_code == 403, [
        e.get_text(" ", strip=True)
        for e in BeautifulSoup(response.text, "html.parser").select(".error-explanation")]
    _assert_still_private(app, agency, dataset)
    # The same form, kept private, saves: the refusal was about visibility only.
    fields[-2] = ("private", "True")
    saved = app.post(f"/dataset/edit/{dataset['name']}", data=MultiDict(fields),
                     headers=agency.headers(agency.editor), follow_redirects=False)
    assert saved.status_code == 302


def test_the_reviewer_publishes_and_a_sysadmin_may_change_visibility(
        app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.upload(dataset, "站点,指数\n太原,42\n".encode(), filename="aqi.csv")
    run_worker()
    assert agency.publish(dataset)["private"] is False
    assert app.get("/api/3/action/package_show", params={"id": dataset["id"]}).json[
        "result"]["private"] is False
    log = agency.act(agency.reviewer, "govopen_audit_list", package_id=dataset["id"])
    assert "publish" in [e["action"] for e in log["results"]]

    other = agency.draft()
    admin = factories.Sysadmin()
    token = factories.APIToken(user=admin["name"])["token"]
    done = app.post("/api/3/action/package_patch", json={"id": other["id"], "private": "false"},
                    headers={"Authorization": token})
    assert done.json["result"]["private"] is False


def test_a_deleted_public_dataset_is_not_restored_by_an_editor(app, agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.upload(dataset, "站点,指数\n太原,42\n".encode(), filename="aqi.csv")
    run_worker()
    agency.publish(dataset)
    agency.act(agency.editor, "package_delete", id=dataset["id"])
    response = _api(app, agency, agency.editor, "package_patch",
                    {"id": dataset["id"], "state": "active"})
    model.Session.expire_all()
    assert model.Package.get(dataset["id"]).state == "deleted", response.body
    assert app.get("/api/3/action/package_show", params={"id": dataset["id"]},
                   status=None).status_code in (403, 404)


def test_a_registered_product_is_not_moved_under_an_agency(app, agency) -> None:  # type: ignore[no-untyped-def]
    source_ds = CatalogDataset()
    registrant = agency.editor  # registers a product of his own, and is an agency editor
    product = _api(app, agency, registrant, "package_create",
                   product_fields([source(source_ds["name"])], name="air-map"))
    assert product.status_code == 200, product.body
    product = product.json["result"]
    assert not product.get("owner_org") and product["private"] is False

    refused = _api(app, agency, registrant, "package_patch",
                   {"id": product["id"], "owner_org": agency.org["id"]})
    assert refused.status_code == 403
    assert "另一机构" in refused.json["error"]["message"]
    model.Session.expire_all()
    assert model.Package.get(product["id"]).owner_org is None
    shown = app.get("/api/3/action/package_show", params={"id": product["id"]}).json["result"]
    assert shown["organization"] is None
    assert call_action("package_search", fq=f"owner_org:{agency.org['id']}",
                       include_private=True)["count"] == 0

    # The registrant still edits his product.
    edited = _api(app, agency, registrant, "package_patch",
                  {"id": product["id"], "notes": "新增了夜间数据。"})
    assert edited.status_code == 200 and edited.json["result"]["notes"] == "新增了夜间数据。"
