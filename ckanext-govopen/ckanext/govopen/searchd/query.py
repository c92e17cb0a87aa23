"""Parse Lucene and DisMax query strings into a small AST.

The Lucene grammar and its boolean rules (how AND / OR / + / - and the default
operator combine) follow Lucene's classic QueryParser, which Solr's standard
parser is built on. DisMax mode is the restricted form Solr's dismax accepts:
words, "phrases", + and -, AND/OR/NOT; every other special character is a
literal, unbalanced quotes are dropped and stray operators trimmed.

Nothing here knows about fields or analysis: `translate.py` turns the AST into
tantivy queries. `field=None` means the default field (df) or, in dismax, the
qf fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import SolrError, SyntaxError_

MUST, SHOULD, MUST_NOT = "must", "should", "must_not"
MAX_DEPTH = 100  # nesting a user may send; keeps every later recursion shallow
# Wildcards survive analysis as private-use characters, so an escaped \* stays literal.
STAR, QMARK = "\ue000", "\ue001"


@dataclass
class Node:
    boost: float | None = field(default=None, kw_only=True)


@dataclass
class MatchAll(Node):
    pass


@dataclass
class Term(Node):
    field: str | None
    text: str
    kind: str = "term"  # term | phrase | wildcard | fuzzy | regex
    slop: int = 0
    fuzzy: float = 2.0


@dataclass
class Range(Node):
    field: str | None
    lo: str | None
    hi: str | None
    incl_lo: bool = True
    incl_hi: bool = True


@dataclass
class Bool(Node):
    clauses: list[tuple[str, Node]]
    explicit_ops: bool = False


# Characters that end a bare term (Lucene's _TERM_START_CHAR complement, minus + and -).
_TERM_STOP = set(' \t\n\r\u3000!():^[]"{}~\\/')
_DISMAX_STOP = set(' \t\n\r\u3000"')
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_CONSECUTIVE_OPS = re.compile(r"\s+[+-](?:\s*[+-]+)+")
_DANGLING_OPS = re.compile(r"\s+[-+\s]+$")


@dataclass
class _Tok:
    kind: str  # WORD QUOTED RANGE REGEX ( ) : ^ ~ + - NOT AND OR EOF
    value: str = ""
    pos: int = 0
    wild: bool = False
    extra: tuple[str | None, str | None, bool, bool] | None = None


class _Lexer:
    def __init__(self, text: str, dismax: bool) -> None:
        self.text = text
        self.dismax = dismax
        self.i = 0
        self.original = text

    def error(self, detail: str) -> SolrError:
        return SyntaxError_(self.original, detail)

    def tokens(self) -> list[_Tok]:  # noqa: C901 -- predates the complexity limit; split it when next changed
        out: list[_Tok] = []
        text, n = self.text, len(self.text)
        while True:
            while self.i < n and (text[self.i].isspace()):
                self.i += 1
            if self.i >= n:
                out.append(_Tok("EOF", pos=self.i))
                return out
            start, ch = self.i, text[self.i]
            if ch == '"':
                out.append(_Tok("QUOTED", self._quoted(), start))
            elif ch in "+-":
                self.i += 1
                out.append(_Tok(ch, pos=start))
            elif not self.dismax and ch in "():^~":
                self.i += 1
                tok = _Tok(ch, pos=start)
                if ch in "^~":
                    m = _NUMBER.match(text, self.i)
                    tok.value = m.group() if m else ""
                    self.i = m.end() if m else self.i
                out.append(tok)
            elif not self.dismax and ch == "!":
                self.i += 1
                out.append(_Tok("NOT", pos=start))
            elif not self.dismax and text.startswith(("&&", "||"), self.i):
                self.i += 2
                out.append(_Tok("AND" if ch == "&" else "OR", pos=start))
            elif not self.dismax and ch in "[{":
                out.append(self._range(start))
            elif not self.dismax and ch == "/":
                out.append(_Tok("REGEX", self._regex(), start))
            else:
                word, wild = self._word()
                if not word and not wild:
                    raise self.error(f"Lexical error at position {start}: unexpected '{ch}'")
                kind = word if word in ("AND", "OR", "NOT") and not wild else "WORD"
                out.append(_Tok(kind, word, start, wild))

    def _word(self) -> tuple[str, bool]:
        stop = _DISMAX_STOP if self.dismax else _TERM_STOP
        text, n = self.text, len(self.text)
        chars: list[str] = []
        wild = False
        raw_start = self.i
        while self.i < n:
            ch = text[self.i]
            if ch == "\\" and not self.dismax:
                self.i += 1
                if self.i >= n:
                    raise self.error("Term can not end with escape character.")
                chars.append(self._escaped())
                continue
            if ch in stop and not (self.dismax and ch in "+-" and self.i > raw_start):
                break
            if ch in "*?":
                wild = True
                chars.append(STAR if ch == "*" else QMARK)
            else:
                chars.append(ch)
            self.i += 1
        return "".join(chars), wild

    def _escaped(self) -> str:
        text = self.text
        if text[self.i] == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[self.i + 1:self.i + 5]):
            ch = chr(int(text[self.i + 1:self.i + 5], 16))
            self.i += 5
            return ch
        ch = text[self.i]
        self.i += 1
        return ch

    def _quoted(self) -> str:
        text, n = self.text, len(self.text)
        self.i += 1
        chars: list[str] = []
        while self.i < n and text[self.i] != '"':
            if text[self.i] == "\\" and self.i + 1 < n:
                self.i += 1
                chars.append(self._escaped())
                continue
            chars.append(text[self.i])
            self.i += 1
        if self.i >= n:
            raise self.error("Lexical error: unterminated quoted string")
        self.i += 1
        return "".join(chars)

    def _regex(self) -> str:
        text, n = self.text, len(self.text)
        self.i += 1
        start = self.i
        while self.i < n and text[self.i] != "/":
            self.i += 2 if text[self.i] == "\\" else 1
        if self.i >= n:
            raise self.error("Lexical error: unterminated regular expression")
        self.i += 1
        return text[start:self.i - 1].replace("\\/", "/")

    def _range(self, start: int) -> _Tok:
        text, n = self.text, len(self.text)
        incl_lo = text[self.i] == "["
        self.i += 1
        parts: list[str | None] = []
        while True:
            while self.i < n and text[self.i].isspace():
                self.i += 1
            if self.i >= n:
                raise self.error("Encountered <EOF> inside a range")
            ch = text[self.i]
            if ch in "]}":
                break
            if ch == '"':
                parts.append(self._quoted())
                continue
            j = self.i
            chars: list[str] = []
            while j < n and not text[j].isspace() and text[j] not in "]}":
                if text[j] == "\\" and j + 1 < n:
                    j += 1
                chars.append(text[j])
                j += 1
            bare_star = text[self.i:j] == "*"
            self.i = j
            parts.append(None if bare_star else "".join(chars))
        incl_hi = text[self.i] == "]"
        self.i += 1
        if len(parts) != 3 or parts[1] != "TO":
            raise self.error("Encountered a malformed range; expected [a TO b]")
        return _Tok("RANGE", pos=start, extra=(parts[0], parts[2], incl_lo, incl_hi))


class Parser:
    """One parse of one query string."""

    def __init__(self, text: str, *, op_and: bool = False, dismax: bool = False) -> None:
        self.original = text
        self.dismax = dismax
        self.op_and = op_and
        if dismax:
            text = _dismax_clean(text)
        self.toks = _Lexer(text, dismax).tokens()
        self.i = 0
        self.depth = 0
        self.explicit_ops = False

    def error(self, detail: str) -> SolrError:
        return SyntaxError_(self.original, detail)

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def take(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self._query(None, top=True)
        if self.peek().kind != "EOF":
            tok = self.peek()
            raise self.error(f"Encountered \"{tok.kind}\" at position {tok.pos}")
        return node

    def _query(self, fld: str | None, top: bool = False) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self.error("Too many nested parentheses")
        try:
            return self._clauses(fld, top)
        finally:
            self.depth -= 1

    def _clauses(self, fld: str | None, top: bool) -> Node:
        clauses: list[tuple[str, Node]] = []
        first = True
        while True:
            tok = self.peek()
            if tok.kind == "EOF" or (tok.kind == ")" and not top):
                break
            if tok.kind == ")":
                raise self.error(f"Encountered \")\" at position {tok.pos}")
            conj = ""
            if tok.kind in ("AND", "OR"):
                if first:
                    raise self.error(f"Encountered \"{tok.kind}\" at position {tok.pos}")
                conj = self.take().kind
                self.explicit_ops = True
            mods = ""
            tok = self.peek()
            if tok.kind in ("+", "-", "NOT"):
                mods = "REQ" if tok.kind == "+" else "NOT"
                self.take()
                if tok.kind == "NOT":
                    self.explicit_ops = True
            node = self._clause(fld)
            _add_clause(clauses, conj, mods, node, self.op_and)
            first = False
        if len(clauses) == 1 and clauses[0][0] != MUST_NOT:
            return clauses[0][1]
        return Bool(clauses, explicit_ops=self.explicit_ops)

    def _clause(self, fld: str | None) -> Node:
        tok = self.peek()
        if tok.kind == "WORD" and self.toks[self.i + 1].kind == ":":
            self.take()
            self.take()
            fld = tok.value.replace(STAR, "*").replace(QMARK, "?")
            tok = self.peek()
        if tok.kind == "(":
            self.take()
            inner = self._query(fld)
            if self.take().kind != ")":
                raise self.error("Encountered <EOF>; expected \")\"")
            return self._boost(inner)
        return self._term(fld)

    def _term(self, fld: str | None) -> Node:
        tok = self.take()
        if tok.kind == "QUOTED":
            slop = 0
            if self.peek().kind == "~":
                slop = int(float(self.take().value or "0"))
            return self._boost(Term(fld, tok.value, "phrase", slop=slop))
        if tok.kind == "RANGE":
            assert tok.extra is not None
            lo, hi, incl_lo, incl_hi = tok.extra
            return self._boost(Range(fld, lo, hi, incl_lo, incl_hi))
        if tok.kind == "REGEX":
            return self._boost(Term(fld, tok.value, "regex"))
        if tok.kind != "WORD":
            where = "<EOF>" if tok.kind == "EOF" else f'"{tok.kind}"'
            raise self.error(f"Encountered {where} at position {tok.pos}")
        text = tok.value
        if tok.wild and text == STAR and fld == "*":
            return self._boost(MatchAll())
        if self.peek().kind == "~":
            raw = self.take().value
            return self._boost(Term(fld, text.replace(STAR, "*").replace(QMARK, "?"), "fuzzy",
                                    fuzzy=float(raw) if raw else 2.0))
        return self._boost(Term(fld, text, "wildcard" if tok.wild else "term"))

    def _boost(self, node: Node) -> Node:
        if self.peek().kind == "^":
            raw = self.take().value
            if not raw:
                raise self.error("Encountered \"^\" without a number")
            node.boost = float(raw)
        return node


def _add_clause(clauses: list[tuple[str, Node]], conj: str, mods: str, node: Node,
                op_and: bool) -> None:
    """Lucene's classic rule for folding conjunctions and modifiers into occurs."""
    if clauses and conj == "AND" and clauses[-1][0] != MUST_NOT:
        clauses[-1] = (MUST, clauses[-1][1])
    if clauses and op_and and conj == "OR" and clauses[-1][0] != MUST_NOT:
        clauses[-1] = (SHOULD, clauses[-1][1])
    prohibited = mods == "NOT"
    if op_and:
        required = not prohibited and conj != "OR"
    else:
        required = mods == "REQ" or (conj == "AND" and not prohibited)
    occur = MUST_NOT if prohibited else MUST if required else SHOULD
    clauses.append((occur, node))


def _dismax_clean(text: str) -> str:
    """What Solr's dismax does to user input before parsing it."""
    if text.count('"') % 2:
        text = text.replace('"', "")
    text = _CONSECUTIVE_OPS.sub(" ", text)
    return _DANGLING_OPS.sub("", text)


def parse_lucene(text: str, op_and: bool) -> Node:
    if not text.strip():
        return Bool([])
    return Parser(text, op_and=op_and).parse()


def parse_dismax(text: str) -> Node:
    if not text.strip():
        return Bool([])
    return Parser(text, dismax=True).parse()
