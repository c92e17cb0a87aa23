"""Turn the query AST into tantivy queries, analyzing terms per field type.

`None` from a translation means "this clause analyzed to nothing" and is
dropped, as Lucene drops a clause whose text yields no tokens. A field that
has never been indexed has no slot and matches nothing.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import tantivy

from .analysis import NgramAnalyzer, TextAnalyzer
from .chinese import SUGGEST_SOURCES
from .dates import format_date, parse_date
from .errors import SolrError
from .expand import Expander, expand, pinyin_prefix
from .fields import HAS, Registry, Slot
from .query import (
    MUST,
    MUST_NOT,
    QMARK,
    SHOULD,
    STAR,
    Bool,
    MatchAll,
    Node,
    Range,
    Term,
)
from .schema import FieldDef, Schema

Q = tantivy.Query
OCCUR = {MUST: tantivy.Occur.Must, SHOULD: tantivy.Occur.Should,
         MUST_NOT: tantivy.Occur.MustNot}
_REGEX_META = set("\\.+*?()|[]{}^$#&-~")
_MM_PART = re.compile(r"\s*(\d+)\s*<\s*(\S+)")


def regex_escape(text: str) -> str:
    return "".join("\\" + c if c in _REGEX_META else c for c in text)


def wildcard_regex(pattern: str) -> str:
    out = ["(?s)"]
    for ch in pattern:
        out.append(".*" if ch == STAR else "." if ch == QMARK else regex_escape(ch))
    return "".join(out)


def min_should_match(count: int, spec: str) -> int:
    """Solr's mm: "2<-1 5<80%" means all of 1-2, all but one of 3-5, 80% above 5."""
    spec = spec.strip()
    try:
        if "<" in spec:
            result = count
            for upper, part in _MM_PART.findall(spec):
                if count <= int(upper):
                    return result
                result = min_should_match(count, part)
            return result
        if spec.endswith("%"):
            calc = count * int(spec[:-1]) / 100.0
            result = count + int(calc) if calc < 0 else int(calc)
        else:
            calc_i = int(spec)
            result = count + calc_i if calc_i < 0 else calc_i
    except ValueError:
        raise SolrError(f"Invalid 'mm' (minimum should match) value: '{spec}'") from None
    return max(0, min(count, result))


@dataclass
class Options:
    df: str | None = None
    op_and: bool = False
    mode: str = "lucene"  # lucene | dismax | edismax
    qf: Sequence[tuple[str, float]] = ()
    mm: str | None = None
    tie: float = 0.0
    now: int | None = None


class Translator:
    def __init__(self, schema: Schema, registry: Registry, tschema: tantivy.Schema,
                 analyzer: Callable[[FieldDef], TextAnalyzer | NgramAnalyzer],
                 searcher: tantivy.Searcher, options: Options,
                 expander: Expander | None = None) -> None:
        self.expander = expander
        self.schema = schema
        self.registry = registry
        self.tschema = tschema
        self.analyzer = analyzer
        self.searcher = searcher
        self.opts = options

    # -- structure -----------------------------------------------------------------
    def translate(self, node: Node, top_mm: bool = False) -> Q | None:
        if isinstance(node, MatchAll):
            query: Q | None = Q.all_query()
        elif isinstance(node, Bool):
            query = self._bool(node, top_mm)
        elif isinstance(node, Range):
            query = self._field(node.field, lambda f, s: self._range(f, s, node))
        elif isinstance(node, Term):
            if node.field is None and self.opts.mode != "lucene" and self.opts.qf:
                query = self._dismax(node)
            else:
                query = self._field(node.field, lambda f, s: self._term(f, s, node))
        else:  # pragma: no cover - the parser makes nothing else
            raise SolrError("unsupported query")
        if query is not None and node.boost is not None and node.boost != 1.0:
            query = Q.boost_query(query, node.boost)
        return query

    def _bool(self, node: Bool, top_mm: bool) -> Q | None:
        subs: list[tuple[tantivy.Occur, Q]] = []
        shoulds = 0
        for occur, child in node.clauses:
            query = self.translate(child)
            if query is None:
                continue
            subs.append((OCCUR[occur], query))
            shoulds += occur == SHOULD
        if not subs:
            return None
        if all(o == tantivy.Occur.MustNot for o, _ in subs):
            # Solr answers a purely negative query as "everything except".
            subs.append((tantivy.Occur.Must, Q.all_query()))
        mm = None
        if top_mm and shoulds and self.opts.mm is not None:
            mm = min_should_match(shoulds, self.opts.mm) or None
        if len(subs) == 1 and subs[0][0] != tantivy.Occur.MustNot and not mm:
            return subs[0][1]
        return Q.boolean_query(subs, mm)

    def _dismax(self, node: Term) -> Q | None:
        exact = self._dismax_exact(node)
        if self.expander is None:
            return exact
        # Titles' n-grams hold 旅游景区, which the segmenter splits into two words.
        fields = dict(self.opts.qf)
        for source in SUGGEST_SOURCES:
            for dest in self.schema.copy_targets(source):
                fields.setdefault(dest, 1.0)
        return expand(self.expander, self.tschema, self.searcher, node, exact,
                      self._dismax_exact, list(fields.items()), self._fuzzy_field)

    def _fuzzy_field(self, name: str, text: str) -> Q | None:
        """One edit on a text field, for expand()."""
        fdef = self.schema.lookup(name)
        slot = self.registry.get(name)
        if fdef is None or slot is None or fdef.kind != "text":
            return None
        return Q.fuzzy_term_query(self.tschema, slot.field, slot.prefix + text, 1)

    def _dismax_exact(self, node: Term) -> Q | None:
        per_field: list[Q] = []
        for name, boost in self.opts.qf:
            field_node = Term(name, node.text, node.kind, slop=node.slop, fuzzy=node.fuzzy)
            query = self._field(name, partial(self._term, node=field_node))
            if query is None:
                continue
            per_field.append(Q.boost_query(query, boost) if boost != 1.0 else query)
        if not per_field:
            return None
        if len(per_field) == 1:
            return per_field[0]
        return Q.disjunction_max_query(per_field, self.opts.tie)

    def _field(self, name: str | None, build: Callable[[FieldDef, Slot], Q | None]) -> Q | None:
        if name is None:
            name = self.opts.df
            if not name:
                raise SolrError("no field name specified in query and no default specified "
                                "via 'df' param")
        fdef = self.schema.lookup(name)
        if fdef is None:
            raise SolrError(f"undefined field {name}")
        slot = self.registry.get(name)
        if slot is None or not fdef.indexed:
            return Q.empty_query()
        return build(fdef, slot)

    def _combine(self, queries: list[Q]) -> Q | None:
        """Several tokens from one query term (wi-fi, 市场监督管理局): all of them required.

        Solr combines them with the default operator; dismax's mm applies only
        across whitespace-separated terms. Requiring every jieba word of one
        Chinese term is also the precise choice, and it is fast: an mm query
        over the words took 5.5 ms against 2.5 ms for the conjunction (100k docs).
        """
        if not queries:
            return None
        if len(queries) == 1:
            return queries[0]
        occur = tantivy.Occur.Should if self.opts.mode == "lucene" and not self.opts.op_and \
            else tantivy.Occur.Must
        return Q.boolean_query([(occur, q) for q in queries])

    # -- leaves --------------------------------------------------------------------
    def _exists(self, fdef: FieldDef) -> Q:
        return Q.term_query(self.tschema, HAS, fdef.name)

    def _term(self, fdef: FieldDef, slot: Slot, node: Term) -> Q | None:
        text, kind = node.text, node.kind
        if kind == "wildcard" and text == STAR:
            return self._exists(fdef)
        if fdef.kind == "text":
            return self._text_term(fdef, slot, node)
        if kind == "wildcard":
            if fdef.kind not in ("string", "bool") and slot.native:
                raise SolrError(f"Can't run prefix or wildcard queries on field {fdef.name}")
            return Q.regex_query(self.tschema, slot.field,
                                 regex_escape(slot.prefix) + wildcard_regex(text))
        if kind == "regex":
            return self._regex(slot, text)
        if kind == "fuzzy" and fdef.kind == "string":
            return Q.fuzzy_term_query(self.tschema, slot.field, slot.prefix + text,
                                      _edits(node.fuzzy, text))
        return self._exact(fdef, slot, text)

    def _regex(self, slot: Slot, pattern: str) -> Q:
        try:
            return Q.regex_query(self.tschema, slot.field, regex_escape(slot.prefix) + pattern)
        except ValueError as exc:
            raise SolrError(f"Invalid regular expression '{pattern}': {exc}") from None

    def _exact(self, fdef: FieldDef, slot: Slot, text: str) -> Q:
        value = self._typed(fdef, text)
        if not slot.native:
            return Q.term_query(self.tschema, slot.field, slot.prefix + _canonical(fdef, value))
        return Q.term_query(self.tschema, slot.field, value)

    def _typed(self, fdef: FieldDef, text: str) -> int | float | str:
        kind = fdef.kind
        try:
            if kind == "int":
                value = int(text.strip())
                if not -(2**63) <= value < 2**63:
                    raise ValueError(text)
                return value
            if kind == "float":
                return float(text.strip())
        except ValueError:
            raise SolrError(f"Invalid Number: {text}") from None
        if kind == "date":
            return parse_date(text, self.opts.now)
        if kind == "bool":
            return "true" if text[:1] in ("t", "T", "1") else "false"
        return text

    def _text_term(self, fdef: FieldDef, slot: Slot, node: Term) -> Q | None:
        analyzer = self.analyzer(fdef)
        prefix, field = slot.prefix, slot.field
        if node.kind == "wildcard":
            return Q.regex_query(self.tschema, field,
                                 regex_escape(prefix) + wildcard_regex(analyzer.multiterm(node.text)))
        if node.kind == "regex":
            return self._regex(slot, node.text)
        if node.kind == "fuzzy":
            text = analyzer.multiterm(node.text)
            return Q.fuzzy_term_query(self.tschema, field, prefix + text, _edits(node.fuzzy, text))
        tokens = analyzer.query_tokens(node.text.replace(STAR, "*").replace(QMARK, "?"))
        if isinstance(analyzer, NgramAnalyzer):
            pinyin = self._pinyin_suggest(fdef, tokens)
            tokens = [w for t in tokens for w in analyzer.windows(t)]
            grams = [Q.term_query(self.tschema, field, prefix + t) for t in tokens]
            query = None if not grams else grams[0] if len(grams) == 1 else \
                Q.boolean_query([(tantivy.Occur.Must, g) for g in grams])
            if pinyin is None:
                return query
            if query is None:
                return pinyin
            return Q.boolean_query([(tantivy.Occur.Should, query), (tantivy.Occur.Should, pinyin)])
        if node.kind == "phrase" and len(tokens) > 1:
            return Q.phrase_query(self.tschema, field, [prefix + t for t in tokens], node.slop)
        queries = [Q.term_query(self.tschema, field, prefix + t) for t in tokens]
        return self._combine(queries)

    def _pinyin_suggest(self, fdef: FieldDef, tokens: list[str]) -> Q | None:
        """CKAN's autocomplete asks title_ngram: a pinyin prefix finds the title too."""
        if self.expander is None or not self.expander.pinyin or len(tokens) != 1:
            return None
        if not any(fdef.name in self.schema.copy_targets(s) for s in SUGGEST_SOURCES):
            return None
        query = pinyin_prefix(self.tschema, tokens[0])
        return None if query is None else Q.boost_query(query, 0.5)

    def _range(self, fdef: FieldDef, slot: Slot, node: Range) -> Q | None:
        if node.lo is None and node.hi is None:
            return self._exists(fdef)
        kind = fdef.kind
        if slot.native and kind in ("int", "float", "date"):
            lo = None if node.lo is None else self._typed(fdef, node.lo)
            hi = None if node.hi is None else self._typed(fdef, node.hi)
            ftype = tantivy.FieldType.Float if kind == "float" else tantivy.FieldType.Integer
            return Q.range_query(self.tschema, slot.field, ftype, lo, hi,
                                 node.incl_lo, node.incl_hi)
        return self._term_range(fdef, slot, node)

    def _term_range(self, fdef: FieldDef, slot: Slot, node: Range) -> Q:
        """Ranges over terms tantivy cannot range natively: enumerate and filter."""
        kind = fdef.kind

        def bound(text: str | None) -> object:
            if text is None:
                return None
            if kind in ("int", "float", "date"):
                return self._typed(fdef, text)
            if kind == "text":
                return self.analyzer(fdef).multiterm(text)
            return text

        lo, hi = bound(node.lo), bound(node.hi)
        matches: list[str] = []
        plen = len(slot.prefix)
        for term, _count in self.searcher.terms_with_prefix(slot.field, slot.prefix):
            value: object = term[plen:]
            if kind in ("int", "float", "date"):
                try:
                    value = self._typed(fdef, str(value))
                except SolrError:
                    continue
            if lo is not None and (value < lo or (value == lo and not node.incl_lo)):  # type: ignore[operator]
                continue
            if hi is not None and (value > hi or (value == hi and not node.incl_hi)):  # type: ignore[operator]
                continue
            matches.append(term)
        if not matches:
            return Q.empty_query()
        return Q.term_set_query(self.tschema, slot.field, matches)


def _edits(fuzzy: float, text: str) -> int:
    if fuzzy >= 1:
        return min(int(fuzzy), 2)
    if fuzzy <= 0:
        return 0
    return min(int((1 - fuzzy) * len(text)), 2)


def _canonical(fdef: FieldDef, value: float | str) -> str:
    if fdef.kind == "date" and isinstance(value, int):
        return format_date(value)
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)
