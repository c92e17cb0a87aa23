"""Bilingual message tables: ``{key: (Chinese, English)}`` and the ways a capability shows
them (one language, both at once for API answers, a ``{zh_Hans_CN, en}`` pair).

Pure: no CKAN import, so the catalog vocabularies and the desensitize engine may use the
language keys too. The current request's language is ``lib.lang``'s business.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

ZH = "zh_Hans_CN"
EN = "en"
LANGUAGES = (ZH, EN)


def lang_key(locale: str | None) -> str:
    """Map any CKAN locale to one of the two label languages (Chinese is the default)."""
    if locale and not locale.lower().startswith("zh"):
        return EN
    return ZH


class Texts:
    """A table of ``{key: (zh, en)}`` templates filled with ``str.format`` parameters.

    A key missing from the table raises KeyError: a typo must fail in tests, not show
    a blank message to a user.
    """

    def __init__(self, table: Mapping[str, tuple[str, str]]) -> None:
        self.table = table

    def __contains__(self, key: object) -> bool:
        return key in self.table

    def zh(self, key: str, **params: Any) -> str:
        return self.table[key][0].format(**params)

    def en(self, key: str, **params: Any) -> str:
        return self.table[key][1].format(**params)

    def both(self, key: str, **params: Any) -> str:
        """``中文 / English``: for API errors and plain responses, read before the
        request's language is known or by clients of either language."""
        return f"{self.zh(key, **params)} / {self.en(key, **params)}"

    def pair(self, key: str, **params: Any) -> dict[str, str]:
        """``{zh_Hans_CN: …, en: …}``: for API results a page renders in its own language."""
        return {ZH: self.zh(key, **params), EN: self.en(key, **params)}

    def in_lang(self, key: str, lang: str | None, **params: Any) -> str:
        """The message in `lang` (any CKAN locale; Chinese unless it is another language)."""
        if lang_key(lang) == EN:
            return self.en(key, **params)
        return self.zh(key, **params)
