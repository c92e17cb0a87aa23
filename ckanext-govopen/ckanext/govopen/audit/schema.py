"""Input schema of ``govopen_audit_list``."""
from __future__ import annotations

from ckan.logic.schema import validator_args
from ckan.types import Schema, Validator, ValidatorFactory


@validator_args
def audit_list_schema(ignore_missing: Validator, unicode_safe: Validator,
                      natural_number_validator: Validator,
                      limit_to_configured_maximum: ValidatorFactory,
                      govopen_text: Validator) -> Schema:
    return {"package_id": [ignore_missing, govopen_text, unicode_safe],
            "limit": [ignore_missing, natural_number_validator,
                      limit_to_configured_maximum("ckan.search.rows_max", 1000)],
            "offset": [ignore_missing, natural_number_validator]}
