"""The nodes the datasets of one graph share, each described once per graph.

A catalog page is one graph of a hundred datasets that share a dozen publishers, a few
dozen concepts and places, a few licences, rights statements and legal texts. Writing
each of those once, and only a link per dataset, keeps a page (and the time to build
and serialize it) small; :func:`page_of` keeps what a graph already holds.
"""
from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import FOAF, SKOS
from rdflib.term import Node

from ckanext.govopen.catalog.codes import division_name
from ckanext.govopen.catalog.terms import Term
from ckanext.govopen.dcat import terms as t

Triple = tuple[Node, Node, Node]
Add = Callable[[Triple], None]

A = RDF.type
_IN_SCHEME, _PREF_LABEL = SKOS.inScheme, SKOS.prefLabel
_NAME, _IDENTIFIER, _KIND, _TITLE = FOAF.name, DCT.identifier, DCT.type, DCT.title
_LEGAL_RESOURCE, _ELI_TITLE = t.ELI.LegalResource, t.ELI.title


def zh(value: str) -> Literal:
    return Literal(value, lang=t.ZH_TAG)


def en(value: str) -> Literal:
    return Literal(value, lang=t.EN_TAG)


@dataclass
class Page:
    """What one graph already holds."""

    base: str
    described: set[Node] = field(default_factory=set)
    licences: dict[str, Node] = field(default_factory=dict)
    publishers: dict[str, URIRef] = field(default_factory=dict)
    request_url: str | None = None

    def typed(self, ref: URIRef, cls: URIRef, add: Add) -> URIRef:
        if ref not in self.described:
            self.described.add(ref)
            add((ref, A, cls))
        return ref

    def authority(self, ref: URIRef, add: Add) -> URIRef:
        """An EU or ADMS concept with its English label and its scheme (titled), so the
        bare feed is valid without the authority tables."""
        if ref not in self.described:
            self.described.add(ref)
            add((ref, A, SKOS.Concept))
            known = t.authority_concept(str(ref))
            if known is not None:
                scheme, label = known
                add((ref, _PREF_LABEL, en(label)))
                add((ref, _IN_SCHEME, self.scheme(URIRef(scheme), add)))
        return ref

    def scheme(self, ref: URIRef, add: Add) -> URIRef:
        """An EU or ADMS concept scheme with its English title."""
        if ref not in self.described:
            self.described.add(ref)
            add((ref, A, SKOS.ConceptScheme))
            title = t.scheme_title(str(ref))
            if title:
                add((ref, _TITLE, en(title)))
        return ref

    def concept(self, term: Term, add: Add) -> URIRef:
        """A concept of our classification scheme (its notation is the end of its IRI;
        the scheme at that IRI has the rest)."""
        concept = URIRef(t.classification_uri(self.base, term.code))
        if concept not in self.described:
            self.described.add(concept)
            add((concept, A, SKOS.Concept))
            add((concept, _IN_SCHEME, URIRef(t.classification_scheme(self.base))))
            add((concept, _PREF_LABEL, zh(term.zh)))
            add((concept, _PREF_LABEL, en(term.en)))
        return concept

    def place(self, code: str, add: Add) -> URIRef:
        place = URIRef(t.division_uri(self.base, code))
        if place not in self.described:
            self.described.add(place)
            add((place, A, DCT.Location))
            name = division_name(code)
            if name:
                add((place, _PREF_LABEL, zh(name)))
        return place

    def rights(self, reason: str, condition: str, add: Add) -> URIRef:
        """Why data is not open, and on what condition: the same words recur across
        datasets, so one statement per distinct pair."""
        rights = URIRef(t.rights_uri(self.base, reason, condition))
        if rights not in self.described:
            self.described.add(rights)
            add((rights, A, DCT.RightsStatement))
            if reason:
                add((rights, RDFS.label, zh(reason)))
            if condition:
                add((rights, DCT.description, zh(condition)))
        return rights

    def law(self, text: str, add: Add) -> URIRef:
        law = URIRef(t.legislation_uri(self.base, text))
        if law not in self.described:
            self.described.add(law)
            add((law, A, _LEGAL_RESOURCE))
            add((law, _ELI_TITLE, zh(text)))
        return law

    def licence(self, g: Graph, d: dict[str, Any], add: Add) -> Node:
        licence_id = d["license_id"]
        licence = self.licences.get(licence_id)
        if licence is not None:
            return licence
        # closed licences have no URL in CKAN's register: a described blank node then
        url = d.get("license_url")
        licence = self.licences[licence_id] = URIRef(url) if url else BNode()
        if url:
            _bind_namespace(g, url, f"licence{len(self.licences) - 1 or ''}")
        add((licence, A, DCT.LicenseDocument))
        kind = URIRef(t.LICENCE_TYPE_ATTRIBUTION if "by" in licence_id
                      else t.LICENCE_TYPE_UNKNOWN)
        # dct:type of a licence document must be a skos:Concept (DCAT-AP 3 range)
        add((licence, _KIND, self.authority(kind, add)))
        add((licence, _IDENTIFIER, Literal(licence_id)))
        if d.get("license_title"):
            add((licence, RDFS.label, Literal(d["license_title"])))
        return licence

    def publisher(self, publisher: URIRef, org: dict[str, Any], code: str | None,
                  add: Add) -> None:
        """The provider: an organization with its names and unified credit code."""
        add((publisher, A, FOAF.Agent))
        add((publisher, A, FOAF.Organization))
        add((publisher, _NAME, zh(org["title"])))
        if org.get("title_en"):
            add((publisher, _NAME, en(org["title_en"])))
        if code:
            add((publisher, _IDENTIFIER, Literal(code)))
        kind = t.PUBLISHER_TYPE.get(org.get("org_level") or "")
        if kind:
            add((publisher, _KIND, self.authority(URIRef(kind), add)))


_PAGES: weakref.WeakKeyDictionary[Graph, Page] = weakref.WeakKeyDictionary()


def page_of(g: Graph, base: Callable[[], str]) -> Page:
    """What `g` holds; `base` gives the portal's IRI the first time."""
    page = _PAGES.get(g)
    if page is None:
        page = _PAGES[g] = Page(base().rstrip("/"))
        # rdflib remembers the qname of an IRI only when its namespace has a prefix and
        # splits an unprefixed IRI again every time it writes it: a prefix for every
        # namespace we write keeps the Turtle short and its serialization fast.
        for prefix, namespace in t.prefixes(page.base).items():
            g.bind(prefix, namespace)
    return page


def _bind_namespace(g: Graph, uri: str, prefix: str) -> None:
    namespace = uri[:uri.rfind("/") + 1]
    if namespace.count("/") > 2 and g.namespace_manager.store.prefix(URIRef(namespace)) is None:
        g.bind(prefix, namespace)
