"""Actions of the front capability: the platform's figures, as the home page shows them."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict
from sqlalchemy import func

# Applications the provider has answered (returned, approved, rejected); revoked and
# expired ones were approved first.
ANSWERED = ("returned", "approved", "rejected", "revoked", "expired")


def _count(context: Context, dataset_type: str) -> int:
    found = tk.get_action("package_search")(
        {"user": context.get("user") or ""},
        {"fq": f"+dataset_type:{dataset_type}", "rows": 0, "include_private": False})
    return int(found["count"])


def _open_files() -> int:
    """Files of public datasets: what anyone can see listed (conditional ones included)."""
    query = (model.Session.query(func.count(model.Resource.id))
             .join(model.Package, model.Package.id == model.Resource.package_id)
             .filter(model.Resource.state == "active", model.Package.state == "active",
                     model.Package.private.is_(False), model.Package.type == "dataset"))
    return int(query.scalar() or 0)


def _answered_applications() -> int:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    try:
        listed = tk.get_action("govopen_access_list")(
            {"ignore_auth": True, "user": site_user["name"]}, {"limit": 1})
    except KeyError:  # the access capability is not loaded
        return 0
    return sum(listed["counts"].get(state, 0) for state in ANSWERED)


@tk.side_effect_free
def govopen_site_figures(context: Context, data_dict: DataDict) -> dict[str, int]:
    """The platform in figures, counting only what anyone may see.

    :returns: ``{"datasets": public datasets, "files": their resources, "organizations":
        providers, "downloads": downloads of public datasets, "api_calls": action API
        calls, "products": public derived products, "applications_answered":
        applications for conditional data the provider answered}``
    :rtype: dictionary
    """
    tk.check_access("govopen_site_figures", context, data_dict)
    usage = tk.get_action("govopen_usage_summary")({"user": context.get("user") or ""},
                                                   {"days": 1, "limit": 1})
    return {
        "datasets": _count(context, "dataset"),
        "files": _open_files(),
        "organizations": len(tk.get_action("organization_list")({}, {"all_fields": False})),
        "downloads": usage["downloads"],
        "api_calls": usage["api_calls"],
        "products": _count(context, "product"),
        "applications_answered": _answered_applications(),
    }
