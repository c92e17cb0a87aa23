"""From a table's header and the dataset's data items (信息项) to typed DataStore fields,
and from text cells to values of those types.

Pure: polars and the standard library only (no CKAN), so it is tested without services.
A cell that does not fit its column's declared type is loaded as NULL *and counted in the
report* with its row number and value, never dropped silently: the value comes from the
masked public copy, so it may be shown.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

# Data item type (catalog vocabulary ``item_type``) → PostgreSQL column type.
PG_TYPES: Mapping[str, str] = {
    "string": "text", "text": "text", "binary": "text",
    "number": "numeric", "currency": "numeric",
    "date": "date", "datetime": "timestamp", "boolean": "bool",
}
UNDECLARED = "string"
EXAMPLES = 5  # per column: enough for an editor to see what went wrong
_MAX_ID_BYTES = 63  # PostgreSQL truncates longer identifiers
_NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y年%m月%d日")
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M",
                     "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M")
_TRUE = ("true", "t", "yes", "y", "1", "是", "真")
_FALSE = ("false", "f", "no", "n", "0", "否", "假")


@dataclass(frozen=True)
class Column:
    """One column of the file as it goes into the DataStore."""

    header: str      # as written in the file
    id: str          # the DataStore field id
    item_type: str   # data item type (``string`` when the column is not declared)
    label: str       # the Chinese label (信息项 中文名称), or the header
    description: str = ""
    declared: bool = True

    @property
    def pg_type(self) -> str:
        return PG_TYPES.get(self.item_type, "text")

    def field(self) -> dict[str, Any]:
        """The ``datastore_create`` field, with the data dictionary's label and notes."""
        return {"id": self.id, "type": self.pg_type,
                "info": {"label": self.label, "notes": self.description,
                         "type_override": ""}}


@dataclass
class Plan:
    columns: list[Column]
    missing: list[str]  # declared data items with no column in the file


def _valid_id(name: str) -> bool:
    return bool(name) and name == name.strip() and not name.startswith("_") \
        and '"' not in name and "%" not in name and len(name.encode()) <= _MAX_ID_BYTES


def plan(headers: Iterable[str], data_items: Iterable[Mapping[str, Any]]) -> Plan:
    """Match each header to a data item by its Chinese label or its name; the item's name
    becomes the field id (short, ASCII: easy to write in SQL), its label the field label."""
    items = [i for i in data_items if isinstance(i, Mapping) and i.get("name")]
    by_key: dict[str, Mapping[str, Any]] = {}
    for entry in items:
        for key in (str(entry.get("label_zh") or "").strip(), str(entry["name"]).strip()):
            if key:
                by_key.setdefault(key, entry)
    columns: list[Column] = []
    used_ids: set[str] = set()
    used_items: set[str] = set()
    for n, raw in enumerate(headers, 1):
        header = raw.lstrip("\ufeff")
        item: Mapping[str, Any] | None = by_key.get(header.strip())
        if item is not None and str(item["name"]) in used_items:
            item = None  # a second column of the same label: undeclared
        if item is not None:
            used_items.add(str(item["name"]))
            wanted, kind = str(item["name"]).strip(), str(item.get("type") or UNDECLARED)
            label = str(item.get("label_zh") or header)
            description, declared = str(item.get("description") or ""), True
        else:
            wanted, kind, label, description, declared = header.strip(), UNDECLARED, header, "", False
        ident = wanted if _valid_id(wanted) and wanted.lower() not in used_ids else f"col{n}"
        used_ids.add(ident.lower())
        columns.append(Column(header, ident, kind if kind in PG_TYPES else UNDECLARED,
                              label or ident, description, declared))
    missing = [str(i["name"]) for i in items if str(i["name"]) not in used_items]
    return Plan(columns, missing)


def _parsed(cells: pl.Expr, item_type: str) -> pl.Expr:
    """The cell as the text PostgreSQL reads for the type; null where it does not fit."""
    pg = PG_TYPES.get(item_type, "text")
    if pg == "numeric":
        compact = cells.str.replace_all(",", "", literal=True)
        return pl.when(compact.str.contains(_NUMBER)).then(compact).otherwise(None)
    if pg == "date":
        dates = [cells.str.to_date(f, strict=False) for f in _DATE_FORMATS]
        return pl.coalesce(dates).dt.strftime("%Y-%m-%d")
    if pg == "timestamp":
        stamps = [cells.str.to_datetime(f, strict=False) for f in _DATETIME_FORMATS]
        day = [cells.str.to_date(f, strict=False).cast(pl.Datetime) for f in _DATE_FORMATS]
        return pl.coalesce([*stamps, *day]).dt.strftime("%Y-%m-%d %H:%M:%S")
    if pg == "bool":
        low = cells.str.to_lowercase()
        return (pl.when(low.is_in(_TRUE)).then(pl.lit("true"))
                .when(low.is_in(_FALSE)).then(pl.lit("false")).otherwise(None))
    return cells


@dataclass
class Misfits:
    """The cells that did not fit their column's type, per field id."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, ident: str, rows: list[int], values: list[str], total: int) -> None:
        self.counts[ident] = self.counts.get(ident, 0) + total
        room = EXAMPLES - len(self.examples.setdefault(ident, []))
        self.examples[ident].extend(
            {"row": r, "value": v} for r, v in zip(rows[:room], values[:room], strict=False))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def convert(frame: pl.DataFrame, columns: list[Column], first_row: int,
            misfits: Misfits) -> pl.DataFrame:
    """`frame` (text cells, the file's columns in order) as the values COPY loads.

    `first_row` is the file row number of the frame's first row (the header is row 1), so
    the report names rows as a spreadsheet shows them."""
    stripped = frame.select(
        pl.col(c).str.strip_chars().replace("", None).alias(col.id)
        for c, col in zip(frame.columns, columns, strict=True))
    out = stripped.select(_parsed(pl.col(col.id), col.item_type).alias(col.id)
                          for col in columns)
    for col in columns:
        if col.pg_type == "text":
            continue
        bad = stripped[col.id].is_not_null() & out[col.id].is_null()
        total = int(bad.sum())
        if total:
            where = bad.arg_true()
            head = where.head(EXAMPLES)
            misfits.add(col.id, [int(i) + first_row for i in head.to_list()],
                        stripped[col.id].gather(head).to_list(), total)
    return out


def misfit_report(misfits: Misfits, columns: list[Column]) -> list[dict[str, Any]]:
    """One entry per column with cells that did not fit, for the report."""
    by_id = {c.id: c for c in columns}
    return [{"field": ident, "label": by_id[ident].label, "type": by_id[ident].item_type,
             "count": count, "examples": misfits.examples.get(ident, [])}
            for ident, count in misfits.counts.items()]


_SAFE_HEADER = re.compile(r"[\x00-\x1f]")


def clean_header(header: str) -> str:
    """A header fit to show and to name a field (control characters dropped)."""
    return _SAFE_HEADER.sub("", header)
