"""Template helpers of the access capability."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.govopen.access import texts
from ckanext.govopen.lib.lang import is_english


def govopen_access_can_apply(pkg_dict: dict[str, Any]) -> bool:
    """Whether the dataset page shows 申请数据: conditional datasets, to everyone (anonymous
    visitors are sent to log in first)."""
    return pkg_dict.get("open_type") == "conditional"


def govopen_access_label(key: str) -> str:
    """A state label or message of texts.py in the page's language."""
    return texts.en(key) if is_english() else texts.zh(key)


def govopen_access_pick(pair: dict[str, str] | None) -> str:
    """The current language's side of a {zh_Hans_CN, en} pair returned by an action."""
    if not pair:
        return ""
    return pair["en"] if is_english() else pair["zh_Hans_CN"]


def govopen_access_reviews() -> bool:
    """Whether the account menu links 待审申请: the user is an admin of some organization
    (the provider's admins decide) or a sysadmin."""
    user: model.User | None = (tk.current_user if isinstance(tk.current_user, model.User)
                               else None)
    if user is None:
        return False
    if user.sysadmin:
        return True
    return bool(tk.get_action("organization_list_for_user")(
        {"user": user.name}, {"id": user.id, "permission": "manage_group"}))


def govopen_access_calendar_warning() -> str:
    """For sysadmins: the warning that this or next year's holidays are not known yet."""
    # a proxy typed as a union mypy cannot resolve: an anonymous visitor is no model.User
    user: model.User | None = (tk.current_user if isinstance(tk.current_user, model.User)
                               else None)
    if not (user and user.sysadmin):
        return ""
    result = tk.get_action("govopen_calendar_day_list")({"user": user.name}, {})
    return govopen_access_pick(result["warning"])
