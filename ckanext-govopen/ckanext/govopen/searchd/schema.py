"""Read a Solr schema.xml: field types, fields, dynamic fields, copyFields.

Only what changes behaviour is kept: the kind of each field (string, text,
numeric, ...), the parts of the analyzer chain we emulate, and the indexed /
stored / multiValued / required flags. The file is the one CKAN ships, so the
service follows CKAN's schema as it evolves instead of a hard-coded copy.
"""
from __future__ import annotations

import importlib.util
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from pathlib import Path

KINDS = ("string", "text", "bool", "int", "float", "date", "binary")

# Solr field classes by the kind of values they hold (Trie* are the pre-7 names).
_CLASS_KINDS = {
    "StrField": "string", "UUIDField": "string", "EnumFieldType": "string",
    "EnumField": "string", "TextField": "text", "SortableTextField": "text",
    "BoolField": "bool", "BinaryField": "binary",
    "IntPointField": "int", "LongPointField": "int", "TrieIntField": "int",
    "TrieLongField": "int", "FloatPointField": "float", "DoublePointField": "float",
    "TrieFloatField": "float", "TrieDoubleField": "float", "DatePointField": "date",
    "TrieDateField": "date", "DateRangeField": "date",
}


@dataclass(frozen=True)
class Analysis:
    """One analyzer chain (index or query side) reduced to the steps we emulate."""

    tokenizer: str = "whitespace"  # whitespace | keyword | ngram
    min_gram: int = 1
    max_gram: int = 2
    word_delimiter: bool = False
    split_case: bool = False
    catenate_words: bool = False
    catenate_numbers: bool = False
    lowercase: bool = False
    stem: bool = False
    fold: bool = False


@dataclass(frozen=True)
class FieldType:
    name: str
    kind: str
    multi_valued: bool = False
    index: Analysis | None = None
    query: Analysis | None = None

    @property
    def ngram(self) -> bool:
        return self.index is not None and self.index.tokenizer == "ngram"


@dataclass(frozen=True)
class FieldDef:
    name: str
    type: FieldType
    indexed: bool = True
    stored: bool = True
    multi_valued: bool = False
    required: bool = False
    default: str | None = None
    dynamic: bool = False

    @property
    def kind(self) -> str:
        return self.type.kind


def default_schema_path() -> Path:
    """The schema.xml inside the installed ckan package, found without importing ckan."""
    spec = importlib.util.find_spec("ckan")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("ckan is not installed; pass --schema PATH")
    return Path(spec.origin).parent / "config" / "solr" / "schema.xml"


def _bool(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    return value.strip().lower() == "true"


def _analysis(elem: ET.Element | None) -> Analysis | None:
    if elem is None:
        return None
    tok = elem.find("tokenizer")
    tok_class = (tok.get("class", "") if tok is not None else "").rsplit(".", 1)[-1]
    fields: dict[str, object] = {}
    if "NGram" in tok_class and tok is not None:
        fields.update(tokenizer="ngram", min_gram=int(tok.get("minGramSize", "1")),
                      max_gram=int(tok.get("maxGramSize", "2")))
    elif "Keyword" in tok_class:
        fields["tokenizer"] = "keyword"
    for flt in elem.findall("filter"):
        cls = flt.get("class", "").rsplit(".", 1)[-1]
        if cls.startswith("WordDelimiter"):
            fields.update(
                word_delimiter=True,
                split_case=flt.get("splitOnCaseChange", "1") == "1",
                catenate_words=flt.get("catenateWords", "0") == "1",
                catenate_numbers=flt.get("catenateNumbers", "0") == "1",
            )
        elif cls.startswith("LowerCase"):
            fields["lowercase"] = True
        elif cls.startswith(("Snowball", "PorterStem", "KStem", "EnglishMinimalStem")):
            fields["stem"] = True
        elif cls.startswith("ASCIIFolding"):
            fields["fold"] = True
    return Analysis(**fields)  # type: ignore[arg-type]


def _field_type(elem: ET.Element) -> FieldType:
    cls = elem.get("class", "").rsplit(".", 1)[-1]
    kind = _CLASS_KINDS.get(cls, "string")
    index = query = None
    if kind == "text":
        both = elem.find("analyzer[@type='index']")
        if both is None:
            both = elem.find("analyzer")
        index = _analysis(both)
        query = _analysis(elem.find("analyzer[@type='query']")) or index
        index = index or Analysis()
        query = query or index
    return FieldType(elem.get("name", ""), kind, _bool(elem.get("multiValued"), False),
                     index, query)


class Schema:
    """Field lookup with Solr's rules: explicit fields first, then the longest dynamic pattern."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.raw = self.path.read_bytes()
        root = ET.fromstring(self.raw)
        self.name = root.get("name", "")
        self.version = root.get("version", "")
        self.types: dict[str, FieldType] = {}
        for elem in root.iter():
            if elem.tag in ("fieldType", "fieldtype") and elem.get("name"):
                ft = _field_type(elem)
                self.types[ft.name] = ft
        self.fields: dict[str, FieldDef] = {}
        self.dynamic: list[tuple[str, FieldDef]] = []
        for elem in root.iter():
            if elem.tag not in ("field", "dynamicField"):
                continue
            fdef = self._field_def(elem)
            if elem.tag == "field":
                self.fields[fdef.name] = fdef
            else:
                self.dynamic.append((fdef.name, replace(fdef, dynamic=True)))
        # Solr tries longer patterns first, so `extras_*` wins over `*_date`.
        self.dynamic.sort(key=lambda item: -len(item[0]))
        key = root.findtext("uniqueKey")
        self.unique_key = (key or "id").strip()
        self.copy_fields: list[tuple[str, str]] = [
            (c.get("source", ""), c.get("dest", "")) for c in root.iter("copyField")
        ]
        self._cache: dict[str, FieldDef | None] = {}
        self._copy_cache: dict[str, tuple[str, ...]] = {}

    def _field_def(self, elem: ET.Element) -> FieldDef:
        ftype = self.types.get(elem.get("type", ""), FieldType(elem.get("type", ""), "string"))
        return FieldDef(
            name=elem.get("name", ""),
            type=ftype,
            indexed=_bool(elem.get("indexed"), True),
            stored=_bool(elem.get("stored"), True),
            multi_valued=_bool(elem.get("multiValued"), ftype.multi_valued),
            required=_bool(elem.get("required"), False),
            default=elem.get("default"),
        )

    def lookup(self, name: str) -> FieldDef | None:
        """The definition that governs `name`, or None when no pattern matches."""
        try:
            return self._cache[name]
        except KeyError:
            pass
        found = self.fields.get(name)
        if found is None:
            for pattern, fdef in self.dynamic:
                if _glob_match(pattern, name):
                    found = replace(fdef, name=name)
                    break
        if len(self._cache) < 100_000:  # user-supplied names must not grow memory forever
            self._cache[name] = found
        return found

    def copy_targets(self, name: str) -> tuple[str, ...]:
        """copyField destinations of a source field (copies do not chain, as in Solr)."""
        cached = self._copy_cache.get(name)
        if cached is not None:
            return cached
        dests: list[str] = []
        for source, dest in self.copy_fields:
            if not _glob_match(source, name) or dest == name:
                continue
            if "*" in dest and "*" in source:
                # `*_s` -> `*_t`: the part the source star matched fills the dest star.
                matched = _glob_capture(source, name)
                dest = dest.replace("*", matched, 1)
            if dest not in dests:
                dests.append(dest)
        result = tuple(dests)
        if len(self._copy_cache) < 100_000:
            self._copy_cache[name] = result
        return result

    def required_fields(self) -> list[FieldDef]:
        return [f for f in self.fields.values() if f.required]

    def defaults(self) -> list[FieldDef]:
        return [f for f in self.fields.values() if f.default is not None]


def _glob_match(pattern: str, name: str) -> bool:
    if pattern == "*":
        return True
    if pattern.startswith("*"):
        return name.endswith(pattern[1:])
    if pattern.endswith("*"):
        return name.startswith(pattern[:-1])
    return pattern == name


def _glob_capture(pattern: str, name: str) -> str:
    if pattern == "*":
        return name
    if pattern.startswith("*"):
        return name[: len(name) - (len(pattern) - 1)]
    return name[len(pattern) - 1:]
