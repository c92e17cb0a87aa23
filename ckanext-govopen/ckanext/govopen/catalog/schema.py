"""Input schemas of the GovOpen actions."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator, ValidatorFactory

DIRECTORY_LANGUAGES = ["zh_Hans_CN", "en"]


@validator_args
def vocabulary_show_schema(not_empty: Validator, unicode_safe: Validator) -> Schema:
    return {"name": [not_empty, unicode_safe]}


@validator_args
def catalog_directory_schema(ignore_missing: Validator, unicode_safe: Validator,
                             one_of: ValidatorFactory) -> Schema:
    return {"lang": [ignore_missing, unicode_safe, one_of(DIRECTORY_LANGUAGES)]}
