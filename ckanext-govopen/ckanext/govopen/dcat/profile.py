"""The ``govopen`` RDF profile: our catalog fields on top of ckanext-dcat's DCAT-AP 3.

Configure it after the base profile (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
govopen``): the base writes the generic triples, this profile replaces those that do not
fit our data or DCAT-AP 3 (plain literals where IRIs are required, resource URLs of data
that is not open) and adds the catalog fields. ``parse_dataset`` reads them back
(:mod:`ckanext.govopen.dcat.parse`).

A catalog page is one graph of a hundred datasets that share a handful of publishers,
concepts, places, licences and legal texts: each of those is described once per graph
(:class:`_Page`), and each dataset only points at it.
"""
from __future__ import annotations

import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, SKOS, XSD
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.dcat.profiles import RDFProfile
from ckanext.dcat.utils import catalog_uri, publisher_uri_organization_fallback
from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.catalog.classification import CLASSIFICATION
from ckanext.govopen.catalog.codes import division_name
from ckanext.govopen.dcat import parse
from ckanext.govopen.dcat import terms as t
from ckanext.govopen.dcat.vocabulary import SCHEME_TITLE

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")

CATALOG_TITLE_EN = "Provincial Government Open Data Platform"
CATALOG_DESCRIPTION_EN = ("Government data opened by provincial departments: desensitized, "
                          "free of charge and machine-readable.")
REQUEST_ENDPOINT = "govopen_access.request"
OPEN = "unconditional"
CONDITIONAL = "conditional"

Triple = tuple[Node, Node, Node]
Add = Callable[[Triple], None]

# Properties of a dataset this profile maps itself: whatever the base wrote for them goes.
_REPLACED = (
    DCT.identifier, DCT.issued, DCT.modified, DCT.accrualPeriodicity, DCAT.theme,
    DCT.spatial, DCT.license, t.DCATAP.applicableLegislation,
)
_STATEMENTS = (DCT.accessRights, DCT.rights)
_DIST_REPLACED = frozenset({DCAT.accessURL, DCAT.downloadURL, DCAT.mediaType, DCT["format"]})

_FREQUENCY = {code: URIRef(uri) for code, uri in dcat_map.FREQUENCY.items()}
_ACCESS_RIGHTS = {code: URIRef(uri) for code, uri in dcat_map.ACCESS_RIGHTS.items()}


@dataclass
class _Page:
    """What one graph already holds, so that shared nodes are described once."""

    base: str
    described: set[URIRef] = field(default_factory=set)
    licences: dict[str, Node] = field(default_factory=dict)
    publishers: dict[str, URIRef] = field(default_factory=dict)
    request_url: str | None = None


_PAGES: weakref.WeakKeyDictionary[Graph, _Page] = weakref.WeakKeyDictionary()


def _page(g: Graph) -> _Page:
    page = _PAGES.get(g)
    if page is None:
        page = _PAGES[g] = _Page(catalog_uri().rstrip("/"))
        # rdflib caches the qname of an IRI only when its namespace has a prefix and
        # splits an unprefixed one again each time it is written: prefixes for every
        # namespace we write keep the Turtle short and its serialization fast.
        for prefix, namespace in t.prefixes(page.base).items():
            g.bind(prefix, namespace)
    return page


def _zh(value: str) -> Literal:
    return Literal(value, lang=t.ZH_TAG)


class GovOpenProfile(RDFProfile):
    """DCAT-AP 3 with the GB/T 21063 catalog fields of a Chinese open-data portal."""

    def __init__(self, graph: Any, dataset_type: str = "dataset",
                 compatibility_mode: bool = False) -> None:
        # The base constructor asks scheming for the dataset schema on every dataset of a
        # catalog page; this profile reads none of it, and the lookup cost as much as all
        # of its triples.
        self.g = graph
        self.compatibility_mode = compatibility_mode
        self._default_lang = tk.config.get("ckan.locale_default", "en")
        self._default_locale_lang = None

    # Graph ------------------------------------------------------------------

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        g = self.g
        page = _page(g)
        d = dataset_dict
        out: list[Triple] = []
        add = out.append
        self._take_over(dataset_ref, d, add)
        if d.get("resource_code"):
            add((dataset_ref, DCT.identifier, Literal(d["resource_code"])))
        if d.get("release_date"):
            add((dataset_ref, DCT.issued, _date(d["release_date"])))
        if d.get("data_update_date"):
            add((dataset_ref, DCT.modified, _date(d["data_update_date"])))
        frequency = _FREQUENCY.get(d.get("update_cycle") or "")
        if frequency is not None:
            add((dataset_ref, DCT.accrualPeriodicity,
                 self._typed(page, frequency, DCT.Frequency, add)))
        self._themes(page, dataset_ref, d.get("classification"), add)
        self._access(page, dataset_ref, d, add)
        self._publisher(page, dataset_ref, d, add)
        if d.get("division_code"):
            add((dataset_ref, DCT.spatial, self._place(page, d["division_code"], add)))
        # temporal_start/_end: the base already writes dct:temporal with dcat:startDate
        self._contact(page, dataset_ref, d, add)
        self._licence(page, dataset_ref, d, add)
        record = _catalog_record(d)
        if record is not None:
            add((dataset_ref, t.GOV.catalogFields, record))
        if d.get("resources"):
            distributions = {str(o).rsplit("/", 1)[-1]: o
                             for o in g.objects(dataset_ref, DCAT.distribution)}
            for resource in d["resources"]:
                dist = distributions.get(resource.get("id"))
                if dist is not None:
                    self._distribution(page, dist, d, resource, add)
        g.addN((s, p, o, g) for s, p, o in out)

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: Node) -> None:
        g = self.g
        base = _page(g).base
        self._retag(catalog_ref, (DCT.title, DCT.description))
        g.add((catalog_ref, DCT.title, Literal(CATALOG_TITLE_EN, lang=t.EN_TAG)))
        g.add((catalog_ref, DCT.description, Literal(CATALOG_DESCRIPTION_EN, lang=t.EN_TAG)))
        g.remove((catalog_ref, DCT.language, None))
        for lang in (t.LANGUAGE_ZH, t.LANGUAGE_EN):
            g.add((catalog_ref, DCT.language, _typed(g, lang, DCT.LinguisticSystem)))
        homepage = URIRef(base + "/")
        g.remove((catalog_ref, FOAF.homepage, None))
        g.add((catalog_ref, FOAF.homepage, _typed(g, homepage, FOAF.Document)))
        publisher = URIRef(base + "/#publisher")
        g.add((catalog_ref, DCT.publisher, publisher))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, RDF.type, FOAF.Organization))
        from ckanext.govopen import config

        g.add((publisher, FOAF.name, _zh(config.platform_name())))
        g.add((catalog_ref, DCAT.themeTaxonomy, _typed(g, t.EU + "data-theme",
                                                        SKOS.ConceptScheme)))
        scheme = _typed(g, t.classification_scheme(base), SKOS.ConceptScheme)
        g.add((catalog_ref, DCAT.themeTaxonomy, scheme))
        for tag, title in SCHEME_TITLE.items():
            g.add((scheme, DCT.title, Literal(title, lang=tag)))

    # Parse ------------------------------------------------------------------

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        return parse.catalog_fields(self.g, dataset_ref, dataset_dict)

    # Pieces -----------------------------------------------------------------

    def _take_over(self, ref: Node, d: dict[str, Any], add: Add) -> None:
        """Drop what the base wrote for the properties we map, tag its Chinese text.

        By exact triple where the base's value is known from the dict: a scan of the
        dataset's triples costs more than all of these removals.
        """
        g = self.g
        for predicate in _REPLACED:
            g.remove((ref, predicate, None))
        for predicate in _STATEMENTS:  # the base's own rights statements are blank nodes
            for old in list(g.objects(ref, predicate)):
                g.remove((ref, predicate, old))
                if isinstance(old, BNode):
                    g.remove((old, None, None))
        if "title_translated" not in d:
            self._tag(ref, DCT.title, d.get("title"), add)
        if "notes_translated" not in d:
            self._tag(ref, DCT.description, d.get("notes"), add)
        if "tags_translated" not in d:
            for tag in d.get("tags") or []:
                self._tag(ref, DCAT.keyword, tag.get("name"), add)

    def _retag(self, subject: Node, predicates: tuple[URIRef, ...]) -> None:
        for predicate in predicates:
            for value in list(self.g.objects(subject, predicate)):
                if _plain(value):
                    self.g.remove((subject, predicate, value))
                    self.g.add((subject, predicate, _zh(str(value))))

    def _tag(self, subject: Node, predicate: URIRef, value: str | None,
             add: Add) -> None:
        """Tag one value the base wrote as a plain literal (cheaper than a lookup)."""
        if value:
            self.g.remove((subject, predicate, Literal(value)))
            add((subject, predicate, _zh(value)))

    @staticmethod
    def _typed(page: _Page, ref: URIRef, cls: URIRef, add: Add) -> URIRef:
        if ref not in page.described:
            page.described.add(ref)
            add((ref, RDF.type, cls))
        return ref

    def _themes(self, page: _Page, ref: Node, code: str | None,
                add: Add) -> None:
        term = CLASSIFICATION.get(code or "")
        if term is None:
            return
        theme = _eu_theme(term.code)
        if theme is not None:
            add((ref, DCAT.theme, self._typed(page, theme, SKOS.Concept, add)))
        concept = URIRef(t.classification_uri(page.base, term.code))
        add((ref, DCAT.theme, concept))
        if concept not in page.described:
            page.described.add(concept)
            add((concept, RDF.type, SKOS.Concept))
            add((concept, SKOS.inScheme, URIRef(t.classification_scheme(page.base))))
            add((concept, SKOS.prefLabel, _zh(term.zh)))
            add((concept, SKOS.prefLabel, Literal(term.en, lang=t.EN_TAG)))

    def _access(self, page: _Page, ref: Node, d: dict[str, Any],
                add: Add) -> None:
        """Open type → EU access right; reason → rights label; legal basis → legislation."""
        right = _ACCESS_RIGHTS.get(d.get("open_type") or "")
        if right is not None:
            add((ref, DCT.accessRights, self._typed(page, right, DCT.RightsStatement, add)))
        reason, condition = d.get("open_reason"), d.get("open_condition")
        if reason or condition:
            # the same reason and condition recur across datasets: one statement each
            rights = URIRef(t.rights_uri(page.base, reason or "", condition or ""))
            add((ref, DCT.rights, rights))
            if rights not in page.described:
                page.described.add(rights)
                add((rights, RDF.type, DCT.RightsStatement))
                if reason:
                    add((rights, RDFS.label, _zh(reason)))
                if condition:
                    add((rights, DCT.description, _zh(condition)))
        basis = d.get("open_legal_basis")
        if basis:
            law = URIRef(t.legislation_uri(page.base, basis))
            add((ref, t.DCATAP.applicableLegislation, law))
            if law not in page.described:
                page.described.add(law)
                add((law, RDF.type, t.ELI.LegalResource))
                add((law, t.ELI.title, _zh(basis)))

    def _publisher(self, page: _Page, ref: Node, d: dict[str, Any], add: Add) -> None:
        org = self._organization(d)
        if org is None:
            return
        g = self.g
        publisher = page.publishers.get(org["id"])
        if publisher is None:
            # the base's node for the organization when it wrote one (same IRI)
            uri = publisher_uri_organization_fallback(d) if d.get("organization") else None
            publisher = page.publishers[org["id"]] = URIRef(
                uri or f"{page.base}/organization/{org['id']}")
            self._describe_publisher(page, publisher, org, d, add)
        if org.get("title"):  # the base writes it again, untagged, for every dataset
            g.remove((publisher, FOAF.name, Literal(org["title"])))
        if (ref, DCT.publisher, publisher) not in g:
            add((ref, DCT.publisher, publisher))

    def _describe_publisher(self, page: _Page, publisher: URIRef, org: dict[str, Any],
                            d: dict[str, Any], add: Add) -> None:
        add((publisher, RDF.type, FOAF.Agent))
        add((publisher, RDF.type, FOAF.Organization))
        add((publisher, FOAF.name, _zh(org["title"])))
        if org.get("title_en"):
            add((publisher, FOAF.name, Literal(org["title_en"], lang=t.EN_TAG)))
        code = d.get("provider_code") or org.get("credit_code")
        if code:
            self.g.remove((publisher, DCT.identifier, None))
            add((publisher, DCT.identifier, Literal(code)))
        kind = t.PUBLISHER_TYPE.get(org.get("org_level") or "")
        if kind:
            self.g.remove((publisher, DCT.type, None))
            add((publisher, DCT.type, self._typed(page, URIRef(kind), SKOS.Concept, add)))

    def _organization(self, d: dict[str, Any]) -> dict[str, Any] | None:
        """The provider with its schema fields (the base profile caches the same lookup)."""
        org_id = (d.get("organization") or {}).get("id") or d.get("owner_org")
        if not org_id:
            return None
        if org_id not in self._org_cache:
            try:
                self._org_cache[org_id] = tk.get_action("organization_show")(
                    {"ignore_auth": True}, {"id": org_id})
            except tk.ObjectNotFound:
                return None
        return self._org_cache[org_id]

    def _place(self, page: _Page, code: str, add: Add) -> URIRef:
        place = URIRef(t.division_uri(page.base, code))
        if place not in page.described:
            page.described.add(place)
            add((place, RDF.type, DCT.Location))
            name = division_name(code)
            if name:
                add((place, SKOS.prefLabel, _zh(name)))
        return place

    def _contact(self, page: _Page, ref: Node, d: dict[str, Any], add: Add) -> None:
        g = self.g
        card = g.value(ref, DCAT.contactPoint)  # the base's, from contact_name/_email
        if card is None:
            if not d.get("contact_phone"):
                return
            card = BNode()
            add((ref, DCAT.contactPoint, card))
            add((card, RDF.type, VCARD.Kind))
        elif VCARD.Organization not in page.described:
            # DCAT-AP wants a vcard:Kind, the base writes a vcard:Organization: one true
            # statement of the vCard ontology instead of a second class on every card
            page.described.add(VCARD.Organization)
            add((VCARD.Organization, RDFS.subClassOf, VCARD.Kind))
        self._tag(card, VCARD.fn,
                  d.get("contact_name") or d.get("maintainer") or d.get("author"), add)
        if d.get("contact_phone"):
            add((card, VCARD.hasTelephone, URIRef(t.tel_uri(d["contact_phone"]))))

    def _licence(self, page: _Page, ref: Node, d: dict[str, Any],
                 add: Add) -> None:
        licence_id = d.get("license_id")
        if not licence_id:
            return
        licence = page.licences.get(licence_id)
        if licence is None:
            # closed licences have no URL in CKAN's register: a described blank node then
            url = d.get("license_url")
            licence = page.licences[licence_id] = URIRef(url) if url else BNode()
            add((licence, RDF.type, DCT.LicenseDocument))
            add((licence, DCT.type, URIRef(t.LICENCE_TYPE_ATTRIBUTION if "by" in licence_id
                                           else t.LICENCE_TYPE_UNKNOWN)))
            add((licence, DCT.identifier, Literal(licence_id)))
            if d.get("license_title"):
                add((licence, RDFS.label, Literal(d["license_title"])))
        add((ref, DCT.license, licence))

    def _distribution(self, page: _Page, dist: Node, d: dict[str, Any],
                      resource: dict[str, Any], add: Add) -> None:
        g = self.g
        old: list[Triple] = []
        for p, o in g.predicate_objects(dist):
            if p in _DIST_REPLACED:
                old.append((dist, p, o))
            elif p in (DCT.title, DCT.description) and _plain(o):
                old.append((dist, p, o))
                add((dist, p, _zh(str(o))))
        for triple in old:
            g.remove(triple)
        fmt = t.format_code(resource.get("format"))
        if fmt:
            media = t.media_type_uri(fmt)
            if media:
                add((dist, DCAT.mediaType, self._typed(page, URIRef(media), DCT.MediaType, add)))
            file_type = dcat_map.file_type_uri(fmt)
            if file_type:
                add((dist, DCT["format"],
                     self._typed(page, URIRef(file_type), DCT.MediaTypeOrExtent, add)))
        open_type = d.get("open_type")
        landing = f"{page.base}/dataset/{d['name']}"
        if open_type == OPEN and resource.get("url"):
            url = URIRef(resource["url"])
            add((url, RDF.type, RDFS.Resource))
            add((dist, DCAT.accessURL, url))
            add((dist, DCAT.downloadURL, url))
            return
        if open_type == CONDITIONAL:
            access = URIRef(_request_page(page, d["name"], landing))
        else:
            # not open: the catalog entry (with reason and legal basis) is all there is
            access = URIRef(landing)
        add((access, RDF.type, RDFS.Resource))
        add((dist, DCAT.accessURL, access))


_NAME = "govopen-dataset-name"  # dataset names are URL-safe: url_for leaves them as they are


def _request_page(page: _Page, name: str, landing: str) -> str:
    """Where a user asks for conditional data: the access module's page, when installed."""
    if page.request_url is None:
        from flask import current_app, has_app_context

        page.request_url = landing.rsplit("/", 1)[0] + f"/{_NAME}#request"
        if has_app_context() and REQUEST_ENDPOINT in current_app.view_functions:
            # one url_for per graph, not per dataset: it costs more than a dataset's triples
            page.request_url = tk.url_for(REQUEST_ENDPOINT, id=_NAME, _external=True)
    return page.request_url.replace(_NAME, name)


def _typed(g: Any, uri: str | URIRef, cls: URIRef) -> URIRef:
    ref = URIRef(uri)
    g.add((ref, RDF.type, cls))
    return ref


def _plain(value: Node) -> bool:
    return isinstance(value, Literal) and not value.language and value.datatype is None


@lru_cache(maxsize=4096)
def _date(value: str) -> Literal:
    return Literal(value[:10], datatype=XSD.date)


@lru_cache(maxsize=1024)
def _eu_theme(code: str) -> URIRef | None:
    uri = dcat_map.theme_uri(code)
    return URIRef(uri) if uri else None


def _catalog_record(d: dict[str, Any]) -> Literal | None:
    """The catalog fields DCAT-AP has no property for, as one JSON object.

    A triple each would double the triples of a catalog page (and the time to write
    it) for fields only another portal of ours reads: ``parse`` does.
    """
    record: dict[str, Any] = {key: d[key] for key in parse.RECORD_TEXT if d.get(key)}
    for key in parse.RECORD_LISTS:
        values = _as_list(d.get(key))
        if values:
            record[key] = values
    items = _as_list(d.get("data_items"))
    if items:
        record["data_items"] = [{k: v for k, v in i.items() if v} for i in items]
    if not record:
        return None
    return Literal(json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                   datatype=RDF.JSON)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return list(value or [])
