"""facet.field counts (and facet.query) in Solr's response shape.

Two ways to count, chosen per field by what is cheaper:

* a tantivy terms aggregation over the fast column of the matching documents
  (all such fields in one pass). Its cost grows with the number of values
  read: for single-valued fields it is tiny, but for multi-valued ones like
  tags it was 15 ms over 100k documents. `segment_size` is raised well above
  the requested size because tantivy, like Elasticsearch shards, merges
  per-segment top lists and could under-count; Solr's counts are exact.
* enumerating the field's terms and counting each posting list against the
  matches (`terms_with_prefix` with a filter). Its cost grows with the number
  of distinct terms: 0.8 ms for those same tags, 160 ms for 100k names.

So multi-valued fields over many matches are enumerated unless they have
shown a large vocabulary; everything else is aggregated. Analyzed text fields
have no fast column and are always enumerated.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tantivy

from .dates import format_date
from .errors import SolrError
from .fields import HAS, Registry, Slot
from .localparams import split_local_params
from .params import Params
from .schema import FieldDef, Schema
from .translate import regex_escape

Q = tantivy.Query
UNLIMITED = 1_000_000
MIN_SEGMENT_SIZE = 10_000
# Below this many matches aggregating is cheap whatever the field.
ENUMERATE_ABOVE_MATCHES = 5_000
# A vocabulary this large makes enumeration slower than aggregating.
ENUMERATE_MAX_TERMS = 20_000


@dataclass
class _Spec:
    key: str
    fdef: FieldDef
    slot: Slot | None
    limit: int
    offset: int
    mincount: int
    index_order: bool
    prefix: str
    missing: bool


def _spec(params: Params, raw: str, schema: Schema, registry: Registry) -> _Spec:
    local, name = split_local_params(raw)
    name = name.strip()
    fdef = schema.lookup(name)
    if fdef is None:
        raise SolrError(f"undefined field {name}")

    def opt(option: str, default: str) -> str:
        value = params.get(f"f.{name}.facet.{option}")
        return value if value is not None else (params.get(f"facet.{option}") or default)

    limit = params.as_int(opt("limit", "100"), "facet.limit")
    sort = opt("sort", "count" if limit > 0 else "index").lower()
    return _Spec(
        key=local.get("key", name), fdef=fdef, slot=registry.get(name), limit=limit,
        offset=max(0, params.as_int(opt("offset", "0"), "facet.offset")),
        mincount=max(0, params.as_int(opt("mincount", "0"), "facet.mincount")),
        index_order=sort in ("index", "lex", "false"), prefix=opt("prefix", ""),
        missing=opt("missing", "false").lower() == "true",
    )


def _label(spec: _Spec, key: Any) -> str:
    kind = spec.fdef.kind
    if spec.slot is not None and not spec.slot.native:
        return str(key)[len(spec.slot.prefix):]
    if kind == "date":
        return format_date(int(key))
    if kind == "int":
        return str(int(key))
    if kind == "float":
        return repr(float(key))
    return str(key)


def _enumerate(spec: _Spec, matched: int, vocabulary: dict[str, int]) -> bool:
    if spec.slot is None:
        return False
    if spec.fdef.kind == "text":
        return True
    return (spec.fdef.multi_valued and spec.mincount > 0 and matched > ENUMERATE_ABOVE_MATCHES
            and spec.fdef.kind in ("string", "bool")
            and vocabulary.get(spec.fdef.name, 0) <= ENUMERATE_MAX_TERMS)


def facet_counts(searcher: tantivy.Searcher, tschema: tantivy.Schema, query: Q,
                 params: Params, schema: Schema, registry: Registry,
                 translate: Callable[[str], Q | None], matched: int,
                 vocabulary: dict[str, int]) -> dict[str, Any]:
    """Solr's facet_counts; `vocabulary` remembers field vocabulary sizes across requests."""
    out: dict[str, Any] = {"facet_queries": {}, "facet_fields": {}, "facet_ranges": {},
                           "facet_intervals": {}, "facet_heatmaps": {}}
    for raw in params.all("facet.query"):
        extra = translate(raw)
        scoped = query if extra is None else Q.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, extra)])
        out["facet_queries"][raw] = searcher.search(scoped, 1, count=True).count or 0  # type: ignore[attr-defined]  # tantivy's .pyi omits SearchResult.count

    specs = [_spec(params, raw, schema, registry) for raw in params.all("facet.field") if raw]
    aggs: dict[str, Any] = {}
    for i, spec in enumerate(specs):
        if spec.slot is None or _enumerate(spec, matched, vocabulary):
            continue
        size = min(spec.offset + spec.limit, UNLIMITED) if spec.limit >= 0 else UNLIMITED
        terms: dict[str, Any] = {
            "field": spec.slot.field, "size": max(size, 1),
            "segment_size": max(size * 10, MIN_SEGMENT_SIZE),
            "min_doc_count": spec.mincount,
            "order": {"_key": "asc"} if spec.index_order else {"_count": "desc"},
        }
        include = regex_escape(spec.slot.prefix)
        if spec.prefix and spec.fdef.kind in ("string", "text", "bool"):
            include += regex_escape(spec.prefix)
        if include:
            terms["include"] = include + "(?s).*"
        aggs[f"f{i}"] = {"terms": terms}
    results = searcher.aggregate(query, aggs) if aggs else {}

    for i, spec in enumerate(specs):
        pairs: list[tuple[str | None, int]]
        if spec.slot is None:
            pairs = []
        elif f"f{i}" in results:
            pairs = [(_label(spec, b["key"]), int(b["doc_count"]))
                     for b in results[f"f{i}"].get("buckets", [])]
            if spec.fdef.kind == "float" or (spec.index_order and not spec.slot.native):
                pairs = _sorted(pairs, spec.index_order)
        else:
            pairs = _enumerated_terms(searcher, query, spec)
            vocabulary[spec.fdef.name] = max(vocabulary.get(spec.fdef.name, 0), len(pairs))
        pairs = [p for p in pairs if p[1] >= spec.mincount]
        end = None if spec.limit < 0 else spec.offset + spec.limit
        pairs = pairs[spec.offset:end]
        if spec.missing:
            pairs.append((None, _missing_count(searcher, tschema, query, spec.fdef)))
        out["facet_fields"][spec.key] = pairs
    return out


def _sorted(pairs: list[tuple[Any, int]], index_order: bool) -> list[tuple[Any, int]]:
    if index_order:
        return sorted(pairs, key=lambda p: _index_key(p[0]))
    return sorted(pairs, key=lambda p: (-p[1], _index_key(p[0])))


def _index_key(label: Any) -> tuple[int, Any]:
    try:
        return (0, float(label))
    except (TypeError, ValueError):
        return (1, str(label))


def _enumerated_terms(searcher: tantivy.Searcher, query: Q, spec: _Spec) -> list[tuple[Any, int]]:
    assert spec.slot is not None
    prefix = spec.slot.prefix
    found = searcher.terms_with_prefix(spec.slot.field, prefix + spec.prefix, query)
    pairs = [(term[len(prefix):], int(count)) for term, count in found]
    if spec.index_order:
        return sorted(pairs)
    return sorted(pairs, key=lambda p: (-p[1], p[0]))


def _missing_count(searcher: tantivy.Searcher, tschema: tantivy.Schema, query: Q,
                   fdef: FieldDef) -> int:
    without = Q.boolean_query([(tantivy.Occur.Must, query),
                               (tantivy.Occur.MustNot, Q.term_query(tschema, HAS, fdef.name))])
    return searcher.search(without, 1, count=True).count or 0  # type: ignore[attr-defined]  # tantivy's .pyi omits SearchResult.count


def shape(pairs: list[tuple[Any, int]], json_nl: str) -> Any:
    """Solr's json.nl styles for named lists; CKAN uses the default, flat."""
    if json_nl == "map":
        return {k: v for k, v in pairs}
    if json_nl == "arrarr":
        return [[k, v] for k, v in pairs]
    if json_nl == "arrmap":
        return [{k: v} for k, v in pairs]
    return [x for pair in pairs for x in pair]
