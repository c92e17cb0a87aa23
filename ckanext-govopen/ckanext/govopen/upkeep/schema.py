"""Input schemas of the upkeep actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator


@validator_args
def dataset_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe]}


@validator_args
def review_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                  int_validator: Validator, boolean_validator: Validator) -> Schema:
    return {"organization_id": [not_empty, unicode_safe],
            "year": [ignore_missing, int_validator],
            "check_links": [ignore_missing, boolean_validator]}


@validator_args
def confirm_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                   int_validator: Validator) -> Schema:
    return {"id": [not_empty, unicode_safe], "year": [ignore_missing, int_validator],
            "note": [ignore_missing, unicode_safe]}


@validator_args
def progress_schema(ignore_missing: Validator, int_validator: Validator) -> Schema:
    return {"year": [ignore_missing, int_validator]}
