"""Request parameters as Solr reads them: first value wins, some keys repeat."""
from __future__ import annotations

from typing import Any

from .errors import SolrError


class Params:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.pairs = pairs
        self._first: dict[str, str] = {}
        for key, value in pairs:
            self._first.setdefault(key, value)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self._first.get(name, default)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]

    def as_int(self, value: str | None, name: str, default: int = 0) -> int:
        if value is None or value == "":
            return default
        try:
            return int(value.strip())
        except ValueError:
            raise SolrError(f"Invalid value '{value}' for parameter '{name}': "
                            f"For input string: \"{value}\"") from None

    def int(self, name: str, default: int) -> int:
        return self.as_int(self.get(name), name, default)

    def float(self, name: str, default: float) -> float:
        value = self.get(name)
        if value is None or value.strip() == "":
            return default
        try:
            return float(value)
        except ValueError:
            raise SolrError(f"Invalid value '{value}' for parameter '{name}'") from None

    def bool(self, name: str, default: bool) -> bool:
        value = self.get(name)
        if value is None:
            return default
        return value.strip().lower() in ("true", "on", "yes", "1")

    def echo(self) -> dict[str, Any]:
        """responseHeader.params as Solr echoes them (repeated keys become lists)."""
        out: dict[str, Any] = {}
        for key, value in self.pairs:
            if key in out:
                prev = out[key]
                out[key] = (prev if isinstance(prev, list) else [prev]) + [value]
            else:
                out[key] = value
        return out
