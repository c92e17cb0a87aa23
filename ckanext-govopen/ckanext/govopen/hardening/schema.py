"""Input schemas that the chained core actions check before CKAN reads the parameters.

CKAN's own code reads these parameters with ``.strip()``, ``int()`` or ``asbool()`` and
crashes on a list or a word where it expects text or a number; checked here first, the
caller gets a 409 naming the parameter instead of a 500.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator

from ckanext.govopen.hardening import texts


def text_or_texts(value: Any) -> Any:
    """One search term, or a list of them (tag_search accepts both)."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    if value is tk.missing or value is None or isinstance(value, str):
        return value
    raise tk.Invalid(texts.both("not_text"))


def _text_dict(value: Any) -> Any:
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return value
    raise tk.Invalid("须为文本值的对象 / Must be an object of text values")


@validator_args
def member_list_schema(ignore_missing: Validator, govopen_text: Validator) -> Schema:
    return {"id": [ignore_missing, govopen_text],
            "object_type": [ignore_missing, govopen_text],
            "capacity": [ignore_missing, govopen_text]}


@validator_args
def tag_list_schema(ignore_missing: Validator, govopen_text: Validator,
                    boolean_validator: Validator) -> Schema:
    return {"query": [ignore_missing, govopen_text], "q": [ignore_missing, govopen_text],
            "vocabulary_id": [ignore_missing, govopen_text],
            "all_fields": [ignore_missing, boolean_validator]}


@validator_args
def tag_search_schema(ignore_missing: Validator, govopen_text: Validator,
                      natural_number_validator: Validator) -> Schema:
    return {"query": [ignore_missing, text_or_texts], "q": [ignore_missing, text_or_texts],
            "vocabulary_id": [ignore_missing, govopen_text],
            "fields": [ignore_missing, _text_dict],
            "limit": [ignore_missing, natural_number_validator],
            "offset": [ignore_missing, natural_number_validator]}


@validator_args
def tag_show_schema(ignore_missing: Validator, govopen_text: Validator,
                    boolean_validator: Validator) -> Schema:
    return {"id": [ignore_missing, govopen_text],
            "vocabulary_id": [ignore_missing, govopen_text],
            "include_datasets": [ignore_missing, boolean_validator]}
