"""The ``govopen`` RDF profile: our catalog fields on top of ckanext-dcat's DCAT-AP 3.

Configure it after the base profile (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
govopen``): the base writes the generic triples, this profile replaces those that do not
fit our data or DCAT-AP 3 (plain literals where IRIs are required, resource URLs of data
that is not open) and adds the catalog fields. ``parse_dataset`` reads them back
(:mod:`ckanext.govopen.dcat.parse`). Publishers, concepts, places, licences and legal
texts are described once per graph (:mod:`ckanext.govopen.dcat.shared`).

It runs for every dataset of every catalog page, after the base: it costs what it
adds and removes, so it removes by exact triple and adds in one batch.
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import DCAT, FOAF, SKOS, XSD
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.dcat.profiles import RDFProfile
from ckanext.dcat.utils import catalog_uri, publisher_uri_organization_fallback
from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.catalog.classification import CLASSIFICATION
from ckanext.govopen.dcat import parse
from ckanext.govopen.dcat import terms as t
from ckanext.govopen.dcat.shared import A, Add, Page, Triple, page_of, zh
from ckanext.govopen.dcat.vocabulary import SCHEME_TITLE

VCARD = t.VCARD

CATALOG_TITLE_EN = "Provincial Government Open Data Platform"
CATALOG_DESCRIPTION_EN = ("Government data opened by provincial departments: desensitized, "
                          "free of charge and machine-readable.")
REQUEST_ENDPOINT = "govopen_access.request"
OPEN = "unconditional"
CONDITIONAL = "conditional"

# rdflib makes a new IRI on every attribute access of a plain Namespace
_TITLE, _DESCRIPTION, _KEYWORD = DCT.title, DCT.description, DCAT.keyword
_IDENTIFIER, _ISSUED, _MODIFIED = DCT.identifier, DCT.issued, DCT.modified
_FREQUENCY_P, _THEME, _ACCESS_RIGHTS_P = DCT.accrualPeriodicity, DCAT.theme, DCT.accessRights
_RIGHTS, _SPATIAL, _LICENSE, _PUBLISHER = DCT.rights, DCT.spatial, DCT.license, DCT.publisher
_LEGISLATION, _CATALOG_FIELDS = t.DCATAP.applicableLegislation, t.GOV.catalogFields
_CONTACT, _FN, _TELEPHONE = DCAT.contactPoint, VCARD.fn, VCARD.hasTelephone
_FOAF_NAME = FOAF.name
_FREQUENCY_C, _CONCEPT_C, _RIGHTS_C = DCT.Frequency, SKOS.Concept, DCT.RightsStatement
_VCARD_ORGANIZATION = VCARD.Organization

# Properties of a dataset this profile maps itself: whatever the base wrote for them goes.
_REPLACED = (_IDENTIFIER, _ISSUED, _MODIFIED, _FREQUENCY_P, _THEME, _SPATIAL, _LICENSE,
             _LEGISLATION)
_STATEMENTS = (_ACCESS_RIGHTS_P, _RIGHTS)  # the base writes blank-node statements
_DIST_REPLACED = frozenset({DCAT.accessURL, DCAT.downloadURL, DCAT.mediaType, DCT["format"]})

_FREQUENCY = {code: URIRef(uri) for code, uri in dcat_map.FREQUENCY.items()}
_ACCESS_RIGHTS = {code: URIRef(uri) for code, uri in dcat_map.ACCESS_RIGHTS.items()}


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
        page = page_of(g, catalog_uri)
        d, ref = dataset_dict, dataset_ref
        out: list[Triple] = []
        add = out.append
        self._take_over(ref, d, add)
        if d.get("resource_code"):
            add((ref, _IDENTIFIER, Literal(d["resource_code"])))
        if d.get("release_date"):
            add((ref, _ISSUED, _date(d["release_date"])))
        if d.get("data_update_date"):
            add((ref, _MODIFIED, _date(d["data_update_date"])))
        frequency = _FREQUENCY.get(d.get("update_cycle") or "")
        if frequency is not None:
            add((ref, _FREQUENCY_P, page.typed(frequency, _FREQUENCY_C, add)))
        term = CLASSIFICATION.get(d.get("classification") or "")
        if term is not None:
            theme = _eu_theme(term.code)
            if theme is not None:
                add((ref, _THEME, page.typed(theme, _CONCEPT_C, add)))
            add((ref, _THEME, page.concept(term, add)))
        self._access(page, ref, d, add)
        self._publisher(page, ref, d, add)
        if d.get("division_code"):
            add((ref, _SPATIAL, page.place(d["division_code"], add)))
        # temporal_start/_end: the base already writes dct:temporal with dcat:startDate
        self._contact(page, ref, d, add)
        if d.get("license_id"):
            add((ref, _LICENSE, page.licence(g, d, add)))
        record = _catalog_record(d)
        if record is not None:
            add((ref, _CATALOG_FIELDS, record))
        if d.get("resources"):
            distributions = {str(o).rsplit("/", 1)[-1]: o
                             for o in g.objects(ref, DCAT.distribution)}
            for resource in d["resources"]:
                dist = distributions.get(resource.get("id"))
                if dist is not None:
                    self._distribution(page, dist, d, resource, add)
        # straight to the store: Graph.add checks the type of every node, and ours are
        # made right here
        store = g.store
        for triple in out:
            store.add(triple, g)

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: Node) -> None:
        g = self.g
        page = page_of(g, catalog_uri)
        add = g.add
        for predicate in (_TITLE, _DESCRIPTION):  # the base's plain literals of our text
            for value in list(g.objects(catalog_ref, predicate)):
                if _plain(value):
                    g.remove((catalog_ref, predicate, value))
                    add((catalog_ref, predicate, zh(str(value))))
        add((catalog_ref, _TITLE, Literal(CATALOG_TITLE_EN, lang=t.EN_TAG)))
        add((catalog_ref, _DESCRIPTION, Literal(CATALOG_DESCRIPTION_EN, lang=t.EN_TAG)))
        g.remove((catalog_ref, DCT.language, None))
        for lang in (t.LANGUAGE_ZH, t.LANGUAGE_EN):
            add((catalog_ref, DCT.language, page.typed(URIRef(lang), DCT.LinguisticSystem, add)))
        homepage = URIRef(page.base + "/")
        g.remove((catalog_ref, FOAF.homepage, None))
        add((catalog_ref, FOAF.homepage, page.typed(homepage, FOAF.Document, add)))
        publisher = URIRef(page.base + "/#publisher")
        add((catalog_ref, _PUBLISHER, publisher))
        add((publisher, A, FOAF.Agent))
        add((publisher, A, FOAF.Organization))
        from ckanext.govopen import config

        add((publisher, _FOAF_NAME, zh(config.platform_name())))
        eu_themes = page.typed(URIRef(t.EU + "data-theme"), SKOS.ConceptScheme, add)
        add((catalog_ref, DCAT.themeTaxonomy, eu_themes))
        scheme = page.typed(URIRef(t.classification_scheme(page.base)), SKOS.ConceptScheme, add)
        add((catalog_ref, DCAT.themeTaxonomy, scheme))
        for tag, title in SCHEME_TITLE.items():
            add((scheme, _TITLE, Literal(title, lang=tag)))

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
        for predicate in _STATEMENTS:
            for old in list(g.objects(ref, predicate)):
                g.remove((ref, predicate, old))
                if isinstance(old, BNode):
                    g.remove((old, None, None))
        if "title_translated" not in d:
            self._tag(ref, _TITLE, d.get("title"), add)
        if "notes_translated" not in d:
            self._tag(ref, _DESCRIPTION, d.get("notes"), add)
        if "tags_translated" not in d:
            for tag in d.get("tags") or []:
                self._tag(ref, _KEYWORD, tag.get("name"), add, recurring=True)

    def _tag(self, subject: Node, predicate: URIRef, value: str | None, add: Add,
             recurring: bool = False) -> None:
        """Tag one value the base wrote as a plain literal."""
        if value:
            plain, tagged = _literals(value) if recurring else (Literal(value), zh(value))
            self.g.remove((subject, predicate, plain))
            add((subject, predicate, tagged))

    def _access(self, page: Page, ref: Node, d: dict[str, Any], add: Add) -> None:
        """Open type → EU access right; reason → rights label; legal basis → legislation."""
        right = _ACCESS_RIGHTS.get(d.get("open_type") or "")
        if right is not None:
            add((ref, _ACCESS_RIGHTS_P, page.typed(right, _RIGHTS_C, add)))
        reason, condition = d.get("open_reason"), d.get("open_condition")
        if reason or condition:
            add((ref, _RIGHTS, page.rights(reason or "", condition or "", add)))
        if d.get("open_legal_basis"):
            add((ref, _LEGISLATION, page.law(d["open_legal_basis"], add)))

    def _publisher(self, page: Page, ref: Node, d: dict[str, Any], add: Add) -> None:
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
            # of an organization the base writes the name only (ours have no
            # `identifier` or `dcat_type` field)
            page.publisher(publisher, org, d.get("provider_code") or org.get("credit_code"),
                           add)
        if org.get("title"):  # the base writes it again, untagged, for every dataset
            g.remove((publisher, _FOAF_NAME, Literal(org["title"])))
        if (ref, _PUBLISHER, publisher) not in g:
            add((ref, _PUBLISHER, publisher))

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

    def _contact(self, page: Page, ref: Node, d: dict[str, Any], add: Add) -> None:
        card = next(self.g.objects(ref, _CONTACT), None)  # the base's, if any
        if card is None:
            if not d.get("contact_phone"):
                return
            card = BNode()
            add((ref, _CONTACT, card))
            add((card, A, VCARD.Kind))
        elif _VCARD_ORGANIZATION not in page.described:
            # DCAT-AP wants a vcard:Kind, the base writes a vcard:Organization: one true
            # statement of the vCard ontology instead of a second class on every card
            page.described.add(_VCARD_ORGANIZATION)
            add((_VCARD_ORGANIZATION, t.RDFS_SUBCLASS_OF, VCARD.Kind))
        self._tag(card, _FN, d.get("contact_name") or d.get("maintainer") or d.get("author"),
                  add, recurring=True)
        if d.get("contact_phone"):
            add((card, _TELEPHONE, _tel(d["contact_phone"])))

    def _distribution(self, page: Page, dist: Node, d: dict[str, Any],
                      resource: dict[str, Any], add: Add) -> None:
        g = self.g
        old: list[Triple] = []
        for p, o in g.predicate_objects(dist):
            if p in _DIST_REPLACED:
                old.append((dist, p, o))
            elif p in (_TITLE, _DESCRIPTION) and _plain(o):
                old.append((dist, p, o))
                add((dist, p, zh(str(o))))
        for triple in old:
            g.remove(triple)
        fmt = t.format_code(resource.get("format"))
        if fmt:
            media = t.media_type_uri(fmt)
            if media:
                add((dist, DCAT.mediaType, page.typed(URIRef(media), DCT.MediaType, add)))
            file_type = dcat_map.file_type_uri(fmt)
            if file_type:
                add((dist, DCT["format"],
                     page.typed(URIRef(file_type), DCT.MediaTypeOrExtent, add)))
        open_type = d.get("open_type")
        landing = f"{page.base}/dataset/{d['name']}"
        if open_type == OPEN and resource.get("url"):
            url = URIRef(resource["url"])
            add((url, A, t.RDFS_RESOURCE))
            add((dist, DCAT.accessURL, url))
            add((dist, DCAT.downloadURL, url))
            return
        if open_type == CONDITIONAL:
            access = URIRef(_request_page(page, d["name"], landing))
        else:
            # not open: the catalog entry (with reason and legal basis) is all there is
            access = URIRef(landing)
        add((access, A, t.RDFS_RESOURCE))
        add((dist, DCAT.accessURL, access))


_NAME_SLOT = "govopen-dataset-name"  # dataset names are URL-safe: url_for leaves them as they are


def _request_page(page: Page, name: str, landing: str) -> str:
    """Where a user asks for conditional data: the access module's page, when installed."""
    if page.request_url is None:
        from flask import current_app, has_app_context

        page.request_url = landing.rsplit("/", 1)[0] + f"/{_NAME_SLOT}#request"
        if has_app_context() and REQUEST_ENDPOINT in current_app.view_functions:
            # one url_for per graph, not per dataset: it costs more than a dataset's triples
            page.request_url = tk.url_for(REQUEST_ENDPOINT, id=_NAME_SLOT, _external=True)
    return page.request_url.replace(_NAME_SLOT, name)


def _plain(value: Node) -> bool:
    return isinstance(value, Literal) and not value.language and value.datatype is None


@lru_cache(maxsize=4096)
def _literals(value: str) -> tuple[Literal, Literal]:
    """The plain and the tagged literal of a keyword or contact name: they recur across
    datasets, and the same immutable terms serve every page."""
    return Literal(value), zh(value)


@lru_cache(maxsize=1024)
def _tel(phone: str) -> URIRef:
    return URIRef(t.tel_uri(phone))


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
