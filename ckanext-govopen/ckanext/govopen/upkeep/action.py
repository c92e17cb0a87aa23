"""Actions of the upkeep capability: update status, quality, the catalog review."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.lib import audit, clock
from ckanext.govopen.lib import params as guards
from ckanext.govopen.lib.context import same_user
from ckanext.govopen.upkeep import review, schema, store
from ckanext.govopen.upkeep.quality import rating
from ckanext.govopen.upkeep.texts import TEXTS

_MAX_SUMMARY = 1000  # datasets per organization the summary averages over


def _year(data_dict: DataDict) -> int:
    year = data_dict.get("year") or clock.today().year
    if not 2000 <= int(year) <= 2100:
        raise tk.ValidationError({"year": [TEXTS.both("review.bad_year")]})
    return int(year)


@tk.side_effect_free
def govopen_upkeep_status(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A dataset's update status (next update due, on the Chinese working-day calendar) and
    its metadata quality score.

    :param id: the dataset's id or name
    :type id: string
    :returns: ``{"update_status": "on_time"|"due_soon"|"overdue"|"unscheduled",
        "due": "YYYY-MM-DD" or null, "workdays_left": n (negative: late) or null,
        "guessed_years": [...], "status_label": {zh_Hans_CN, en},
        "quality": {"percent", "points", "rating", "failed": [check keys],
        "dimensions": {name: {"points", "maximum"}}}}``
    :rtype: dictionary
    """
    tk.check_access("govopen_upkeep_status", context, data_dict)
    guards.check(data_dict, schema.dataset_schema(), context)
    pkg = tk.get_action("package_show")(same_user(context), {"id": data_dict["id"]})
    return store.status_dict(pkg)


@tk.side_effect_free
def govopen_upkeep_organization_summary(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """An organization's public datasets by update status, the overdue ones, and their
    average metadata quality.

    :param id: the organization's id or name
    :type id: string
    :returns: ``{"counts": {status: n}, "overdue": [{"name", "title", "due"}],
        "quality": average percent or null, "rating": ..., "datasets": n}``
    :rtype: dictionary
    """
    tk.check_access("govopen_upkeep_organization_summary", context, data_dict)
    guards.check(data_dict, schema.dataset_schema(), context)
    group = model.Group.get(data_dict["id"])
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(TEXTS.both("review.not_found"))
    found = tk.get_action("package_search")({"user": ""}, {
        "fq": f'owner_org:"{group.id}"', "rows": _MAX_SUMMARY, "include_private": False})
    counts = {s: 0 for s in ("on_time", "due_soon", "overdue", "unscheduled")}
    overdue, percents = [], []
    for pkg in found["results"]:
        state = store.freshness(pkg)
        counts[state.status] += 1
        percents.append(store.score(pkg).percent)
        if state.status == "overdue":
            overdue.append({"name": pkg["name"], "title": pkg.get("title") or pkg["name"],
                            "due": state.due.isoformat() if state.due else None})
    average = round(sum(percents) / len(percents)) if percents else None
    return {"counts": counts, "overdue": sorted(overdue, key=lambda o: o["due"] or ""),
            "quality": average, "rating": rating(average) if average is not None else None,
            "datasets": len(percents)}


@tk.side_effect_free
def govopen_catalog_review_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The organization's catalog review of a year (Changsha art. 16): every entry, the
    reasons it needs attention, its quality and whether it was confirmed reviewed.

    :param organization_id: the organization's id or name
    :type organization_id: string
    :param year: the review year (default: this year)
    :type year: int
    :param check_links: also try every linked file (slow; default false)
    :type check_links: bool
    :returns: ``{"organization_id", "year", "total", "reviewed", "quality",
        "entries": [{"id", "name", "title", "update_status", "due", "quality", "rating",
        "reasons": [{"key", "text": {zh_Hans_CN, en}}], "reviewed": {...} or null}],
        "attention": [the entries with reasons]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_catalog_review_show", context, data_dict)
    guards.check(data_dict, schema.review_schema(), context)
    group = model.Group.get(data_dict["organization_id"])
    if group is None or not group.is_organization:
        raise tk.ObjectNotFound(TEXTS.both("review.not_found"))
    return review.report(group.id, _year(data_dict),
                         check_links=bool(data_dict.get("check_links")))


def govopen_catalog_review_confirm(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Confirm a catalog entry reviewed in a year's review.

    :param id: the dataset's id or name
    :type id: string
    :param year: the review year (default: this year)
    :type year: int
    :param note: what was checked or changed
    :type note: string
    :returns: ``{"package_id", "year", "reviewer", "at"}``
    :rtype: dictionary
    """
    tk.check_access("govopen_catalog_review_confirm", context, data_dict)
    guards.check(data_dict, schema.confirm_schema(), context)
    pkg = model.Package.get(data_dict["id"])
    if pkg is None or pkg.state != "active" or not pkg.owner_org:
        raise tk.ObjectNotFound(TEXTS.both("review.not_found"))
    year = _year(data_dict)
    row = review.confirm(pkg.id, pkg.owner_org, year, context.get("user") or "",
                         data_dict.get("note"))
    audit.record(context.get("user") or "", "catalog_review.confirm", package_id=pkg.id,
                 year=year)
    model.Session.commit()
    return {"package_id": pkg.id, "year": year, "reviewer": row.reviewer,
            "at": row.reviewed.isoformat(timespec="seconds")}


@tk.side_effect_free
def govopen_catalog_review_progress(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Province-wide progress of a year's catalog review (sysadmins).

    :param year: the review year (default: this year)
    :type year: int
    :returns: ``{"year", "organizations": [{"id", "name", "title", "total", "reviewed"}]}``
    :rtype: dictionary
    """
    tk.check_access("govopen_catalog_review_progress", context, data_dict)
    guards.check(data_dict, schema.progress_schema(), context)
    year = _year(data_dict)
    return {"year": year, "organizations": review.progress(year)}
