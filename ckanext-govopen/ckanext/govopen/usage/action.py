"""Actions of the usage capability."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.govopen.lib import params as guards
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
