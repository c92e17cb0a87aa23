"""The SKOS concept schemes behind our feeds, as rdflib graphs (pure).

- :func:`classification_graph`: our 类/项/目 classification, published at a stable URL
  (``/dcat/classification``) so the ``dcat:theme`` values of our datasets resolve.
- :func:`eu_vocabulary_graph`: the part of the EU authority tables (and the ADMS tables)
  our feeds use, with ``skos:inScheme`` and labels, so the DCAT-AP controlled-vocabulary
  shapes can be checked offline.
"""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS as DCT
from rdflib.namespace import SKOS

from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.catalog.classification import (
    CATALOG_CLASS,
    CATALOG_THEME,
    CLASSIFICATION,
)
from ckanext.govopen.dcat import terms as t

SCHEME_TITLE = {t.ZH_TAG: "政务信息资源分类（类/项/目）",
                t.EN_TAG: "Government information resource classification"}


def classification_graph(base: str) -> Graph:
    """Our classification as a SKOS scheme: 类 are top concepts, 项 and 目 narrower."""
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("dct", DCT)
    scheme = URIRef(t.classification_scheme(base))
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    for tag, title in SCHEME_TITLE.items():
        g.add((scheme, DCT.title, Literal(title, lang=tag)))
    for vocab in (CATALOG_CLASS, CATALOG_THEME, CLASSIFICATION):
        for term in vocab:
            concept = URIRef(t.classification_uri(base, term.code))
            g.add((concept, RDF.type, SKOS.Concept))
            g.add((concept, SKOS.inScheme, scheme))
            g.add((concept, SKOS.notation, Literal(term.code)))
            g.add((concept, SKOS.prefLabel, Literal(term.zh, lang=t.ZH_TAG)))
            g.add((concept, SKOS.prefLabel, Literal(term.en, lang=t.EN_TAG)))
            if len(term.code) == 1:
                g.add((scheme, SKOS.hasTopConcept, concept))
                g.add((concept, SKOS.topConceptOf, scheme))
                continue
            parent = term.code[:1] if len(term.code) == 3 else term.code[:3]
            parent_ref = URIRef(t.classification_uri(base, parent))
            g.add((concept, SKOS.broader, parent_ref))
            g.add((parent_ref, SKOS.narrower, concept))
            if len(term.code) == 3:
                # an EU data theme is a loose fit for a base library or theme
                g.add((concept, SKOS.relatedMatch, URIRef(t.EU + "data-theme/"
                                                          + dcat_map.THEME[term.code])))
    return g


def eu_vocabulary_graph() -> Graph:
    """The EU / ADMS concepts our feeds use, with scheme membership and English labels."""
    g = Graph()
    concepts: dict[str, str] = {t.EU + key: label for key, label in t.EU_LABELS.items()}
    concepts.update({dcat_map.file_type_uri(f) or "": f for f in dcat_map.FILE_TYPE})
    for uri, label in concepts.items():
        _concept(g, uri, t.scheme_of(uri), label)
    for name, title in t.EU_SCHEME_TITLES.items():
        _scheme(g, t.EU + name, title)
    for uri in t.ADMS_LABELS:
        scheme, label = t.authority_concept(uri) or ("", "")
        _concept(g, uri, scheme, label)
    for uri, title in t.ADMS_SCHEME_TITLES.items():
        _scheme(g, uri, title)
    return g


def _concept(g: Graph, uri: str, scheme: str, label: str) -> None:
    ref = URIRef(uri)
    g.add((ref, RDF.type, SKOS.Concept))
    g.add((ref, SKOS.inScheme, URIRef(scheme)))
    g.add((ref, SKOS.prefLabel, Literal(label, lang=t.EN_TAG)))


def _scheme(g: Graph, uri: str, title: str) -> None:
    g.add((URIRef(uri), RDF.type, SKOS.ConceptScheme))
    g.add((URIRef(uri), DCT.title, Literal(title, lang=t.EN_TAG)))
