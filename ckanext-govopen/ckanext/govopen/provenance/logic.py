"""The provenance note of a dataset, as the ``govopen_provenance_note`` action gives it."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.logic.schema import validator_args
from ckan.types import Context, DataDict, Schema, Validator

from ckanext.govopen import config
from ckanext.govopen.catalog import store
from ckanext.govopen.lib.context import same_user
from ckanext.govopen.provenance import note


@validator_args
def note_schema(not_empty: Validator, ignore_missing: Validator, unicode_safe: Validator,
                isodate: Validator, govopen_text: Validator) -> Schema:
    return {"id": [not_empty, govopen_text, unicode_safe],
            "date": [ignore_missing, govopen_text, isodate]}


def dataset_url(pkg: dict[str, Any]) -> str:
    site = tk.config["ckan.site_url"].rstrip("/")
    return f"{site}/{pkg.get('type') or 'dataset'}/{pkg['name']}"


def facts(pkg: dict[str, Any], acquired: dt.date) -> note.NoteFacts:
    """What the note of `pkg` acquired on `acquired` states."""
    org = pkg.get("organization") or {}
    publisher = org.get("title") or org.get("name") or pkg.get("producer_name") or ""
    platform = config.platform_name()
    return note.NoteFacts(
        title=pkg.get("title") or pkg["name"], url=dataset_url(pkg), publisher=publisher,
        platform=platform, acquired=acquired, title_en=str(pkg.get("title_en") or "").strip(),
        publisher_en=_org_title_en(org) or publisher,
        platform_en=note.platform_en(platform, config.platform_name_en()),
    )


def _org_title_en(org: dict[str, Any]) -> str:
    if org.get("title_en"):
        return str(org["title_en"])
    if not org.get("id"):
        return ""

    return store.organization_english_titles([org.get("name", "")]).get(org.get("name", ""), "")


def provenance_note(context: Context, data_dict: DataDict) -> dict[str, Any]:
    data, errors = tk.navl_validate(data_dict, note_schema(), context)
    if errors:
        raise tk.ValidationError(errors)
    try:
        pkg = tk.get_action("package_show")(
            same_user(context), {"id": data["id"]})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        # package_show's refusal names the dataset's id: a private dataset must read as
        # absent, or anyone could confirm that a name exists and learn its UUID.
        raise tk.ObjectNotFound(tk._("Dataset not found")) from None
    day = data.get("date")
    acquired = day.date() if isinstance(day, dt.datetime) else (day or note.today())
    return {**note.note(facts(pkg, acquired)), "id": pkg["id"], "name": pkg["name"]}
