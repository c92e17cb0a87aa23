"""The ``govopen`` profile on its own: each of our values written once, tagged; plain
DCAT-AP 3 from other portals still read by the base parse."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories, helpers
from ckanext.dcat.processors import RDFParser, RDFSerializer
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, FOAF
from rdflib.namespace import DCTERMS as DCT

from tests.catalog.factories import CatalogDataset, CatalogOrganization
from tests.dcat.shacl_check import violations

VCARD_FN = URIRef("http://www.w3.org/2006/vcard/ns#fn")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def test_each_value_is_written_once_in_chinese() -> None:
    org = CatalogOrganization()
    ds = CatalogDataset(owner_org=org["id"], private=False, tags=[{"name": "空气"}])
    sysadmin = factories.Sysadmin()
    helpers.call_action("resource_create", {"user": sysadmin["name"]}, package_id=ds["id"],
                        name="数据文件", description="每日数据",
                        url="http://files.example/air.csv", format="CSV")
    pkg = helpers.call_action("package_show", id=ds["id"])
    g = Graph().parse(data=RDFSerializer().serialize_dataset(pkg, _format="turtle"),
                      format="turtle")
    ref = URIRef(f"http://test.ckan.net/dataset/{pkg['id']}")
    dist = g.value(ref, DCAT.distribution)
    card = g.value(ref, DCAT.contactPoint)
    publisher = g.value(ref, DCT.publisher)

    def values(subject: Any, predicate: URIRef) -> list[tuple[str, str | None]]:
        return sorted((str(o), o.language if isinstance(o, Literal) else None)
                      for o in g.objects(subject, predicate))

    assert values(ref, DCT.title) == [(pkg["title"], "zh-Hans")]
    assert values(ref, DCT.description) == [(pkg["notes"], "zh-Hans")]
    assert values(ref, DCAT.keyword) == [("空气", "zh-Hans")]
    assert values(ref, DCT.identifier) == [(pkg["resource_code"], None)]
    assert [str(o) for o in g.objects(ref, DCT.issued)] == ["2024-01-15"]
    assert [str(o) for o in g.objects(ref, DCT.modified)] == ["2024-06-01"]
    assert len(list(g.objects(ref, DCT.publisher))) == 1
    assert values(publisher, FOAF.name) == sorted([(org["title"], "zh-Hans"),
                                                   (org["title_en"], "en")])
    assert len(list(g.objects(ref, DCAT.contactPoint))) == 1
    assert values(card, VCARD_FN) == [("张工", "zh-Hans")]
    assert values(dist, DCT.title) == [("数据文件", "zh-Hans")]
    assert values(dist, DCT.description) == [("每日数据", "zh-Hans")]
    assert len(list(g.objects(dist, DCT["format"]))) == 1
    assert violations(g) == []



def test_english_metadata_is_written_beside_the_chinese_and_read_back() -> None:
    org = CatalogOrganization()
    ds = CatalogDataset(owner_org=org["id"], private=False)
    pkg = helpers.call_action("package_show", id=ds["id"])
    # the fields as the dataset schema gives them (title_en / notes_en)
    pkg.update(title_en=" Air quality of Taiyuan ", notes_en="Daily air quality index.")
    turtle = RDFSerializer().serialize_dataset(pkg, _format="turtle")
    g = Graph().parse(data=turtle, format="turtle")
    ref = URIRef(f"http://test.ckan.net/dataset/{pkg['id']}")
    assert sorted((str(o), o.language) for o in g.objects(ref, DCT.title)) == sorted(
        [(pkg["title"], "zh-Hans"), ("Air quality of Taiyuan", "en")])
    assert sorted((str(o), o.language) for o in g.objects(ref, DCT.description)) == sorted(
        [(pkg["notes"], "zh-Hans"), ("Daily air quality index.", "en")])
    assert violations(g) == []
    parser = RDFParser()
    parser.parse(turtle, _format="turtle")
    [parsed] = list(parser.datasets())
    assert (parsed["title"], parsed["notes"]) == (pkg["title"], pkg["notes"])
    assert (parsed["title_en"], parsed["notes_en"]) == (
        "Air quality of Taiyuan", "Daily air quality index.")
    # no English: nothing in English is made up
    pkg.update(title_en="", notes_en=None)
    g = Graph().parse(data=RDFSerializer().serialize_dataset(pkg, _format="turtle"),
                      format="turtle")
    assert [o.language for o in g.objects(ref, DCT.title)] == ["zh-Hans"]
    assert [o.language for o in g.objects(ref, DCT.description)] == ["zh-Hans"]


PLAIN_DCAT_AP_3 = """
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .

<https://other.example/dataset/rivers> a dcat:Dataset ;
    dct:title "Rivers" ;
    dct:description "River gauges of another portal." ;
    dcat:keyword "water", "rivers" ;
    dct:identifier "rivers-001" ;
    dct:issued "2023-03-01"^^<http://www.w3.org/2001/XMLSchema#date> ;
    dcat:landingPage <https://other.example/rivers> ;
    dct:publisher [ a foaf:Agent ; foaf:name "Water Agency" ] ;
    dcat:contactPoint [ a vcard:Kind ; vcard:fn "Help desk" ;
                        vcard:hasEmail <mailto:help@other.example> ] ;
    dcat:distribution <https://other.example/dataset/rivers/csv> .

<https://other.example/dataset/rivers/csv> a dcat:Distribution ;
    dct:title "Gauges (CSV)" ;
    dcat:accessURL <https://other.example/rivers.csv> .
"""


def test_plain_dcat_ap_3_from_another_portal_is_harvested() -> None:
    parser = RDFParser()
    parser.parse(PLAIN_DCAT_AP_3, _format="turtle")
    [ds] = list(parser.datasets())
    assert ds["title"] == "Rivers"
    assert ds["notes"] == "River gauges of another portal."
    assert sorted(t["name"] for t in ds["tags"]) == ["rivers", "water"]
    assert ds["url"] == "https://other.example/rivers"
    assert ds["resource_code"] == "rivers-001"
    assert "title_en" not in ds  # an untagged title is the title, not a translation
    assert ds["release_date"] == "2023-03-01"
    assert ds["provider"] == "Water Agency"
    assert ds["contact_name"] == "Help desk"
    assert ds["contact_email"] == "help@other.example"
    [resource] = ds["resources"]
    assert resource["name"] == "Gauges (CSV)"
    assert resource["url"] == "https://other.example/rivers.csv"
