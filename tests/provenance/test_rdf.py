"""The DCAT record of a product: PROV derivations with the acquisition dates, valid
against the DCAT-AP 3 shapes (the copy in tests/dcat/dcat-ap-3-shacl)."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, XSD

from tests.catalog.factories import CatalogDataset
from tests.dcat.shacl_check import SHAPES_DIR as SHAPES
from tests.provenance.factories import product_fields, source

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture
def product_graph(app) -> tuple[Graph, dict, dict, dict]:  # type: ignore[no-untyped-def]
    user = factories.User()
    air, gdp = CatalogDataset(), CatalogDataset(release_date="2021-07-24")
    product = call_action("package_create", {"user": user["name"]}, **product_fields([
        source(air["name"], "2025-03-05"),
        source(gdp["name"], "2024-11-30", usage="按市汇总"),
        {"source_url": "https://stats.example.gov.cn/cpi.csv", "source_publisher": "国家统计局",
         "acquired": "2025-01-02", "usage": "对比物价"},
    ]))
    turtle = app.get(f"/dataset/{product['id']}.ttl").body
    return Graph().parse(data=turtle, format="turtle"), product, air, gdp


def _ref(g: Graph, pkg: dict) -> URIRef:
    [ref] = [s for s in g.subjects(RDF.type, DCAT.Dataset) if str(s).endswith(pkg["id"])]
    return ref


def test_a_product_states_its_derivations_and_acquisition_times(product_graph) -> None:  # type: ignore[no-untyped-def]
    g, product, air, gdp = product_graph
    me = _ref(g, product)
    derived = set(g.objects(me, PROV.wasDerivedFrom))
    air_ref = next(r for r in derived if str(r).endswith(air["id"]))
    gdp_ref = next(r for r in derived if str(r).endswith(gdp["id"]))
    external = URIRef("https://stats.example.gov.cn/cpi.csv")
    assert derived == {air_ref, gdp_ref, external}
    assert set(g.objects(me, DCTERMS.source)) == derived
    times = {}
    for derivation in g.objects(me, PROV.qualifiedDerivation):
        assert (derivation, RDF.type, PROV.Derivation) in g
        entity = g.value(derivation, PROV.entity)
        usage = g.value(derivation, PROV.hadUsage)
        assert (usage, RDF.type, PROV.Usage) in g and g.value(usage, PROV.entity) == entity
        times[entity] = g.value(usage, PROV.atTime)
    assert times == {
        air_ref: Literal("2025-03-05T00:00:00+08:00", datatype=XSD.dateTime),
        gdp_ref: Literal("2024-11-30T00:00:00+08:00", datatype=XSD.dateTime),
        external: Literal("2025-01-02T00:00:00+08:00", datatype=XSD.dateTime),
    }


def test_a_product_passes_the_dcat_ap_3_shapes(product_graph) -> None:  # type: ignore[no-untyped-def]
    from pyshacl import validate

    g = product_graph[0]
    shapes = Graph()
    for name in ("shapes.ttl", "range.ttl"):  # mandatory properties, then value classes
        shapes.parse(SHAPES / name, format="turtle")
    conforms, _, report = validate(g, shacl_graph=shapes, inference="none")
    assert conforms, report


def test_ordinary_datasets_get_no_provenance_triples(app) -> None:  # type: ignore[no-untyped-def]
    ds = CatalogDataset()
    g = Graph().parse(data=app.get(f"/dataset/{ds['id']}.ttl").body, format="turtle")
    assert not list(g.triples((None, PROV.qualifiedDerivation, None)))
