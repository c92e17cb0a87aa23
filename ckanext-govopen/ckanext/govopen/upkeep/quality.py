"""The metadata quality score of a catalog entry, after data.europa.eu's Metadata Quality
Assessment (MQA): the same five dimensions, with checks on our catalog fields instead of
DCAT-AP properties, and the MQA's rating bands as shares of the maximum.

Pure code: works on a dataset dict as ``package_show`` returns it; no CKAN imports.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CHECKS", "DIMENSIONS", "Score", "rating", "score"]

DIMENSIONS = ("findability", "accessibility", "interoperability", "reusability",
              "contextuality")

# Formats a machine reads without proprietary software (MQA: non-proprietary,
# machine-readable); XLSX counts as machine-readable only.
_OPEN_FORMATS = {"csv", "json", "xml", "geojson", "rdf", "ttl", "jsonld", "txt"}
_MACHINE_FORMATS = _OPEN_FORMATS | {"xlsx", "xls"}
WEAK_NOTES = 30  # a description shorter than this says too little to find or reuse the data


def _text(pkg: Mapping[str, Any], key: str) -> str:
    value = pkg.get(key)
    return value.strip() if isinstance(value, str) else ""


def _list(pkg: Mapping[str, Any], key: str) -> list[Any]:
    value = pkg.get(key)
    return value if isinstance(value, list) else []


def _resources(pkg: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r for r in _list(pkg, "resources") if isinstance(r, Mapping)]


def _formats(pkg: Mapping[str, Any]) -> set[str]:
    found = {str(f).lower() for f in _list(pkg, "formats")}
    found |= {str(r.get("format") or "").lower() for r in _resources(pkg)}
    return found - {""}


def _restriction_justified(pkg: Mapping[str, Any]) -> bool:
    if _text(pkg, "open_type") in ("", "unconditional"):
        return bool(_text(pkg, "open_type"))
    return bool(_text(pkg, "open_reason") and _text(pkg, "open_legal_basis"))


@dataclass(frozen=True)
class Check:
    key: str  # also the key of its zh/en label in texts.py ("check.<key>")
    dimension: str
    points: int
    passes: Callable[[Mapping[str, Any]], bool]
    field: bool  # a catalog field an editor fills in (a "missing or weak field" in review)


CHECKS: tuple[Check, ...] = (
    Check("keywords", "findability", 10, lambda p: bool(_list(p, "tags")), True),
    Check("classification", "findability", 10, lambda p: bool(_text(p, "classification")), True),
    Check("spatial", "findability", 5, lambda p: bool(_text(p, "division_code")), True),
    Check("temporal", "findability", 5,
          lambda p: bool(_text(p, "temporal_start") or _text(p, "temporal_end")), True),
    Check("distribution", "accessibility", 10, lambda p: bool(_resources(p)), False),
    Check("access_url", "accessibility", 10,
          lambda p: bool(_resources(p)) and all(r.get("url") for r in _resources(p)), False),
    Check("format_stated", "interoperability", 5,
          lambda p: bool(_resources(p)) and all(r.get("format") for r in _resources(p)), False),
    Check("machine_readable", "interoperability", 10,
          lambda p: bool(_formats(p)) and _formats(p) <= _MACHINE_FORMATS, False),
    Check("open_format", "interoperability", 5, lambda p: bool(_formats(p) & _OPEN_FORMATS),
          False),
    Check("data_items", "interoperability", 10, lambda p: bool(_list(p, "data_items")), True),
    Check("licence", "reusability", 10, lambda p: bool(_text(p, "license_id")), True),
    Check("contact_point", "reusability", 5,
          lambda p: bool(_text(p, "contact_name") and _text(p, "contact_phone")), True),
    Check("contact_email", "reusability", 5, lambda p: bool(_text(p, "contact_email")), True),
    Check("access_rights", "reusability", 10, _restriction_justified, True),
    Check("description", "contextuality", 10, lambda p: len(_text(p, "notes")) >= WEAK_NOTES,
          True),
    Check("issued", "contextuality", 5, lambda p: bool(_text(p, "release_date")), True),
    Check("modified", "contextuality", 5, lambda p: bool(_text(p, "data_update_date")), True),
)
MAXIMUM = sum(c.points for c in CHECKS)

# The MQA's bands (excellent 351–405, good 221–350, sufficient 121–220 of 405) as shares.
_BANDS = ((351 / 405, "excellent"), (221 / 405, "good"), (121 / 405, "sufficient"))


def rating(percent: int) -> str:
    for share, name in _BANDS:
        if percent >= round(share * 100):
            return name
    return "bad"


@dataclass(frozen=True)
class Score:
    points: int
    percent: int  # 0–100
    by_dimension: dict[str, tuple[int, int]]  # dimension → (points, maximum)
    failed: tuple[str, ...]  # keys of the checks that failed

    @property
    def rating(self) -> str:
        return rating(self.percent)


def score(pkg: Mapping[str, Any]) -> Score:
    by_dimension = {d: (0, 0) for d in DIMENSIONS}
    failed = []
    for check in CHECKS:
        got, top = by_dimension[check.dimension]
        ok = check.passes(pkg)
        by_dimension[check.dimension] = (got + (check.points if ok else 0), top + check.points)
        if not ok:
            failed.append(check.key)
    points = sum(got for got, _ in by_dimension.values())
    return Score(points, round(points * 100 / MAXIMUM), by_dimension, tuple(failed))


def field_gaps(pkg: Mapping[str, Any]) -> list[str]:
    """Failed checks an editor fixes in the entry's own fields (the review's "missing or
    weak fields")."""
    fields = {c.key for c in CHECKS if c.field}
    return [key for key in score(pkg).failed if key in fields]
