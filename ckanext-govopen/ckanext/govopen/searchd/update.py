"""/update bodies: JSON (arrays of documents or command objects) and XML commands."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from .engine import Engine
from .errors import SolrError
from .params import Params


class _Pairs(list[tuple[str, Any]]):
    """A JSON object as its (key, value) pairs, so repeated keys survive."""


def _pairs_hook(pairs: list[tuple[str, Any]]) -> _Pairs:
    return _Pairs(pairs)


def _as_doc(obj: Any) -> Any:
    """A JSON object as a document; a repeated field name means several values, as in Solr."""
    if not isinstance(obj, _Pairs):
        return obj
    doc: dict[str, Any] = {}
    for key, value in obj:
        value = _plain(value)
        if key in doc:
            prev = doc[key]
            doc[key] = (prev if isinstance(prev, list) else [prev]) + (
                value if isinstance(value, list) else [value])
        else:
            doc[key] = value
    return doc


def _plain(value: Any) -> Any:
    if isinstance(value, _Pairs):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid JSON number {name}")


_COMMANDS = {"add", "delete", "commit", "optimize", "rollback"}


def apply_json(engine: Engine, body: bytes) -> bool:
    """Run the commands in a JSON body; True when the body itself asked for a commit."""
    try:
        data = json.loads(body.decode("utf-8"), object_pairs_hook=_pairs_hook,
                          parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SolrError(f"Cannot parse provided JSON: {exc}") from None
    if isinstance(data, list) and not isinstance(data, _Pairs):
        engine.add([_as_doc(d) for d in data])
        return False
    if not isinstance(data, _Pairs):
        raise SolrError("Expected a JSON array of documents or an object of commands")
    if not any(key in _COMMANDS for key, _ in data):
        engine.add([_as_doc(data)])  # a single document, as /update/json/docs takes it
        return False
    committed = False
    for key, value in data:
        if key == "add":
            items = value if isinstance(value, list) and not isinstance(value, _Pairs) else [value]
            docs = []
            for item in items:
                fields = dict(item) if isinstance(item, _Pairs) else {}
                docs.append(_as_doc(fields.get("doc")) if "doc" in fields else _as_doc(item))
            engine.add(docs)
        elif key == "delete":
            _json_delete(engine, value)
        elif key in ("commit", "optimize"):
            engine.commit()
            committed = True
        elif key == "rollback":
            raise SolrError("rollback is not supported")
        else:
            raise SolrError(f"Unknown command '{key}'")
    return committed


def _json_delete(engine: Engine, value: Any) -> None:
    items = value if isinstance(value, list) and not isinstance(value, _Pairs) else [value]
    for item in items:
        if isinstance(item, (str, int)):
            engine.delete_ids([str(item)])
        elif isinstance(item, _Pairs):
            fields = dict(item)
            if "id" in fields:
                engine.delete_ids([str(fields["id"])])
            elif "query" in fields:
                engine.delete_query(str(fields["query"]))
            else:
                raise SolrError("delete needs an id or a query")
        else:
            raise SolrError("Invalid delete command")


def apply_xml(engine: Engine, body: bytes) -> bool:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise SolrError(f"Unexpected XML: {exc}") from None
    commands = [root] if root.tag in ("add", "delete", "commit", "optimize", "rollback") \
        else list(root)
    committed = False
    for elem in commands:
        if elem.tag == "add":
            engine.add([_xml_doc(d) for d in elem.findall("doc")])
        elif elem.tag == "delete":
            for child in elem:
                text = (child.text or "").strip()
                if child.tag == "id" and text:
                    engine.delete_ids([text])
                elif child.tag == "query" and text:
                    engine.delete_query(text)
        elif elem.tag in ("commit", "optimize"):
            engine.commit()
            committed = True
        elif elem.tag == "rollback":
            raise SolrError("rollback is not supported")
        else:
            raise SolrError(f"Unexpected <{elem.tag}> in update")
    return committed


def _xml_doc(elem: ET.Element) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for field in elem.findall("field"):
        name = field.get("name")
        if not name:
            raise SolrError("<field> without a name attribute")
        if field.get("null", "").lower() == "true":
            continue
        value = field.text or ""
        if name in doc:
            prev = doc[name]
            doc[name] = (prev if isinstance(prev, list) else [prev]) + [value]
        else:
            doc[name] = value
    return doc


def handle_update(engine: Engine, params: Params, body: bytes, content_type: str) -> None:
    text = body.lstrip()
    committed = False
    if text:
        is_xml = "xml" in content_type or text[:1] == b"<"
        committed = apply_xml(engine, body) if is_xml else apply_json(engine, body)
    wants_commit = any(params.bool(p, False) for p in ("commit", "softCommit", "optimize"))
    if params.get("commitWithin") and not wants_commit:
        wants_commit = True  # we have no timer; committing early is the safe side
    if wants_commit and not committed:
        engine.commit()
