"""The ``govopen`` RDF profile: ckanext-dcat's DCAT-AP 3 with our catalog fields.

A subclass of the DCAT-AP 3 profile, configured alone (``ckanext.dcat.rdf.profiles =
govopen govopen_provenance``). The base steps write the generic triples of a view of the
dataset without the fields this profile maps (text in Chinese, identifier, dates,
publisher, contact, distribution titles, formats and URLs); this profile then writes
those, language-tagged and in the shapes DCAT-AP 3 wants, once: nothing is written to be
removed again. ``parse_dataset`` runs the base parse, then reads our fields back
(:mod:`ckanext.govopen.dcat.parse`), so plain DCAT-AP 3 from other portals still
harvests. Publishers, concepts, places, licences and legal texts are described once per
graph (:mod:`ckanext.govopen.dcat.shared`).
"""
from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import ckan.plugins.toolkit as tk
from flask import current_app, has_app_context
from rdflib import RDF, BNode, Literal, URIRef
from rdflib.namespace import DCAT, FOAF, SKOS, XSD
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.dcat.profiles.base import CleanedURIRef, RDFProfile
from ckanext.dcat.profiles.euro_dcat_ap_3 import EuropeanDCATAP3Profile
from ckanext.dcat.utils import catalog_uri, publisher_uri_organization_fallback
from ckanext.govopen import config
from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.catalog.classification import CLASSIFICATION
from ckanext.govopen.dcat import parse
from ckanext.govopen.dcat import terms as t
from ckanext.govopen.dcat.shared import A, Add, Page, Triple, en, page_of, zh
from ckanext.govopen.dcat.vocabulary import SCHEME_TITLE
from ckanext.govopen.lib.coerce import json_list, json_list_of
from ckanext.govopen.lib.urls import iri_safe

VCARD = t.VCARD

CATALOG_TITLE_EN = "Provincial Government Open Data Platform"  # when platform_name_en is unset
CATALOG_DESCRIPTION_EN = ("Government data opened by provincial departments: desensitized, "
                          "free of charge and machine-readable.")
# the 申请数据 page of access/views.py: /dataset/<name>/apply
REQUEST_ENDPOINT = "govopen_access.apply"
OPEN = "unconditional"
CONDITIONAL = "conditional"

# rdflib makes a new IRI on every attribute access of a plain Namespace
_TITLE, _DESCRIPTION, _KEYWORD = DCT.title, DCT.description, DCAT.keyword
_IDENTIFIER, _ISSUED, _MODIFIED = DCT.identifier, DCT.issued, DCT.modified
_FREQUENCY_P, _THEME, _ACCESS_RIGHTS_P = DCT.accrualPeriodicity, DCAT.theme, DCT.accessRights
_RIGHTS, _SPATIAL, _LICENSE, _PUBLISHER = DCT.rights, DCT.spatial, DCT.license, DCT.publisher
_LEGISLATION, _CATALOG_FIELDS = t.DCATAP.applicableLegislation, t.GOV.catalogFields
_CONTACT, _FN, _TELEPHONE, _EMAIL = (DCAT.contactPoint, VCARD.fn, VCARD.hasTelephone,
                                     VCARD.hasEmail)
_FREQUENCY_C, _RIGHTS_C = DCT.Frequency, DCT.RightsStatement
_VCARD_ORGANIZATION = VCARD.Organization
_ACCESS_URL, _DOWNLOAD_URL, _MEDIA_TYPE, _FORMAT = (DCAT.accessURL, DCAT.downloadURL,
                                                    DCAT.mediaType, DCT["format"])

# What the base steps must not see: the fields this profile writes itself (a value of
# None hides an extra of the same name too). The base would write the dataset's id as
# its identifier, parse metadata_created/_modified as its dates, the organization as an
# untagged publisher and the maintainer as an untagged contact.
_HIDDEN = dict.fromkeys((
    "identifier", "guid", "id", "issued", "modified", "metadata_created",
    "metadata_modified", "frequency", "theme", "access_rights", "applicable_legislation",
    "spatial", "spatial_text", "organization", "publisher_uri", "publisher_name",
    "contact_uri", "contact_name", "contact_email", "maintainer", "maintainer_email",
    "author", "author_email",
))
_HIDDEN_TEXT = ("title", "notes")
_RESOURCE_HIDDEN = dict.fromkeys(("format", "mimetype", "url", "access_url", "download_url"))
_RESOURCE_TEXT = ("name", "description")

_FREQUENCY = {code: URIRef(uri) for code, uri in dcat_map.FREQUENCY.items()}
_ACCESS_RIGHTS = {code: URIRef(uri) for code, uri in dcat_map.ACCESS_RIGHTS.items()}


class GovOpenProfile(EuropeanDCATAP3Profile):
    """DCAT-AP 3 with the GB/T 21063 catalog fields of a Chinese open-data portal."""

    def __init__(self, graph: Any, dataset_type: str = "dataset",
                 compatibility_mode: bool = False) -> None:
        # The base constructor asks scheming for the dataset schema, and the serializer
        # makes a profile for every dataset of a catalog page: the lookup cost as much as
        # all of our triples, and no step that writes a graph reads it. Parsing does.
        self.g = graph
        self.compatibility_mode = compatibility_mode
        self._dataset_type = dataset_type
        self._default_lang = tk.config.get("ckan.locale_default", "en")
        self._default_locale_lang = None

    # Graph ------------------------------------------------------------------

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:  # noqa: C901 -- predates the complexity limit; split it when next changed
        d, ref = dataset_dict, dataset_ref
        super().graph_from_dataset(_base_view(d), ref)
        g = self.g
        page = page_of(g, catalog_uri)
        out: list[Triple] = []
        add = out.append
        self._text(ref, d, add)
        # every dataset a harvester meets has an identifier: the resource code of a
        # catalog entry, else (a derived product) the IRI of its record
        add((ref, _IDENTIFIER, Literal(d.get("resource_code") or str(ref))))
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
                add((ref, _THEME, page.authority(theme, add)))
            add((ref, _THEME, page.concept(term, add)))
        self._access(page, ref, d, add)
        self._publisher(page, ref, d, add)
        if d.get("division_code"):
            add((ref, _SPATIAL, page.place(d["division_code"], add)))
        # temporal_start/_end: the base writes dct:temporal with dcat:startDate
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
        catalog = dict(catalog_dict or {})
        title = catalog.get("title", tk.config.get("ckan.site_title"))
        description = catalog.get("description", tk.config.get("ckan.site_description"))
        # the base writes the rest (its modified date); ours are tagged, and IRIs
        super().graph_from_catalog(
            {**catalog, "title": None, "description": None, "homepage": None,
             "language": None}, catalog_ref)
        g = self.g
        page = page_of(g, catalog_uri)
        add = g.add
        if title:
            add((catalog_ref, _TITLE, zh(title)))
        if description:
            add((catalog_ref, _DESCRIPTION, zh(description)))
        title_en = config.platform_name_en() or CATALOG_TITLE_EN
        add((catalog_ref, _TITLE, Literal(title_en, lang=t.EN_TAG)))
        add((catalog_ref, _DESCRIPTION, Literal(CATALOG_DESCRIPTION_EN, lang=t.EN_TAG)))
        for lang in (t.LANGUAGE_ZH, t.LANGUAGE_EN):
            add((catalog_ref, DCT.language, page.typed(URIRef(lang), DCT.LinguisticSystem, add)))
        homepage = URIRef(page.base + "/")
        add((catalog_ref, FOAF.homepage, page.typed(homepage, FOAF.Document, add)))
        publisher = URIRef(page.base + "/#publisher")
        add((catalog_ref, _PUBLISHER, publisher))
        add((publisher, A, FOAF.Agent))
        add((publisher, A, FOAF.Organization))

        add((publisher, FOAF.name, zh(config.platform_name())))
        add((publisher, FOAF.name, en(title_en)))
        eu_themes = page.scheme(URIRef(t.EU + "data-theme"), add)
        add((catalog_ref, DCAT.themeTaxonomy, eu_themes))
        scheme = page.typed(URIRef(t.classification_scheme(page.base)), SKOS.ConceptScheme, add)
        add((catalog_ref, DCAT.themeTaxonomy, scheme))
        for tag, title_ in SCHEME_TITLE.items():
            add((scheme, _TITLE, Literal(title_, lang=tag)))

    # Parse ------------------------------------------------------------------

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        # the base parse puts schema fields at the root and reads multilingual ones: it
        # needs the schema the constructor skipped
        RDFProfile.__init__(self, self.g, self._dataset_type, self.compatibility_mode)
        dataset_dict = super().parse_dataset(dataset_dict, dataset_ref)
        return parse.catalog_fields(self.g, dataset_ref, dataset_dict)

    # Pieces -----------------------------------------------------------------

    def _text(self, ref: Node, d: dict[str, Any], add: Add) -> None:
        """Title, description and keywords in Chinese, title and description in English
        when the dataset has them (fluent fields the base writes)."""
        for key, predicate in (("title", _TITLE), ("notes", _DESCRIPTION)):
            if f"{key}_translated" not in d:
                if d.get(key):
                    add((ref, predicate, zh(d[key])))
                english = d.get(f"{key}_en")
                if isinstance(english, str) and english.strip():
                    add((ref, predicate, en(english.strip())))
        if "tags_translated" not in d:
            for tag in d.get("tags") or []:
                if tag.get("name"):
                    add((ref, _KEYWORD, _zh(tag["name"])))

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
        publisher = page.publishers.get(org["id"])
        if publisher is None:
            # the IRI the base gives an organization
            uri = publisher_uri_organization_fallback(d) if d.get("organization") else None
            publisher = page.publishers[org["id"]] = URIRef(
                uri or f"{page.base}/organization/{org['id']}")
            page.publisher(publisher, org, d.get("provider_code") or org.get("credit_code"),
                           add)
        add((ref, _PUBLISHER, publisher))

    def _organization(self, d: dict[str, Any]) -> dict[str, Any] | None:
        """The provider with its schema fields (cached like the base's own lookup)."""
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
        name = d.get("contact_name") or d.get("maintainer") or d.get("author")
        email = d.get("contact_email") or d.get("maintainer_email") or d.get("author_email")
        phone, uri = d.get("contact_phone"), d.get("contact_uri")
        if not (name or email or phone or uri):
            return
        card = CleanedURIRef(uri) if uri else BNode()
        add((ref, _CONTACT, card))
        # DCAT-AP wants a vcard:Kind: one true statement of the vCard ontology instead
        # of a second class on every card
        add((card, A, _VCARD_ORGANIZATION))
        if _VCARD_ORGANIZATION not in page.described:
            page.described.add(_VCARD_ORGANIZATION)
            add((_VCARD_ORGANIZATION, t.RDFS_SUBCLASS_OF, VCARD.Kind))
        if name:
            add((card, _FN, _zh(name)))
        if email and iri_safe(str(email)):
            add((card, _EMAIL, _mailto(email)))
        if phone:
            add((card, _TELEPHONE, _tel(phone)))

    def _distribution(self, page: Page, dist: Node, d: dict[str, Any],
                      resource: dict[str, Any], add: Add) -> None:
        for key, predicate in (("name", _TITLE), ("description", _DESCRIPTION)):
            if f"{key}_translated" not in resource and resource.get(key):
                add((dist, predicate, zh(resource[key])))
        fmt = t.format_code(resource.get("format"))
        if fmt:
            media = t.media_type_uri(fmt)
            if media:
                add((dist, _MEDIA_TYPE, page.typed(URIRef(media), DCT.MediaType, add)))
            file_type = dcat_map.file_type_uri(fmt)
            if file_type:
                add((dist, _FORMAT, page.typed(URIRef(file_type), DCT.MediaTypeOrExtent, add)))
        open_type = d.get("open_type")
        landing = f"{page.base}/dataset/{d['name']}"
        # a link stored before URLs were checked to RFC 3986 must not break the feed
        if open_type == OPEN and resource.get("url") and iri_safe(str(resource["url"])):
            url = URIRef(resource["url"])
            add((url, A, t.RDFS_RESOURCE))
            add((dist, _ACCESS_URL, url))
            add((dist, _DOWNLOAD_URL, url))
            return
        if open_type == CONDITIONAL:
            access = URIRef(_request_page(page, d["name"], landing))
        else:
            # not open: the catalog entry (with reason and legal basis) is all there is
            access = URIRef(landing)
        add((access, A, t.RDFS_RESOURCE))
        add((dist, _ACCESS_URL, access))


def _base_view(d: dict[str, Any]) -> dict[str, Any]:
    """The dataset as the base steps see it: without the fields this profile writes."""
    view = {**d, **_HIDDEN}
    for key in _HIDDEN_TEXT:
        if f"{key}_translated" not in d:
            view[key] = None
    if "tags_translated" not in d:
        view["tags"] = []
    if d.get("resources"):
        view["resources"] = [_resource_view(r) for r in d["resources"]]
    return view


def _resource_view(resource: dict[str, Any]) -> dict[str, Any]:
    view = {**resource, **_RESOURCE_HIDDEN}
    for key in _RESOURCE_TEXT:
        if f"{key}_translated" not in resource:
            view[key] = None
    return view


_NAME_SLOT = "govopen-dataset-name"  # dataset names are URL-safe: url_for leaves them as they are


def _request_page(page: Page, name: str, landing: str) -> str:
    """Where a user asks for conditional data: the access module's application page
    (its route when the blueprint is registered, else the same path built by hand)."""
    if page.request_url is None:

        page.request_url = landing.rsplit("/", 1)[0] + f"/{_NAME_SLOT}/apply"
        if has_app_context() and REQUEST_ENDPOINT in current_app.view_functions:
            # one url_for per graph, not per dataset: it costs more than a dataset's triples
            page.request_url = tk.url_for(REQUEST_ENDPOINT, id=_NAME_SLOT, _external=True)
    return page.request_url.replace(_NAME_SLOT, name)


@lru_cache(maxsize=4096)
def _zh(value: str) -> Literal:
    """A keyword or contact name in Chinese: they recur across datasets, and the same
    immutable terms serve every page."""
    return zh(value)


@lru_cache(maxsize=1024)
def _mailto(email: str) -> URIRef:
    return URIRef("mailto:" + email.removeprefix("mailto:"))


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
        values = json_list(d.get(key))
        if values:
            record[key] = values
    items = json_list_of(d.get("data_items"), dict)
    if items:
        record["data_items"] = [{k: v for k, v in i.items() if v} for i in items]
    if not record:
        return None
    return Literal(json.dumps(record, ensure_ascii=False, separators=(",", ":")),
                   datatype=RDF.JSON)
