"""The ``govopen`` RDF profile: our catalog fields on top of ckanext-dcat's DCAT-AP 3.

Configure it after the base profile (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
govopen``): the base writes the generic triples, this profile replaces those that do not
fit our data or DCAT-AP 3 (plain literals where IRIs are required, resource URLs of data
that is not open) and adds the catalog fields. ``parse_dataset`` reads them back
(:mod:`ckanext.govopen.dcat.parse`).
"""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, SKOS, XSD
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.dcat.profiles import RDFProfile
from ckanext.dcat.utils import catalog_uri
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
        base = catalog_uri()
        g.bind("gov", t.GOV)
        g.bind("dcatap", t.DCATAP)
        g.bind("eli", t.ELI)
        d = dataset_dict
        self._tag(dataset_ref, DCT.title, d.get("title"))
        self._tag(dataset_ref, DCT.description, d.get("notes"))
        for tag in d.get("tags") or []:
            self._tag(dataset_ref, DCAT.keyword, tag.get("name"))
        self._replace(dataset_ref, DCT.identifier, d.get("resource_code"), Literal)
        self._replace(dataset_ref, DCT.issued, d.get("release_date"), _date)
        self._replace(dataset_ref, DCT.modified, d.get("data_update_date"), _date)
        g.add((dataset_ref, DCT.language, _typed(g, t.LANGUAGE_ZH, DCT.LinguisticSystem)))
        g.add((dataset_ref, DCAT.landingPage,
               _typed(g, f"{base}/dataset/{d['name']}", FOAF.Document)))
        self._frequency(dataset_ref, d.get("update_cycle"))
        self._themes(dataset_ref, base, d.get("classification"))
        self._access(dataset_ref, base, d)
        self._publisher(dataset_ref, d)
        self._spatial(dataset_ref, base, d.get("division_code"))
        # temporal_start/_end: the base already writes dct:temporal with dcat:startDate
        self._contact(dataset_ref, d)
        self._licence(dataset_ref, d)
        self._catalog_fields(dataset_ref, d)
        for resource in d.get("resources") or []:
            self._distribution(dataset_ref, base, d, resource)

    def graph_from_catalog(self, catalog_dict: dict[str, Any] | None, catalog_ref: Node) -> None:
        g = self.g
        base = catalog_uri()
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

    def _retag(self, subject: Node, predicates: tuple[URIRef, ...]) -> None:
        """The base writes our Chinese text as plain literals: tag them."""
        for predicate in predicates:
            for value in list(self.g.objects(subject, predicate)):
                if isinstance(value, Literal) and not value.language and value.datatype is None:
                    self.g.remove((subject, predicate, value))
                    self.g.add((subject, predicate, _zh(str(value))))

    def _replace(self, subject: Node, predicate: URIRef, value: Any, make: Any) -> None:
        self.g.remove((subject, predicate, None))
        if value:
            self.g.add((subject, predicate, make(value)))

    def _tag(self, subject: Node, predicate: URIRef, value: str | None) -> None:
        """Tag one value the base wrote as a plain literal (cheaper than a lookup)."""
        if value:
            self.g.remove((subject, predicate, Literal(value)))
            self.g.add((subject, predicate, _zh(value)))

    def _frequency(self, ref: Node, cycle: str | None) -> None:
        self.g.remove((ref, DCT.accrualPeriodicity, None))
        uri = dcat_map.frequency_uri(cycle or "")
        if uri:
            self.g.add((ref, DCT.accrualPeriodicity, _typed(self.g, uri, DCT.Frequency)))

    def _themes(self, ref: Node, base: str, code: str | None) -> None:
        g = self.g
        g.remove((ref, DCAT.theme, None))
        term = CLASSIFICATION.get(code or "")
        if term is None:
            return
        g.add((ref, DCAT.theme, _typed(g, dcat_map.theme_uri(term.code) or "", SKOS.Concept)))
        concept = _typed(g, t.classification_uri(base, term.code), SKOS.Concept)
        g.add((ref, DCAT.theme, concept))
        g.add((concept, SKOS.inScheme, URIRef(t.classification_scheme(base))))
        g.add((concept, SKOS.notation, Literal(term.code)))
        g.add((concept, SKOS.prefLabel, _zh(term.zh)))
        g.add((concept, SKOS.prefLabel, Literal(term.en, lang=t.EN_TAG)))

    def _access(self, ref: Node, base: str, d: dict[str, Any]) -> None:
        """Open type → EU access right; reason → rights label; legal basis → legislation."""
        g = self.g
        for old in list(g.objects(ref, DCT.accessRights)):
            g.remove((ref, DCT.accessRights, old))
            if isinstance(old, BNode):
                g.remove((old, None, None))
        uri = dcat_map.access_rights_uri(d.get("open_type") or "")
        if uri:
            g.add((ref, DCT.accessRights, _typed(g, uri, DCT.RightsStatement)))
        if d.get("open_reason") or d.get("open_condition"):
            rights = URIRef(f"{ref}#open-restriction")
            g.add((ref, DCT.rights, _typed(g, rights, DCT.RightsStatement)))
            if d.get("open_reason"):
                g.add((rights, RDFS.label, _zh(d["open_reason"])))
            if d.get("open_condition"):
                g.add((rights, DCT.description, _zh(d["open_condition"])))
        if d.get("open_legal_basis"):
            law = _typed(g, t.legislation_uri(base, d["open_legal_basis"]), t.ELI.LegalResource)
            g.add((ref, t.DCATAP.applicableLegislation, law))
            g.add((law, t.ELI.title, _zh(d["open_legal_basis"])))
            g.add((law, RDFS.label, _zh(d["open_legal_basis"])))

    def _publisher(self, ref: Node, d: dict[str, Any]) -> None:
        g = self.g
        org = self._organization(d)
        if org is None:
            return
        publisher = next(iter(g.objects(ref, DCT.publisher)), None)
        if publisher is None:
            publisher = URIRef(f"{catalog_uri()}/organization/{org['id']}")
            g.add((ref, DCT.publisher, publisher))
        g.remove((publisher, FOAF.name, None))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((publisher, RDF.type, FOAF.Organization))
        g.add((publisher, FOAF.name, _zh(org["title"])))
        if org.get("title_en"):
            g.add((publisher, FOAF.name, Literal(org["title_en"], lang=t.EN_TAG)))
        code = d.get("provider_code") or org.get("credit_code")
        if code:
            g.remove((publisher, DCT.identifier, None))
            g.add((publisher, DCT.identifier, Literal(code)))
        kind = t.PUBLISHER_TYPE.get(org.get("org_level") or "")
        if kind:
            g.remove((publisher, DCT.type, None))
            g.add((publisher, DCT.type, _typed(g, kind, SKOS.Concept)))

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

    def _spatial(self, ref: Node, base: str, code: str | None) -> None:
        g = self.g
        g.remove((ref, DCT.spatial, None))
        if not code:
            return
        place = _typed(g, t.division_uri(base, code), DCT.Location)
        g.add((ref, DCT.spatial, place))
        g.add((place, SKOS.notation, Literal(code)))
        name = division_name(code)
        if name:
            g.add((place, SKOS.prefLabel, _zh(name)))

    def _contact(self, ref: Node, d: dict[str, Any]) -> None:
        g = self.g
        card = g.value(ref, DCAT.contactPoint)  # the base's, from contact_name/_email
        if card is None:
            if not d.get("contact_phone"):
                return
            card = BNode()
            g.add((ref, DCAT.contactPoint, card))
        g.add((card, RDF.type, VCARD.Kind))
        self._tag(card, VCARD.fn, d.get("contact_name"))
        if d.get("contact_phone"):
            g.add((card, VCARD.hasTelephone, URIRef(t.tel_uri(d["contact_phone"]))))

    def _licence(self, ref: Node, d: dict[str, Any]) -> None:
        g = self.g
        g.remove((ref, DCT.license, None))
        if not d.get("license_id"):
            return
        # closed licences have no URL in CKAN's register: a described blank node then
        url = d.get("license_url")
        licence: Node = URIRef(url) if url else BNode()
        g.add((licence, RDF.type, DCT.LicenseDocument))
        g.add((ref, DCT.license, licence))
        g.remove((licence, DCT.type, None))
        g.add((licence, DCT.type, URIRef(t.LICENCE_TYPE_ATTRIBUTION if "by" in
                                         (d.get("license_id") or "") else t.LICENCE_TYPE_UNKNOWN)))
        g.add((licence, DCT.identifier, Literal(d["license_id"])))
        if d.get("license_title"):
            g.add((licence, RDFS.label, Literal(d["license_title"])))

    def _catalog_fields(self, ref: Node, d: dict[str, Any]) -> None:
        """What DCAT-AP has no property for, in our namespace (kept for harvesting)."""
        g = self.g
        G = t.GOV
        for key, predicate in (("sharing_type", G.sharingType), ("secrecy", G.secrecy),
                               ("livelihood_priority", G.livelihoodPriority)):
            if d.get(key):
                g.add((ref, predicate, Literal(d[key])))
        for key, predicate in (("sharing_condition", G.sharingCondition),
                               ("sharing_reason", G.sharingReason),
                               ("sharing_legal_basis", G.sharingLegalBasis)):
            if d.get(key):
                g.add((ref, predicate, _zh(d[key])))
        for key, predicate in (("sharing_method", G.sharingMethod), ("formats", G["format"]),
                               ("related_resource_codes", G.relatedResourceCode)):
            for value in _as_list(d.get(key)):
                g.add((ref, predicate, Literal(value)))
        items = _as_list(d.get("data_items"))
        if items:
            # one JSON literal: a table schema of tens of columns as triples would
            # triple the size of every catalog page for little use
            g.add((ref, G.dataItems, Literal(
                json.dumps([{k: v for k, v in i.items() if v} for i in items],
                           ensure_ascii=False, separators=(",", ":")), datatype=RDF.JSON)))

    def _distribution(self, ref: Node, base: str, d: dict[str, Any],
                      resource: dict[str, Any]) -> None:
        g = self.g
        dist = next((o for o in g.objects(ref, DCAT.distribution)
                     if str(o).endswith("/resource/" + resource["id"])), None)
        if dist is None:
            return
        self._tag(dist, DCT.title, resource.get("name"))
        self._tag(dist, DCT.description, resource.get("description"))
        for predicate in (DCAT.accessURL, DCAT.downloadURL, DCAT.mediaType, DCT["format"]):
            g.remove((dist, predicate, None))
        fmt = t.format_code(resource.get("format"))
        if fmt:
            media = t.media_type_uri(fmt)
            if media:
                g.add((dist, DCAT.mediaType, _typed(g, media, DCT.MediaType)))
            file_type = dcat_map.file_type_uri(fmt)
            if file_type:
                g.add((dist, DCT["format"], _typed(g, file_type, DCT.MediaTypeOrExtent)))
        open_type = d.get("open_type")
        landing = f"{base}/dataset/{d['name']}"
        if open_type == OPEN and resource.get("url"):
            url = _typed(g, resource["url"], RDFS.Resource)
            g.add((dist, DCAT.accessURL, url))
            g.add((dist, DCAT.downloadURL, url))
        elif open_type == CONDITIONAL:
            g.add((dist, DCAT.accessURL, _typed(g, request_page_url(d, landing), RDFS.Resource)))
        else:
            # not open: the catalog entry (with reason and legal basis) is all there is
            g.add((dist, DCAT.accessURL, _typed(g, landing, RDFS.Resource)))


def request_page_url(d: dict[str, Any], landing: str) -> str:
    """Where a user asks for conditional data: the access module's page, when installed."""
    from flask import current_app, has_app_context

    if has_app_context() and REQUEST_ENDPOINT in current_app.view_functions:
        return tk.url_for(REQUEST_ENDPOINT, id=d["name"], _external=True)
    return landing + "#request"


def _typed(g: Any, uri: str | URIRef, cls: URIRef) -> URIRef:
    ref = URIRef(uri)
    g.add((ref, RDF.type, cls))
    return ref


def _date(value: str) -> Literal:
    return Literal(value[:10], datatype=XSD.date)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return list(value or [])
