"""The government catalog: vocabularies, classification, codes and the directory export.

Everything here but ``store.py`` (the few database lookups) is pure Python, tested
without services; the CKAN side (validators, actions, views, index hooks) lives in
``logic/``, ``views.py`` and ``plugin.py`` and calls these functions.
"""
from __future__ import annotations

from ckanext.govopen.catalog.classification import (
    CATALOG_CLASS,
    CATALOG_THEME,
    CLASSIFICATION,
)
from ckanext.govopen.catalog.terms import Term, Vocabulary
from ckanext.govopen.catalog.vocabularies import FLAT
from ckanext.govopen.lib.texts import EN, LANGUAGES, ZH, lang_key

VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v for v in (*FLAT, CATALOG_CLASS, CATALOG_THEME, CLASSIFICATION)
}


def vocabulary(name: str) -> Vocabulary:
    """The vocabulary called `name`; KeyError when there is none."""
    return VOCABULARIES[name]


__all__ = ["EN", "LANGUAGES", "VOCABULARIES", "ZH", "Term", "Vocabulary", "lang_key",
           "vocabulary"]
