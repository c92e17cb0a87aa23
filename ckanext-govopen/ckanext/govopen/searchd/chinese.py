"""How people in China type a search: traditional characters and pinyin.

* Folding: every analysed text, index and query side, goes through OpenCC's
  traditional->simplified conversion (phrase-aware: 乾燥 -> 干燥 but 乾隆 stays),
  so 學校 and 学校 are one term. Stored values are untouched.
* Pinyin: the words of titles, tags and organization titles are also indexed as
  toneless pinyin (交通 -> ``jiaotong``) and initials (医疗机构 -> ``yljg``) in a
  hidden field, and titles as pinyin suffixes starting at each syllable (for
  suggestions as the user types). A query of Latin letters also looks there, at
  a low weight, so Chinese matches rank first.

OpenCC (C++ with Python bindings) converts 150 characters in ~4 us; pypinyin costs
~80 us a word, so its answers are memoized: a catalog's vocabulary is small.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import opencc
import tantivy
from pypinyin import lazy_pinyin

from .fields import PINYIN

# Solr fields whose words get pinyin; the organization title comes from our CKAN hook.
PINYIN_SOURCES = ("title", "tags", "extras_govopen_org_title")
SUGGEST_SOURCES = ("title",)
# A suggestion prefix rarely runs past this many syllables; longer suffixes would only
# bloat the term dictionary (every title contributes one per syllable, twice).
MAX_SUFFIX = 6

_CONVERTER = opencc.OpenCC("t2s")
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_WORD = re.compile(f"^[{_HAN}]+$")
_HAN_RUN = re.compile(f"[{_HAN}]+")
LATIN_QUERY = re.compile(r"^[a-z]+$")
SEP = "\x1f"


def fold(text: str) -> str:
    """Traditional -> simplified; ASCII text is returned as is."""
    if text.isascii():
        return text
    return _CONVERTER.convert(text)


@lru_cache(maxsize=200_000)
def word_pinyin(word: str) -> tuple[str, ...]:
    """Index terms of one Han word: full pinyin, and initials for words of 2+ characters."""
    if not _HAN_WORD.match(word):
        return ()
    syllables = [s.replace("ü", "v") for s in lazy_pinyin(word)]
    full = "".join(syllables)
    if len(word) < 2:
        return (full,)
    return (full, "".join(s[0] for s in syllables if s))


def pinyin_terms(words: Iterable[str]) -> list[str]:
    """Index terms ``pinyin<SEP>word`` of analysed words (segmenter output), no repeats.

    The word rides along so that a query ``jiaotong`` learns from the index which
    words it stands for (交通) and searches them like the user had typed them.
    """
    seen: dict[str, None] = {}
    for word in words:
        for term in word_pinyin(word):
            seen.setdefault(term + SEP + word, None)
    return list(seen)


def words_for(searcher: tantivy.Searcher, pinyin: str, limit: int = 8) -> list[str]:
    """The indexed words whose pinyin or initials are `pinyin`, most frequent first."""
    found = searcher.terms_with_prefix(PINYIN, pinyin + SEP)
    ranked = sorted(found, key=lambda item: -item[1])
    return [term.split(SEP, 1)[1] for term, _count in ranked[:limit]]


@lru_cache(maxsize=50_000)
def _run_syllables(run: str) -> tuple[str, ...]:
    return tuple(s.replace("ü", "v") for s in lazy_pinyin(run))


def suggest_terms(value: str) -> list[str]:
    """Pinyin suffixes of a title from each syllable on, full and as initials.

    全省医疗机构名录 gives ``quanshengyiliao…``, ``yiliaojigou…`` and ``qsyljgml``,
    ``yljgml``…, so a prefix query finds the title from any word the user starts with.
    """
    out: dict[str, None] = {}
    for run in _HAN_RUN.findall(fold(value)):
        syllables = _run_syllables(run)
        for i in range(len(syllables)):
            tail = syllables[i:i + MAX_SUFFIX]
            out.setdefault("".join(tail), None)
            out.setdefault("".join(s[0] for s in tail if s), None)
    return list(out)
