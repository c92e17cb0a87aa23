"""Validators of the bilingual metadata fields (``title_en``, ``notes_en``)."""
from __future__ import annotations

import re
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.govopen.front.texts import TEXTS

__all__ = ["govopen_english_text"]

# Longer than any real title or summary, short enough to keep the index sane.
LONGEST = 10_000
_LATIN = re.compile(r"[A-Za-z]")


def govopen_english_text(value: Any) -> Any:
    """Empty, or text with Latin letters (an English field holding only Chinese is a
    slip that would show Chinese where English was promised)."""
    if value in (None, ""):
        return value
    if not isinstance(value, str):
        raise tk.Invalid(TEXTS.both("err.english_text"))
    if len(value) > LONGEST:
        raise tk.Invalid(TEXTS.both("err.too_long", n=LONGEST))
    if not _LATIN.search(value):
        raise tk.Invalid(TEXTS.both("err.english_text"))
    return value
