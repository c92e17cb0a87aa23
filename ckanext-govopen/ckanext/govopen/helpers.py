from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen import catalog, config
from ckanext.govopen.catalog import classification, codes
from ckanext.govopen.lib import clock, lang


def govopen_platform_name() -> str:
    """The platform's display name, as configured."""
    return config.platform_name()


def govopen_lang() -> str:
    """The language of the current request; the default locale outside one (CLI, jobs).

    The template helper of that name; Python code calls ``lib.lang.govopen_lang``."""
    return lang.govopen_lang()


def govopen_text(text: Any) -> str:
    """A scheming label ({lang: text} or plain text) in the current language.

    Like scheming_language_text, but also safe outside a request.
    """
    return lang.scheming_text(text)


def govopen_vocabulary_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """scheming ``choices_helper``: the choices of the field's ``vocabulary``."""
    return catalog.vocabulary(field["vocabulary"]).choices()


def govopen_term_label(vocabulary: str, code: Any) -> str:
    """Label of `code` in `vocabulary` in the current language (the code when unknown)."""
    if code in (None, ""):
        return ""
    return catalog.vocabulary(vocabulary).label(str(code), govopen_lang())


def govopen_classification_label(code: Any) -> str:
    """类 › 项 › 目 of a classification code, in the current language."""
    return classification.path_label(str(code or ""), govopen_lang())


def govopen_classification_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Classification choices grouped by base library / theme, for the form."""
    return classification.grouped(govopen_lang())


def govopen_division_label(code: Any) -> str:
    """``山西省 太原市 (140100)``; the bare code when it is not a current division."""
    if not code:
        return ""
    name = codes.division_name(str(code))
    return f"{name} ({code})" if name else str(code)


def govopen_organization_title(org: dict[str, Any] | None) -> str:
    """An organization's title in the current language (English title when there is one)."""
    if not org:
        return ""
    if lang.is_english() and org.get("title_en"):
        return org["title_en"]
    return org.get("title") or org.get("name") or ""



def govopen_derived_products(pkg_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The derived products registered on a dataset that the viewer may see."""
    from ckanext.govopen.provenance import helpers as provenance

    return provenance.derived_products(pkg_dict)


def govopen_product_sources(pkg_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """A product's sources, each with its dataset as it is now and whether it changed
    after the product acquired it."""
    from ckanext.govopen.provenance import helpers as provenance

    return provenance.product_sources(pkg_dict)


def govopen_resource_provenance(pkg_dict: dict[str, Any], res: dict[str, Any]) -> dict[str, Any]:
    """The provenance note of a download of `res` made today, and its companion files."""
    from ckanext.govopen.provenance import helpers as provenance

    return provenance.resource_provenance(pkg_dict, res)


@tk.chained_helper
def render_datetime(next_helper: Any, datetime_: Any, date_format: str | None = None,
                    with_hours: bool = False, with_seconds: bool = False) -> str:
    """CKAN's date display, in Asia/Shanghai and the reader's language.

    CKAN's own pattern is English-shaped in every locale ("December 3, 2026, 10:51 (UTC)");
    an explicit ``date_format`` (machine formats such as ISO 8601) is left to CKAN.
    """
    if date_format:
        return next_helper(datetime_, date_format=date_format, with_hours=with_hours,
                           with_seconds=with_seconds)
    moment = datetime_
    if isinstance(moment, str):
        try:
            moment = tk.h.date_str_to_datetime(moment)
        except (TypeError, ValueError):
            return ""
    if not isinstance(moment, dt.datetime):
        return ""
    return clock.format_moment(moment, govopen_lang(), with_time=with_hours or with_seconds,
                               with_seconds=with_seconds)
