"""The language of the current request, and picking a label's side in it.

Safe outside a request (CLI, jobs): the configured default locale answers there.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.lib.texts import EN, ZH, lang_key


def govopen_lang() -> str:
    """The language of the current request; the default locale outside one (CLI, jobs)."""
    try:
        lang = tk.h.lang()
    except (RuntimeError, TypeError, AttributeError):
        lang = None
    return lang or tk.config.get("ckan.locale_default") or ZH


def is_english(lang: str | None = None) -> bool:
    """Whether `lang` (by default the current request's) shows English labels."""
    return lang_key(lang or govopen_lang()) == EN


def scheming_text(text: Any, lang: str | None = None) -> str:
    """A scheming label (``{lang: text}``, e.g. a ``{zh_Hans_CN, en}`` pair, or plain
    text) in `lang`, by default the current request's.

    Like scheming_language_text, but also safe outside a request; a dict without the
    language falls back to Chinese, then to any text it has.
    """
    if not text:
        return ""
    if isinstance(text, dict):
        lang = lang or govopen_lang()
        return (text.get(lang) or text.get(lang_key(lang))
                or text.get(ZH) or next(iter(text.values()), ""))
    return tk._(str(text))
