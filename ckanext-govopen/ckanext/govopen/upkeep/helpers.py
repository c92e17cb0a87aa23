"""Template helpers of the upkeep capability."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz

from ckanext.govopen.lib.context import current_user, user_context
from ckanext.govopen.lib.lang import govopen_lang, is_english
from ckanext.govopen.upkeep import store
from ckanext.govopen.upkeep.texts import TEXTS


def govopen_upkeep_text(key: str, **params: Any) -> str:
    """An upkeep message in the page's language."""
    return TEXTS.in_lang(key, govopen_lang(), **params)


def govopen_upkeep_pick(pair: dict[str, str]) -> str:
    """The page's language out of a ``{zh_Hans_CN, en}`` pair."""
    return pair.get("en" if is_english() else "zh_Hans_CN", "")


def govopen_upkeep_status(pkg: str | dict[str, Any]) -> dict[str, Any] | None:
    """The dataset's update status and quality for its page; None if not visible.

    `pkg` is the dataset's id, or the dataset as the page already shows it to the visitor
    (which saves showing it a second time)."""
    if isinstance(pkg, dict) and pkg.get("id"):
        return store.status_dict(pkg)
    try:
        return tk.get_action("govopen_upkeep_status")(user_context(), {"id": pkg})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return None


def govopen_upkeep_organization_summary(org_id: str) -> dict[str, Any] | None:
    try:
        return tk.get_action("govopen_upkeep_organization_summary")(user_context(),
                                                                    {"id": org_id})
    except (tk.ObjectNotFound, tk.NotAuthorized, tk.ValidationError):
        return None


def govopen_upkeep_may_review(org_id: str) -> bool:
    """Whether the visitor may open the organization's catalog review."""
    user = current_user()
    return user is not None and authz.has_user_permission_for_group_or_org(
        org_id, user.name, "admin")
