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
# Web-session security (security/) -------------------------------------------------


def login_max_failures() -> int:
    """Failed logins of one account within the window before it is locked."""
    return tk.config["ckanext.govopen.login_max_failures"]


def login_max_failures_per_address() -> int:
    """Failed logins from one client address within the window before it is locked."""
    return tk.config["ckanext.govopen.login_max_failures_per_address"]


def login_lockout_seconds() -> int:
    """The failure-counting window, which is also how long a lockout lasts."""
    return tk.config["ckanext.govopen.login_lockout_seconds"]


def totp_required_for_sysadmins() -> bool:
    return tk.asbool(tk.config.get("ckanext.govopen.totp_required_for_sysadmins"))


def content_security_policy() -> str:
    return tk.config["ckanext.govopen.content_security_policy"]


def trusted_proxy_hops() -> int:
    """How many reverse proxies in front of CKAN append to X-Forwarded-For."""
    return tk.config["ckanext.govopen.trusted_proxy_hops"]


# Feedback on the catalog (feedback/) ------------------------------------------------


def feedback_answer_workdays() -> int:
    """Working days a provider has to answer an error report."""
    return tk.config["ckanext.govopen.feedback.answer_workdays"]


# Upkeep (upkeep/) --------------------------------------------------------------------


def upkeep_grace_workdays() -> int:
    return tk.config["ckanext.govopen.upkeep.grace_workdays"]


def upkeep_soon_workdays() -> int:
    return tk.config["ckanext.govopen.upkeep.soon_workdays"]

# The home page and header (front/) ---------------------------------------------------


def front_cache_seconds() -> int:
    return max(0, int(tk.config["ckanext.govopen.front.cache_seconds"]))


def emblem_url() -> str:
    """The header emblem's address; empty for the built-in emblem."""
    return tk.config.get("ckanext.govopen.emblem_url") or ""


def popular_searches(lang: str) -> list[str]:
    """The home page's popular searches in `lang` (Chinese unless English)."""
    key = ("ckanext.govopen.popular_searches_en" if not lang.lower().startswith("zh")
           else "ckanext.govopen.popular_searches")
    value = tk.config.get(key) or []
    return value.split() if isinstance(value, str) else list(value)

# DataStore (datastore/) ------------------------------------------------------------


def datastore_load_timeout() -> int:
    return tk.config["ckanext.govopen.datastore.load_timeout"]


def datastore_query_timeout() -> int:
    """Milliseconds a DataStore query may run (statement_timeout)."""
    return tk.config["ckanext.govopen.datastore.query_timeout"]

# Search (search/) -----------------------------------------------------------------


def search_synonyms_file() -> str:
    """Where sysadmins' synonyms are saved; "" when not configured."""
    return tk.config.get("ckanext.govopen.search.synonyms_file") or ""
