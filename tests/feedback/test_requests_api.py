"""Data requests through the action API: ask, route, answer planned / published / refused,
follow; the public list with states and without who asked; refusals and bad input."""
from __future__ import annotations

import datetime as dt
import json

import ckan.plugins.toolkit as tk
import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogOrganization, catalog_fields

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db")

ASK = {"title": "全省充电桩分布", "description": "每个充电站的位置、桩数、功率，按月更新",
       "purpose": "规划新能源汽车出行应用", "suggested_provider": "省能源局"}


def _ask(p, **change):  # type: ignore[no-untyped-def]
    return p.act(p.reporter, "govopen_feedback_request_create", **{**ASK, **change})


def test_ask_route_plan_then_publish(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    asked = _ask(p)
    assert asked["state"] == "submitted" and asked["following"] is True and asked["followers"] == 1
    with pytest.raises(tk.NotAuthorized):
        p.act(p.admin, "govopen_feedback_request_route", id=asked["id"],
              organization_id=p.org["id"])
    routed = call_action("govopen_feedback_request_route", {"user": p.sysadmin["name"]},
                         id=asked["id"], organization_id=p.org["name"])
    assert routed["state"] == "routed" and routed["organization_id"] == p.org["id"]
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="planned")
    assert "预计提供日期" in str(err.value) and "expected date" in str(err.value)
    day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    planned = p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"],
                    outcome="planned", expected_date=day, answer="已列入明年开放计划")
    assert planned["state"] == "planned" and planned["expected_date"] == day
    published = p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"],
                      outcome="published", dataset_id=p.dataset["name"])
    assert published["state"] == "published" and published["dataset_name"] == p.dataset["name"]
    assert [h["to"] for h in published["history"]] == ["submitted", "routed", "planned",
                                                       "published"]
    with pytest.raises(tk.ValidationError):  # answered for good
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="refused",
              answer="x")
    audit = call_action("govopen_audit_list", {"user": p.sysadmin["name"]},
                        package_id=p.dataset["id"])
    assert "feedback.request_published" in [e["action"] for e in audit["results"]]


def test_refused_needs_a_reason_and_only_the_routed_organization_answers(provider) -> None:  # type: ignore[no-untyped-def]
    p = provider
    asked = _ask(p)
    with pytest.raises(tk.NotAuthorized):  # not routed yet: no organization may answer
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="refused",
              answer="x")
    root = {"user": p.sysadmin["name"]}
    call_action("govopen_feedback_request_route", dict(root), id=asked["id"],
                organization_id=p.org["id"])
    stranger = factories.User()
    CatalogOrganization(users=[{"name": stranger["name"], "capacity": "admin"}])
    with pytest.raises(tk.NotAuthorized):
        p.act(stranger, "govopen_feedback_request_answer", id=asked["id"], outcome="refused",
              answer="不归我们管")
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="refused")
    assert "不予提供的理由" in str(err.value)
    other_dataset = call_action("package_create", dict(root), name="other-org-data",
                                owner_org=CatalogOrganization()["id"], **catalog_fields())
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="published",
              dataset_id=other_dataset["id"])
    assert "本机构已公开的数据集" in str(err.value)
    with pytest.raises(tk.ValidationError) as err:
        p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"], outcome="maybe")
    assert "planned" in str(err.value)
    refused = p.act(p.admin, "govopen_feedback_request_answer", id=asked["id"],
                    outcome="refused", answer="涉及企业商业秘密")
    assert refused["state"] == "refused" and refused["answer"] == "涉及企业商业秘密"


def test_the_public_list_shows_states_not_who_asked_and_can_be_followed(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    first, second = _ask(p), _ask(p, title="公交线路与站点")
    call_action("govopen_feedback_request_route", {"user": p.sysadmin["name"]},
                id=second["id"], organization_id=p.org["id"])
    listed = app.get("/api/3/action/govopen_feedback_request_list").json["result"]
    assert listed["counts"]["submitted"] == 1 and listed["counts"]["routed"] == 1
    assert {r["title"] for r in listed["results"]} == {"全省充电桩分布", "公交线路与站点"}
    assert p.reporter["name"] not in json.dumps(listed, ensure_ascii=False)
    assert all("user_name" not in r for r in listed["results"])
    shown = p.act(p.other, "govopen_feedback_request_show", id=first["id"])
    assert "user_id" not in shown and shown["following"] is False
    followed = p.act(p.other, "govopen_feedback_request_follow", id=first["id"])
    assert followed["followers"] == 2 and followed["following"] is True
    again = p.act(p.other, "govopen_feedback_request_follow", id=first["id"])
    assert again["followers"] == 2, "following twice counts once"
    mine = p.act(p.other, "govopen_feedback_request_list", following=True)
    assert [r["id"] for r in mine["results"]] == [first["id"]]
    left = p.act(p.other, "govopen_feedback_request_follow", id=first["id"], unfollow=True)
    assert left["followers"] == 1 and left["following"] is False
    routed = p.act(None, "govopen_feedback_request_list", state="routed")
    assert [r["id"] for r in routed["results"]] == [second["id"]]


def test_refusals_and_bad_input_over_http(provider, app) -> None:  # type: ignore[no-untyped-def]
    p = provider
    res = app.post("/api/3/action/govopen_feedback_request_create", json=ASK, status=403)
    assert "请先登录" in res.json["error"]["message"] and "log in" in res.json["error"]["message"]
    res = app.post("/api/3/action/govopen_feedback_request_create",
                   json={**ASK, "title": ""}, headers=p.headers(p.reporter), status=409)
    assert "title" in res.json["error"]
    res = app.post("/api/3/action/govopen_feedback_request_create",
                   json={**ASK, "purpose": "长" * 5001}, headers=p.headers(p.reporter),
                   status=409)
    assert "内容过长" in json.dumps(res.json["error"], ensure_ascii=False)
    asked = _ask(p)
    res = app.post("/api/3/action/govopen_feedback_request_route",
                   json={"id": asked["id"], "organization_id": p.org["id"]},
                   headers=p.headers(p.admin), status=403)
    assert "只有系统管理员可以分派" in res.json["error"]["message"]
    with pytest.raises(tk.ValidationError) as err:
        call_action("govopen_feedback_request_route", {"user": p.sysadmin["name"]},
                    id=asked["id"], organization_id="no-such-org")
    assert "找不到该机构" in str(err.value)
    res = app.post("/api/3/action/govopen_feedback_request_show", json={"id": "nope"},
                   status=404)
    assert "找不到该数据需求" in res.json["error"]["message"]
    res = app.post("/api/3/action/govopen_feedback_request_list", json={"state": "x"},
                   status=409)
    assert "Unknown state" in json.dumps(res.json["error"])
