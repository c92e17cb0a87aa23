"""Hostile query strings and parameters get a clear 4xx, never a 500 or a traceback."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")

HOSTILE_QUERIES = [
    '"', "(((", "title:", "AND", "--included", "tags:[a TO", "*:*^", "\\", "营业执照\"(",
    "{!lucene}x", "name:" + "a" * 5000, "metadata_modified:[NOW-1FOO TO *]", "\x00",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_package_search_api_answers_hostile_queries_without_500(app, q: str) -> None:  # type: ignore[no-untyped-def]
    resp = app.get("/api/3/action/package_search", query_string={"q": q})
    assert resp.status_code < 500
    assert "Traceback" not in resp.get_data(as_text=True)


@pytest.mark.parametrize("params", [
    {"sort": "bogus"}, {"sort": "title_string sideways"}, {"rows": "-1"}, {"rows": "abc"},
    {"start": "-5"}, {"fq": "((("}, {"facet.field": "not json"}, {"facet.limit": "x"},
])
def test_package_search_api_rejects_bad_parameters_with_4xx(app, params: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    resp = app.get("/api/3/action/package_search", query_string=params)
    assert 400 <= resp.status_code < 500
    assert resp.json["success"] is False


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_dataset_search_page_survives_hostile_queries(app, q: str) -> None:  # type: ignore[no-untyped-def]
    resp = app.get("/dataset/", query_string={"q": q})
    assert resp.status_code < 500
