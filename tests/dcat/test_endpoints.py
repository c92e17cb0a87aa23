"""The DCAT endpoints as a harvester or a search engine meets them."""
from __future__ import annotations

import json
from typing import Any

import pytest
from ckan.tests import factories, helpers
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, RDF, SKOS
from rdflib.namespace import DCTERMS as DCT

from tests.catalog.factories import CatalogDataset, CatalogOrganization, catalog_fields
from tests.dcat.shacl_check import (
    datasets_without_identifier,
    violations,
    vocabulary_violations,
)
from tests.provenance.factories import product_fields, source

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
EU = "http://publications.europa.eu/resource/authority/"
LAW = "《中华人民共和国个人信息保护法》第十三条"

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _dataset(org: dict[str, Any], open_type: str, **extra: Any) -> dict[str, Any]:
    restricted = {} if open_type == "unconditional" else {
        "open_reason": "含个人信息", "open_legal_basis": LAW}
    if open_type == "conditional":
        restricted["open_condition"] = "仅限科研用途"
    sysadmin = factories.Sysadmin()
    ds = CatalogDataset(owner_org=org["id"], open_type=open_type, private=False,
                        **restricted, **extra)
    helpers.call_action("resource_create", {"user": sysadmin["name"]}, package_id=ds["id"],
                        name="数据文件", url=f"http://files.example/{ds['name']}.csv",
                        format="CSV")
    return helpers.call_action("package_show", id=ds["id"])


def _graph(app: Any, url: str, fmt: str = "turtle", **kwargs: Any) -> Graph:
    res = app.get(url, **kwargs)
    assert res.status_code == 200, res.body
    return Graph().parse(data=res.body, format=fmt)


def test_dataset_formats_and_content_negotiation(app: Any) -> None:
    ds = _dataset(CatalogOrganization(), "unconditional")
    ref = URIRef(f"http://test.ckan.net/dataset/{ds['id']}")
    for suffix, fmt in (("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")):
        g = _graph(app, f"/dataset/{ds['name']}.{suffix}", fmt)
        assert str(g.value(ref, DCT.identifier)) == ds["resource_code"]
    g = _graph(app, f"/dataset/{ds['name']}", headers={"Accept": "text/turtle"})
    assert (ref, RDF.type, DCAT.Dataset) in g
    assert violations(g) == []


def test_open_data_is_downloadable_conditional_data_is_requested(app: Any) -> None:
    org = CatalogOrganization()
    open_ds = _dataset(org, "unconditional")
    asked = _dataset(org, "conditional")
    closed = _dataset(org, "not_open")
    for ds, right, download in ((open_ds, "PUBLIC", True), (asked, "RESTRICTED", False),
                                (closed, "NON_PUBLIC", False)):
        g = _graph(app, f"/dataset/{ds['name']}.ttl")
        ref = URIRef(f"http://test.ckan.net/dataset/{ds['id']}")
        assert g.value(ref, DCT.accessRights) == URIRef(EU + "access-right/" + right)
        dist = g.value(ref, DCAT.distribution)
        assert g.value(dist, DCAT.mediaType) == URIRef(
            "https://www.iana.org/assignments/media-types/text/csv")
        assert g.value(dist, DCT["format"]) == URIRef(EU + "file-type/CSV")
        file_url = ds["resources"][0]["url"]
        if download:
            assert str(g.value(dist, DCAT.downloadURL)) == file_url
        else:
            # the file's URL appears nowhere in the graph of data that is not open
            assert (None, None, URIRef(file_url)) not in g
            assert g.value(dist, DCAT.downloadURL) is None
            # conditional: where to apply; not open: the catalog entry, reason and basis
            access = str(g.value(dist, DCAT.accessURL))
            landing = f"http://test.ckan.net/dataset/{ds['name']}"
            assert access == (landing + "/apply" if ds is asked else landing)
            assert len(list(g.objects(dist, DCAT.accessURL))) == 1
        assert violations(g) == []
    g = _graph(app, f"/dataset/{asked['name']}.ttl")
    ref = URIRef(f"http://test.ckan.net/dataset/{asked['id']}")
    law = g.value(ref, URIRef("http://data.europa.eu/r5r/applicableLegislation"))
    assert {str(v) for v in g.objects(law, URIRef("http://data.europa.eu/eli/ontology#title"))} \
        == {LAW}
    reason = g.value(ref, DCT.rights)
    assert [(str(v), v.language) for v in g.objects(reason, URIRef(
        "http://www.w3.org/2000/01/rdf-schema#label"))] == [("含个人信息", "zh-Hans")]


def test_catalog_pages_and_modified_since(app: Any, ckan_config: Any, monkeypatch: Any) -> None:
    monkeypatch.setitem(ckan_config, "ckanext.dcat.datasets_per_page", "2")
    org = CatalogOrganization()
    ids = {_dataset(org, t)["id"] for t in ("unconditional", "conditional", "not_open")}
    seen: list[str] = []
    for page in (1, 2):
        g = _graph(app, f"/catalog.ttl?page={page}")
        # the bare page, nothing added: every concept, scheme and licence described in it
        assert violations(g) == []
        assert datasets_without_identifier(g) == []
        seen += [str(o).rsplit("/", 1)[1] for o in g.objects(None, DCAT.dataset)]
        assert ((None, HYDRA.nextPage, None) in g) is (page == 1)
    assert sorted(seen) == sorted(ids)
    monkeypatch.setitem(ckan_config, "ckanext.govopen.platform_name_en", "Shanxi Open Data")
    g = _graph(app, "/catalog.ttl?page=1")
    assert vocabulary_violations(g) == []
    [catalog] = list(g.subjects(RDF.type, DCAT.Catalog))
    assert ("Shanxi Open Data", "en") in {(str(v), v.language)
                                          for v in g.objects(catalog, DCT.title)}
    g = _graph(app, "/catalog.ttl?modified_since=2999-01-01")
    assert list(g.subjects(RDF.type, DCAT.Dataset)) == []
    for suffix, fmt in (("rdf", "xml"), ("xml", "xml"), ("jsonld", "json-ld")):
        g = _graph(app, f"/catalog.{suffix}", fmt)
        assert len(list(g.subjects(RDF.type, DCAT.Dataset))) == 2


def test_classification_scheme_is_published(app: Any) -> None:
    ds = _dataset(CatalogOrganization(), "unconditional")
    concept = URIRef(f"http://test.ckan.net/dcat/classification#{ds['classification']}")
    g = _graph(app, f"/dataset/{ds['name']}.ttl")
    assert concept in set(g.objects(None, DCAT.theme))
    scheme = _graph(app, "/dcat/classification", headers={"Accept": "text/turtle"})
    assert (concept, SKOS.inScheme, URIRef("http://test.ckan.net/dcat/classification")) in scheme
    labels = {(str(v), v.language) for v in scheme.objects(concept, SKOS.prefLabel)}
    assert ("空气质量", "zh-Hans") in labels and ("Air quality", "en") in labels
    assert violations(scheme) == []
    as_json = _graph(app, "/dcat/classification.jsonld", "json-ld")
    assert len(as_json) == len(scheme)
    place = _graph(app, "/dcat/division/140100.ttl")
    assert str(place.value(URIRef("http://test.ckan.net/dcat/division/140100"),
                           SKOS.prefLabel)) == "山西省 太原市"
    assert app.get("/dcat/division/999999").status_code == 404


def test_dataset_page_embeds_schema_org(app: Any) -> None:
    ds = _dataset(CatalogOrganization(), "unconditional")
    body = app.get(f"/dataset/{ds['name']}").body
    start = body.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">')
    data = json.loads(body[start:body.index("</script>", start)])
    graph = data.get("@graph", [data])
    dataset = next(n for n in graph if n.get("@type") in ("schema:Dataset", "Dataset"))
    assert ds["title"] in json.dumps(dataset, ensure_ascii=False)


def test_a_page_with_products_and_their_sources_is_valid_bare(app: Any) -> None:
    """Products have no resource code and name sources outside the portal: each of them,
    as a dcat:Dataset, still has an identifier and passes the shapes as served."""
    org = CatalogOrganization()
    air = _dataset(org, "unconditional")
    product = helpers.call_action(
        "package_create", {"user": factories.User()["name"]}, **product_fields([
            source(air["name"]),
            {"source_url": "https://stats.example.gov.cn/cpi.csv",
             "source_publisher": "国家统计局", "acquired": "2025-01-02",
             "usage": "对比物价"}]))
    g = _graph(app, "/catalog.ttl")
    listed = {str(o).rsplit("/", 1)[1] for o in g.objects(None, DCAT.dataset)}
    assert listed == {air["id"], product["id"]}
    assert violations(g) == []
    assert datasets_without_identifier(g) == []
    me = URIRef(f"http://test.ckan.net/dataset/{product['id']}")
    assert [str(v) for v in g.objects(me, DCT.identifier)] == [str(me)]
    external = URIRef("https://stats.example.gov.cn/cpi.csv")
    assert [str(v) for v in g.objects(external, DCT.identifier)] == [str(external)]
    # a portal source keeps the one identifier of its own record
    assert [str(v) for v in g.objects(URIRef(f"http://test.ckan.net/dataset/{air['id']}"),
                                      DCT.identifier)] == [air["resource_code"]]


@pytest.mark.parametrize("suffix", ["ttl", "rdf", "xml", "jsonld", "n3"])
def test_rdf_responses_declare_utf8(app: Any, suffix: str) -> None:
    ds = _dataset(CatalogOrganization(), "unconditional")
    pages = [(f"/catalog.{suffix}", ds["title"]), (f"/dataset/{ds['name']}.{suffix}", ds["title"])]
    if suffix != "n3":  # our vocabulary pages offer ttl, rdf, xml and jsonld
        pages.append((f"/dcat/classification.{suffix}", "空气质量"))
    for url, chinese in pages:
        res = app.get(url)
        assert res.status_code == 200, url
        _media, _, params = res.headers["Content-Type"].partition(";")
        assert params.strip().lower() == "charset=utf-8", (url, res.headers["Content-Type"])
        # the body is what the header says: the Chinese reads back as written
        assert chinese in res.data.decode("utf-8"), url
    res = app.get(f"/dataset/{ds['name']}", headers={"Accept": "text/turtle"})
    assert res.headers["Content-Type"] == "text/turtle; charset=utf-8"


def test_english_metadata_entered_through_the_api_is_in_the_feeds(
        app: Any, ckan_config: Any, monkeypatch: Any) -> None:
    monkeypatch.setitem(ckan_config, "ckanext.dcat.datasets_per_page", "2")
    org = CatalogOrganization()
    admin = factories.Sysadmin()
    token = helpers.call_action("api_token_create", {"user": admin["name"]},
                                user=admin["name"], name="t")["token"]
    title_en, notes_en = "Bus routes of Taiyuan", "Every bus route with its stops."
    made = app.post("/api/3/action/package_create", headers={"Authorization": token},
                    json={**catalog_fields(title="太原市公交线路", notes="全市公交线路及站点。"),
                          "name": "bus-routes-en", "owner_org": org["id"], "private": False,
                          "title_en": title_en, "notes_en": notes_en})
    assert made.status_code == 200, made.body
    ds = made.json["result"]
    for _ in range(3):  # newer ones: the English one is not alone on the first page
        _dataset(org, "unconditional")
    ref = URIRef(f"http://test.ckan.net/dataset/{ds['id']}")

    def texts(g: Graph, prop: URIRef) -> set[tuple[str, str | None]]:
        return {(str(o), o.language) for o in g.objects(ref, prop)}

    expected = {DCT.title: {("太原市公交线路", "zh-Hans"), (title_en, "en")},
                DCT.description: {("全市公交线路及站点。", "zh-Hans"), (notes_en, "en")}}
    g = _graph(app, f"/dataset/{ds['id']}.ttl")
    assert {prop: texts(g, prop) for prop in expected} == expected
    page = 1
    while (None, DCAT.dataset, ref) not in (g := _graph(app, f"/catalog.ttl?page={page}")):
        assert (None, HYDRA.nextPage, None) in g, "no catalog page holds the dataset"
        page += 1
    assert {prop: texts(g, prop) for prop in expected} == expected
    assert violations(g) == []
