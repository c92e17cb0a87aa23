"""Error reports through the action API: every state transition, the 数据存疑 mark, what
the public sees, the audit log, permission refusals and bad input (4xx, zh and en)."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests.helpers import call_action
from ckanext.govopen.feedback import store

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

PRIVATE = ("user_id", "user_name", "evidence", "contact", "history")


def _marked(p: Any) -> bool:
    return p.dataset["id"] in store.marked_packages([p.dataset["id"]])


def test_accept_correct_answer_marks_then_publishes_the_answer(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    report = p.report()
    assert report["state"] == "submitted" and report["state_label"]["zh_Hans_CN"] == "已提交，待受理"
    assert report["contact"] == "13800138000" and report["overdue"] is False
    assert report["resource_name"] == "aqi"
    # Not public before the answer, and no mark before the provider accepts.
    with pytest.raises(tk.ObjectNotFound):
        p.act(p.other, "govopen_feedback_report_show", id=report["id"])
    assert not _marked(p)
    assert p.act(None, "govopen_feedback_report_list")["count"] == 0

    accepted = p.act(p.admin, "govopen_feedback_report_accept", id=report["id"])
    assert accepted["state"] == "accepted" and accepted["under_review"] is True
    assert _marked(p)
    corrected = p.act(p.admin, "govopen_feedback_report_correct", id=report["id"],
                      note="5月1日南寨站 AQI 已改为 99")
    assert corrected["state"] == "corrected" and _marked(p), "marked until answered"
    answered = p.act(p.admin, "govopen_feedback_report_answer", id=report["id"],
                     answer="感谢指正，数据已更正。")
    assert answered["state"] == "answered" and answered["outcome"] == "corrected"
    assert not _marked(p)
    assert [h["to"] for h in answered["history"]] == ["submitted", "accepted", "corrected",
                                                      "answered"]

    public = p.act(p.other, "govopen_feedback_report_show", id=report["id"])
    assert public["answer"] == "感谢指正，数据已更正。"
    assert public["correction"] == "5月1日南寨站 AQI 已改为 99"
    assert not set(PRIVATE) & set(public), "the reporter's identity is never public"
    anonymous = p.act(None, "govopen_feedback_report_list")
    assert [r["id"] for r in anonymous["results"]] == [report["id"]]
    assert p.reporter["name"] not in json.dumps(anonymous, ensure_ascii=False)
    assert "13800138000" not in json.dumps(anonymous, ensure_ascii=False)

    audit = call_action("govopen_audit_list", {"user": p.sysadmin["name"]},
                        package_id=p.dataset["id"])
    actions = [e["action"] for e in audit["results"] if e["action"].startswith("feedback.")]
    assert actions == ["feedback.report_answered", "feedback.report_corrected",
                       "feedback.report_accepted", "feedback.report_submit"]


def test_reject_needs_a_reason_from_submitted_or_accepted(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    first, second = p.report(), p.report(row="2024-05-02")
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_feedback_report_reject", id=first["id"])
    assert "请填写不予更正的理由" in str(err.value) and "reason" in str(err.value)
    rejected = p.act(p.admin, "govopen_feedback_report_reject", id=first["id"],
                     reason="经核对原始记录，数值无误")
    assert rejected["state"] == "rejected" and rejected["reason"] == "经核对原始记录，数值无误"
    assert not _marked(p), "never accepted: never marked"
    p.act(p.admin, "govopen_feedback_report_accept", id=second["id"])
    p.act(p.admin, "govopen_feedback_report_reject", id=second["id"], reason="数值无误")
    assert _marked(p), "accepted and open until answered"
    answered = p.act(p.admin, "govopen_feedback_report_answer", id=second["id"],
                     answer="经核查数据无误。")
    assert answered["outcome"] == "rejected" and answered["outcome_label"]["en"] == \
        "Checked: the data stands"
    assert not _marked(p)


@pytest.mark.parametrize(("action", "done"), [
    ("govopen_feedback_report_correct", ()),
    ("govopen_feedback_report_answer", ()),
    ("govopen_feedback_report_accept", ("accept",)),
    ("govopen_feedback_report_answer", ("accept",)),
    ("govopen_feedback_report_accept", ("accept", "correct", "answer")),
    ("govopen_feedback_report_reject", ("accept", "correct")),
])
def test_a_step_out_of_order_is_refused_in_both_languages(provider, action, done) -> None:  # type: ignore[no-untyped-def]
    p = provider
    report = p.report()
    extra = {"accept": {}, "correct": {}, "answer": {"answer": "已答复"}}
    for step in done:
        p.act(p.admin, f"govopen_feedback_report_{step}", id=report["id"], **extra[step])
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, action, id=report["id"], answer="x", reason="x")
    assert "不能执行此操作" in str(err.value) and "not possible" in str(err.value)


def test_only_the_providers_admins_handle_a_report(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    report = p.report()
    for who in (p.reporter, p.other):
        with pytest.raises(tk.NotAuthorized):
            p.act(who, "govopen_feedback_report_accept", id=report["id"])
    res = app.post("/api/3/action/govopen_feedback_report_accept", json={"id": report["id"]},
                   headers=p.headers(p.other), status=403)
    assert "只有数据提供机构的管理员可以处理" in res.json["error"]["message"]
    assert "Only an admin of the providing organization" in res.json["error"]["message"]
    res = app.post("/api/3/action/govopen_feedback_report_create", json=p.form(), status=403)
    assert "请先登录" in res.json["error"]["message"]
    # The outsider does not see the reporter's evidence either, answered or not.
    with pytest.raises(tk.ObjectNotFound):
        p.act(p.other, "govopen_feedback_report_show", id=report["id"])
    assert p.act(p.admin, "govopen_feedback_report_show", id=report["id"])["evidence"]
    with pytest.raises(tk.NotAuthorized):
        p.act(None, "govopen_feedback_report_list", review=True)
    assert p.act(p.other, "govopen_feedback_report_list", review=True)["count"] == 0
    assert p.act(p.admin, "govopen_feedback_report_list", review=True)["count"] == 1


@pytest.mark.parametrize(("change", "status", "zh", "en"), [
    ({"description": ""}, 409, "此项必填", "required"),
    ({"field": "", "row": "", "value": ""}, 409, "请指出错误所在", "Say where the error is"),
    ({"resource_id": "not-a-resource"}, 409, "该资源不属于此数据集", "not part of the dataset"),
    ({"description": "长" * 5001}, 409, "内容过长", "at most 5000"),
    # the hardening guard refuses a NUL anywhere in a request before any action runs
    ({"evidence": "x\x00y"}, 400, "空字符", "NUL character"),
    ({"package_id": ["a", "b"]}, 404, "找不到该数据集", "Dataset not found"),
])
def test_bad_input_is_a_4xx_saying_what_is_wrong(provider, app, change, status, zh, en) -> None:  # type: ignore[no-untyped-def]
    p = provider
    res = app.post("/api/3/action/govopen_feedback_report_create", json=p.form(**change),
                   headers=p.headers(p.reporter), status=status)
    error = json.dumps(res.json["error"], ensure_ascii=False)
    assert zh in error and en in error


def test_an_unknown_or_private_dataset_is_not_found(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    res = app.post("/api/3/action/govopen_feedback_report_create",
                   json=p.form(package_id="no-such-dataset"), headers=p.headers(p.reporter),
                   status=404)
    assert "找不到该数据集" in res.json["error"]["message"]
    call_action("package_patch", {"user": p.sysadmin["name"]}, id=p.dataset["id"], private=True)
    app.post("/api/3/action/govopen_feedback_report_create", json=p.form(),
             headers=p.headers(p.reporter), status=404)
    res = app.post("/api/3/action/govopen_feedback_report_show", json={"id": "nope"}, status=404)
    assert "Error report not found" in res.json["error"]["message"]
    res = app.post("/api/3/action/govopen_feedback_report_list", json={"state": "bogus"},
                   status=409)
    assert "未知状态" in json.dumps(res.json["error"], ensure_ascii=False)
