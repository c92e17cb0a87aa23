"""A product's sources: checked against the catalog as the submitter sees it, completed
with the source's version, and compared with the source as it is now.

Error messages come in the request's language (Chinese by default, English at /en/).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.govopen.lib.context import same_user, user_context
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.lib.texts import Texts
from ckanext.govopen.provenance import note

__all__ = ["govopen_producer_credit_code", "govopen_product_sources"]

PRODUCT_TYPE = "product"
CONDITIONAL = "conditional"
_MESSAGES: dict[str, tuple[str, str]] = {
    "no_sources": ("至少填写一项数据来源", "Give at least one source"),
    "no_source": ("请填写本平台数据集，或外部来源网址",
                  "Give a dataset of this portal or an external source URL"),
    "both": ("本平台数据集与外部来源网址只能填写一项",
             "Give either a dataset of this portal or an external URL, not both"),
    "publisher": ("外部来源须填写发布方", "An external source needs its publisher"),
    "not_found": ("本平台没有数据集“{value}”", "There is no dataset “{value}” on this portal"),
    "future": ("获取日期 {date} 晚于今天", "The acquisition date {date} is in the future"),
    "before": ("获取日期 {date} 早于该数据集的发布日期 {published}",
               "The acquisition date {date} is before the dataset was published ({published})"),
    "filing": ("该数据集为有条件开放数据，须填写授权备案编号",
               ("The dataset is conditionally open: give the filing reference of your "
               "authorization")),
    "credit_code": ("统一社会信用代码无效（GB 32100）",
                    "Invalid unified social credit code (GB 32100)"),
}


_TEXTS = Texts(_MESSAGES)


def message(name: str, **values: Any) -> str:
    """The message `name` in the request's language."""
    return _TEXTS.in_lang(name, govopen_lang(), **values)


def govopen_producer_credit_code(value: Any) -> Any:
    """A valid unified social credit code (GB 32100), upper-cased; empty stays empty."""
    from stdnum.cn import uscc

    if value in (None, "", tk.missing):
        return value
    code = str(value).strip().upper()
    if not uscc.is_valid(code):
        raise tk.Invalid(message("credit_code"))
    return code


def source_dataset(context: Context, ref: str) -> dict[str, Any]:
    """The dataset `ref` (name or id) as the context's user sees it.

    Raises ObjectNotFound or NotAuthorized like package_show.
    """
    return tk.get_action("package_show")(same_user(context), {"id": ref})


def first_published(pkg: dict[str, Any]) -> dt.date | None:
    """When a dataset was first published: its release date, else its creation."""
    return note.parse_date(pkg.get("release_date")) or note.parse_date(
        pkg.get("metadata_created"))


def _indexes(data: FlattenDataDict) -> list[int]:
    return sorted({k[1] for k in data if len(k) == 3 and k[0] == "sources"
                   and isinstance(k[1], int)})


def govopen_product_sources(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                            context: Context) -> None:
    """Every source of a product: exactly one of a portal dataset (that exists and that the
    submitter may see) or an external URL with its publisher; acquired not in the future
    and not before the source was published; a filing reference for conditional data.
    Portal sources are stored by id, with the source's modification time as its version."""
    def fail(index: int, field: str, text: str) -> None:
        errors.setdefault(("sources", index, field), []).append(text)

    indexes = _indexes(data)
    if not indexes:
        errors.setdefault(("sources",), []).append(message("no_sources"))
        return
    today = note.today()
    for i in indexes:
        def get(field: str, i: int = i) -> str:
            value = data.get(("sources", i, field))
            return "" if value in (None, tk.missing) else str(value).strip()

        ref, url = get("source_dataset"), get("source_url")
        acquired = note.parse_date(get("acquired"))
        if acquired and acquired > today:
            fail(i, "acquired", message("future", date=acquired.isoformat()))
        if ref and url:
            fail(i, "source_url", message("both"))
        elif url:
            if not get("source_publisher"):
                fail(i, "source_publisher", message("publisher"))
        elif not ref:
            fail(i, "source_dataset", message("no_source"))
        else:
            _check_portal_source(i, ref, acquired, data, context, fail)


def _check_portal_source(i: int, ref: str, acquired: dt.date | None, data: FlattenDataDict,
                         context: Context, fail: Any) -> None:
    try:
        pkg = source_dataset(context, ref)
    except tk.ObjectNotFound:
        fail(i, "source_dataset", message("not_found", value=ref))
        return
    except tk.NotAuthorized:
        # The same answer as for a missing dataset: a private one's name stays unconfirmed.
        fail(i, "source_dataset", message("not_found", value=ref))
        return
    data[("sources", i, "source_dataset")] = pkg["id"]
    if not data.get(("sources", i, "source_version")):
        data[("sources", i, "source_version")] = pkg.get("metadata_modified") or ""
    published = first_published(pkg)
    if acquired and published and acquired < published:
        fail(i, "acquired", message("before", date=acquired.isoformat(),
                                    published=published.isoformat()))
    if pkg.get("open_type") == CONDITIONAL and not data.get(("sources", i, "filing_reference")):
        fail(i, "filing_reference", message("filing"))


def changed_after_acquisition(source: dict[str, Any], current: dict[str, Any] | None) -> bool:
    """Whether the portal dataset changed since the product acquired it."""
    if not current:
        return False
    then = str(source.get("source_version") or "")
    now = str(current.get("metadata_modified") or "")
    return bool(then and now and now > then)


def source_views(product: dict[str, Any], context: Context | None = None
                 ) -> list[dict[str, Any]]:
    """The product's sources with their dataset as the viewer sees it now (None when
    gone or hidden) and whether it changed after acquisition."""
    sources = product.get("sources") or []
    found = _visible_datasets(context or user_context(),
                              [s["source_dataset"] for s in sources if s.get("source_dataset")])
    views = []
    for source in sources:
        current = found.get(source.get("source_dataset") or "")
        views.append({**source, "dataset": current,
                      "changed": changed_after_acquisition(source, current)})
    return views


# Source ids are CKAN's uuids (the validator stores them by id); anything else is not
# looked up, so no value reaches the search query unquoted.
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _visible_datasets(context: Context, ids: list[str]) -> dict[str, dict[str, Any]]:
    """The datasets of `ids` the context's user may see, by id, in one search (a list of
    products would otherwise show each source one by one); unknown or hidden ones are
    absent."""
    wanted = sorted({i for i in ids if isinstance(i, str) and _UUID.match(i)})
    if not wanted:
        return {}
    query = " OR ".join(f'"{i}"' for i in wanted)
    found = tk.get_action("package_search")(same_user(context), {
        "fq": f"id:({query})", "rows": len(wanted), "include_private": True})
    return {pkg["id"]: pkg for pkg in found["results"]}
