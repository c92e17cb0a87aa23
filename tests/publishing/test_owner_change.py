"""Over the API: a private dataset approved by one organization's reviewer and moved to
another organization goes back to review, so the new organization's reviewer decides."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _api(app, agency, who, action: str, **data: Any) -> Any:  # type: ignore[no-untyped-def]
    response = app.post(f"/api/3/action/{action}", json=data, headers=agency.headers(who),
                        status=None)
    return response.status_code, response.json


def _other_org(agency) -> tuple[dict[str, Any], dict[str, Any]]:  # type: ignore[no-untyped-def]
    """A second organization where the agency's editor also edits; its own reviewer."""
    reviewer = factories.User()
    agency.tokens[reviewer["name"]] = call_action(
        "api_token_create", {"user": reviewer["name"]}, user=reviewer["name"], name="t")["token"]
    org = CatalogOrganization(users=[
        {"name": agency.editor["name"], "capacity": "editor"},
        {"name": reviewer["name"], "capacity": "admin"},
    ])
    return org, reviewer


def test_a_moved_approved_dataset_goes_back_to_the_new_reviewer(
        app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"])
    approved = agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                          decision="approve")
    assert approved["state"] == "approved"
    other, new_reviewer = _other_org(agency)

    # The resource code starts with the provider's code: left empty, a new one is drawn.
    code, body = _api(app, agency, agency.editor, "package_patch", id=dataset["id"],
                      owner_org=other["id"], resource_code="")
    assert code == 200, body
    assert body["result"]["owner_org"] == other["id"] and body["result"]["private"] is True

    code, body = _api(app, agency, agency.editor, "govopen_dataset_workflow_show",
                      id=dataset["id"])
    flow = body["result"]
    assert flow["state"] == "submitted", "the old organization's approval no longer counts"
    # The old reviewer has no say any more; the new one must review before publishing.
    code, body = _api(app, agency, agency.reviewer, "govopen_dataset_publish",
                      id=dataset["id"])
    assert code == 403
    code, body = _api(app, agency, new_reviewer, "govopen_dataset_publish", id=dataset["id"])
    assert code == 409 and "待审核" in str(body["error"])
    assert call_action("package_show", id=dataset["id"])["private"] is True

    log = call_action("govopen_audit_list", package_id=dataset["id"])["results"]
    moved = log[0]
    assert (moved["actor"], moved["action"]) == (agency.editor["name"], "owner_change")
    assert moved["detail"]["organization_before"] == agency.org["id"]
    assert moved["detail"]["organization_after"] == other["id"]
    assert moved["detail"]["before"] == "approved"
    assert "重新审核" in moved["detail"]["reason"]

    reviewed = agency.act(new_reviewer, "govopen_dataset_review", id=dataset["id"],
                          decision="approve")
    assert reviewed["state"] == "approved"
    published = agency.act(new_reviewer, "govopen_dataset_publish", id=dataset["id"])
    assert published["state"] == "published" and published["private"] is False


def test_a_sysadmin_moving_it_with_package_owner_org_update_also_resets_the_review(
        agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"])
    agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"], decision="approve")
    other, _ = _other_org(agency)
    admin = factories.Sysadmin()

    call_action("package_owner_org_update", {"user": admin["name"]}, id=dataset["id"],
                organization_id=other["id"])

    flow = call_action("govopen_dataset_workflow_show", id=dataset["id"])
    assert flow["state"] == "submitted"
    with pytest.raises(tk.NotAuthorized):
        agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"],
                   decision="approve")
    log = call_action("govopen_audit_list", package_id=dataset["id"])["results"]
    assert (log[0]["actor"], log[0]["action"]) == (admin["name"], "owner_change")


def test_a_move_of_a_draft_or_a_plain_edit_changes_nothing_in_the_workflow(
        app, agency) -> None:  # type: ignore[no-untyped-def]
    draft = agency.draft()
    other, _ = _other_org(agency)
    code, _body = _api(app, agency, agency.editor, "package_patch", id=draft["id"],
                       owner_org=other["id"], resource_code="")
    assert code == 200
    assert call_action("govopen_dataset_workflow_show", id=draft["id"])["state"] == "draft"

    approved = agency.draft()
    agency.act(agency.editor, "govopen_dataset_submit", id=approved["id"])
    agency.act(agency.reviewer, "govopen_dataset_review", id=approved["id"], decision="approve")
    code, _body = _api(app, agency, agency.editor, "package_patch", id=approved["id"],
                       notes="新的说明。")
    assert code == 200
    assert call_action("govopen_dataset_workflow_show", id=approved["id"])["state"] == "approved"
    actions = [e["action"] for e in call_action(
        "govopen_audit_list", package_id=approved["id"])["results"]]
    assert "owner_change" not in actions
