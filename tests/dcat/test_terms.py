"""IRIs and vocabularies of the feeds, without services."""
from __future__ import annotations

from ckanext.govopen.catalog import dcat_map
from ckanext.govopen.catalog.classification import CLASSIFICATION
from ckanext.govopen.dcat import terms as t
from ckanext.govopen.dcat.shared import Page
from ckanext.govopen.dcat.vocabulary import classification_graph, eu_vocabulary_graph
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from tests.dcat.shacl_check import violations

BASE = "https://data.example.gov.cn"


def test_a_legal_basis_keeps_its_iri_however_it_is_typed() -> None:
    law = "《中华人民共和国数据安全法》第二十一条"
    assert t.legislation_uri(BASE, law) == t.legislation_uri(BASE, f" {law}\n")
    # full-width and half-width digits/spaces are the same text
    assert t.legislation_uri(BASE, "第21条") == t.legislation_uri(BASE, "第２１条")
    assert t.legislation_uri(BASE, law) != t.legislation_uri(BASE, "《个人信息保护法》第十三条")
    assert t.legislation_uri(BASE, law).startswith(BASE + "/dcat/legislation/")


def test_phone_numbers_survive_the_tel_uri() -> None:
    for phone in ("0351-1234567", "13800138000", "0351 5550100"):
        assert t.phone_of(t.tel_uri(phone)) == phone.replace(" ", "-")
    assert t.tel_uri("0351-1234567") == "tel:+86-351-1234567"


def test_formats_map_to_iana_and_eu_file_types() -> None:
    assert t.format_code("csv") == "CSV" and t.format_code("geojson") == "GeoJSON"
    assert t.media_type_uri("XLSX") == (
        t.IANA + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert t.format_code("OFD") is None  # no EU file type: no dct:format, no violation


def test_classification_scheme_is_complete_and_valid() -> None:
    g = classification_graph(BASE)
    scheme = URIRef(t.classification_scheme(BASE))
    for term in CLASSIFICATION:
        concept = URIRef(t.classification_uri(BASE, term.code))
        assert (concept, SKOS.inScheme, scheme) in g
        assert (concept, SKOS.broader, URIRef(t.classification_uri(BASE, term.code[:3]))) in g
    assert len(list(g.objects(scheme, SKOS.hasTopConcept))) == 3
    assert violations(g) == []


def test_every_eu_concept_we_write_is_in_the_offline_vocabulary() -> None:
    g = eu_vocabulary_graph()
    assert violations(g) == []
    used = [*dcat_map.FREQUENCY.values(), *dcat_map.ACCESS_RIGHTS.values(),
            *(dcat_map.EU + "data-theme/" + v for v in dcat_map.THEME.values()),
            *(dcat_map.file_type_uri(f) for f in dcat_map.FILE_TYPE), *t.PUBLISHER_TYPE.values()]
    for uri in used:
        assert (URIRef(uri), SKOS.inScheme, URIRef(t.scheme_of(uri))) in g or \
            (URIRef(uri), SKOS.inScheme, URIRef(t.PUBLISHER_TYPE_SCHEME)) in g, uri


def test_every_authority_concept_we_call_a_concept_is_described_inline() -> None:
    """Data themes, publisher and licence types are skos:Concepts in the feed: each gets
    its label and a titled scheme from the feed itself, once per graph."""
    g, page = Graph(), Page(BASE)
    used = [*(dcat_map.EU + "data-theme/" + v for v in dcat_map.THEME.values()),
            *t.PUBLISHER_TYPE.values(), t.LICENCE_TYPE_ATTRIBUTION, t.LICENCE_TYPE_UNKNOWN]
    for uri in used * 2:
        page.authority(URIRef(uri), g.add)
    for uri in used:
        ref = URIRef(uri)
        assert (ref, RDF.type, SKOS.Concept) in g
        [label] = list(g.objects(ref, SKOS.prefLabel))
        assert label.language == "en" and str(label), uri
        [scheme] = list(g.objects(ref, SKOS.inScheme))
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g
        assert g.value(scheme, DCTERMS.title) is not None, scheme
    assert {str(s) for s in g.subjects(RDF.type, SKOS.ConceptScheme)} == {
        dcat_map.EU + "data-theme", t.PUBLISHER_TYPE_SCHEME, t.LICENCE_TYPE_SCHEME}
    assert violations(g) == []


def test_one_rights_statement_per_reason_and_condition() -> None:
    reason, condition = "含个人信息", "仅限科研用途"
    assert t.rights_uri(BASE, reason, condition) == t.rights_uri(BASE, f"{reason} ", condition)
    assert t.rights_uri(BASE, reason, condition) != t.rights_uri(BASE, reason, "")
    assert t.rights_uri(BASE, reason, "") != t.rights_uri(BASE, "", reason)


def test_prefixed_turtle_reads_back_the_same_iris() -> None:
    iris = [
        f"{BASE}/dataset/9f8db401-46fe-514d-b7d1-fef1d7656b11", f"{BASE}/dataset/scale-000001",
        f"{BASE}/dataset/9f8db401/resource/1b2c", f"{BASE}/organization/b8d461e0",
        t.classification_uri(BASE, "106001"), t.classification_scheme(BASE),
        t.division_uri(BASE, "140100"), t.legislation_uri(BASE, "《数据安全法》"),
        t.rights_uri(BASE, "含个人信息", ""), t.tel_uri("0351-1234567"), t.tel_uri("13800138000"),
        *dcat_map.FREQUENCY.values(), *t.PUBLISHER_TYPE.values(),
    ]
    g = Graph()
    for prefix, namespace in t.prefixes(BASE).items():
        g.bind(prefix, namespace)
    for i, iri in enumerate(iris):
        g.add((URIRef(f"{BASE}/s{i}"), SKOS.related, URIRef(iri)))
    text = g.serialize(format="turtle")
    assert "tel-cn:351-1234567" in text and "division:140100" in text  # as qnames
    assert isomorphic(Graph().parse(data=text, format="turtle"), g)
