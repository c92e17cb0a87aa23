"""Template helpers of the whole site: platform name, language, scheming texts, dates."""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen import config
from ckanext.govopen.lib import clock, lang


def govopen_platform_name() -> str:
    """The platform's display name, as configured."""
    return config.platform_name()


def govopen_lang() -> str:
    """The language of the current request; the default locale outside one (CLI, jobs).

    The template helper of that name; Python code calls ``lib.lang.govopen_lang``."""
    return lang.govopen_lang()


def govopen_is_english() -> bool:
    """Whether the current request shows English (templates' one test of the language)."""
    return lang.is_english()


def govopen_text(text: Any) -> str:
    """A scheming label ({lang: text} or plain text) in the current language.

    Like scheming_language_text, but also safe outside a request.
    """
    return lang.scheming_text(text)


@tk.chained_helper
def render_datetime(next_helper: Any, datetime_: Any, date_format: str | None = None,
                    with_hours: bool = False, with_seconds: bool = False) -> str:
    """CKAN's date display, in Asia/Shanghai and the reader's language.

    CKAN's own pattern is English-shaped in every locale ("December 3, 2026, 10:51 (UTC)");
    an explicit ``date_format`` (machine formats such as ISO 8601) is left to CKAN.
    """
    if date_format:
        return next_helper(datetime_, date_format=date_format, with_hours=with_hours,
                           with_seconds=with_seconds)
    moment = datetime_
    if isinstance(moment, str):
        try:
            moment = tk.h.date_str_to_datetime(moment)
        except (TypeError, ValueError):
            return ""
    if not isinstance(moment, dt.datetime):
        return ""
    return clock.format_moment(moment, lang.govopen_lang(), with_time=with_hours or with_seconds,
                               with_seconds=with_seconds)
