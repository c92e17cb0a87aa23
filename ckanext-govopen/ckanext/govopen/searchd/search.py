"""/select: parameters -> query -> sorted page, stored fields, facets."""
from __future__ import annotations

import fnmatch
import re
import time
from dataclasses import dataclass
from typing import Any

import tantivy

from .engine import Engine
from .errors import SolrError
from .facets import facet_counts, shape
from .localparams import LocalParams, split_local_params
from .params import Params
from .query import (
    MUST,
    MUST_NOT,
    SHOULD,
    STAR,
    Bool,
    MatchAll,
    Node,
    Term,
    parse_dismax,
    parse_lucene,
)
from .sorting import DocLoader, Hit, page_scores, parse_sort, top_docs
from .translate import Options, Translator

Q = tantivy.Query
_QF_SPLIT = re.compile(r"[\s,]+")
_NOT_IN_FACET_KEY = {"rows", "start", "sort", "fl", "wt", "indent", "omitHeader",
                     "echoParams", "json.nl"}
_PARSERS = {"lucene": "lucene", "standard": "lucene", "dismax": "dismax", "edismax": "edismax"}


def _qf(spec: str | None) -> list[tuple[str, float]]:
    fields: list[tuple[str, float]] = []
    for item in _QF_SPLIT.split(spec or ""):
        if not item:
            continue
        name, _, boost = item.partition("^")
        try:
            fields.append((name, float(boost) if boost else 1.0))
        except ValueError:
            raise SolrError(f"Invalid boost in qf: '{item}'") from None
    return fields


@dataclass
class _Parsed:
    query: Q
    constant: bool


class Select:
    """One /select request against one searcher snapshot."""

    def __init__(self, engine: Engine, params: Params) -> None:
        self.engine = engine
        self.params = params
        self.generation = engine.generation  # read before the searcher: see facet cache
        self.searcher = engine.searcher()
        now_param = params.get("NOW")
        if now_param and not -(2**62) < params.as_int(now_param, "NOW") < 2**62:
            raise SolrError(f"Invalid NOW: {now_param}")
        q_op = (params.get("q.op") or "OR").strip().upper()
        if q_op not in ("AND", "OR"):
            raise SolrError(f"Invalid q.op parameter: {params.get('q.op')}")
        self.base = Options(
            df=params.get("df"), op_and=q_op == "AND",
            now=params.as_int(now_param, "NOW") if now_param else None,
        )

    def _translator(self, options: Options) -> Translator:
        return self.engine.translator(self.searcher, options)

    def _options(self, local: dict[str, str], mode: str) -> Options:
        params = self.params
        q_op = (local.get("q.op") or ("AND" if self.base.op_and else "OR")).upper()
        df = local.get("df") or self.base.df
        qf = _qf(local.get("qf") or params.get("qf")) or ([(df, 1.0)] if df else [])
        mm = local.get("mm") or params.get("mm") or ("100%" if q_op == "AND" else "0%")
        return Options(df=df, op_and=q_op == "AND", mode=mode, qf=qf, mm=mm,
                       tie=float(local.get("tie") or params.float("tie", 0.0)),
                       now=self.base.now)

    def parse(self, text: str, default_type: str) -> tuple[Node, Options]:
        local, body = split_local_params(text)
        def_type = (local.get("type") or local.get("defType") or default_type).lower()
        if def_type in ("bool", "field", "term", "prefix"):
            return self._local_parser(def_type, local, body), self._options(local, "lucene")
        mode = _PARSERS.get(def_type)
        if mode is None:
            raise SolrError(f"Unknown query parser '{def_type}'")
        options = self._options(local, mode)
        if mode == "dismax":
            if not body.strip():
                alt = self.params.get("q.alt")
                return (parse_lucene(alt, options.op_and) if alt else parse_lucene("", False),
                        Options(df=options.df, op_and=options.op_and, now=options.now))
            if body.strip() == "*:*":
                return MatchAll(), options
            return parse_dismax(body), options
        if mode == "edismax":
            options.op_and = False  # mm decides, as edismax does
        return parse_lucene(body, options.op_and), options

    def _local_parser(self, def_type: str, local: LocalParams, body: str) -> Node:
        """The small parsers CKAN sites enable with ckan.search.solr_allowed_query_parsers."""
        if def_type == "bool":
            clauses: list[tuple[str, Node]] = []
            for key, occur in (("must", MUST), ("filter", MUST), ("should", SHOULD),
                               ("must_not", MUST_NOT)):
                clauses += [(occur, self.parse(v, "lucene")[0]) for v in local.all(key)]
            return Bool(clauses)
        name = local.get("f")
        if not name:
            raise SolrError(f"Missing parameter 'f' for the {def_type} query parser")
        if def_type == "prefix":
            return Term(name, body + STAR, "wildcard")
        return Term(name, body, "phrase" if def_type == "field" else "term")

    def main_query(self) -> _Parsed:
        params = self.params
        node, options = self.parse(params.get("q") or "", params.get("defType") or "lucene")
        translator = self._translator(options)
        top_mm = options.mode == "dismax" or (
            options.mode == "edismax" and not getattr(node, "explicit_ops", False))
        query = translator.translate(node, top_mm=top_mm)
        if query is not None and options.mode in ("dismax", "edismax"):
            boosts = [b for b in (self.filter_query(raw) for raw in params.all("bq")) if b]
            if boosts:
                query = Q.boolean_query([(tantivy.Occur.Must, query)] +
                                        [(tantivy.Occur.Should, b) for b in boosts])
        query = query if query is not None else Q.empty_query()
        filters = [f for f in (self.filter_query(raw) for raw in params.all("fq")) if f]
        if filters:
            query = Q.boolean_query([(tantivy.Occur.Must, query)] + [
                (tantivy.Occur.Must, Q.const_score_query(f, 0.0)) for f in filters])
        return _Parsed(query, isinstance(node, MatchAll))

    def filter_query(self, raw: str) -> Q | None:
        if not raw.strip():
            return None
        node, options = self.parse(raw, "lucene")
        return self._translator(options).translate(node, top_mm=options.mode == "dismax")

    def run(self) -> dict[str, Any]:
        started = time.perf_counter()
        params = self.params
        start = params.int("start", 0)
        rows = params.int("rows", 10)
        if start < 0:
            raise SolrError("'start' parameter cannot be negative")
        if rows < 0:
            raise SolrError("'rows' parameter cannot be negative")
        parsed = self.main_query()
        keys = parse_sort(params.get("sort"), self.engine.schema, self.engine.registry)
        load = DocLoader(self.searcher, self.engine.doc_cache)
        count, hits = top_docs(self.searcher, self.engine.tschema, parsed.query, keys,
                               start, rows, parsed.constant, load)
        fields = FieldList(params.all("fl"))
        docs = self._docs(hits, fields, load, parsed.query)
        response: dict[str, Any] = {"numFound": count, "start": start,
                                    "numFoundExact": True, "docs": docs}
        if fields.score and hits:
            response["maxScore"] = max(h.score or 0.0 for h in hits)
        body: dict[str, Any] = {"responseHeader": {"status": 0, "QTime": 0,
                                                   "params": params.echo()},
                                "response": response}
        if params.bool("facet", False):
            facets = self._facets(parsed.query, count)
            json_nl = params.get("json.nl") or "flat"
            facets["facet_fields"] = {k: shape(v, json_nl)
                                      for k, v in facets["facet_fields"].items()}
            body["facet_counts"] = facets
        body["responseHeader"]["QTime"] = int((time.perf_counter() - started) * 1000)
        return body

    def _facets(self, query: Q, matched: int) -> dict[str, Any]:
        """Facet counts, cached per index generation: browsing repeats the same requests."""
        key = self._cache_key()
        cached = self.engine.facet_cache.get(key) if key else None
        if cached is None:
            cached = facet_counts(self.searcher, self.engine.tschema, query, self.params,
                                  self.engine.schema, self.engine.registry, self.filter_query,
                                  matched, self.engine.vocabulary)
            if key:
                self.engine.facet_cache.put(key, cached)
        return {k: dict(v) for k, v in cached.items()}

    def _cache_key(self) -> tuple[Any, ...] | None:
        relevant = tuple((k, v) for k, v in self.params.pairs if k not in _NOT_IN_FACET_KEY)
        if self.params.get("NOW") is None and any("NOW" in v for _, v in relevant):
            return None  # date math moves with the clock
        return (self.generation, relevant)

    def _docs(self, hits: list[Hit], fields: FieldList, load: DocLoader,
              query: Q) -> list[dict[str, Any]]:
        sources = load.many([h.address for h in hits])
        if fields.score and any(h.score is None for h in hits):
            keys = [str(s.get(self.engine.schema.unique_key, "")) for s in sources]
            page_scores(self.searcher, self.engine.tschema, query, hits, keys)
        schema = self.engine.schema
        docs = []
        # Only the names asked for, unless fl has `*` or globs (CKAN asks for two).
        named = None if fields.all or fields.globs else fields.names
        for hit, source in zip(hits, sources):
            doc: dict[str, Any] = {}
            for name, value in source.items():
                if named is not None and name not in named:
                    continue
                fdef = schema.lookup(name)
                if fdef is not None and fdef.stored and fields.wants(name):
                    doc[fields.alias(name)] = value
            if fields.score:
                doc["score"] = hit.score if hit.score is not None else 1.0
            docs.append(doc)
        return docs


class FieldList:
    """fl: names, globs, `*`, `score`, `alias:field`; unknown entries are ignored."""

    def __init__(self, specs: list[str]) -> None:
        self.all = not specs or not any(s.strip() for s in specs)
        self.score = False
        self.names: set[str] = set()
        self.globs: list[str] = []
        self.aliases: dict[str, str] = {}
        for spec in specs:
            for item in _QF_SPLIT.split(spec):
                if not item or item.startswith("["):
                    continue
                alias, sep, name = item.partition(":")
                if sep and alias and name:
                    self.aliases[name] = alias
                    item = name
                if item == "*":
                    self.all = True
                elif item == "score":
                    self.score = True
                elif "*" in item or "?" in item:
                    self.globs.append(item)
                else:
                    self.names.add(item)

    def wants(self, name: str) -> bool:
        if self.all or name in self.names:
            return True
        return any(fnmatch.fnmatchcase(name, g) for g in self.globs)

    def alias(self, name: str) -> str:
        return self.aliases.get(name, name)


def select(engine: Engine, params: Params) -> dict[str, Any]:
    return Select(engine, params).run()

