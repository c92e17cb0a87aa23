"""Validators of the catalog schemas (schemas/*.yaml), registered through IValidators.

Messages are translated in the ``ckanext-govopen`` domain and name the field by its
label in the user's language, so an API error key and its message both say what is wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Validator

from ckanext.govopen import catalog
from ckanext.govopen.catalog import codes, store
from ckanext.govopen.lib.lang import govopen_lang, scheming_text
from ckanext.scheming.helpers import scheming_field_by_name
from ckanext.scheming.validation import scheming_validator

__all__ = [
    "govopen_catalog_entry",
    "govopen_credit_code",
    "govopen_default_name",
    "govopen_division_code",
    "govopen_item_name",
    "govopen_not_before",
    "govopen_not_future",
    "govopen_not_secret",
    "govopen_phone",
    "govopen_provider_code",
    "govopen_required",
    "govopen_required_when",
    "govopen_resource_code",
    "govopen_resource_code_list",
    "govopen_vocabulary",
    "govopen_vocabulary_list",
]

Invalid = tk.Invalid
StopOnError = tk.StopOnError
missing = tk.missing
_ = tk._
_PHONE = re.compile(r"^[0-9+()\- ]{7,24}$")
_ITEM_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_BIG_VOCABULARY = 12


def _empty(value: Any) -> bool:
    if value is missing or value is None:
        return True
    if isinstance(value, str):
        return not value.strip() or value.strip() == "[]"
    return isinstance(value, (list, dict)) and not value


def _label(field: dict[str, Any] | None) -> str:
    if not field:
        return ""
    return scheming_text(field.get("label")) or field.get("field_name", "")


def _fields(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return schema.get("dataset_fields") or schema.get("fields") or []


def _vocab(field: dict[str, Any]) -> catalog.Vocabulary:
    return catalog.vocabulary(field["vocabulary"])


def _unknown_choice(field: dict[str, Any], values: list[str]) -> str:
    vocab = _vocab(field)
    allowed = (_("see govopen_vocabulary_show?name={name}").format(name=vocab.name)
               if len(vocab) > _BIG_VOCABULARY else ", ".join(vocab.codes()))
    return _("{label}: unknown value {values}; allowed: {allowed}").format(
        label=_label(field), values=", ".join(f"“{v}”" for v in values), allowed=allowed)


@scheming_validator
def govopen_required(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """Not empty, with a message naming the field."""
    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        if _empty(data.get(key)):
            errors[key].append(_("{label} is required").format(label=_label(field)))
            raise StopOnError
    return validator


@scheming_validator
def govopen_vocabulary(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """One code of the field's `vocabulary` (a name in catalog.VOCABULARIES)."""
    vocab = _vocab(field)

    def validator(value: Any) -> Any:
        if _empty(value):
            return ""
        value = str(value).strip()
        if value not in vocab:
            raise Invalid(_unknown_choice(field, [value]))
        return value
    return validator


@scheming_validator
def govopen_vocabulary_list(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """Codes of the field's `vocabulary`, as a list, a JSON list or a comma-separated string;
    stored as a JSON list in vocabulary order."""
    vocab = _vocab(field)

    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        values = _as_list(data.get(key))
        if values is None:
            errors[key].append(_("{label}: expected a list of codes").format(label=_label(field)))
            raise StopOnError
        unknown = [v for v in values if v not in vocab]
        if unknown:
            errors[key].append(_unknown_choice(field, unknown))
            raise StopOnError
        data[key] = json.dumps([c for c in vocab.codes() if c in values])
    return validator


def _as_list(value: Any) -> list[str] | None:
    if _empty(value):
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except ValueError:
                return None
        else:
            return [v.strip() for v in re.split(r"[,，;；\n]", text) if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return [v.strip() for v in value if v.strip()]


@scheming_validator
def govopen_required_when(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """Required when another field has one of some values: ``required_when: {open_type:
    [conditional, not_open]}`` in the field definition."""
    conditions: dict[str, list[str]] = field["required_when"]

    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        if not _empty(data.get(key)):
            return
        for other, values in conditions.items():
            current = data.get((*key[:-1], other))
            if isinstance(current, str) and current.strip() in values:
                other_field = scheming_field_by_name(_fields(schema), other) or {}
                shown = (_vocab(other_field).label(current.strip(), govopen_lang())
                         if other_field.get("vocabulary") else current)
                errors[key].append(_("{label} is required when {other} is “{value}”").format(
                    label=_label(field), other=_label(other_field) or other, value=shown))
                raise StopOnError
    return validator


def govopen_not_secret(value: Any) -> Any:
    if value == "secret":
        raise Invalid(_("Classified resources may not be catalogued on the open-data "
                        "platform: only non-classified resources can be entered"))
    return value


def _credit_reason(reason: str) -> str:
    if reason == "length":
        return _("must have 18 characters")
    return _("may hold only digits and capital letters other than I, O, S, V and Z, "
             "and its first 8 characters must be digits")


def govopen_credit_code(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                        context: Context) -> None:
    """A valid unified social credit code (GB 32100), not held by another organization."""
    value = data.get(key)
    if _empty(value):
        return
    try:
        code = codes.check_credit_code(str(value))
    except codes.CodeError as e:
        if e.reason == "checksum":
            text = str(value).strip().upper()
            errors[key].append(_("Unified social credit code: the check character is wrong "
                                 "(the 18th character should be {char})").format(
                char=codes.credit_check_character(text[:17])))
        else:
            errors[key].append(_("Unified social credit code") + ": "
                               + _credit_reason(e.reason))
        raise StopOnError from e
    group = context.get("group")
    other = store.organization_with_credit_code(code, group.id if group else None)
    if other is not None:
        errors[key].append(_("Unified social credit code {code} is already registered for "
                             "“{org}”").format(code=code, org=other.title or other.name))
        raise StopOnError
    data[key] = code


def _provider(data: FlattenDataDict) -> tuple[Any, str | None]:
    org = store.organization(data.get(("owner_org",)))
    return org, (store.organization_credit_code(org) if org else None)


def govopen_provider_code(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                          context: Context) -> None:
    """Always the provider organization's credit code; whatever was sent is ignored."""
    org, code = _provider(data)
    if org is None:
        data[key] = ""
        return
    if not code:
        errors[key].append(_("The provider “{org}” has no unified social credit code yet: "
                             "an administrator must add it to the organization first").format(
            org=org.title or org.name))
        raise StopOnError
    data[key] = code


def govopen_resource_code(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                          context: Context) -> None:
    """The resource code: checked and unique when given, generated when left empty.

    An update that leaves it empty keeps the stored code while provider and
    classification are unchanged. An update that sends the stored code back unchanged
    (``package_patch`` carries every stored field) while moving the dataset to another
    provider or classification gets a new code, as if it had left the field empty.
    """
    value = data.get(key)
    value = "" if _empty(value) else str(value).strip().upper()
    provider_code = _provider(data)[1]
    classification = data.get(("classification",)) or ""
    if classification not in catalog.vocabulary("classification") or not provider_code:
        # provider and classification report their own errors
        data[key] = value
        return
    prefix = codes.resource_code_prefix(provider_code, classification)
    package = context.get("package")
    package_id = package.id if package is not None else None
    stored = store.stored_resource_code(package_id) if package_id else None
    if not value or (value == stored and not value.startswith(prefix)):
        if stored and stored.startswith(prefix):
            data[key] = stored
            return
        store.lock_resource_codes()
        data[key] = codes.compose_resource_code(
            provider_code, classification, codes.next_sequence(store.resource_codes_like(prefix)))
        return
    if not codes.is_resource_code(value):
        errors[key].append(_("Resource code “{code}” is not of the form provider code-"
                             "classification code-sequence, e.g. {example}").format(
            code=value, example=prefix + "0001"))
        raise StopOnError
    if not value.startswith(prefix):
        errors[key].append(_("Resource code “{code}” must start with the provider code and the "
                             "classification code: {prefix}; leave it empty to have one "
                             "generated").format(code=value, prefix=prefix))
        raise StopOnError
    store.lock_resource_codes()
    other = store.dataset_with_resource_code(value, package_id)
    if other is not None:
        errors[key].append(_("Resource code {code} is already used by “{title}”").format(
            code=value, title=other.title or other.name))
        raise StopOnError
    data[key] = value


@scheming_validator
def govopen_resource_code_list(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """Related resource codes: well-formed, without repeats; stored as a JSON list."""
    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        values = _as_list(data.get(key))
        if values is None:
            errors[key].append(_("{label}: expected a list of codes").format(label=_label(field)))
            raise StopOnError
        values = [v.upper() for v in values]
        bad = [v for v in values if not codes.is_resource_code(v)]
        if bad:
            errors[key].append(_("{label}: {values} are not resource codes").format(
                label=_label(field), values=", ".join(f"“{v}”" for v in bad)))
            raise StopOnError
        data[key] = json.dumps(list(dict.fromkeys(values)))
    return validator


def govopen_division_code(value: Any) -> Any:
    if _empty(value):
        return ""
    value = str(value).strip()
    if not codes.is_division_code(value):
        raise Invalid(_("“{code}” is not a current GB/T 2260 administrative division code "
                        "(six digits, e.g. 140000 for Shanxi Province)").format(code=value))
    return value


def govopen_phone(value: Any) -> Any:
    if _empty(value):
        return ""
    value = str(value).strip()
    if not _PHONE.match(value) or sum(c.isdigit() for c in value) < 7:
        raise Invalid(_("“{phone}” is not a telephone number").format(phone=value))
    return value


def govopen_item_name(value: Any) -> Any:
    if _empty(value):
        return value
    value = str(value).strip()
    if not _ITEM_NAME.match(value):
        raise Invalid(_("Data item name “{name}” must start with a letter and hold only "
                        "letters, digits and underscores").format(name=value))
    return value


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def govopen_not_future(value: Any) -> Any:
    """A date that has already come (one day of slack for time zones)."""
    day = _as_date(value)
    if day and day > dt.date.today() + dt.timedelta(days=1):
        raise Invalid(_("The date {date} is in the future").format(date=day.isoformat()))
    return value


@scheming_validator
def govopen_not_before(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """Not earlier than the date field named by ``not_before`` in the field definition."""
    other_name: str = field["not_before"]

    def validator(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                  context: Context) -> None:
        end, start = _as_date(data.get(key)), _as_date(data.get((*key[:-1], other_name)))
        if end and start and end < start:
            other = scheming_field_by_name(_fields(schema), other_name)
            errors[key].append(_("{label} may not be earlier than {other}").format(
                label=_label(field), other=_label(other) or other_name))
            raise StopOnError
    return validator


def govopen_catalog_entry(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                          context: Context) -> None:
    """Whole-entry rules, run after the fields: at least one data item (信息项)."""
    if not any(k[0] == "data_items" and len(k) == 3 for k in data):
        errors.setdefault(("data_items",), []).append(
            _("Describe at least one data item (信息项): its name, Chinese label and type"))


def govopen_default_name(value: Any) -> Any:
    """A generated URL name when none is given: Chinese titles give no usable slug."""
    if _empty(value):
        return "data-" + uuid.uuid4().hex[:12]
    return value
