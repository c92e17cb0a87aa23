"""What a user's free-text query word also looks for, always ranked below itself.

Only words of a dismax/edismax query (the search box, ``package_search?q=``) are
expanded; phrases in quotes and ``field:value`` queries keep their exact meaning.

* synonyms and abbreviations (synonyms.py): 个体户 also finds 个体工商户;
* pinyin (chinese.py): a word of Latin letters is also searched as the indexed
  title, tag and organization words whose pinyin or initials it is (jiaotong ->
  交通, yljg -> 医疗机构), in every field, so it ranks as the Chinese word would;
* one wrong, missing or extra character in a Chinese word of four or more
  characters, tried only when the word itself finds nothing anywhere, so exact
  queries keep their results unchanged (医疗机沟 -> 医疗机构).

Boosts are fractions of the exact match's weight, so an exact match ranks first.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import tantivy

from .chinese import LATIN_QUERY, fold, words_for
from .fields import PINYIN_SUGGEST
from .query import Term
from .synonyms import Synonyms

Q = tantivy.Query
SYNONYM_BOOST = 0.8
PINYIN_BOOST = 0.05
FUZZY_BOOST = 0.1
FUZZY_MIN = 4
_HAN_ONLY = re.compile("^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_REGEX_META = set("\\.+*?()|[]{}^$#&-~")


@dataclass
class Expander:
    synonyms: Synonyms | None = None
    pinyin: bool = True
    fuzzy: bool = True


def expand(expander: Expander, tschema: tantivy.Schema, searcher: tantivy.Searcher,
           node: Term, exact: Q | None, build: Callable[[Term], Q | None],
           fuzzy_fields: list[tuple[str, float]],
           fuzzy_build: Callable[[str, str], Q | None]) -> Q | None:
    """The exact dismax query of `node` joined with its lower-ranked alternatives."""
    if node.kind != "term":
        return exact
    alternatives = [exact] if exact is not None else []
    alternatives += _synonyms(expander, node, build)
    alternatives += _pinyin(expander, searcher, node, build)
    folded = fold(node.text)
    if (expander.fuzzy and len(folded) >= FUZZY_MIN and _HAN_ONLY.match(folded)
            and (exact is None or not _matches(searcher, exact))):
        alternatives += [Q.boost_query(q, FUZZY_BOOST * boost) for name, boost in fuzzy_fields
                         if (q := fuzzy_build(name, folded)) is not None]
    if not alternatives:
        return None
    if len(alternatives) == 1:
        return alternatives[0]
    return Q.boolean_query([(tantivy.Occur.Should, q) for q in alternatives])


def _matches(searcher: tantivy.Searcher, query: Q) -> bool:
    # One hit, without counting them all (tantivy can skip blocks then).
    return bool(searcher.search(query, 1, count=False).hits)


def _synonyms(expander: Expander, node: Term, build: Callable[[Term], Q | None]) -> list[Q]:
    if expander.synonyms is None:
        return []
    return [Q.boost_query(q, SYNONYM_BOOST) for variant in expander.synonyms.variants(node.text)
            if (q := build(Term(None, variant, "term"))) is not None]


def _pinyin(expander: Expander, searcher: tantivy.Searcher, node: Term,
            build: Callable[[Term], Q | None]) -> list[Q]:
    """The words the letters stand for, searched as if typed: same fields, same ranking."""
    word = node.text.lower()
    if not expander.pinyin or len(word) < 2 or not LATIN_QUERY.match(word):
        return []
    return [Q.boost_query(q, PINYIN_BOOST) for han in words_for(searcher, word)
            if (q := build(Term(None, han, "term"))) is not None]


def pinyin_prefix(tschema: tantivy.Schema, token: str) -> Q | None:
    """Suggestions: a Latin prefix also matches titles whose pinyin starts with it."""
    word = token.lower()
    if len(word) < 2 or not LATIN_QUERY.match(word):
        return None
    escaped = "".join("\\" + c if c in _REGEX_META else c for c in word)
    return Q.regex_query(tschema, PINYIN_SUGGEST, escaped + ".*")
