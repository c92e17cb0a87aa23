"""Actions of the usage capability."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.govopen.lib import clock
from ckanext.govopen.lib import params as guards
from ckanext.govopen.usage import api_calls, texts
from ckanext.govopen.usage import model as usage


@tk.side_effect_free
def govopen_download_counts(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Downloads counted by the server (every route, browser or API), per resource.

    :param id: the dataset's id or name
    :type id: string
    :returns: ``{"total": n, "resources": {resource_id: {"total": n,
        "days": [{"day": "YYYY-MM-DD", "count": n}, ...]}}}`` (days in Asia/Shanghai)
    :rtype: dictionary
    """
    guards.require_text(data_dict, "id")
    tk.check_access("govopen_download_counts", context, data_dict)
    pkg = tk.get_action("package_show")(context, {"id": data_dict.get("id")})
    totals = usage.totals(pkg["id"])
    resources = {res["id"]: {"total": totals.get(res["id"], 0),
                             "days": [{"day": d.isoformat(), "count": n}
                                      for d, n in usage.by_day(res["id"])]}
                 for res in pkg.get("resources", [])}
    return {"total": sum(r["total"] for r in resources.values()), "resources": resources}


@tk.side_effect_free
def govopen_usage_summary(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Downloads of the public datasets, site-wide or of one organization.

    Only datasets anyone may see are counted, so the figures are public.

    :param organization_id: only this organization's datasets (id or name; optional)
    :type organization_id: string
    :param days: how many days of the daily series, today included (default 30, at most 366)
    :type days: int
    :param limit: how many of the most downloaded datasets (default 5, at most 100)
    :type limit: int
    :returns: ``{"downloads": n, "api_calls": n, "days": [{"day": "YYYY-MM-DD",
        "count": n}, ...] (oldest first, every day present), "top": [{"id": package id,
        "downloads": n}, ...]}``; ``api_calls`` counts action API calls site-wide
    :rtype: dictionary
    """
    tk.check_access("govopen_usage_summary", context, data_dict)
    days = _bounded(data_dict, "days", 30, 366)
    limit = _bounded(data_dict, "limit", 5, 100)
    org_id = None
    if data_dict.get("organization_id"):
        guards.require_text(data_dict, "organization_id")
        group = model.Group.get(data_dict["organization_id"])
        if group is None or not group.is_organization or group.state != "active":
            raise tk.ObjectNotFound(texts.both("err.no_org"))
        org_id = group.id
    today = clock.today()
    since = today - dt.timedelta(days=days - 1)
    per_day = usage.public_by_day(since, org_id)
    series = [since + dt.timedelta(days=n) for n in range(days)]
    return {
        "downloads": usage.public_total(org_id),
        "api_calls": api_calls.total(),
        "days": [{"day": d.isoformat(), "count": per_day.get(d, 0)} for d in series],
        "top": [{"id": pid, "downloads": n} for pid, n in usage.public_top(limit, org_id)],
    }


def _bounded(data_dict: DataDict, key: str, default: int, most: int) -> int:
    value = data_dict.get(key, default)
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise tk.ValidationError({key: [texts.both("err.number", most=most)]}) from None
    if not 1 <= number <= most:
        raise tk.ValidationError({key: [texts.both("err.number", most=most)]})
    return number


@tk.side_effect_free
def govopen_usage_totals(context: Context, data_dict: DataDict) -> dict[str, int]:
    """Downloads of each of the given public datasets (a private or unknown one answers 0).

    :param ids: dataset ids (at most 100,000)
    :type ids: list of strings
    :returns: ``{package id: downloads}`` for every id asked
    :rtype: dictionary
    """
    tk.check_access("govopen_usage_totals", context, data_dict)
    ids = data_dict.get("ids")
    if not isinstance(ids, list) or len(ids) > 100_000 or not all(isinstance(i, str) for i in ids):
        raise tk.ValidationError({"ids": [texts.both("err.ids")]})
    totals = usage.public_totals(ids)
    return {pid: totals.get(pid, 0) for pid in ids}
