"""Read our catalog fields back from a DCAT-AP 3 graph written by the ``govopen`` profile
(or by another portal using the same mapping), so we can harvest and be harvested (pure)."""
from __future__ import annotations

import json
from typing import Any

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCAT, FOAF, SKOS
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.dcat import terms as t

VCARD = t.VCARD
# the catalog fields DCAT-AP has no property for: one JSON object, gov:catalogFields
RECORD_TEXT = ("sharing_type", "sharing_condition", "sharing_reason", "sharing_legal_basis",
               "secrecy", "livelihood_priority")
RECORD_LISTS = ("sharing_method", "formats", "related_resource_codes")
CATALOG_RECORD_FIELDS = (*RECORD_TEXT, *RECORD_LISTS, "data_items")
# our concept IRIs end with their code (terms.classification_uri, terms.division_uri)
CLASSIFICATION_MARK = "/dcat/classification#"
DIVISION_MARK = "/dcat/division/"
_BY_URI = {
    "update_cycle": {uri: code for code, uri in dcat_map.FREQUENCY.items()},
    "open_type": {uri: code for code, uri in dcat_map.ACCESS_RIGHTS.items()},
}


def catalog_fields(g: Graph, ref: Node, out: dict[str, Any]) -> dict[str, Any]:
    """Fill `out` (a dataset dict the base profiles parsed) with our catalog fields."""
    text = _text_reader(g)
    _names(g, ref, out, text)
    _set(out, "release_date", _date(g.value(ref, DCT.issued)))
    _set(out, "data_update_date", _date(g.value(ref, DCT.modified)))
    for key, predicate in (("update_cycle", DCT.accrualPeriodicity),
                           ("open_type", DCT.accessRights)):
        _set(out, key, next((_BY_URI[key][str(o)] for o in g.objects(ref, predicate)
                             if str(o) in _BY_URI[key]), None))
    for theme in g.objects(ref, DCAT.theme):
        _set(out, "classification", _code(g, theme, CLASSIFICATION_MARK))
    rights = g.value(ref, DCT.rights)
    if rights is not None:
        _set(out, "open_reason", text(rights, RDFS.label))
        _set(out, "open_condition", text(rights, DCT.description))
    law = g.value(ref, t.DCATAP.applicableLegislation)
    if law is not None:
        _set(out, "open_legal_basis", text(law, t.ELI.title) or text(law, RDFS.label))
    publisher = g.value(ref, DCT.publisher)
    if publisher is not None:
        _set(out, "provider_code", text(publisher, DCT.identifier))
        _set(out, "provider", text(publisher, FOAF.name))
    place = g.value(ref, DCT.spatial)
    if place is not None:
        _set(out, "division_code", _code(g, place, DIVISION_MARK))
    period = g.value(ref, DCT.temporal)
    if period is not None:
        _set(out, "temporal_start", _date(g.value(period, DCAT.startDate)))
        _set(out, "temporal_end", _date(g.value(period, DCAT.endDate)))
    card = g.value(ref, DCAT.contactPoint)
    if card is not None:
        _set(out, "contact_name", text(card, VCARD.fn))
        phone = g.value(card, VCARD.hasTelephone)
        _set(out, "contact_phone", t.phone_of(str(phone)) if phone else None)
        email = g.value(card, VCARD.hasEmail)
        _set(out, "contact_email", str(email).removeprefix("mailto:") if email else None)
    licence = g.value(ref, DCT.license)
    if licence is not None:
        _set(out, "license_id", text(licence, DCT.identifier))
    record = g.value(ref, t.GOV.catalogFields)
    if record is not None:
        fields = json.loads(str(record))
        for key in CATALOG_RECORD_FIELDS:
            _set(out, key, fields.get(key))
    return out


def _names(g: Graph, ref: Node, out: dict[str, Any], text: Any) -> None:
    """Title and description (Chinese, and English when tagged so) and the resource code."""
    out["title"] = text(ref, DCT.title) or out.get("title")
    out["notes"] = text(ref, DCT.description) or out.get("notes")
    for key, predicate in (("title_en", DCT.title), ("notes_en", DCT.description)):
        english = _english(g, ref, predicate)
        if english != out.get(key.removesuffix("_en")):
            _set(out, key, english)
    identifier = text(ref, DCT.identifier)
    # a record without a resource code (a derived product) is identified by its IRI
    _set(out, "resource_code", identifier if identifier != str(ref) else None)


def _text_reader(g: Graph) -> Any:
    def text(subject: Node, predicate: URIRef) -> str | None:
        """The Chinese (or untagged) value, else any value."""
        values = [o for o in g.objects(subject, predicate) if isinstance(o, Literal)]
        if not values:
            return None
        best = next((v for v in values if (v.language or "").lower().startswith("zh")), None)
        best = best or next((v for v in values if not v.language), values[0])
        return str(best)
    return text


def _english(g: Graph, subject: Node, predicate: URIRef) -> str | None:
    return next((str(o) for o in g.objects(subject, predicate)
                 if isinstance(o, Literal) and (o.language or "").lower().startswith("en")),
                None)


def _code(g: Graph, node: Node, mark: str) -> str | None:
    """The code of a concept of our vocabularies: its notation, else the end of its IRI."""
    iri = str(node)
    if mark not in iri:
        return None
    notation = g.value(node, SKOS.notation)
    return str(notation) if notation is not None else iri.rsplit(mark, 1)[1]


def _date(value: Node | None) -> str | None:
    return str(value)[:10] if value is not None else None


def _set(out: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, ""):
        out[key] = value
