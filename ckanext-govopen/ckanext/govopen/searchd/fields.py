"""Map Solr field names onto a fixed tantivy schema.

A tantivy schema cannot change once an index exists, yet Solr's `*` dynamic
field accepts any name (CKAN sends owner_org, private, scheming fields, bare
extras keys...). So the tantivy schema is a fixed set of typed *slots*
(`s000` raw strings, `t000` analyzed text, `d000` dates, `i000` integers,
`f000` floats) and a small registry, persisted next to the index, assigns each
Solr field name the first time it is seen. Every field, declared or dynamic,
then gets the same treatment: its own fast column for facets and sorting, its
own postings for queries.

When a pool runs out, further names share an overflow field (`xs` raw, `xt`
text) with `name\\x1f` prefixed terms: still searchable and facetable, but not
sortable natively. The registry is emptied when the index becomes empty,
which keeps test suites that create random field names within the pools.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import tantivy

from .schema import FieldDef

LAYOUT = 1
POOLS = {"s": 160, "t": 48, "d": 24, "i": 24, "f": 12}
SEP = "\x1f"
# Overflowing dates and numbers are kept as canonical strings: exact match and
# existence still work, ranges fall back to enumerating the terms.
OVERFLOW = {"s": "xs", "t": "xt", "d": "xs", "i": "xs", "f": "xs"}

KEY, SEQ, SRC, HAS = "_key", "_seq", "_src", "_fields"
# Hidden pinyin fields (chinese.py): words as pinyin and initials; title suffixes.
PINYIN, PINYIN_SUGGEST = "_py", "_pys"


_KIND_POOLS = {"string": "s", "bool": "s", "text": "t", "date": "d", "int": "i", "float": "f"}


def pool_for(fdef: FieldDef) -> str | None:
    """Which slot pool holds values of this field; None for stored-only fields."""
    if not fdef.indexed or fdef.kind == "binary":
        return None
    return _KIND_POOLS[fdef.kind]


@dataclass(frozen=True)
class Slot:
    """Where a Solr field lives in tantivy: a field name and a term prefix."""

    field: str
    prefix: str = ""

    @property
    def native(self) -> bool:
        """A dedicated slot (sortable, plain terms), not a shared overflow field."""
        return not self.prefix


def build_schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field(KEY, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(HAS, tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field(SEQ, indexed=True, fast=True)
    sb.add_bytes_field(SRC, stored=True)
    sb.add_text_field(PINYIN, tokenizer_name="raw", index_option="freq")
    sb.add_text_field(PINYIN_SUGGEST, tokenizer_name="raw", index_option="basic")
    for i in range(POOLS["s"]):
        sb.add_text_field(f"s{i:03d}", fast=True, tokenizer_name="raw", index_option="freq")
    for i in range(POOLS["t"]):
        sb.add_text_field(f"t{i:03d}", tokenizer_name="default", index_option="position")
    for i in range(POOLS["d"]):
        sb.add_integer_field(f"d{i:03d}", indexed=True, fast=True)
    for i in range(POOLS["i"]):
        sb.add_integer_field(f"i{i:03d}", indexed=True, fast=True)
    for i in range(POOLS["f"]):
        sb.add_float_field(f"f{i:03d}", indexed=True, fast=True)
    sb.add_text_field("xs", fast=True, tokenizer_name="raw", index_option="freq")
    sb.add_text_field("xt", tokenizer_name="default", index_option="position")
    return sb.build()


class Registry:
    """Solr field name -> Slot, persisted as JSON; changed only under the writer lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        # The name -> slot map (replaced, never changed in place) with the Slot objects
        # built from it so far, swapped together so a cache never outlives its map.
        self._view: tuple[dict[str, str], dict[str, Slot]] = ({}, {})
        self.dirty = False
        # A registry from another layout cannot describe the index: rebuild it.
        self.stale = False
        if path.exists():
            data = json.loads(path.read_text("utf-8"))
            if data.get("layout") == LAYOUT:
                self._map = dict(data.get("fields", {}))
            else:
                self.stale = True

    @property
    def _map(self) -> dict[str, str]:
        return self._view[0]

    @_map.setter
    def _map(self, value: dict[str, str]) -> None:
        self._view = (value, {})

    def get(self, name: str) -> Slot | None:
        mapping, slots = self._view
        slot = slots.get(name)
        if slot is not None:
            return slot
        value = mapping.get(name)
        if value is None:
            return None
        slot = Slot(value, name + SEP) if value in ("xs", "xt") else Slot(value)
        slots[name] = slot  # bounded by the map, itself bounded by the pools and names
        return slot

    def assign(self, name: str, pool: str) -> Slot:
        slot = self.get(name)
        if slot is not None:
            return slot
        with self._lock:
            used = {v for v in self._map.values() if v.startswith(pool)}
            value = OVERFLOW[pool]
            for i in range(POOLS[pool]):
                candidate = f"{pool}{i:03d}"
                if candidate not in used:
                    value = candidate
                    break
            # Copy-on-write: readers iterate a stable dict while a writer assigns.
            new = dict(self._map)
            new[name] = value
            self._map = new
            self.dirty = True
        return self.get(name)  # type: ignore[return-value]

    def names(self) -> list[str]:
        return list(self._map)

    def reset(self) -> None:
        with self._lock:
            self._map = {}
            self.dirty = True

    def save(self) -> None:
        """Write atomically and durably; called before the commit that relies on it."""
        if not self.dirty:
            return
        tmp = self.path.with_suffix(".tmp")
        data = json.dumps({"layout": LAYOUT, "fields": self._map}, ensure_ascii=False)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        dir_fd = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self.dirty = False
