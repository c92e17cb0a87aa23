"""pysolr itself, the client CKAN uses, against searchd."""
from __future__ import annotations

import pysolr
import pytest
from ckanext.govopen.searchd.server import SearchServer

from .conftest import make_doc


def test_pysolr_round_trip(server: SearchServer) -> None:
    conn = pysolr.Solr(server.base_url, always_commit=True, timeout=10)
    conn.add([make_doc("a", title="水质监测数据", tags=["水质"]),
              make_doc("b", title="Air quality", tags=["air"])])
    results = conn.search("水质", defType="dismax", qf="title^4 text", fl="name,score",
                          **{"facet": "true", "facet.field": ["tags"], "facet.mincount": 1})
    assert results.hits == 1
    assert [d["name"] for d in results.docs] == ["a"]
    assert results.facets["facet_fields"]["tags"] == ["水质", 1]
    conn.delete(q='name:"b"')
    assert conn.search("*:*").hits == 1
    conn.delete(id="idx-a")
    assert conn.search("*:*").hits == 0
    conn.add([make_doc("c")], commit=False)
    conn.commit()
    conn.optimize()
    assert conn.search("*:*", fl="name").docs == [{"name": "c"}]
    assert '"status":"OK"' in conn.ping().replace(" ", "")


def test_pysolr_errors(server: SearchServer) -> None:
    conn = pysolr.Solr(server.base_url, timeout=10)
    with pytest.raises(pysolr.SolrError, match="Can't determine a Sort Order"):
        conn.search("*:*", sort="name")
    with pytest.raises(pysolr.SolrError, match="missing required field"):
        conn.add([{"id": "x", "index_id": "x"}], commit=True)


def test_pysolr_long_query_posts(server: SearchServer) -> None:
    conn = pysolr.Solr(server.base_url, always_commit=True, timeout=10)
    conn.add([make_doc("x", permission_labels=["member-7"])])
    labels = " OR ".join(f'"member-{i}"' for i in range(100))
    assert conn.search("*:*", fq=f"+permission_labels:({labels})").hits == 1
