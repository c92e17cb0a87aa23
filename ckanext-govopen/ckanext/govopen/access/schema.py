"""Input schemas of the access actions."""
from __future__ import annotations

from typing import Any

from ckan.logic.schema import validator_args

from ckanext.govopen.access.validators import (
    govopen_access_date,
    govopen_access_id_list,
    govopen_uscc,
)


@validator_args
def apply_schema(not_empty: Any, ignore_missing: Any, unicode_safe: Any, one_of: Any,
                 boolean_validator: Any, default: Any) -> dict[str, Any]:
    return {
        "package_id": [not_empty, unicode_safe],
        "applicant_type": [default("person"), one_of(["person", "entity"])],
        "applicant_name": [not_empty, unicode_safe],
        "applicant_org": [ignore_missing, unicode_safe],
        "credit_code": [ignore_missing, unicode_safe, govopen_uscc],
        "contact": [not_empty, unicode_safe],
        "purpose": [not_empty, unicode_safe],
        "scope": [not_empty, unicode_safe],
        "end_date": [not_empty, govopen_access_date],
        "resource_ids": [ignore_missing, govopen_access_id_list],
        "accept_commitment": [default(False), boolean_validator],
    }


@validator_args
def resubmit_schema(not_empty: Any, ignore_missing: Any, unicode_safe: Any, one_of: Any,
                    boolean_validator: Any) -> dict[str, Any]:
    return {
        "id": [not_empty, unicode_safe],
        "note": [ignore_missing, unicode_safe],
        "applicant_name": [ignore_missing, unicode_safe],
        "applicant_org": [ignore_missing, unicode_safe],
        "credit_code": [ignore_missing, unicode_safe, govopen_uscc],
        "contact": [ignore_missing, unicode_safe],
        "purpose": [ignore_missing, unicode_safe],
        "scope": [ignore_missing, unicode_safe],
        "end_date": [ignore_missing, govopen_access_date],
        "resource_ids": [ignore_missing, govopen_access_id_list],
    }


@validator_args
def step_schema(not_empty: Any, ignore_missing: Any, unicode_safe: Any) -> dict[str, Any]:
    return {"id": [not_empty, unicode_safe], "reason": [ignore_missing, unicode_safe],
            "note": [ignore_missing, unicode_safe],
            "end_date": [ignore_missing, govopen_access_date],
            "report": [ignore_missing, unicode_safe]}


@validator_args
def list_schema(ignore_missing: Any, unicode_safe: Any, boolean_validator: Any,
                natural_number_validator: Any, default: Any, one_of: Any) -> dict[str, Any]:
    return {
        "mine": [default(False), boolean_validator],
        "organization_id": [ignore_missing, unicode_safe],
        "package_id": [ignore_missing, unicode_safe],
        "state": [ignore_missing, unicode_safe],
        "overdue": [default(False), boolean_validator],
        "limit": [default(50), natural_number_validator],
        "offset": [default(0), natural_number_validator],
    }


@validator_args
def log_schema(ignore_missing: Any, unicode_safe: Any, natural_number_validator: Any,
               default: Any) -> dict[str, Any]:
    return {"organization_id": [ignore_missing, unicode_safe],
            "limit": [default(100), natural_number_validator],
            "offset": [default(0), natural_number_validator]}


@validator_args
def calendar_day_schema(not_empty: Any, boolean_validator: Any, ignore_missing: Any,
                        unicode_safe: Any, default: Any) -> dict[str, Any]:
    return {"day": [not_empty, govopen_access_date], "workday": [default(False), boolean_validator],
            "note": [ignore_missing, unicode_safe]}


@validator_args
def settings_schema(not_empty: Any, ignore_missing: Any, unicode_safe: Any,
                    int_validator: Any) -> dict[str, Any]:
    return {"organization_id": [not_empty, unicode_safe],
            "decision_workdays": [ignore_missing, int_validator],
            "commitment": [ignore_missing, unicode_safe]}
