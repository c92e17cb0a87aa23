"""The demo products (seed/products.py) load through the provenance checks."""
from __future__ import annotations

import pytest
from ckan.tests import factories
from ckan.tests.helpers import call_action

from tests.catalog.factories import CatalogDataset

seed_load = pytest.importorskip("seed.load")
seed_products = pytest.importorskip("seed.products")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
CONDITIONAL = {"open_type": "conditional", "open_condition": "实名申请",
               "open_reason": "含个人信息", "open_legal_basis": "《办法》第十三条"}


def test_demo_products_load_once_and_show_on_their_sources() -> None:
    factories.Sysadmin(name="admin")
    names = {s["source_dataset"] for p in seed_products.PRODUCTS for s in p["sources"]
             if s.get("source_dataset")}
    for name in sorted(names):
        CatalogDataset(name=name, release_date="2021-01-04",
                       **(CONDITIONAL if name == "driving-license-issuance" else {}))
    lines: list[str] = []
    loader = seed_load.Loader("admin", out=lines.append)
    seed_products.load_products(loader)
    assert loader.stats.created == {"product": len(seed_products.PRODUCTS)}
    seed_products.load_products(loader)  # a second run keeps what exists
    assert loader.stats.existing == {"product": len(seed_products.PRODUCTS)}

    found = call_action("package_search", {"user": ""}, fq="+dataset_type:product", rows=10)
    assert found["count"] == len(seed_products.PRODUCTS)
    source = call_action("package_show", {"user": ""}, id="medical-institutions")
    derived = call_action("package_search", {"user": ""},
                          fq=f'+vocab_derived_from:"{source["id"]}"')
    assert [p["name"] for p in derived["results"]] == ["clinic-finder-app"]
    report = call_action("package_show", {"user": ""}, id="driver-training-market-report")
    assert report["sources"][0]["filing_reference"] == "晋数授备〔2025〕0007号"
