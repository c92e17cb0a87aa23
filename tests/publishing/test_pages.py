"""The dataset page shows the publishing status in Chinese and English; the reviewer
decides on the review page, which shows the desensitization report."""
from __future__ import annotations

import re

import pytest
from ckan.tests.helpers import call_action

from .conftest import PEOPLE_CSV

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index", "clean_redis")


def _token(html: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', html).group(1)


def _audit_trail(html: str) -> str:
    """The audit trail table of the review page."""
    return re.search(r'<table class="table table-sm govopen-audit">(.*?)</table>', html,
                     re.DOTALL).group(1)


def test_status_on_the_dataset_page_in_both_languages(app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    agency.upload(dataset, PEOPLE_CSV)
    zh = app.get(f"/dataset/{dataset['name']}", headers=agency.headers(agency.editor)).text
    assert 'id="govopen-publishing"' in zh and "草稿" in zh and "等待脱敏" in zh
    assert "提交审核" in zh
    en = app.get(f"/en/dataset/{dataset['name']}", headers=agency.headers(agency.editor)).text
    assert "Draft" in en and "Waiting for desensitization" in en and "Submit for review" in en


# The test client's session cookie does not reach test.ckan.net; the token check itself is
# covered by test_workflow_posts_need_the_csrf_token.
def test_reviewer_approves_on_the_review_page(app, agency, run_worker, ckan_config,
                                             monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "WTF_CSRF_ENABLED", False)
    dataset = agency.draft()
    agency.upload(dataset, PEOPLE_CSV)
    run_worker()
    editor, reviewer = agency.headers(agency.editor), agency.headers(agency.reviewer)

    page = app.get(f"/dataset/{dataset['name']}", headers=editor).text
    app.post(f"/dataset/{dataset['name']}/workflow/submit", headers=editor,
             data={"_csrf_token": _token(page)}, follow_redirects=False)
    assert call_action("govopen_dataset_workflow_show", id=dataset["id"])["state"] == "submitted"

    review = app.get(f"/dataset/{dataset['name']}/review", headers=reviewer).text
    assert "身份证号" in review and "id_card" in review, "the report's columns and rules"
    assert "太原市空气质量日报" in review or dataset["title"] in review
    assert 'value="approve"' in review
    trail = _audit_trail(review)
    assert "上传文件" in trail and "脱敏完成" in trail and "提交审核" in trail, trail
    assert "desensitize_passed" not in trail and "upload" not in trail
    trail_en = _audit_trail(app.get(f"/en/dataset/{dataset['name']}/review", headers=reviewer).text)
    assert "File uploaded" in trail_en and "Desensitized" in trail_en, trail_en
    assert "Submitted for review" in trail_en
    editor_view = app.get(f"/dataset/{dataset['name']}/review", headers=editor).text
    assert 'value="approve"' not in editor_view

    denied = app.post(f"/dataset/{dataset['name']}/workflow/publish", headers=editor,
                      data={"_csrf_token": _token(page)}, status=None)
    assert denied.status_code == 403
    app.post(f"/dataset/{dataset['name']}/workflow/review", headers=reviewer,
             data={"_csrf_token": _token(review), "decision": "approve"})
    page = app.get(f"/dataset/{dataset['name']}", headers=reviewer).text
    assert "审核通过" in page
    app.post(f"/dataset/{dataset['name']}/workflow/publish", headers=reviewer,
             data={"_csrf_token": _token(page)})
    assert call_action("package_show", id=dataset["id"])["private"] is False
    public = app.get(f"/dataset/{dataset['name']}").text
    assert "已发布" in public and "已脱敏" in public


def test_workflow_posts_need_the_csrf_token(app, agency) -> None:  # type: ignore[no-untyped-def]
    dataset = agency.draft()
    response = app.post(f"/dataset/{dataset['name']}/workflow/submit",
                        headers=agency.headers(agency.editor), data={}, status=None)
    assert response.status_code == 400
    assert call_action("govopen_dataset_workflow_show", id=dataset["id"])["state"] == "draft"
