"""Incoming documents: Solr's validation, value normalization, copyField, tantivy docs.

A document is checked completely before anything is written, so a 400 never
leaves half an update behind. The normalized document (every field, stored or
not, in its Solr output form) is kept as JSON in the `_src` stored field: it
answers `fl`, feeds sorts tantivy cannot do natively, and lets the index be
rebuilt without CKAN.
"""
from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from typing import Any

import tantivy

from .analysis import NgramAnalyzer, TextAnalyzer, analyzer_for
from .chinese import PINYIN_SOURCES, SUGGEST_SOURCES, pinyin_terms, suggest_terms
from .dates import format_date, parse_date
from .errors import SolrError
from .fields import HAS, KEY, PINYIN, PINYIN_SUGGEST, SEQ, SRC, Registry, Slot, pool_for
from .schema import FieldDef, Schema

_ZEROS = itertools.repeat(0)  # token offsets: nothing reads them


@dataclass
class Prepared:
    key: str
    source: dict[str, Any]


def _doc_error(doc_id: Any, msg: str) -> SolrError:
    return SolrError(f"ERROR: [doc={doc_id if doc_id is not None else 'null'}] {msg}")


def _to_str(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return repr(value)
    return str(value)


def _convert(fdef: FieldDef, value: Any, doc_id: Any, now: int) -> Any:  # noqa: C901 -- predates the complexity limit; split it when next changed
    """One value in its stored form (date as Solr string, numbers as numbers)."""
    kind = fdef.kind
    if isinstance(value, (dict, list)):
        raise _doc_error(doc_id, f"Unsupported value for field '{fdef.name}': nested "
                                 "documents and atomic updates are not supported")
    try:
        if kind in ("string", "text", "binary"):
            return _to_str(value)
        if kind == "bool":
            return _to_str(value)[:1] in ("t", "T", "1")
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError(value)
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            number = int(value) if isinstance(value, float) else int(str(value).strip())
            if not -(2**63) <= number < 2**63:  # Solr's long, tantivy's i64
                raise ValueError(value)
            return number
        if kind == "float":
            if isinstance(value, bool):
                raise ValueError(value)
            result = float(value)
            if math.isnan(result) or math.isinf(result):
                raise ValueError(value)  # JSON output could not carry it back
            return result
        if kind == "date":
            return format_date(parse_date(_to_str(value), now))
    except SolrError as exc:
        raise _doc_error(doc_id, f"Error adding field '{fdef.name}'='{value}' msg={exc.msg}") from None
    except (ValueError, OverflowError):
        raise _doc_error(doc_id, f"Error adding field '{fdef.name}'='{value}' msg=For input "
                                 f"string: \"{value}\"") from None
    return _to_str(value)


class DocumentBuilder:
    """Turns JSON documents into (normalized source, tantivy Document)."""

    def __init__(self, schema: Schema, registry: Registry) -> None:
        self.schema = schema
        self.registry = registry
        self._analyzers: dict[str, TextAnalyzer | NgramAnalyzer] = {}
        self._defaults = [f for f in schema.defaults() if f.default is not None]
        self._required = schema.required_fields()

    def analyzer(self, fdef: FieldDef) -> TextAnalyzer | NgramAnalyzer:
        found = self._analyzers.get(fdef.type.name)
        if found is None:
            found = self._analyzers[fdef.type.name] = analyzer_for(fdef.type)
        return found

    def prepare(self, raw: Any, now: int) -> Prepared:  # noqa: C901 -- predates the complexity limit; split it when next changed
        if not isinstance(raw, dict):
            raise SolrError("Expected a JSON object for a document")
        key_name = self.schema.unique_key
        doc_id = raw.get(key_name)
        if isinstance(doc_id, list):
            if len(doc_id) > 1:
                raise SolrError(f"Document contains multiple values for uniqueKey field: "
                                f"{key_name}={doc_id}")
            doc_id = doc_id[0] if doc_id else None
        source: dict[str, Any] = {}
        for name, value in raw.items():
            if not isinstance(name, str) or not name:
                raise _doc_error(doc_id, f"unknown field '{name}'")
            fdef = self.schema.lookup(name)
            if fdef is None:
                raise _doc_error(doc_id, f"unknown field '{name}'")
            values = value if isinstance(value, list) else [value]
            # pysolr drops empty top-level values; Solr never indexes null.
            values = [_convert(fdef, v, doc_id, now) for v in values if v is not None and v != ""]
            if not values:
                continue
            if fdef.multi_valued:
                source[name] = values
            elif len(values) > 1:
                raise _doc_error(doc_id, f"multiple values encountered for non multiValued "
                                         f"field {name}: {values}")
            else:
                source[name] = values[0]
        for fdef in self._defaults:
            if fdef.name not in source:
                value = _convert(fdef, fdef.default, doc_id, now)
                source[fdef.name] = [value] if fdef.multi_valued else value
        if key_name not in source:
            raise SolrError(f"Document is missing mandatory uniqueKey field: {key_name}")
        for fdef in self._required:
            if fdef.name not in source:
                raise _doc_error(doc_id, f"missing required field: {fdef.name}")
        return Prepared(str(source[key_name]), source)

    def _index_values(self, source: dict[str, Any]) -> dict[str, list[Any]]:
        values: dict[str, list[Any]] = {}
        for name, value in source.items():
            items = value if isinstance(value, list) else [value]
            values.setdefault(name, []).extend(items)
            for dest in self.schema.copy_targets(name):
                dest_def = self.schema.lookup(dest)
                if dest_def is None:
                    continue
                copied = []
                for item in items:
                    try:
                        copied.append(_convert(dest_def, item, source.get("id"), 0))
                    except SolrError:
                        continue  # Solr rejects the document here; a lost copy is kinder.
                values.setdefault(dest, []).extend(copied)
        return values

    def build(self, prepared: Prepared, seq: int) -> tantivy.Document:
        """The tantivy document; assigns slots, so call it under the writer lock."""
        doc = tantivy.Document()
        doc.add_text(KEY, prepared.key)
        doc.add_unsigned(SEQ, seq)
        doc.add_bytes(SRC, json.dumps(prepared.source, ensure_ascii=False,
                                      separators=(",", ":")).encode("utf-8"))
        for name, values in self._index_values(prepared.source).items():
            fdef = self.schema.lookup(name)
            if fdef is None or not values:
                continue
            pool = pool_for(fdef)
            if pool is None:
                continue
            doc.add_text(HAS, name)
            slot = self.registry.assign(name, pool)
            self._add_values(doc, fdef, slot, values)
        self._add_pinyin(doc, prepared.source)
        return doc

    def _add_pinyin(self, doc: tantivy.Document, source: dict[str, Any]) -> None:
        """Pinyin of the words of titles, tags and organization titles (chinese.py)."""
        words: list[str] = []
        suggest: list[str] = []
        for name in PINYIN_SOURCES:
            value = source.get(name)
            fdef = self.schema.lookup(name)
            if value is None or fdef is None or fdef.kind != "text":
                continue
            values = [str(v) for v in (value if isinstance(value, list) else [value])]
            words.extend(self.analyzer(fdef).index_terms(values)[0])
            if name in SUGGEST_SOURCES:
                for v in values:
                    suggest.extend(suggest_terms(v))
        for term in pinyin_terms(words):
            doc.add_text(PINYIN, term)
        for term in suggest:
            doc.add_text(PINYIN_SUGGEST, term)

    def _add_values(self, doc: tantivy.Document, fdef: FieldDef, slot: Slot,
                    values: list[Any]) -> None:
        kind = fdef.kind
        if kind == "text":
            terms, positions = self.analyzer(fdef).index_terms(
                [v if type(v) is str else str(v) for v in values])
            if terms:
                prefix = slot.prefix
                if prefix:
                    terms = [prefix + t for t in terms]
                toks = list(map(tantivy.Token, terms, positions, _ZEROS, _ZEROS))
                doc.add_pre_tokenized_text(slot.field, tantivy.PreTokenizedString("", toks))
            return
        for value in values:
            if not slot.native:
                doc.add_text(slot.field, slot.prefix + index_term(fdef, value))
            elif kind == "date":
                doc.add_integer(slot.field, parse_date(value))
            elif kind == "int":
                doc.add_integer(slot.field, int(value))
            elif kind == "float":
                doc.add_float(slot.field, float(value))
            else:
                doc.add_text(slot.field, index_term(fdef, value))


def index_term(fdef: FieldDef, value: Any) -> str:
    """The single term a non-text value is indexed as (bools as Solr spells them)."""
    if fdef.kind == "bool":
        return "true" if value is True or value == "true" else "false"
    return _to_str(value)
