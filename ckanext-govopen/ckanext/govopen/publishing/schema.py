"""Input schemas of the publishing actions.

Ids and texts pass ``govopen_text`` first: a list or an object given as an id is a 409
naming the parameter, not a string like ``"['a']"`` sent on to the database.
"""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator, ValidatorFactory

DECISIONS = ["approve", "return"]


@validator_args
def dataset_id_schema(not_empty: Validator, unicode_safe: Validator,
                      ignore_missing: Validator, govopen_text: Validator) -> Schema:
    return {"id": [not_empty, govopen_text, unicode_safe],
            "note": [ignore_missing, govopen_text, unicode_safe]}


@validator_args
def review_schema(not_empty: Validator, unicode_safe: Validator, ignore_missing: Validator,
                  one_of: ValidatorFactory, govopen_text: Validator) -> Schema:
    return {"id": [not_empty, govopen_text, unicode_safe],
            "decision": [not_empty, govopen_text, unicode_safe, one_of(DECISIONS)],
            "reason": [ignore_missing, govopen_text, unicode_safe]}


@validator_args
def resource_review_schema(not_empty: Validator, unicode_safe: Validator,
                           ignore_missing: Validator, one_of: ValidatorFactory,
                           govopen_text: Validator) -> Schema:
    return {"resource_id": [not_empty, govopen_text, unicode_safe],
            "decision": [not_empty, govopen_text, unicode_safe, one_of(DECISIONS)],
            "reason": [ignore_missing, govopen_text, unicode_safe]}
