"""The account menu leads to 我的申请 (everyone logged in) and 待审申请 (organization admins
and sysadmins); a grant holder files the usage report (利用情况) from the status page."""
from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from ckan.tests import factories

from .test_pages import _csrf

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _menu(client, headers: dict[str, str]) -> set[str]:  # type: ignore[no-untyped-def]
    page = BeautifulSoup(client.get("/dataset/", headers=headers).text, "html.parser")
    return {a.get_text(strip=True) for a in page.select(".account a")}


def test_account_menu_links_the_application_pages(provider, app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    applicant = _menu(client, provider.headers(provider.applicant))
    assert "我的申请" in applicant and "待审申请" not in applicant
    admin = _menu(client, provider.headers(provider.admin))
    assert {"我的申请", "待审申请"} <= admin
    root = factories.Sysadmin()
    token = factories.APIToken(user=root["name"])["token"]
    assert "待审申请" in _menu(client, {"Authorization": token})
    anonymous = client.get("/dataset/").text
    assert "/access/mine" not in anonymous and "/access/review" not in anonymous


def test_the_grant_holder_reports_how_the_data_was_used(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    application = p.apply(resource_ids=[p.resources[0]["id"]])
    client = app.test_client()  # one client: the session cookie (CSRF token) is kept
    me = p.headers(p.applicant)
    url = f"/access/application/{application['id']}"
    # no report form while the application awaits a decision
    assert "govopen-step-usage_report" not in client.get(url, headers=me).text
    p.act(p.admin, "govopen_access_approve", id=application["id"])

    page = client.get(url, headers=me)
    form = BeautifulSoup(page.text, "html.parser").select_one("form.govopen-step-usage_report")
    assert form is not None and "利用情况" in form.get_text()
    empty = client.post(f"{url}/usage_report", headers=me,
                        data={"_csrf_token": _csrf(page.text), "report": "  "})
    assert "请填写数据的利用情况" in empty.text
    report = "用于课题《空气质量与健康》，成果已发表，数据已删除。"
    done = client.post(f"{url}/usage_report", headers=me,
                       data={"_csrf_token": _csrf(page.text), "report": report})
    assert done.status_code == 200 and report in done.text
    assert p.act(p.admin, "govopen_access_show", id=application["id"])["usage_report"] == report
    # the provider's admin reads it on the same page, without a form to change it
    seen = client.get(url, headers=p.headers(p.admin)).text
    assert report in seen and "govopen-step-usage_report" not in seen
