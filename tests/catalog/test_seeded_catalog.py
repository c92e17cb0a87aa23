"""The demo catalog (seed/) loads through the schema; facets and directory match it."""
from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from ckan.tests import factories, helpers
from ckanext.govopen.catalog import vocabularies as v
from ckanext.govopen.search.fields import FACETS

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _code(vocab: Any, label: str) -> str:
    """The stored code of a label the seed speaks in (it uses the Chinese labels)."""
    return next((t.code for t in vocab if label in (t.code, t.zh)), label)


def _expected(catalog: Any) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {f: Counter() for f in FACETS}
    for ds in catalog.datasets:
        cat = ds.catalog
        out["organization"][ds.owner_org] += 1
        out["catalog_theme"][cat.classification[:3]] += 1
        out["open_type"][_code(v.OPEN_TYPE, cat.open_type)] += 1
        out["sharing_type"][_code(v.SHARING_TYPE, cat.sharing_type)] += 1
        out["update_cycle"][_code(v.UPDATE_CYCLE, cat.update_cycle)] += 1
        out["livelihood_priority"]["true" if cat.livelihood_priority else "false"] += 1
        out["vocab_format"].update(_code(v.FORMAT, f) for f in cat.formats)
    return out


def test_seeded_catalog_is_faceted_and_listed_exactly() -> None:
    """One test, as loading the demo catalog takes a while."""
    factories.Sysadmin(name="admin")
    seeded = seed_generate.build()
    seed_load.load(seeded, seed_load.Loader("admin", out=lambda _line: None))
    _check_facets(seeded)
    _check_directory(seeded)


def _check_facets(seeded: Any) -> None:
    result = helpers.call_action("package_search", {"user": ""}, rows=0,
                                 **{"facet.field": list(FACETS), "facet.limit": -1})
    assert result["count"] == len(seeded.datasets)
    expected = _expected(seeded)
    for field in FACETS:
        got = {i["name"]: i["count"] for i in result["search_facets"][field]["items"]}
        assert got == dict(expected[field]), field


def _check_directory(seeded: Any) -> None:
    result = helpers.call_action("govopen_catalog_directory", {"user": ""})
    assert sorted(r["title"] for r in result["rows"]) == sorted(d.title for d in seeded.datasets)
    filled = {c["key"] for c in result["columns"]
              if all(r[c["key"]] for r in result["rows"])}
    # what every entry must state (conditions, reasons and bases only where restricted)
    assert {"resource_code", "title", "notes", "classification", "provider", "provider_code",
            "formats", "data_items", "sharing_type", "open_type", "update_cycle",
            "release_date", "division", "contact_name", "contact_phone", "secrecy",
            "url"} <= filled
