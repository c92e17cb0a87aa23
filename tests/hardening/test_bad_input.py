"""Finding 11: each request that gave a 500 is replayed and answered with a 4xx, while the
legitimate form of the same request still works."""
from __future__ import annotations

import json
from typing import Any

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _action(app, portal, who, action: str, data: dict[str, Any]):  # type: ignore[no-untyped-def]
    return app.post(f"/api/3/action/{action}", json=data, headers=portal.headers(who),
                    status=None)


@pytest.mark.parametrize("action,key", [
    ("govopen_dataset_workflow_show", "id"), ("govopen_audit_list", "package_id"),
    ("govopen_dataset_review", "id"), ("govopen_dataset_submit", "id"),
    ("govopen_desensitize_report_show", "resource_id"), ("govopen_provenance_note", "id"),
])
@pytest.mark.parametrize("value", [["a", "b"], {"id": "x"}])
def test_our_actions_refuse_a_list_or_dict_id_with_409(app, portal, action, key, value) -> None:  # type: ignore[no-untyped-def]
    for who in (None, portal.editor):
        response = _action(app, portal, who, action, {key: value, "decision": "approve"})
        assert response.status_code == 409, (who, response.body)
        assert "不能是列表或对象" in json.dumps(response.json, ensure_ascii=False)


def test_workflow_show_still_answers_for_a_plain_id(app, portal) -> None:  # type: ignore[no-untyped-def]
    response = _action(app, portal, portal.editor, "govopen_dataset_workflow_show",
                       {"id": portal.private["name"]})
    assert response.status_code == 200
    assert response.json["result"]["state"] == "draft"


@pytest.mark.parametrize("private", ["", 2, "maybe", [True]])
def test_a_bad_private_flag_is_a_validation_error(app, portal, private) -> None:  # type: ignore[no-untyped-def]
    patched = _action(app, portal, portal.editor, "package_patch",
                      {"id": portal.private["id"], "private": private})
    created = _action(app, portal, portal.editor, "package_create",
                      {"name": "new-one", "owner_org": portal.org["id"], "private": private})
    for response in (patched, created):
        assert 400 <= response.status_code < 500, response.body


def test_a_javascript_link_resource_is_refused(app, portal) -> None:  # type: ignore[no-untyped-def]
    for url in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "https://x.invalid/\"onclick=\"x"):
        response = _action(app, portal, portal.editor, "resource_create",
                           {"package_id": portal.private["id"], "url": url, "name": "x"})
        assert response.status_code == 409, (url, response.body)
        assert "url" in response.json["error"]
    ok = _action(app, portal, portal.editor, "resource_create",
                 {"package_id": portal.private["id"], "url": "https://data.example.gov.cn/a.csv"})
    assert ok.status_code == 200


@pytest.mark.parametrize("path,params", [
    ("/api/3/action/package_search", {"include_private": "maybe"}),
    ("/api/3/action/package_search", {"include_drafts": "x"}),
    ("/api/3/action/package_search", {"sort": ",,,"}),
    ("/api/3/action/package_search", {"rows": "[1]"}),
    ("/api/3/action/package_show", {"id": "\x00"}),
    ("/api/3/action/tag_autocomplete", {"q": "a", "limit": "abc"}),
    ("/api/2/util/tag/autocomplete", {"incomplete": "a", "limit": "abc"}),
    ("/dataset/changes_multiple", {}),
    ("/catalog.ttl", {"fq": "("}),
    ("/dataset/open-air.zzz", {}),
    ("/user/login", {"came_from": "\\\\evil"}),
    ("/user/login", {"came_from": "\\evil.example"}),
])
def test_core_crashes_are_answered_with_4xx(app, portal, path, params) -> None:  # type: ignore[no-untyped-def]
    response = app.get(path, query_string=params, status=None)
    assert 200 <= response.status_code < 500, response.body[:2000]
    assert "Traceback" not in response.get_data(as_text=True)


def test_anonymous_collaborator_list_is_refused(app, portal) -> None:  # type: ignore[no-untyped-def]
    response = app.get("/api/3/action/package_collaborator_list",
                       query_string={"id": portal.public["id"]}, status=None)
    assert response.status_code == 403


def test_legitimate_searches_still_work(app, portal) -> None:  # type: ignore[no-untyped-def]
    found = app.get("/api/3/action/package_search",
                    query_string={"q": "测试", "rows": "5", "sort": "name asc"}).json
    assert found["result"]["count"] >= 1
    assert app.get("/api/3/action/tag_autocomplete",
                   query_string={"q": "open", "limit": "3"}).json["result"] == ["open-tag"]
    assert app.get("/catalog.ttl").status_code == 200


def test_guarded_actions_keep_their_api_help(app) -> None:  # type: ignore[no-untyped-def]
    """The guard wraps every action; the help text users read must still be the action's."""
    core = app.get("/api/3/action/help_show", query_string={"name": "package_show"}).json
    assert "Return the metadata of a dataset" in core["result"]
    ours = app.get("/api/3/action/help_show",
                   query_string={"name": "govopen_dataset_workflow_show"}).json
    assert "publishing workflow" in ours["result"]
