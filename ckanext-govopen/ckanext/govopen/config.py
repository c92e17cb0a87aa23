"""Typed accessors over config_declaration.yaml: the one place options are read."""
from __future__ import annotations

import ckan.plugins.toolkit as tk


def platform_name() -> str:
    return tk.config["ckanext.govopen.platform_name"]


def platform_name_en() -> str:
    """The configured English platform name; empty when not set."""
    return tk.config.get("ckanext.govopen.platform_name_en") or ""


def storage_key() -> str:
    """The raw-upload encryption key (URL-safe base64 text; empty when unset)."""
    return tk.config.get("ckanext.govopen.storage_key") or ""


def storage_old_keys() -> list[str]:
    """Retired raw-upload keys, still accepted for reading until `ckan govopen rotate-key`
    has re-encrypted every file under the current key."""
    value = tk.config.get("ckanext.govopen.storage_old_keys") or []
    # Declared as a list; a value set at run time (tests, env vars) may still be the text.
    return value.split() if isinstance(value, str) else list(value)


def desensitize_timeout() -> int:
    return tk.config["ckanext.govopen.desensitize_timeout"]


def access_decision_workdays() -> int:
    return tk.config["ckanext.govopen.access.decision_workdays"]


def access_max_days() -> int:
    return tk.config["ckanext.govopen.access.max_days"]


def access_commitment() -> str:
    return tk.config["ckanext.govopen.access.commitment"]
