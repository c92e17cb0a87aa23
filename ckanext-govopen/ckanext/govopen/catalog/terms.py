"""The building block of every catalog vocabulary: a stable code with two labels.

Stored values are always the code; labels are chosen per language on display.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ckanext.govopen.lib.texts import EN, ZH, lang_key


@dataclass(frozen=True)
class Term:
    code: str
    zh: str
    en: str
    # Standard-specific attributes (guide letter codes, EU URIs, parent codes …).
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def label(self, lang: str | None = None) -> str:
        return self.en if lang_key(lang) == EN else self.zh

    def labels(self) -> dict[str, str]:
        return {ZH: self.zh, EN: self.en}

    def choice(self) -> dict[str, Any]:
        """The term as a ckanext-scheming choice (multilingual label)."""
        return {"value": self.code, "label": self.labels()}

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "label": self.labels(), **self.extra}


class Vocabulary:
    """An ordered, immutable set of terms, looked up by code."""

    def __init__(self, name: str, title_zh: str, title_en: str, terms: list[Term]) -> None:
        self.name = name
        self.title = {ZH: title_zh, EN: title_en}
        self.terms = tuple(terms)
        self._by_code = {t.code: t for t in self.terms}
        if len(self._by_code) != len(self.terms):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def label(self, code: str, lang: str | None = None) -> str:
        """The label of `code`, or the code itself when it is not in the vocabulary."""
        term = self._by_code.get(code)
        return term.label(lang) if term else code

    def choices(self) -> list[dict[str, Any]]:
        return [t.choice() for t in self.terms]

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title,
                "terms": [t.as_dict() for t in self.terms]}
