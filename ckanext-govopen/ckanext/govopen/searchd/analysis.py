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
* traditional characters are folded to simplified ones first (chinese.py), on
  both sides, so 學校 finds 学校;
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

from .chinese import fold as to_simplified
from .schema import Analysis, FieldType

POSITION_GAP = 100

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{_HAN}]+")
_HAS_HAN = re.compile(f"[{_HAN}]")
# Letters, digits and combining marks; everything else delimits words as in WordDelimiter.
_ALNUM_RUN = re.compile(r"[^\W_]+(?:[\u0300-\u036f][^\W_]*)*")
# Parts of an ASCII alphanumeric run: digit/letter changes always split, lower->upper
# changes when splitOnCaseChange (ABCdef stays whole, aBc -> a Bc).
_ASCII_PARTS_CASE = re.compile(r"[0-9]+|[a-z]+|[A-Z]+[a-z]*")
_ASCII_PARTS = re.compile(r"[0-9]+|[A-Za-z]+")
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
    # Full-width Latin and digits are common in Chinese input (Ｄａｔａ２０２４);
    # traditional characters are folded to simplified ones (chinese.py).
    return text if text.isascii() else to_simplified(unicodedata.normalize("NFKC", text))


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
    if run.isascii():  # [A-Za-z0-9] only: the same breaks, found by a regex
        found = (_ASCII_PARTS_CASE if split_case else _ASCII_PARTS).findall(run)
        return [(part, part[0] <= "9") for part in found]
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
        self._memo: dict[str, tuple[tuple[str, ...], tuple[int, ...], int]] = {}

    # -- splitting ---------------------------------------------------------------
    def _words(self, text: str, spec: Analysis, index: bool) -> list[tuple[str, int]]:
        """Raw (un-normalized) words with positions relative to the value start."""
        out: list[tuple[str, int]] = []
        pos = 0
        text = _nfkc(text)
        if spec.tokenizer == "keyword":
            return [(text, 0)] if text else []
        split = spec.word_delimiter or spec.tokenizer != "whitespace"
        split_case = spec.split_case
        for chunk in text.split():
            if not split:
                pos = _emit(chunk, pos, out, index)
                continue
            if "'" in chunk or "\u2019" in chunk:
                chunk = _POSSESSIVE.sub("", chunk)
            run_pos = pos
            run: list[str] = []
            run_num: bool | None = None
            for alnum in _ALNUM_RUN.findall(chunk):
                # Most runs (words, Han text) are one part: skip _split_run.
                if alnum.isalpha() and (not split_case or alnum[1:] == alnum[1:].lower()):
                    parts: Sequence[tuple[str, bool]] = ((alnum, False),)
                else:
                    parts = _split_run(alnum, split_case)
                for part, is_num in parts:
                    if run and is_num != run_num:
                        if index and len(run) > 1:
                            _catenate(run, run_num, run_pos, out, spec)
                        run = []
                    if not run:
                        run_pos = pos
                    run.append(part)
                    run_num = is_num
                    pos = _emit(part, pos, out, index)
            if index and len(run) > 1:
                _catenate(run, run_num, run_pos, out, spec)
        return out

    # -- public API ----------------------------------------------------------------
    def index_tokens(self, values: Sequence[str]) -> list[Token]:
        terms, positions = self.index_terms(values)
        return list(zip(terms, positions))

    def index_terms(self, values: Sequence[str]) -> tuple[Sequence[str], Sequence[int]]:
        """Index-side terms and their positions (parallel sequences), values 100 apart."""
        if len(values) == 1:
            terms, positions, _ = self._value_terms(values[0])
            return terms, positions
        all_terms: list[str] = []
        all_positions: list[int] = []
        base = 0
        for value in values:
            terms, positions, width = self._value_terms(value)
            all_terms.extend(terms)
            all_positions.extend([p + base for p in positions] if base else positions)
            base += width + POSITION_GAP
        return all_terms, all_positions

    def _value_terms(self, value: str) -> tuple[tuple[str, ...], tuple[int, ...], int]:
        """Terms, positions and the positions spanned by one value, memoized.

        The same strings recur: a title is analyzed for `title` and again for its
        copy into `text`; tags, formats and organizations repeat across datasets.
        """
        cached = self._memo.get(value)
        if cached is None:
            words = self._words(value, self.index_spec, True)
            if words:
                raw, positions = zip(*words)
                terms = _normalize_terms(raw, self._index_norm)
                cached = (terms, positions, max(positions) + 1)
            else:
                cached = ((), (), 0)
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
        terms, positions = self.index_terms(values)
        return list(zip(terms, positions))

    def index_terms(self, values: Sequence[str]) -> tuple[list[str], list[int]]:
        terms: list[str] = []
        positions: list[int] = []
        pos = 0
        lo, hi = self.min_gram, self.max_gram
        for value in values:
            text = _nfkc(value)
            if self.lowercase:
                text = text.lower()
            n = len(text)
            # Every gram in order (start, then size); each takes a position.
            grams = [text[start:start + size] for start in range(n)
                     for size in range(lo, min(hi, n - start) + 1)]
            # Repeated grams add nothing to matching and bloat postings: keep the first.
            first = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1)))
            if len(first) == len(grams):
                terms.extend(grams)
                positions.extend(range(pos, pos + len(grams)))
            else:
                keep = [i for i, gram in enumerate(grams) if first[gram] == i]
                terms.extend([grams[i] for i in keep])
                positions.extend([pos + i for i in keep])
            pos += len(grams) + POSITION_GAP
        return terms, positions

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


def _catenate(run: list[str], is_num: bool | None, pos: int, out: list[tuple[str, int]],
              spec: Analysis) -> None:
    """Index side: a run of two or more parts is also indexed whole (wi-fi -> wifi)."""
    wanted = spec.catenate_numbers if is_num else spec.catenate_words
    if wanted:
        joined = "".join(run)
        if not _HAS_HAN.search(joined):
            out.append((joined, pos))


def _emit(word: str, pos: int, out: list[tuple[str, int]], index: bool) -> int:
    """Append `word` (segmenting Han runs) and return the next free position."""
    if word.isascii() or not _HAS_HAN.search(word):
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


def _segment(run: str, pos: int, out: list[tuple[str, int]], index: bool) -> int:
    if not index:
        precise = rjieba.tokenize(run)
        for word, _start, _end in precise:
            out.append((word, pos))
            pos += 1
        return pos
    # Search mode yields each word of precise mode, preceded by its dictionary
    # sub-words (which lie inside it). Sub-words take the position of their word,
    # so precise mode is read off the search tokens instead of a second jieba call.
    tokens = rjieba.tokenize(run, mode="search")
    owner = [0] * len(tokens)  # index of the containing precise word, from the end
    word_no = -1
    word_start = word_end = -1
    expected_end = len(run)
    for j in range(len(tokens) - 1, -1, -1):
        _word, start, end = tokens[j]
        if word_start <= start and end <= word_end:
            owner[j] = word_no
            continue
        if end != expected_end:
            return _segment_slow(run, pos, out)
        word_no += 1
        word_start, word_end = start, end
        expected_end = start
        owner[j] = word_no
    if expected_end != 0:
        return _segment_slow(run, pos, out)
    last = pos + word_no  # position of the final precise word
    seen: set[tuple[str, int]] = set()
    for (word, _start, _end), back in zip(tokens, owner):
        item = (word, last - back)
        if item not in seen:
            seen.add(item)
            out.append(item)
    return last + 1


def _segment_slow(run: str, pos: int, out: list[tuple[str, int]]) -> int:
    """Index-side segmentation with precise mode computed separately."""
    precise = rjieba.tokenize(run)
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


def _normalize_terms(terms: Sequence[str], norm: tantivy.TextAnalyzer | None) -> tuple[str, ...]:
    if norm is None or not terms:
        return tuple(terms)
    normalized = norm.analyze(" ".join(terms))
    if len(normalized) != len(terms):
        # Should not happen (tokens hold no whitespace); stay correct if it does.
        normalized = [(norm.analyze(t) or [t])[0] for t in terms]
    return tuple(normalized)


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
    out: list[str] = []
    for part in parts:
        if not part:
            out.append(part)
            continue
        done = norm.analyze(part)
        out.append("".join(done) if done else part)
    return (" " if keep_spaces else "").join(out)


def analyzer_for(ftype: FieldType) -> TextAnalyzer | NgramAnalyzer:
    return NgramAnalyzer(ftype) if ftype.ngram else TextAnalyzer(ftype)
