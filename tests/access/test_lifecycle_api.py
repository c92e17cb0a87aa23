"""The whole application lifecycle over the API, against real PostgreSQL: apply, return,
resubmit, approve, revoke; reject and withdraw; who may do what; errors as CKAN gives them."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
import pytest
from ckanext.govopen.access import grants

from .conftest import USCC

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")


def _states(app: dict) -> list[str]:
    return [t["to"] for t in app["transitions"]]


def test_apply_return_resubmit_approve_then_revoke(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    app = p.apply(applicant_type="entity", applicant_org="太原环境研究所", credit_code=USCC.lower())
    assert app["state"] == "submitted" and app["credit_code"] == USCC
    assert app["due_date"] and app["overdue"] is False and app["workdays_left"] == 10
    assert app["resource_ids"] == [r["id"] for r in p.resources]
    assert "承诺" in app["commitment"]

    with pytest.raises(tk.NotAuthorized):
        p.act(p.other, "govopen_access_return", id=app["id"], reason="x")
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_access_return", id=app["id"], reason=" ")
    assert "请填写理由" in str(err.value.error_dict) and "reason is required" in str(err.value.error_dict)

    back = p.act(p.admin, "govopen_access_return", id=app["id"], reason="请说明课题名称")
    assert back["state"] == "returned" and back["reason"] == "请说明课题名称"
    assert back["due_date"] is None
    with pytest.raises(tk.ValidationError):  # the provider cannot decide while it is back
        p.act(p.admin, "govopen_access_approve", id=app["id"])

    again = p.act(p.applicant, "govopen_access_resubmit", id=app["id"],
                  purpose="课题“太原市PM2.5暴露评估”", note="补充了课题名称",
                  resource_ids=[p.resources[0]["id"]])
    assert again["state"] == "resubmitted" and again["resource_ids"] == [p.resources[0]["id"]]

    res_a, res_b = p.resources[0]["id"], p.resources[1]["id"]
    assert grants.active_grant(p.applicant["id"], p.dataset["id"], res_a) is None
    ok = p.act(p.admin, "govopen_access_approve", id=app["id"])
    assert ok["state"] == "approved" and ok["grant"]["valid_until"] == app["end_date"]
    assert grants.active_grant(p.applicant["id"], p.dataset["id"], res_a).id == ok["grant"]["id"]
    assert grants.active_grant(p.applicant["id"], p.dataset["id"], res_b) is None, \
        "only the resources granted"
    assert grants.active_grant(p.other["id"], p.dataset["id"], res_a) is None
    assert grants.active_grant(None, p.dataset["id"], res_a) is None
    after_end = dt.datetime.combine(dt.date.fromisoformat(app["end_date"]) + dt.timedelta(days=1),
                                    dt.time(12))
    assert grants.active_grant(p.applicant["id"], p.dataset["id"], res_a, after_end) is None

    with pytest.raises(tk.ValidationError):
        p.act(p.admin, "govopen_access_revoke", id=app["id"])
    gone = p.act(p.admin, "govopen_access_revoke", id=app["id"], reason="用途超出申请范围")
    assert gone["state"] == "revoked" and gone["grant"]["revoke_reason"] == "用途超出申请范围"
    assert grants.active_grant(p.applicant["id"], p.dataset["id"], res_a) is None

    shown = p.act(p.applicant, "govopen_access_show", id=app["id"])
    assert _states(shown) == ["submitted", "returned", "resubmitted", "approved", "revoked"]
    assert [t["actor"] for t in shown["transitions"]] == [
        p.applicant["name"], p.admin["name"], p.applicant["name"], p.admin["name"], p.admin["name"]]
    with pytest.raises(tk.NotAuthorized):
        p.act(p.other, "govopen_access_show", id=app["id"])


def test_reject_needs_a_reason_and_withdraw_is_the_applicants(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    first = p.apply()
    with pytest.raises(tk.ValidationError) as dup:
        p.apply()
    assert "未办结" in str(dup.value.error_dict)
    with pytest.raises(tk.NotAuthorized):
        p.act(p.admin, "govopen_access_withdraw", id=first["id"])
    assert p.act(p.applicant, "govopen_access_withdraw", id=first["id"])["state"] == "withdrawn"
    second = p.apply()
    with pytest.raises(tk.ValidationError):
        p.act(p.admin, "govopen_access_reject", id=second["id"])
    done = p.act(p.admin, "govopen_access_reject", id=second["id"], reason="用途与开放条件不符")
    assert done["state"] == "rejected" and done["reason"] == "用途与开放条件不符"
    with pytest.raises(tk.ValidationError):  # decided: no way back
        p.act(p.admin, "govopen_access_approve", id=second["id"])


def test_bad_input_is_refused_with_messages_in_both_languages(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    cases = [
        ({"credit_code": "91350100M000100Y44", "applicant_type": "entity", "applicant_org": "x"},
         "credit_code", "统一社会信用代码无效"),
        ({"applicant_type": "entity"}, "applicant_org", "单位名称"),
        ({"accept_commitment": False}, "accept_commitment", "安全承诺书"),
        ({"end_date": dt.date.today().isoformat()}, "end_date", "晚于今天"),
        ({"end_date": (dt.date.today() + dt.timedelta(days=400)).isoformat()}, "end_date", "最长 365 天"),
        ({"end_date": "2027-02-30"}, "end_date", "YYYY-MM-DD"),
        ({"resource_ids": ["nope"]}, "resource_ids", "不属于该数据集"),
        ({"purpose": ""}, "purpose", "Missing value"),
    ]
    for overrides, field, text in cases:
        with pytest.raises(tk.ValidationError) as err:
            p.apply(**overrides)
        assert text in str(err.value.error_dict.get(field)), (overrides, err.value.error_dict)


def test_an_open_dataset_needs_no_application_and_anonymous_cannot_apply(  # type: ignore[no-untyped-def]
        provider, app) -> None:
    from ckan.tests import factories
    from ckan.tests.helpers import call_action

    from tests.catalog.factories import catalog_fields

    p = provider
    open_ds = call_action("package_create", {"user": factories.Sysadmin()["name"]}, owner_org=p.org["id"], name="open-one",
                          private=False, **catalog_fields())
    with pytest.raises(tk.ValidationError) as err:
        p.apply(package_id=open_ds["id"])
    assert "不是有条件开放" in str(err.value.error_dict)
    with pytest.raises(tk.ObjectNotFound):
        p.apply(package_id="no-such-dataset")
    r = app.post("/api/3/action/govopen_access_apply", json=p.form(), status=403)
    assert r.json["success"] is False
    r = app.post("/api/3/action/govopen_access_show", json={"id": "nope"},
                 headers=p.headers(p.applicant), status=404)
    assert "找不到该申请" in r.json["error"]["message"]


def test_the_api_with_a_token_and_the_dashboard_counts(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    r = app.post("/api/3/action/govopen_access_apply", json=p.form(),
                 headers=p.headers(p.applicant))
    created = r.json["result"]
    r = app.post("/api/3/action/govopen_access_apply", json=p.form(),
                 headers=p.headers(p.applicant), status=409)
    assert "未办结" in str(r.json["error"])
    mine = app.post("/api/3/action/govopen_access_list", json={"mine": True},
                    headers=p.headers(p.applicant)).json["result"]
    assert [a["id"] for a in mine["results"]] == [created["id"]]
    board = app.post("/api/3/action/govopen_access_list", json={},
                     headers=p.headers(p.admin)).json["result"]
    assert board["count"] == 1 and board["counts"]["submitted"] == 1
    assert board["counts"]["overdue"] == 0
    assert app.post("/api/3/action/govopen_access_list", json={},
                    headers=p.headers(p.other)).json["result"]["count"] == 0
    r = app.post("/api/3/action/govopen_access_list", json={"organization_id": p.org["id"]},
                 headers=p.headers(p.other), status=403)
    filtered = app.post("/api/3/action/govopen_access_list", json={"state": "approved"},
                        headers=p.headers(p.admin)).json["result"]
    assert filtered["count"] == 0 and filtered["counts"]["submitted"] == 1


def test_the_demo_seed_leaves_an_application_in_every_state(provider) -> None:  # type: ignore[no-untyped-def]
    from ckan.tests import factories

    from seed.access import load_applications
    from seed.load import Loader

    p = provider
    loader = Loader(factories.Sysadmin()["name"], out=lambda line: None)
    assert load_applications(loader, [p.dataset["name"]]) == 7
    board = p.act(p.admin, "govopen_access_list")
    assert {s for s, n in board["counts"].items() if n} == {
        "submitted", "returned", "resubmitted", "approved", "rejected", "withdrawn", "revoked"}
    assert load_applications(loader, [p.dataset["name"]]) == 0, "loaded once"


def test_a_grant_expires_on_its_own_and_the_applicant_reports_use(provider) -> None:  # type: ignore[no-untyped-def]
    from freezegun import freeze_time

    p = provider
    app = p.apply()
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_access_approve", id=app["id"], end_date="2099-01-01")
    assert "授权期限" in str(err.value.error_dict)
    short = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    ok = p.act(p.admin, "govopen_access_approve", id=app["id"], end_date=short)
    assert ok["grant"]["valid_until"] == short
    res = p.resources[0]["id"]
    with freeze_time(dt.datetime.now() + dt.timedelta(days=32)):
        assert p.act(p.applicant, "govopen_access_show", id=app["id"])["state"] == "expired"
        assert grants.active_grant(p.applicant["id"], p.dataset["id"], res) is None
        with pytest.raises(tk.ValidationError):  # nothing left to revoke
            p.act(p.admin, "govopen_access_revoke", id=app["id"], reason="x")
        done = p.act(p.applicant, "govopen_access_usage_report", id=app["id"],
                     report="用于论文《太原市PM2.5暴露评估》，数据已删除")
        assert done["usage_report"].startswith("用于论文")
        assert p.act(p.admin, "govopen_access_list", state="expired")["count"] == 1
