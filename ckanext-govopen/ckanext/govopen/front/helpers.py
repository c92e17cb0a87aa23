"""Template helpers of the front capability: the home page, the emblem, bilingual
dataset and group metadata, the share box."""
from __future__ import annotations

import functools
import logging
from typing import Any, cast

import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.govopen import config
from ckanext.govopen.catalog import store
from ckanext.govopen.catalog.classification import CATALOG_THEME
from ckanext.govopen.front import bilingual, qr
from ckanext.govopen.front.texts import TEXTS
from ckanext.govopen.lib import cache
from ckanext.govopen.lib.lang import govopen_lang, is_english

log = logging.getLogger(__name__)

# How many entries each home-page list shows.
LIST_LENGTH = 5
# config_declaration.yaml's default of ckanext.govopen.platform_name.
DEFAULT_PLATFORM_NAME = "政府数据开放平台"


def govopen_front_text(key: str, **params: Any) -> str:
    """A home-page label in the page's language."""
    return TEXTS.en(key, **params) if is_english() else TEXTS.zh(key, **params)


def govopen_emblem_url() -> str:
    """The configured emblem's address; empty for the built-in one."""
    return config.emblem_url()


def govopen_popular_searches() -> list[str]:
    return config.popular_searches(govopen_lang())


def _anonymous() -> Context:
    """The context of the remembered home-page blocks: computed as a visitor without an
    account, since one computation serves every visitor."""
    return cast(Context, {"user": ""})


def _search(data_dict: dict[str, Any]) -> dict[str, Any]:
    return tk.get_action("package_search")(_anonymous(), {"include_private": False,
                                                          **data_dict})


def govopen_catalog_grid() -> list[dict[str, Any]]:
    """The base libraries (class 1) and thematic catalogs (class 2) with their counts."""
    counts = _remembered("grid", lambda: _search(
        {"rows": 0, "fq": "+dataset_type:dataset", "facet.field": '["catalog_theme"]',
         "facet.limit": -1}).get("facets", {}).get("catalog_theme", {}))
    lang = govopen_lang()
    sections = []
    for klass, key in (("1", "home.base"), ("2", "home.themes")):
        items = [{"code": t.code, "label": t.label(lang), "count": int(counts.get(t.code, 0))}
                 for t in CATALOG_THEME if t.code.startswith(klass)]
        sections.append({"class": klass, "title": govopen_front_text(key), "items": items})
    return sections


def _remembered(key: str, compute: Any) -> Any:
    """What every visitor of the home page sees alike (public datasets only), kept
    `ckanext.govopen.front.cache_seconds` per web process: without it each view of the
    home page costs a dozen search and database queries."""
    return cache.remember(("front", key), config.front_cache_seconds(), compute)


def govopen_site_figures() -> dict[str, int]:
    return _remembered("figures", lambda: tk.get_action("govopen_site_figures")(
        _anonymous(), {}))


def govopen_newest(dataset_type: str = "dataset") -> list[dict[str, Any]]:
    return _remembered(f"newest:{dataset_type}", lambda: _search(
        {"rows": LIST_LENGTH, "fq": f"+dataset_type:{dataset_type}",
         "sort": "metadata_created desc"})["results"])


def govopen_most_downloaded() -> list[dict[str, Any]]:
    """The most downloaded public datasets with their counts (from the database, so a
    download shows at once; the search index catches up by `ckan govopen usage-reindex`)."""
    return _remembered("most_downloaded", _most_downloaded)


def _most_downloaded() -> list[dict[str, Any]]:
    summary = tk.get_action("govopen_usage_summary")(_anonymous(),
                                                     {"days": 1, "limit": LIST_LENGTH})
    out = []
    for row in summary["top"]:
        try:
            pkg = tk.get_action("package_show")(_anonymous(), {"id": row["id"]})
        except (tk.ObjectNotFound, tk.NotAuthorized):
            continue
        out.append({**pkg, "downloads": row["downloads"]})
    return out


def govopen_notices(limit: int = LIST_LENGTH) -> list[dict[str, Any]]:
    try:
        return _remembered(f"notices:{limit}", lambda: tk.get_action("govopen_notice_list")(
            _anonymous(), {"limit": limit})["results"])
    except KeyError:  # the notices capability is not loaded
        return []


@tk.chained_helper
def dataset_display_name(next_helper: Any, package: Any) -> str:
    """The English title in the English UI when the dataset has one, else CKAN's."""
    if isinstance(package, dict):
        english = bilingual.english(package, "title")
        if english:
            return english
    return next_helper(package)


@tk.chained_helper
def get_translated(next_helper: Any, data_dict: dict[str, Any], field: str) -> Any:
    """CKAN's translated field, with our ``<field>_en`` in the English UI."""
    return bilingual.english(data_dict, field) or next_helper(data_dict, field)


@tk.chained_helper
def markdown_extract(next_helper: Any, text: str, extract_length: int = 190) -> Any:
    """CKAN's plain-text extract of a summary, remembered: a list of search results asks it
    twice per entry (CKAN's snippet and ours), and rendering markdown then cleaning it
    was a third of a results page's time. The extract depends on its arguments alone."""
    if not isinstance(text, str) or not isinstance(extract_length, int):
        return next_helper(text, extract_length=extract_length)
    return _extract(next_helper, text, extract_length)


@functools.lru_cache(maxsize=4096)
def _extract(next_helper: Any, text: str, extract_length: int) -> Any:
    return next_helper(text, extract_length=extract_length)


def govopen_dataset_notes(pkg_dict: dict[str, Any]) -> str:
    """The summary in the page's language (the Chinese when there is no English)."""
    return bilingual.english(pkg_dict, "notes") or pkg_dict.get("notes") or ""


def govopen_group_title(group: dict[str, Any] | None) -> str:
    """A group's or organization's title in the page's language: its ``title_en`` in
    English (looked up when the dict at hand, e.g. a list's, carries no extras)."""
    if not group:
        return ""
    english = bilingual.english(group, "title")
    if not english and is_english() and group.get("name"):
        english = store.organization_english_titles([group["name"]]).get(group["name"], "")
    return (english or group.get("display_name") or group.get("title")
            or group.get("name") or "")


def govopen_english_missing(pkg_dict: dict[str, Any]) -> bool:
    """The quality hint: a dataset without English title or summary."""
    return not (pkg_dict.get("title_en") and pkg_dict.get("notes_en"))


def govopen_qr_svg(url: str) -> str:
    """A QR code of `url` as an inline SVG (markup)."""
    return tk.literal(qr.svg(url))


def govopen_platform_title() -> str:
    """The platform's name in the page's language (ckanext.govopen.platform_name_en in
    English, a generic English name for the default Chinese one)."""
    name = config.platform_name()
    if not is_english():
        return name
    if config.platform_name_en():
        return config.platform_name_en()
    return TEXTS.en("platform.en") if name == DEFAULT_PLATFORM_NAME else name


def govopen_provider_title(pkg_dict: dict[str, Any]) -> str:
    """The provider of a dataset in the page's language (a dataset's organization dict
    carries no English title: it is looked up)."""
    org = pkg_dict.get("organization") or {}
    if is_english() and org.get("name"):
        english = store.organization_english_titles([org["name"]]).get(org["name"])
        if english:
            return english
    return org.get("title") or org.get("name") or ""


def govopen_front_count(key: str, n: int) -> str:
    """A label counting `n` things, in the page's language: English says "1 download" but
    "2 downloads" (the table's ``<key>.one``); Chinese has one form."""
    if n == 1 and f"{key}.one" in TEXTS:
        key = f"{key}.one"
    return govopen_front_text(key, n=n)
