"""Template helpers of the catalog: vocabulary labels, classification, divisions."""
from __future__ import annotations

from typing import Any

from ckanext.govopen import catalog
from ckanext.govopen.catalog import classification, codes
from ckanext.govopen.lib import lang
from ckanext.govopen.lib.lang import govopen_lang


def govopen_vocabulary_choices(field: dict[str, Any]) -> list[dict[str, Any]]:
    """scheming ``choices_helper``: the choices of the field's ``vocabulary``."""
    return catalog.vocabulary(field["vocabulary"]).choices()


def govopen_term_label(vocabulary: str, code: Any) -> str:
    """Label of `code` in `vocabulary` in the current language (the code when unknown)."""
    if code in (None, ""):
        return ""
    return catalog.vocabulary(vocabulary).label(str(code), govopen_lang())


def govopen_classification_label(code: Any) -> str:
    """类 › 项 › 目 of a classification code, in the current language."""
    return classification.path_label(str(code or ""), govopen_lang())


def govopen_classification_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """Classification choices grouped by base library / theme, for the form."""
    return classification.grouped(govopen_lang())


def govopen_division_label(code: Any) -> str:
    """``山西省 太原市 (140100)``; the bare code when it is not a current division."""
    if not code:
        return ""
    name = codes.division_name(str(code))
    return f"{name} ({code})" if name else str(code)


def govopen_organization_title(org: dict[str, Any] | None) -> str:
    """An organization's title in the current language (English title when there is one)."""
    if not org:
        return ""
    if lang.is_english() and org.get("title_en"):
        return org["title_en"]
    return org.get("title") or org.get("name") or ""
