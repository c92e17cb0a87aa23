"""Input schemas of the DataStore actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator


@validator_args
def resource_id_schema(not_empty: Validator, unicode_safe: Validator,
                       govopen_text: Validator) -> Schema:
    return {"resource_id": [not_empty, govopen_text, unicode_safe]}
