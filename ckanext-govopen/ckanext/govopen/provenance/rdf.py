"""The ``govopen_provenance`` RDF profile: where a derived product's data came from.

Configure it after ``govopen`` (itself the DCAT-AP 3 profile with our fields):
``ckanext.dcat.rdf.profiles = govopen govopen_provenance``. For a product, each source becomes::

    <product> prov:wasDerivedFrom <source> ; dct:source <source> ;
        prov:qualifiedDerivation [ a prov:Derivation ; prov:entity <source> ;
            prov:hadUsage [ a prov:Usage ; prov:entity <source> ;
                            prov:atTime "YYYY-MM-DDT00:00:00+08:00"^^xsd:dateTime ] ] .

``prov:atTime`` takes an ``xsd:dateTime`` (PROV-O); an acquisition date is the start
of that day in China. Portal sources are named by the URI their own DCAT record has;
external sources by their URL. Other dataset types are left alone.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from rdflib import RDF, RDFS, BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, FOAF, XSD
from rdflib.namespace import DCTERMS as DCT
from rdflib.term import Node

from ckanext.dcat.profiles import RDFProfile
from ckanext.dcat.utils import dataset_uri
from ckanext.govopen.lib.coerce import json_list_of
from ckanext.govopen.lib.urls import iri_safe
from ckanext.govopen.provenance.note import parse_date
from ckanext.govopen.provenance.sources import PRODUCT_TYPE

PROV = Namespace("http://www.w3.org/ns/prov#")
CHINA_OFFSET = "+08:00"


def at_time(day: dt.date) -> Literal:
    return Literal(f"{day.isoformat()}T00:00:00{CHINA_OFFSET}", datatype=XSD.dateTime)


class GovOpenProvenanceProfile(RDFProfile):
    """PROV-O derivations of derived data products (Shanxi art. 18)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        if dataset_dict.get("type") != PRODUCT_TYPE:
            return
        g = self.g
        g.bind("prov", PROV)
        self._producer(dataset_dict, dataset_ref)
        for source in json_list_of(dataset_dict.get("sources"), dict):
            ref = self._source_ref(source)
            if ref is None:
                continue
            g.add((dataset_ref, PROV.wasDerivedFrom, ref))
            g.add((dataset_ref, DCT.source, ref))
            derivation, usage = BNode(), BNode()
            g.add((dataset_ref, PROV.qualifiedDerivation, derivation))
            g.add((derivation, RDF.type, PROV.Derivation))
            g.add((derivation, PROV.entity, ref))
            g.add((derivation, PROV.hadUsage, usage))
            g.add((usage, RDF.type, PROV.Usage))
            g.add((usage, PROV.entity, ref))
            acquired = parse_date(source.get("acquired"))
            if acquired:
                g.add((usage, PROV.atTime, at_time(acquired)))
            if source.get("usage"):
                g.add((usage, RDFS.comment, Literal(source["usage"], lang="zh")))
            if source.get("source_version"):
                g.add((derivation, DCAT.version, Literal(str(source["source_version"]))))
            if source.get("filing_reference"):
                g.add((derivation, DCT.identifier, Literal(source["filing_reference"])))

    def _source_ref(self, source: dict[str, Any]) -> URIRef | None:
        """The source as a dcat:Dataset with a title, a description (DCAT-AP 3 wants
        both on every dataset node, and dct:source to point at datasets) and an
        identifier."""
        if source.get("source_dataset"):
            current = _public_dataset(str(source["source_dataset"]))
            ref = URIRef(dataset_uri(current or {"id": source["source_dataset"]}))
            title = (current or {}).get("title") or str(source["source_dataset"])
            description = (current or {}).get("notes") or title
            identifier = (current or {}).get("resource_code") or str(ref)
        elif source.get("source_url"):
            if not iri_safe(str(source["source_url"])):
                return None  # stored before URLs were checked: skipped, the feed still works
            ref = URIRef(str(source["source_url"]))
            publisher = str(source.get("source_publisher") or "")
            title = f"{publisher}：{source['source_url']}" if publisher else str(ref)
            description = title
            identifier = str(ref)
            if publisher:
                agent = BNode()
                self.g.add((ref, DCT.publisher, agent))
                self.g.add((agent, RDF.type, FOAF.Agent))
                self.g.add((agent, FOAF.name, Literal(publisher, lang="zh")))
        else:
            return None
        if (ref, RDF.type, DCAT.Dataset) not in self.g:
            self.g.add((ref, RDF.type, DCAT.Dataset))
            self.g.add((ref, DCT.title, Literal(title, lang="zh")))
            self.g.add((ref, DCT.description, Literal(description, lang="zh")))
            # every dcat:Dataset of a feed has an identifier; the govopen profile writes
            # the same one for a portal source listed on the same page
            self.g.add((ref, DCT.identifier, Literal(identifier)))
        return ref

    def _producer(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        name = dataset_dict.get("producer_name")
        if not name:
            return
        agent = BNode()
        kind = FOAF.Organization if dataset_dict.get("producer_type") == "company" \
            else FOAF.Person
        self.g.add((dataset_ref, DCT.creator, agent))
        self.g.add((agent, RDF.type, FOAF.Agent))
        self.g.add((agent, RDF.type, kind))
        self.g.add((agent, FOAF.name, Literal(name, lang="zh")))
        if dataset_dict.get("producer_credit_code"):
            self.g.add((agent, DCT.identifier, Literal(dataset_dict["producer_credit_code"])))
        if dataset_dict.get("product_url") and iri_safe(str(dataset_dict["product_url"])):
            page = URIRef(dataset_dict["product_url"])
            self.g.add((dataset_ref, DCAT.landingPage, page))
            self.g.add((page, RDF.type, FOAF.Document))


def _public_dataset(ref: str) -> dict[str, Any] | None:
    """The source as anyone sees it; None when it is gone or not public (its title is
    then not repeated in a public feed)."""

    try:
        return tk.get_action("package_show")({"user": "", "ignore_auth": False}, {"id": ref})
    except (tk.ObjectNotFound, tk.NotAuthorized):
        return None
