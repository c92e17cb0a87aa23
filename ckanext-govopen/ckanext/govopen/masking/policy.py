"""Organization overrides of the desensitization policy.

An organization carries its override as YAML text in the ``desensitize_policy`` field of its
profile (schemas/organization.yaml), deep-merged by the engine into the shipped
``desensitize/policy.yaml``. The field is validated on save, so an admin learns at once
that an override is malformed, names an unknown setting (a typo would otherwise be
silently ignored) or breaks a limit of the engine (e.g. revealing birth-date digits).

The effective policy's version names the override: ``<shipped version>+<organization>.
<8 hex digits of the override>``, so every report says which rules masked the file.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from typing import Any

import ckan.plugins.toolkit as tk
import yaml
from ckan import model

from ckanext.govopen.desensitize import Policy, PolicyError, load_policy
from ckanext.govopen.desensitize.policy import ALL_TYPES, default_policy_dict
from ckanext.govopen.masking import texts

FIELD = "desensitize_policy"
MAX_CHARS = 65536
_RULE_KEYS = {"rule", "keep_prefix", "keep_suffix", "level"}
_FREE_FORM = {"columns"}  # keyed by the header text of the organization's own tables


class OverrideError(ValueError):
    """An override that cannot be used; carries the Chinese and English message."""

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en
        super().__init__(f"{zh} / {en}")


def _invalid(text_key: str, **params: str) -> OverrideError:
    return OverrideError(texts.zh("policy.invalid", detail=texts.zh(text_key, **params)),
                         texts.en("policy.invalid", detail=texts.en(text_key, **params)))


def _check_keys(override: Mapping[str, Any], base: Mapping[str, Any], where: str) -> None:
    for key, value in override.items():
        path = f"{where}{key}"
        if where == "rules.":
            if key not in ALL_TYPES:
                raise _invalid("policy.unknown_key", setting=path)
            if isinstance(value, Mapping) and set(value) - _RULE_KEYS:
                raise _invalid("policy.unknown_key",
                               setting=f"{path}.{min(set(value) - _RULE_KEYS)}")
            continue
        if key not in base:
            raise _invalid("policy.unknown_key", setting=path)
        if key == "version" and not where:
            raise _invalid("policy.version")
        if isinstance(value, Mapping) and isinstance(base[key], Mapping) \
                and key not in _FREE_FORM:
            _check_keys(value, base[key], f"{path}.")


def parse(text: str | None) -> dict[str, Any] | None:
    """The override as a dict (None when empty), checked against the shipped policy and
    merged once to prove it valid. Raises OverrideError."""
    if text is None or not str(text).strip():
        return None
    if len(text) > MAX_CHARS:
        raise _invalid("policy.too_long", limit=str(MAX_CHARS))
    try:
        override = yaml.safe_load(text)
    except yaml.YAMLError as e:
        raise _invalid("policy.yaml", detail=str(e).replace("\n", " ")) from e
    if override is None:
        return None
    if not isinstance(override, Mapping):
        raise _invalid("policy.mapping")
    _check_keys(override, default_policy_dict(), "")
    try:
        load_policy(override)
    except PolicyError as e:
        raise OverrideError(e.message_zh, e.message_en) from e
    return dict(override)


def digest(override: Mapping[str, Any]) -> str:
    canonical = json.dumps(override, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:8]


def govopen_desensitize_policy(value: Any) -> Any:
    """Validator of the organization field: empty, or a valid policy override in YAML."""
    if value is None or value is tk.missing or not str(value).strip():
        return ""
    try:
        parse(str(value))
    except OverrideError as e:
        raise tk.Invalid(str(e)) from e
    return str(value).strip()


def for_organization(owner_org: str | None) -> tuple[Policy, dict[str, Any] | None]:
    """The policy a file of this organization is desensitized with, and what the override
    contributed (``None`` without one). Raises OverrideError for a stored override that is
    no longer valid (e.g. after the engine tightened a limit): the job then fails closed."""
    group = model.Group.get(owner_org) if owner_org else None
    text = group.extras.get(FIELD) if group is not None else None
    override = parse(text)
    if group is None or not override:
        return load_policy(), None
    policy = load_policy(override)
    base_version = policy.version
    label = digest(override)
    policy = dataclasses.replace(policy, version=f"{base_version}+{group.name}.{label}")
    return policy, {"organization": group.name, "base_version": base_version,
                    "override_digest": label, "override": override}
