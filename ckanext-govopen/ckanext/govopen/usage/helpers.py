"""Template helpers of the usage capability: download counts and the organization chart."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.usage import model as usage

# The organization page's bar chart (inline SVG, no script): size in SVG units.
CHART_WIDTH, CHART_HEIGHT = 300, 80


def govopen_download_totals(package_ids: list[str]) -> dict[str, int]:
    """Downloads of each listed dataset (the page shows them, so the caller may see them)."""
    return usage.package_totals([i for i in package_ids if isinstance(i, str)])


def govopen_download_total(pkg_dict: dict[str, Any]) -> int:
    return govopen_download_totals([pkg_dict.get("id", "")]).get(pkg_dict.get("id", ""), 0)


def govopen_usage_chart(organization_id: str, days: int = 30) -> dict[str, Any] | None:
    """An organization's downloads per day as bars for an inline SVG; None when unknown."""
    try:
        summary = tk.get_action("govopen_usage_summary")(
            user_context(), {"organization_id": organization_id, "days": days})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return None
    series = summary["days"]
    peak = max((d["count"] for d in series), default=0) or 1
    step = CHART_WIDTH / max(len(series), 1)
    bars = []
    for n, day in enumerate(series):
        height = round(day["count"] / peak * (CHART_HEIGHT - 12), 1)
        bars.append({"x": round(n * step + 1, 1), "width": round(max(step - 2, 1), 1),
                     "y": round(CHART_HEIGHT - height, 1), "height": height, **day})
    return {"total": summary["downloads"], "peak": peak if summary["downloads"] else 0,
            "bars": bars, "width": CHART_WIDTH, "height": CHART_HEIGHT,
            "first": series[0]["day"] if series else "", "last": series[-1]["day"] if series else ""}
