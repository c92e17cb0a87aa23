"""Over the API: a file added to or replaced in a published dataset is not downloadable by
the public until a reviewer approves it (Changsha art. 37); the other files stay published."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import pytest

from .conftest import PEOPLE_CSV, RAW_MARKERS

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")

OTHER_CSV = "姓名,手机号\n王芳,13600136000\n".encode()


def _get(app, agency, dataset, res, who=None):  # type: ignore[no-untyped-def]
    return app.get(f"/dataset/{dataset['id']}/resource/{res['id']}/download/f.csv",
                   headers=agency.headers(who) if who else {}, status=None)


@pytest.fixture
def published(agency, run_worker):  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    first = agency.upload(dataset, PEOPLE_CSV)
    run_worker()
    assert agency.publish(dataset)["state"] == "published"
    return dataset, first


def test_a_file_added_after_publication_waits_for_the_reviewer(
        app, agency, run_worker, published) -> None:  # type: ignore[no-untyped-def]
    dataset, first = published
    added = agency.upload(dataset, OTHER_CSV, filename="more.csv")
    run_worker()
    assert agency.act(agency.editor, "govopen_desensitize_report_show",
                      resource_id=added["id"])["status"] == "passed"

    refused = _get(app, agency, dataset, added)
    assert refused.status_code == 409
    assert "等待保密审查" in refused.text and "awaits confidentiality review" in refused.text
    assert "13600136000" not in refused.text and "136****6000" not in refused.text
    assert _get(app, agency, dataset, first).status_code == 200, "the published file stays"
    # The reviewer reads the masked copy to decide.
    preview = _get(app, agency, dataset, added, agency.reviewer)
    assert preview.status_code == 200 and "136****6000" in preview.text

    flow = agency.act(agency.editor, "govopen_dataset_workflow_show", id=dataset["id"])
    assert flow["state"] == "published" and flow["changes_awaiting_review"] == [added["id"]]
    assert {r["id"]: r["review"] for r in flow["resources"]} == {
        first["id"]: "approved", added["id"]: "awaiting"}

    with pytest.raises(tk.NotAuthorized):
        agency.act(agency.editor, "govopen_resource_review", resource_id=added["id"],
                   decision="approve")
    with pytest.raises(tk.ValidationError):  # a return needs a reason
        agency.act(agency.reviewer, "govopen_resource_review", resource_id=added["id"],
                   decision="return")
    returned = agency.act(agency.reviewer, "govopen_resource_review", resource_id=added["id"],
                          decision="return", reason="含有未公开的联系方式")
    assert returned["review"] == "returned" and returned["review_reason"] == "含有未公开的联系方式"
    refused = _get(app, agency, dataset, added)
    assert refused.status_code == 409
    assert "未通过保密审查" in refused.text and "did not pass confidentiality review" in refused.text
    # The reviewer's remarks are for the dataset's own people, not for the public.
    assert "含有未公开的联系方式" not in refused.text
    public_flow = app.get("/api/action/govopen_dataset_workflow_show",
                          params={"id": dataset["id"]}).json["result"]
    assert "含有未公开的联系方式" not in str(public_flow)
    own_flow = agency.act(agency.editor, "govopen_dataset_workflow_show", id=dataset["id"])
    assert {r["id"]: r.get("review_reason") for r in own_flow["resources"]}[added["id"]] \
        == "含有未公开的联系方式"

    # The editor fixes the file: a new upload is a new decision.
    agency.replace(added, "姓名,城市\n王芳,太原\n".encode(), filename="more.csv")
    run_worker()
    assert _get(app, agency, dataset, added).status_code == 409
    approved = agency.act(agency.reviewer, "govopen_resource_review", resource_id=added["id"],
                          decision="approve")
    assert approved["review"] == "approved"
    served = _get(app, agency, dataset, added)
    assert served.status_code == 200 and "王*" in served.text
    assert agency.act(agency.editor, "govopen_dataset_workflow_show",
                      id=dataset["id"])["changes_awaiting_review"] == []

    log = agency.act(agency.reviewer, "govopen_audit_list", package_id=dataset["id"])
    entries = [(e["actor"], e["action"], e["resource_id"], e["detail"])
               for e in reversed(log["results"]) if e["resource_id"] == added["id"]]
    editor, reviewer = agency.editor["name"], agency.reviewer["name"]
    assert [(a, b) for a, b, _, _ in entries] == [
        (editor, "upload"), ("system", "desensitize_passed"), (reviewer, "resource_return"),
        (editor, "upload"), ("system", "desensitize_passed"), (reviewer, "resource_approve")]
    assert entries[0][3]["awaits_review"] is True
    assert entries[2][3]["reason"] == "含有未公开的联系方式"
    assert entries[5][3]["sha256"] == entries[3][3]["sha256"] != entries[0][3]["sha256"]


def test_a_replaced_file_waits_while_the_others_stay_published(
        app, agency, run_worker, published) -> None:  # type: ignore[no-untyped-def]
    dataset, first = published
    second = agency.upload(dataset, OTHER_CSV, filename="more.csv")
    run_worker()
    agency.act(agency.reviewer, "govopen_resource_review", resource_id=second["id"],
               decision="approve")
    assert _get(app, agency, dataset, second).status_code == 200

    agency.replace(first, PEOPLE_CSV.replace(b"13700137000", b"13500135000"))
    pending = _get(app, agency, dataset, first)
    assert pending.status_code == 409 and "尚未完成脱敏" in pending.text
    with pytest.raises(tk.ValidationError) as not_yet:  # nothing to approve before the job
        agency.act(agency.reviewer, "govopen_resource_review", resource_id=first["id"],
                   decision="approve")
    assert "尚未通过脱敏" in str(not_yet.value.error_dict)
    run_worker()
    waiting = _get(app, agency, dataset, first)
    assert waiting.status_code == 409 and "等待保密审查" in waiting.text
    assert not any(m in waiting.text for m in RAW_MARKERS)
    assert _get(app, agency, dataset, second).status_code == 200
    agency.act(agency.reviewer, "govopen_resource_review", resource_id=first["id"],
               decision="approve")
    body = _get(app, agency, dataset, first).text
    assert "135****5000" in body and not any(m in body for m in RAW_MARKERS)


def test_a_file_changed_after_approval_blocks_publication_until_reviewed_again(
        agency, run_worker) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.upload(dataset, PEOPLE_CSV)
    run_worker()
    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"])
    agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"], decision="approve")
    agency.upload(dataset, OTHER_CSV, filename="late.csv")
    run_worker()

    flow = agency.act(agency.editor, "govopen_dataset_workflow_show", id=dataset["id"])
    assert flow["state"] == "approved" and not flow["publishable"]
    with pytest.raises(tk.ValidationError) as refused:
        agency.act(agency.reviewer, "govopen_dataset_publish", id=dataset["id"])
    assert "尚未经审核人批准" in str(refused.value.error_dict)
    assert "late.csv" in str(refused.value.error_dict)

    agency.act(agency.editor, "govopen_dataset_submit", id=dataset["id"], note="新增文件")
    agency.act(agency.reviewer, "govopen_dataset_review", id=dataset["id"], decision="approve")
    assert agency.act(agency.reviewer, "govopen_dataset_publish",
                      id=dataset["id"])["state"] == "published"


def test_the_reviewer_decides_on_a_changed_file_on_the_review_page(
        app, agency, run_worker, published, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import re

    monkeypatch.setitem(ckan_config, "WTF_CSRF_ENABLED", False)
    dataset, _first = published
    added = agency.upload(dataset, OTHER_CSV, filename="more.csv")
    run_worker()
    reviewer, editor = agency.headers(agency.reviewer), agency.headers(agency.editor)

    page = app.get(f"/dataset/{dataset['name']}", headers=reviewer).text
    assert "已发布" in page and "等待保密审查" in page
    en = app.get(f"/en/dataset/{dataset['name']}", headers=reviewer).text
    assert "Awaiting confidentiality review" in en
    review = app.get(f"/dataset/{dataset['name']}/review", headers=reviewer).text
    assert f'name="resource_id" value="{added["id"]}"' in review
    assert 'name="resource_id"' not in app.get(f"/dataset/{dataset['name']}/review",
                                               headers=editor).text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', review).group(1)
    app.post(f"/dataset/{dataset['name']}/workflow/file", headers=reviewer,
             data={"_csrf_token": token, "resource_id": added["id"], "decision": "approve"})
    assert _get(app, agency, dataset, added).status_code == 200
    assert "等待保密审查" not in app.get(f"/dataset/{dataset['name']}").text
