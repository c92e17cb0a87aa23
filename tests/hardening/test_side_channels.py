"""Findings 12 and 13: anonymous users learn nothing about private datasets from members,
tags, provenance notes or source checks, and nobody but a sysadmin sees sysadmin flags."""
from __future__ import annotations

import pytest
from ckan.tests import factories

from tests.provenance.factories import product_fields, source

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _api(app, action, portal=None, who=None, **params):  # type: ignore[no-untyped-def]
    headers = portal.headers(who) if portal else {}
    return app.get(f"/api/3/action/{action}", query_string=params, headers=headers,
                   status=None)


def test_member_list_hides_private_datasets_from_anonymous_users(app, portal) -> None:  # type: ignore[no-untyped-def]
    anonymous = _api(app, "member_list", id=portal.org["id"], object_type="package")
    ids = {m[0] for m in anonymous.json["result"]}
    assert portal.public["id"] in ids
    assert portal.private["id"] not in ids
    editor = _api(app, "member_list", portal, portal.editor, id=portal.org["id"],
                  object_type="package")
    assert portal.private["id"] in {m[0] for m in editor.json["result"]}


def test_tag_list_and_autocomplete_hide_tags_only_on_private_datasets(app, portal) -> None:  # type: ignore[no-untyped-def]
    assert _api(app, "tag_list").json["result"] == ["open-tag"]
    assert _api(app, "tag_list", query="tag").json["result"] == ["open-tag"]
    assert _api(app, "tag_autocomplete", q="tag").json["result"] == ["open-tag"]
    assert _api(app, "tag_search", query="tag").json["result"]["count"] == 1
    page = app.get("/api/2/util/tag/autocomplete", query_string={"incomplete": "secret"})
    assert "secret-tag" not in page.get_data(as_text=True)
    editor = _api(app, "tag_list", portal, portal.editor)
    assert sorted(editor.json["result"]) == ["open-tag", "secret-tag"]


def test_tag_show_of_a_private_only_tag_is_not_found(app, portal) -> None:  # type: ignore[no-untyped-def]
    assert _api(app, "tag_show", id="secret-tag").status_code == 404
    shown = _api(app, "tag_show", id="open-tag", include_datasets="true")
    assert shown.status_code == 200
    assert [p["name"] for p in shown.json["result"]["packages"]] == ["open-air"]
    assert _api(app, "tag_show", portal, portal.editor, id="secret-tag").status_code == 200


def test_provenance_note_of_a_private_dataset_reads_as_absent(app, portal) -> None:  # type: ignore[no-untyped-def]
    private = _api(app, "govopen_provenance_note", id=portal.private["name"])
    absent = _api(app, "govopen_provenance_note", id="no-such-dataset")
    assert private.status_code == absent.status_code == 404
    assert portal.private["id"] not in private.get_data(as_text=True)
    assert private.json["error"]["message"] == absent.json["error"]["message"]
    assert _api(app, "govopen_provenance_note", id=portal.public["name"]).status_code == 200


def test_source_check_says_the_same_for_private_and_absent_datasets(app, portal) -> None:  # type: ignore[no-untyped-def]
    user = factories.User()
    token = factories.APIToken(user=user["name"])["token"]
    body = product_fields([source(portal.private["name"]), source("no-such-dataset")])
    response = app.post("/api/3/action/package_create", json=body,
                        headers={"Authorization": token}, status=None)
    assert response.status_code == 409
    private, absent = (e["source_dataset"][0] for e in response.json["error"]["sources"])
    assert private == f"本平台没有数据集“{portal.private['name']}”"
    assert absent == "本平台没有数据集“no-such-dataset”"


def test_user_list_shows_sysadmin_flags_to_sysadmins_only(app, portal) -> None:  # type: ignore[no-untyped-def]
    assert _api(app, "user_list").status_code == 403  # ckan.auth.public_user_details
    users = _api(app, "user_list", portal, portal.editor).json["result"]
    assert users and all("sysadmin" not in u for u in users)
    shown = _api(app, "user_show", portal, portal.editor, id=portal.sysadmin["name"]).json
    assert "sysadmin" not in shown["result"]
    flags = {u["name"]: u["sysadmin"]
             for u in _api(app, "user_list", portal, portal.sysadmin).json["result"]}
    assert flags[portal.sysadmin["name"]] is True
    assert flags[portal.editor["name"]] is False
    mine = _api(app, "user_show", portal, portal.editor, id=portal.editor["name"]).json
    assert mine["result"]["sysadmin"] is False
