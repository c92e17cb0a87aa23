"""Every seeded dataset and every page of the bare catalog feed as DCAT-AP 3: valid against
shapes.ttl + range.ttl alone, every dataset identified, and read back intact."""
from __future__ import annotations

from typing import Any

import pytest
from ckan.tests import factories, helpers
from ckanext.dcat.processors import RDFParser, RDFSerializer
from rdflib import Graph, Namespace
from rdflib.namespace import DCAT

from tests.dcat.shacl_check import datasets_without_identifier, violations

HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")

seed_generate = pytest.importorskip("seed.generate")
seed_load = pytest.importorskip("seed.load")

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

CATALOG_FIELDS = (
    "title", "notes", "title_en", "notes_en", "resource_code", "provider_code", "classification", "formats",
    "data_items", "sharing_type", "sharing_condition", "sharing_method", "sharing_reason",
    "sharing_legal_basis", "open_type", "open_condition", "open_reason", "open_legal_basis",
    "update_cycle", "release_date", "data_update_date", "related_resource_codes",
    "livelihood_priority", "division_code", "temporal_start", "temporal_end", "license_id",
    "contact_name", "contact_phone", "contact_email", "secrecy",
)


def _fields(pkg: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key in CATALOG_FIELDS:
        value = pkg.get(key)
        if value in (None, "", []):
            continue
        if key in ("formats", "sharing_method", "related_resource_codes"):
            value = sorted(value)
        if key == "data_items":
            value = [{k: v for k, v in item.items() if v} for item in value]
        out[key] = value
    return out


def test_seeded_catalog_feeds_validate_and_round_trip(app: Any) -> None:
    """One test, as loading the demo catalog takes a while."""
    factories.Sysadmin(name="admin")
    seeded = seed_generate.build()
    seed_load.load(seeded, seed_load.Loader("admin", out=lambda _line: None))
    names = [d.name for d in seeded.datasets]

    problems: dict[str, list[str]] = {}
    ids = []
    for name in names:
        pkg = helpers.call_action("package_show", {"user": ""}, id=name)
        ids.append(pkg["id"])
        turtle = RDFSerializer().serialize_dataset(pkg, _format="turtle")
        graph = Graph().parse(data=turtle, format="turtle")
        found = violations(graph) + [f"{ds} has no dct:identifier"
                                     for ds in datasets_without_identifier(graph)]
        if found:
            problems[name] = found
        parser = RDFParser()
        parser.parse(turtle, _format="turtle")
        parsed = list(parser.datasets())
        assert len(parsed) == 1, name
        assert _fields(parsed[0]) == _fields(pkg), name
    _check_catalog_pages(app, ids, problems)
    assert not problems, "\n".join(f"{n}: {v}" for n, found in problems.items() for v in found)


def _check_catalog_pages(app: Any, ids: list[str], problems: dict[str, list[str]]) -> None:
    """Walk /catalog.ttl page by page: every page valid, every dataset listed once."""
    listed: list[str] = []
    page = 1
    while True:
        res = app.get(f"/catalog.ttl?page={page}")
        if res.status_code == 404:
            break
        assert res.status_code == 200, res.body
        graph = Graph().parse(data=res.body, format="turtle")
        # the page as served: shapes.ttl + range.ttl, nothing added
        found = violations(graph) + [f"{ds} has no dct:identifier"
                                     for ds in datasets_without_identifier(graph)]
        if found:
            problems[f"/catalog.ttl?page={page}"] = found
        listed += [str(o) for o in graph.objects(None, DCAT.dataset)]
        if (None, HYDRA.nextPage, None) not in graph:
            break
        page += 1
    assert sorted(u.rsplit("/", 1)[1] for u in listed) == sorted(ids)
