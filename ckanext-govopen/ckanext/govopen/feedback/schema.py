"""Input schemas of the feedback actions."""
from __future__ import annotations

from typing import Any

from ckan.logic.schema import validator_args

from ckanext.govopen.feedback.validators import (
    govopen_feedback_date,
    govopen_feedback_long,
    govopen_feedback_required,
    govopen_feedback_short,
)

_S, _L = govopen_feedback_short, govopen_feedback_long
# Required, with the message in both languages (CKAN's not_empty says it in one).
_REQ = govopen_feedback_required


@validator_args
def report_create_schema(ignore_missing: Any) -> dict[str, Any]:
    return {
        "package_id": [_REQ, _S],
        "resource_id": [ignore_missing, _S],
        "field": [ignore_missing, _S],
        "row": [ignore_missing, _S],
        "value": [ignore_missing, _S],
        "description": [_REQ, _L],
        "evidence": [_REQ, _L],
        "contact": [_REQ, _S],
    }


@validator_args
def step_schema(ignore_missing: Any) -> dict[str, Any]:
    return {"id": [_REQ, _S], "note": [ignore_missing, _L],
            "reason": [ignore_missing, _L], "answer": [ignore_missing, _L]}


@validator_args
def report_list_schema(ignore_missing: Any, boolean_validator: Any,
                       natural_number_validator: Any, default: Any) -> dict[str, Any]:
    return {
        "mine": [default(False), boolean_validator],
        "review": [default(False), boolean_validator],
        "package_id": [ignore_missing, _S],
        "organization_id": [ignore_missing, _S],
        "state": [ignore_missing, _S],
        "overdue": [default(False), boolean_validator],
        "limit": [default(50), natural_number_validator],
        "offset": [default(0), natural_number_validator],
    }


@validator_args
def request_create_schema(ignore_missing: Any) -> dict[str, Any]:
    return {"title": [_REQ, _S], "description": [_REQ, _L],
            "purpose": [_REQ, _L], "suggested_provider": [ignore_missing, _S]}


@validator_args
def request_route_schema(ignore_missing: Any) -> dict[str, Any]:
    return {"id": [_REQ, _S], "organization_id": [_REQ, _S],
            "note": [ignore_missing, _L]}


@validator_args
def request_answer_schema(ignore_missing: Any) -> dict[str, Any]:
    return {"id": [_REQ, _S], "outcome": [_REQ, _S],
            "answer": [ignore_missing, _L], "expected_date": [ignore_missing, govopen_feedback_date],
            "dataset_id": [ignore_missing, _S]}


@validator_args
def request_list_schema(ignore_missing: Any, boolean_validator: Any,
                        natural_number_validator: Any, default: Any) -> dict[str, Any]:
    return {
        "mine": [default(False), boolean_validator],
        "following": [default(False), boolean_validator],
        "organization_id": [ignore_missing, _S],
        "state": [ignore_missing, _S],
        "limit": [default(50), natural_number_validator],
        "offset": [default(0), natural_number_validator],
    }


@validator_args
def id_schema() -> dict[str, Any]:
    return {"id": [_REQ, _S]}
