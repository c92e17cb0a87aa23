"""Data requests (数据需求): a user asks for data not on the portal; the platform routes the
request to an organization, which answers: planned (with an expected date), published
(linking the dataset) or refused (with a reason). The list is public and followable; who
asked is not public. Every decision goes to the audit log.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.feedback import schema, store
from ckanext.govopen.feedback.action import _user, _validate
from ckanext.govopen.feedback.dictization import request_dict
from ckanext.govopen.feedback.model import (
    PLANNED,
    PUBLISHED,
    REFUSED,
    REQUEST_STATES,
    ROUTED,
    SUBMITTED,
    DataRequest,
)
from ckanext.govopen.feedback.texts import TEXTS
from ckanext.govopen.lib.db import utcnow
from ckanext.govopen.lib.params import caller, is_owner_or_org_admin

_OUTCOMES = (PLANNED, PUBLISHED, REFUSED)


def _request(id_: str) -> DataRequest:
    request = model.Session.get(DataRequest, id_)
    if request is None:
        raise tk.ObjectNotFound(TEXTS.both("err.request_not_found"))
    return request


def _require(request: DataRequest, *states: str) -> None:
    if request.state not in states:
        raise tk.ValidationError({"state": [TEXTS.both(
            "err.state", state_zh=TEXTS.zh(f"request.{request.state}"),
            state_en=TEXTS.en(f"request.{request.state}").lower())]})


def _handles(context: Context, request: DataRequest) -> bool:
    """Whether the caller sees the whole request: the asker, the organization it is routed
    to, sysadmins."""
    return is_owner_or_org_admin(context, request.user_id, request.organization_id)


def govopen_feedback_request_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Ask for data that is not on the portal (数据需求); the asker follows it.

    :param title: what data (e.g. 全省充电桩分布)
    :type title: string
    :param description: which fields, area, period, format
    :type description: string
    :param purpose: what it will be used for
    :type purpose: string
    :param suggested_provider: which agency probably holds it (optional, free text)
    :type suggested_provider: string
    :returns: the request, as ``govopen_feedback_request_show`` returns it to its asker
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_create", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.request_create_schema(), context)
    now = utcnow()
    request = DataRequest(user_id=user.id, title=data["title"],
                          description=data["description"], purpose=data["purpose"],
                          suggested_provider=data.get("suggested_provider") or None,
                          state=SUBMITTED, followers=[user.id], created=now, updated=now,
                          history=[{"from": None, "to": SUBMITTED, "actor": user.name,
                                    "at": now.replace(microsecond=0).isoformat(),
                                    "note": None}])
    model.Session.add(request)
    model.Session.flush()
    store.audit(user.name, "request_submit", request_id=request.id)
    model.Session.commit()
    return request_dict(request, full=True, user_id=user.id)


def govopen_feedback_request_route(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The platform routes a request to the organization that should answer (again, if the
    first one was wrong and has not answered).

    :param id: the request id
    :type id: string
    :param organization_id: the organization's id or name
    :type organization_id: string
    :param note: why this organization (optional)
    :type note: string
    :returns: the request
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_route", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.request_route_schema(), context)
    request = _request(data["id"])
    _require(request, SUBMITTED, ROUTED)
    group = model.Group.get(data["organization_id"])
    if group is None or not group.is_organization or group.state != "active":
        raise tk.ValidationError({"organization_id": [TEXTS.both("err.organization")]})
    request.organization_id = group.id
    store.move(request, ROUTED, user.name, data.get("note"))
    store.audit(user.name, "request_route", request_id=request.id, organization_id=group.id)
    model.Session.commit()
    return request_dict(request, full=True, user_id=user.id)


def govopen_feedback_request_answer(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The organization answers a request routed to it. A planned request may be answered
    again once the data is published.

    :param id: the request id
    :type id: string
    :param outcome: ``planned`` (needs ``expected_date``), ``published`` (needs
        ``dataset_id``, a public dataset of this organization) or ``refused`` (needs
        ``answer``, the reason)
    :type outcome: string
    :param answer: the answer to the asker (public)
    :type answer: string
    :param expected_date: ``YYYY-MM-DD``, today or later
    :type expected_date: string
    :param dataset_id: the id or name of the dataset that provides the data
    :type dataset_id: string
    :returns: the request
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_answer", context, data_dict)
    user = _user(context)
    data = _validate(data_dict, schema.request_answer_schema(), context)
    request = _request(data["id"])
    _require(request, ROUTED, PLANNED)
    outcome, answer = data["outcome"], data.get("answer") or ""
    if outcome not in _OUTCOMES:
        raise tk.ValidationError({"outcome": [TEXTS.both("err.outcome")]})
    errors: dict[str, Any] = {}
    expected = data.get("expected_date")
    pkg = model.Package.get(data["dataset_id"]) if data.get("dataset_id") else None
    if outcome == PLANNED and (expected is None or expected < store.today()):
        errors["expected_date"] = [TEXTS.both("err.expected_date")]
    if outcome == PUBLISHED and (pkg is None or pkg.state != "active" or pkg.private
                                 or pkg.owner_org != request.organization_id):
        errors["dataset_id"] = [TEXTS.both("err.new_dataset")]
    if outcome == REFUSED and not answer:
        errors["answer"] = [TEXTS.both("err.refuse_reason")]
    if errors:
        raise tk.ValidationError(errors)
    request.answer = answer or None
    request.expected_date = expected if outcome == PLANNED else None
    request.dataset_id = pkg.id if outcome == PUBLISHED and pkg else None
    store.move(request, outcome, user.name, answer or None)
    store.audit(user.name, f"request_{outcome}", request_id=request.id,
                package_id=request.dataset_id,
                expected_date=expected.isoformat() if request.expected_date and expected
                else None)
    model.Session.commit()
    return request_dict(request, full=True, user_id=user.id)


def govopen_feedback_request_follow(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Follow a request (or stop following it with ``unfollow``).

    :param id: the request id
    :type id: string
    :param unfollow: true to stop following (default false)
    :type unfollow: bool
    :returns: the request
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_follow", context, data_dict)
    user = _user(context)
    unfollow = data_dict.get("unfollow") in (True, "true", "True", "1", "on")
    data = _validate({"id": data_dict.get("id")}, schema.id_schema(), context)
    request = _request(data["id"])
    followers = [f for f in (request.followers or []) if f != user.id]
    request.followers = followers if unfollow else [*followers, user.id]
    model.Session.commit()
    return request_dict(request, full=_handles(context, request), user_id=user.id)


@tk.side_effect_free
def govopen_feedback_request_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """One data request. Public; who asked (``user_id``, ``user_name``) and the history
    only for the asker, the organization it is routed to and sysadmins.

    :param id: the request id
    :type id: string
    :returns: ``id, title, description, purpose, suggested_provider, organization_id,
        organization_name, organization_title, state, state_label {zh_Hans_CN, en}, answer,
        expected_date, dataset_id, dataset_name, dataset_title, followers (a count),
        following, created, updated``
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_show", context, data_dict)
    data = _validate(data_dict, schema.id_schema(), context)
    request = _request(data["id"])
    viewer = caller(context)
    return request_dict(request, full=_handles(context, request),
                        user_id=viewer.id if viewer else None)


@tk.side_effect_free
def govopen_feedback_request_list(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The public list of data requests with their states, newest first.

    :param mine: only the caller's own (default false)
    :type mine: bool
    :param following: only those the caller follows (default false)
    :type following: bool
    :param organization_id: only those routed to this organization
    :type organization_id: string
    :param state: only this state (submitted|routed|planned|published|refused)
    :type state: string
    :param limit: page size (default 50)
    :type limit: int
    :param offset: (default 0)
    :type offset: int
    :returns: ``{"count": n, "counts": {state: n} before the state filter,
        "results": [requests]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_feedback_request_list", context, data_dict)
    data = _validate(data_dict, schema.request_list_schema(), context)
    if data.get("state") and data["state"] not in REQUEST_STATES:
        raise tk.ValidationError({"state": [TEXTS.both("err.unknown_state",
                                                       state=data["state"])]})
    viewer = caller(context)
    query = model.Session.query(DataRequest)
    if data["mine"]:
        query = query.filter(DataRequest.user_id == _user(context).id)
    if data.get("organization_id"):
        group = model.Group.get(data["organization_id"])
        query = query.filter(DataRequest.organization_id == (group.id if group else ""))
    counts = {s: 0 for s in REQUEST_STATES}
    chosen = []
    for request in query.order_by(DataRequest.created.desc(), DataRequest.id):
        if data["following"] and _user(context).id not in (request.followers or []):
            continue
        counts[request.state] += 1
        if data.get("state") and request.state != data["state"]:
            continue
        chosen.append(request)
    page = chosen[data["offset"]:data["offset"] + data["limit"]]
    return {"count": len(chosen), "counts": counts,
            "results": [request_dict(r, full=_handles(context, r),
                                     user_id=viewer.id if viewer else None) for r in page]}
