"""Template helpers of the feedback capability."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.feedback import store
from ckanext.govopen.feedback.texts import TEXTS
from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.lib.texts import lang_key


def govopen_feedback_under_review(pkg_dict: dict[str, Any]) -> bool:
    """Whether the dataset carries the 数据存疑 / under review mark: a report on it has been
    accepted and not yet answered."""
    package_id = pkg_dict.get("id") or ""
    return bool(package_id) and package_id in store.marked_packages([package_id])


def govopen_feedback_answers(pkg_dict: dict[str, Any]) -> list[dict[str, Any]]:
    """The answered reports on this dataset, as anyone may read them (newest first)."""
    result = tk.get_action("govopen_feedback_report_list")(
        user_context(), {"package_id": pkg_dict.get("id") or "", "limit": 20})
    return result["results"]


def govopen_feedback_pick(pair: dict[str, str] | None) -> str:
    """The current language's side of a {zh_Hans_CN, en} pair returned by an action."""
    if not pair:
        return ""
    return pair[lang_key(govopen_lang())]


def govopen_feedback_label(key: str) -> str:
    """A state label of texts.py (``report.answered``, ``request.planned`` …) in the page's
    language."""
    return TEXTS.in_lang(key, govopen_lang())
