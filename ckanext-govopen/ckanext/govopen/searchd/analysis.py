"""Text analysis: Solr's `text` chain plus Chinese word segmentation.

Tokens are produced here, in Python, and handed to tantivy pre-tokenized,
because tantivy's Python bindings cannot run a Python tokenizer and stock
tantivy has no Chinese segmenter. Each step mirrors the schema's chain:

* whitespace split, then a word-delimiter split (non-alphanumerics delimit;
  lower->upper case changes and letter<->digit changes split; `'s` dropped;
  on the index side runs of parts are also catenated: wi-fi -> wi, fi, wifi);
* runs of Han characters are segmented with jieba (rjieba, the Rust port:
  ~4 us for a 55-character sentence). The index side uses search mode, so
  营业执照 is indexed as 营业执照 plus 营业 and 执照 at the same position; the
  query side uses precise mode, so the query 营业执照 needs that exact word and
  a document that merely shares characters does not match;
* lowercase, English Snowball stemming, ASCII folding: done by a tantivy
  TextAnalyzer over the joined tokens, one native call per field value.

Positions follow Lucene: consecutive parts +1, catenations and jieba
sub-words share the position of their first part, 100 between values.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import rjieba
import tantivy

from .schema import Analysis, FieldType

POSITION_GAP = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]+")
_HAS_HAN = re.compile(f"[{_HAN}]")
# Letters, digits and combining marks; everything else delimits words as in WordDelimiter.
_ALNUM_RUN = re.compile(r"[^\W_]+(?:[\u0300-\u036f][^\W_]*)*")
_POSSESSIVE = re.compile(r"['\u2019][sS](?=$|[^\w])")

Token = tuple[str, int]  # (text, position)


@lru_cache(maxsize=8)
def _normalizer(lowercase: bool, stem: bool, fold: bool) -> tantivy.TextAnalyzer | None:
    if not (lowercase or stem or fold):
        return None
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
    if lowercase:
        builder = builder.filter(tantivy.Filter.lowercase())
    if stem:
        builder = builder.filter(tantivy.Filter.stemmer("english"))
    if fold:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    return builder.build()


def _nfkc(text: str) -> str:
    # Full-width Latin and digits are common in Chinese input (Ｄａｔａ２０２４).
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def _char_type(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat == "Lu":
        return "U"
    if cat == "Ll":
        return "L"
    if cat[0] == "N":
        return "D"
    if cat[0] == "M":
        return "M"
    return "A"


def _split_run(run: str, split_case: bool) -> list[tuple[str, bool]]:
    """Split one alphanumeric run into (part, is_number) at case and digit changes."""
    if run.isdigit():
        return [(run, True)]
    simple = not any(c.isdigit() for c in run)
    if simple and (not split_case or run[1:] == run[1:].lower()):
        return [(run, False)]
    parts: list[tuple[str, bool]] = []
    start = 0
    last = _char_type(run[0])
    for i in range(1, len(run)):
        cur = _char_type(run[i])
        if cur == "M":
            continue
        brk = (last == "D") != (cur == "D") or (split_case and last == "L" and cur == "U")
        if brk:
            parts.append((run[start:i], last == "D"))
            start = i
        last = cur
    parts.append((run[start:], last == "D"))
    return parts


class TextAnalyzer:
    """Analysis for a Solr TextField (not n-gram)."""

    def __init__(self, ftype: FieldType) -> None:
        self.index_spec: Analysis = ftype.index or Analysis()
        self.query_spec: Analysis = ftype.query or self.index_spec
        self._index_norm = _normalizer(self.index_spec.lowercase, self.index_spec.stem,
                                       self.index_spec.fold)
        self._query_norm = _normalizer(self.query_spec.lowercase, self.query_spec.stem,
                                       self.query_spec.fold)
        self._multi_norm = _normalizer(self.query_spec.lowercase, False, self.query_spec.fold)
        self._memo: dict[str, tuple[tuple[Token, ...], int]] = {}

    # -- splitting ---------------------------------------------------------------
    def _words(self, text: str, spec: Analysis, index: bool) -> list[tuple[str, int]]:
        """Raw (un-normalized) words with positions relative to the value start."""
        out: list[tuple[str, int]] = []
        pos = 0
        text = _nfkc(text)
        if spec.tokenizer == "keyword":
            return [(text, 0)] if text else []
        split = spec.word_delimiter or spec.tokenizer != "whitespace"
        for chunk in text.split():
            if not split:
                pos = self._emit(chunk, pos, out, index)
                continue
            chunk = _POSSESSIVE.sub("", chunk)
            parts: list[tuple[str, bool]] = []
            for m in _ALNUM_RUN.finditer(chunk):
                parts.extend(_split_run(m.group(), spec.split_case))
            run_pos = pos
            run: list[str] = []
            run_num: bool | None = None
            for part, is_num in parts:
                if run and is_num != run_num:
                    self._catenate(run, run_num, run_pos, out, spec, index)
                    run, run_pos = [], pos
                if not run:
                    run_pos = pos
                run.append(part)
                run_num = is_num
                pos = self._emit(part, pos, out, index)
            if run:
                self._catenate(run, run_num, run_pos, out, spec, index)
        return out

    @staticmethod
    def _catenate(run: list[str], is_num: bool | None, pos: int, out: list[tuple[str, int]],
                  spec: Analysis, index: bool) -> None:
        if not index or len(run) < 2:
            return
        wanted = spec.catenate_numbers if is_num else spec.catenate_words
        if wanted and not any(_HAS_HAN.search(p) for p in run):
            out.append(("".join(run), pos))

    @staticmethod
    def _emit(word: str, pos: int, out: list[tuple[str, int]], index: bool) -> int:
        """Append `word` (segmenting Han runs) and return the next free position."""
        if not _HAS_HAN.search(word):
            out.append((word, pos))
            return pos + 1
        last = 0
        for m in _HAN_RE.finditer(word):
            if m.start() > last:
                out.append((word[last:m.start()], pos))
                pos += 1
            pos = _segment(m.group(), pos, out, index)
            last = m.end()
        if last < len(word):
            out.append((word[last:], pos))
            pos += 1
        return pos

    # -- public API ----------------------------------------------------------------
    def index_tokens(self, values: Sequence[str]) -> list[Token]:
        out: list[Token] = []
        base = 0
        for value in values:
            tokens, width = self._value_tokens(value)
            out.extend((t, p + base) for t, p in tokens)
            base += width + POSITION_GAP
        return out

    def _value_tokens(self, value: str) -> tuple[tuple[Token, ...], int]:
        """Tokens of one value and the positions they span, memoized.

        The same strings recur: a title is analyzed for `title` and again for its
        copy into `text`; tags, formats and organizations repeat across datasets.
        """
        cached = self._memo.get(value)
        if cached is None:
            words = self._words(value, self.index_spec, True)
            width = max(p for _, p in words) + 1 if words else 0
            cached = (tuple(_normalize(words, self._index_norm)), width)
            if len(value) <= 512:
                if len(self._memo) >= 20_000:
                    self._memo.clear()
                self._memo[value] = cached
        return cached

    def query_tokens(self, text: str) -> list[str]:
        return [t for t, _ in _normalize(self._words(text, self.query_spec, False),
                                         self._query_norm)]

    def multiterm(self, text: str) -> str:
        """Normalization for wildcard, fuzzy, regex and range terms (no split, no stem)."""
        text = _nfkc(text)
        if self._multi_norm is None or not text.strip():
            return text
        return _normalize_words(text.split(" "), self._multi_norm, keep_spaces=True)


class NgramAnalyzer:
    """Solr's NGramTokenizer (whole value, all grams min..max) + lowercase."""

    def __init__(self, ftype: FieldType) -> None:
        spec = ftype.index or Analysis(tokenizer="ngram")
        self.min_gram = max(1, spec.min_gram)
        self.max_gram = max(self.min_gram, spec.max_gram)
        self.lowercase = spec.lowercase
        self.query_lowercase = (ftype.query or spec).lowercase

    def index_tokens(self, values: Sequence[str]) -> list[Token]:
        out: list[Token] = []
        pos = 0
        lo, hi = self.min_gram, self.max_gram
        for value in values:
            text = _nfkc(value)
            if self.lowercase:
                text = text.lower()
            n = len(text)
            seen: set[str] = set()
            for start in range(n):
                for size in range(lo, min(hi, n - start) + 1):
                    gram = text[start:start + size]
                    # Repeated grams add nothing to matching and bloat postings.
                    if gram not in seen:
                        seen.add(gram)
                        out.append((gram, pos))
                    pos += 1
            pos += POSITION_GAP
        return out

    def query_tokens(self, text: str) -> list[str]:
        text = _nfkc(text)
        if self.query_lowercase:
            text = text.lower()
        return text.split()

    def multiterm(self, text: str) -> str:
        text = _nfkc(text)
        return text.lower() if self.query_lowercase else text

    def windows(self, token: str) -> list[str]:
        """A query token longer than max_gram as overlapping max-size grams.

        Solr finds nothing for such tokens; long Chinese titles make that common,
        so we require every window instead (an approximation of the substring).
        """
        if len(token) <= self.max_gram:
            return [token]
        size = self.max_gram
        return [token[i:i + size] for i in range(len(token) - size + 1)]


def _segment(run: str, pos: int, out: list[tuple[str, int]], index: bool) -> int:
    precise = rjieba.tokenize(run)
    if not index:
        for word, _start, _end in precise:
            out.append((word, pos))
            pos += 1
        return pos
    slot: dict[int, int] = {}
    for i, (_word, start, end) in enumerate(precise):
        for c in range(start, end):
            slot[c] = pos + i
    seen: set[tuple[str, int]] = set()
    for word, start, _end in rjieba.tokenize(run, mode="search"):
        item = (word, slot.get(start, pos))
        if item not in seen:
            seen.add(item)
            out.append(item)
    return pos + len(precise)


def _normalize(words: list[tuple[str, int]], norm: tantivy.TextAnalyzer | None) -> list[Token]:
    if norm is None or not words:
        return words
    texts = [w for w, _ in words]
    normalized = norm.analyze(" ".join(texts))
    if len(normalized) != len(texts):
        # Should not happen (tokens hold no whitespace); stay correct if it does.
        normalized = [(norm.analyze(t) or [t])[0] for t in texts]
    return [(t, p) for t, (_, p) in zip(normalized, words)]


def _normalize_words(parts: list[str], norm: tantivy.TextAnalyzer, keep_spaces: bool) -> str:
    out = []
    for part in parts:
        if not part:
            out.append(part)
            continue
        done = norm.analyze(part)
        out.append("".join(done) if done else part)
    return (" " if keep_spaces else "").join(out)


def analyzer_for(ftype: FieldType) -> TextAnalyzer | NgramAnalyzer:
    return NgramAnalyzer(ftype) if ftype.ngram else TextAnalyzer(ftype)
