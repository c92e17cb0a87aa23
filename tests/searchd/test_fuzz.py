"""Arbitrary /select parameters never produce a 5xx, only a result or a Solr-shaped error."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from ckanext.govopen.searchd.server import SearchServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import Client, make_doc, start_server, stop_server

FIELDS = ["text", "title", "name", "tags", "metadata_modified", "views_recent", "title_ngram",
          "owner_org", "extras_x", "res_format", "vocab_a", "issued_date", "score", "_docid_",
          "nope", "*", "data_dict", "permission_labels", "index_id", "res_extras_q"]
PIECES = ["AND", "OR", "NOT", "&&", "||", "!", "+", "-", "(", ")", ":", "^", "^2", "~", "~1",
          "*", "?", "\\", "/", '"', "[", "]", "{", "}", " TO ", "NOW", "NOW-1DAY", "/DAY",
          "2026-01-01T00:00:00Z", "*:*", "营业执照", "数据", "water", "wi-fi", "{!dismax}",
          "{!lucene q.op=AND}", " ", "\u3000", "0", "-1", "1e9", "\x00", "é", "%", "&", "="]
text = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(FIELDS),
                          st.text(max_size=6)), max_size=12).map("".join)
field_query = st.builds(lambda f, v: f"{f}:{v}", st.sampled_from(FIELDS), text)
# Well-formed Lucene built from a small grammar reaches the translator, not just the parser.
WORDS = ["营业执照", "数据", "water", "wi-fi", "t1", "o0", "1", "2026-01-01T00:00:00Z", "NOW"]
value = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f'"{w} {w}"'),
    st.sampled_from(WORDS).map(lambda w: w[:2] + "*"),
    st.sampled_from(WORDS).map(lambda w: w + "~1"),
    st.tuples(st.sampled_from([*WORDS, "*"]), st.sampled_from([*WORDS, "*"]),
              st.sampled_from("[{"), st.sampled_from("]}")).map(
        lambda t: f"{t[2]}{t[0]} TO {t[1]}{t[3]}"),
)
leaf = st.one_of(value, st.builds(lambda f, v: f"{f}:{v}", st.sampled_from(FIELDS), value))
well_formed = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(lambda a, op, b: f"{a} {op} {b}", inner,
                  st.sampled_from(["AND", "OR", "AND NOT", ""]), inner),
        st.builds(lambda m, a: f"{m}{a}", st.sampled_from(["+", "-", "NOT "]), inner),
        inner.map(lambda a: f"({a})"),
        inner.map(lambda a: f"({a})^3"),
    ),
    max_leaves=6,
)
query = st.one_of(text, field_query, well_formed, well_formed)
sort = st.one_of(
    text,
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(["asc", "desc", "ASC", ""])),
             max_size=3).map(lambda keys: ", ".join(f"{f} {d}" for f, d in keys)),
)
# Mostly valid values, so that most requests get past parameter checks into the engine.
number = st.one_of(st.integers(0, 60).map(str), st.integers(-5, 3000).map(str),
                   st.sampled_from(["", "1.5", "x", "99999999999999999999"]))
params = st.fixed_dictionaries(
    {"q": query, "df": st.sampled_from(["text"] * 6 + FIELDS)},
    optional={
        "fq": st.lists(query, max_size=3), "sort": sort, "rows": number, "start": number,
        "fl": st.one_of(text, st.lists(st.sampled_from(FIELDS), max_size=4).map(",".join)),
        "defType": st.sampled_from(["lucene", "dismax", "edismax", "bogus", ""]),
        "qf": st.one_of(text, st.just("name^4 title^4 tags^2 groups^2 text")),
        "mm": st.one_of(text, st.just("2<-1 5<80%")), "tie": number,
        "q.op": st.sampled_from(["AND", "OR", "and", ""]),
        "facet": st.sampled_from(["true", "false", "on", "x"]),
        "facet.field": st.lists(st.one_of(st.sampled_from(FIELDS), text), max_size=3),
        "facet.limit": number, "facet.mincount": number, "facet.sort": text,
        "facet.prefix": text, "facet.query": st.lists(query, max_size=2),
        "NOW": st.one_of(st.integers(-10**15, 10**15).map(str), text),
    },
)


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchServer]:
    srv, _ = start_server(Path(tmp_path_factory.mktemp("fuzz")))
    client = Client(srv.base_url)
    client.add([make_doc(f"d{i}", title=f"营业执照 water {i}", tags=["数据", f"t{i % 3}"],
                         views_recent=i, owner_org=f"o{i % 2}", extras_x="wi-fi",
                         issued_date="2026-01-01T00:00:00Z", vocab_a=["x"])
                for i in range(12)])
    yield srv
    stop_server(srv)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(params=params, method=st.sampled_from(["GET", "POST"]))
def test_select_never_fails_with_5xx(fuzz_server: SearchServer, params: dict[str, object],
                                     method: str) -> None:
    url = fuzz_server.base_url + "/select"
    pairs = [(k, v) for k, vs in params.items()
             for v in (vs if isinstance(vs, list) else [vs])]
    if method == "GET":
        resp = requests.get(url, params=pairs, timeout=30)
    else:
        resp = requests.post(url, data=pairs, timeout=30)
    assert resp.status_code in (200, 400), resp.text
    body = resp.json()
    if resp.status_code == 200:
        assert isinstance(body["response"]["numFound"], int)
        assert isinstance(body["response"]["docs"], list)
    else:
        assert body["responseHeader"]["status"] == 400
        assert body["error"]["code"] == 400 and isinstance(body["error"]["msg"], str)


scalar = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                   st.floats(allow_nan=False, allow_infinity=False), text,
                   st.sampled_from(["2026-01-01T00:00:00Z", "NOW-1DAY", "2019-10-10T01:15:00+00:00"]))
value_st = st.one_of(scalar, st.lists(scalar, max_size=3),
                     st.dictionaries(st.text(max_size=3), scalar, max_size=2))
doc_st = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), value_st,
                         max_size=6)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(extra=doc_st, commit=st.booleans())
def test_update_never_fails_with_5xx(fuzz_server: SearchServer, extra: dict[str, object],
                                     commit: bool) -> None:
    doc = make_doc("fuzzed")
    doc.update(extra)
    resp = Client(fuzz_server.base_url).add([doc], commit=commit)
    assert resp.status_code in (200, 400), resp.text
    if resp.status_code == 400:
        assert resp.json()["error"]["code"] == 400
