"""End-to-end /select behaviour over HTTP, as CKAN's package_search uses it."""
from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from ckanext.govopen.searchd.sorting import FIRST_FETCH

from .conftest import Client, make_doc

CKAN_DISMAX: dict[str, Any] = {
    "defType": "dismax", "qf": "name^4 title^4 tags^2 groups^2 text", "mm": "2<-1 5<80%",
    "tie": "0.1", "q__op": "AND", "df": "text",
    "fq": ["+capacity:public  +state:(active)", '+site_id:"test.ckan.net"',
           '+permission_labels:("public")'],
}


def dismax(solr: Client, q: str, **extra: Any) -> list[str]:
    return solr.names(q=q, **CKAN_DISMAX, **extra)


def lucene(solr: Client, q: str, **extra: Any) -> list[str]:
    return solr.names(q=q, df="text", q__op="AND", **extra)


def test_chinese_word_ranks_above_shared_characters(solr: Client) -> None:
    solr.add([
        make_doc("licence", title="企业营业执照登记信息", notes="市场监督管理局发布"),
        make_doc("chars", title="照片营地", notes="营业 执照 不连在一起"),
        make_doc("single", title="执业医师注册", notes="业务照会"),
        make_doc("unrelated", title="空气质量监测"),
    ])
    found = dismax(solr, "营业执照")
    assert found[0] == "licence"
    assert "single" not in found and "unrelated" not in found
    assert dismax(solr, "营业执照") == lucene(solr, "营业执照")[: len(found)] or found
    # a sub-word of the compound finds it too (search-mode segmentation at index time)
    assert "licence" in dismax(solr, "执照")
    assert lucene(solr, "title:营业执照") == ["licence"]


def test_chinese_sentence_query_uses_minimum_match(solr: Client) -> None:
    solr.add([
        make_doc("a", title="山西省企业营业执照登记信息"),
        make_doc("b", title="山西省人口统计"),
    ])
    assert dismax(solr, "山西省营业执照") == ["a"]
    assert set(dismax(solr, "山西省")) == {"a", "b"}


def test_mixed_chinese_english_and_full_width(solr: Client) -> None:
    solr.add([make_doc("api", title="开放数据API接口2024版"), make_doc("other", title="Open data")])
    assert dismax(solr, "api") == ["api"]
    assert dismax(solr, "数据 API") == ["api"]
    assert dismax(solr, "ＡＰＩ") == ["api"]  # full-width input
    assert "api" in dismax(solr, "2024")


def test_autocomplete_ngrams(solr: Client) -> None:
    solr.add([make_doc("story", title="A Wonderful Story"),
              make_doc("zh", title="企业营业执照登记信息开放数据集合"),
              make_doc("mixed", title="GovOpen数据API平台")])

    def auto(text: str) -> list[str]:
        q = f'name_ngram:"{text}" OR title_ngram:"{text}" OR name:"{text}" OR title:"{text}"'
        return sorted(solr.names(q=q, df="text", q__op="AND"))

    assert auto("won") == ["story"]
    assert auto("营业执") == ["zh"]
    assert auto("数据api") == ["mixed"]
    assert auto("营业执照登记信息开放数据") == ["zh"]  # longer than the 10-gram maximum
    assert auto("zzz") == []


def test_english_analysis(solr: Client) -> None:
    solr.add([make_doc("annakarenina", title="Running Stories", notes="Wi-Fi maps café"),
              make_doc("other", title="Walking")])
    assert dismax(solr, "run") == ["annakarenina"]
    assert dismax(solr, "story") == ["annakarenina"]
    assert dismax(solr, "wifi") == ["annakarenina"]
    assert dismax(solr, "wi-fi") == ["annakarenina"]
    assert dismax(solr, "cafe") == ["annakarenina"]
    assert dismax(solr, "annakarenina") == ["annakarenina"]  # name via copyField into text


def test_dismax_phrase_word_order_and_mm(solr: Client) -> None:
    solr.add([make_doc("gov", title="Government Expenditure summary"),
              make_doc("two", notes="water quality"),
              make_doc("one", notes="water only")])
    assert dismax(solr, '"Government Expenditure"') == ["gov"]
    assert dismax(solr, '"Expenditure Government"') == []
    # three words: all but one must match ("2<-1")
    assert dismax(solr, "water quality report") == ["two"]
    assert sorted(dismax(solr, "water")) == ["one", "two"]
    assert dismax(solr, "water -quality") == ["one"]


def test_dismax_syntax_error(solr: Client) -> None:
    resp = solr.select_raw([("q", "--included"), ("defType", "dismax"), ("qf", "text")])
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == 400


def test_lucene_syntax(solr: Client) -> None:
    solr.add([
        make_doc("a", tags=["economy", "water quality"], license_id="cc-by", title="Alpha river"),
        make_doc("b", tags=["economy"], license_id="odc", title="Beta lake",
                 dataset_type="harvest"),
        make_doc("c-d", tags=["Pop!"], title="Gamma: the sea", views_recent=5),
    ])
    assert sorted(lucene(solr, "tags:economy")) == ["a", "b"]
    assert lucene(solr, 'tags: "water quality"') == ["a"]
    assert lucene(solr, "tags:Economy") == []  # string fields are case-sensitive
    assert sorted(lucene(solr, "tags:economy AND NOT license_id:odc")) == ["a"]
    assert sorted(lucene(solr, "+tags:economy -license_id:odc")) == ["a"]
    assert sorted(lucene(solr, "license_id:(cc-by OR odc)")) == ["a", "b"]
    assert sorted(lucene(solr, "river OR lake")) == ["a", "b"]
    assert lucene(solr, "river lake") == []  # q.op=AND
    assert sorted(solr.names(q="river lake", df="text", q__op="OR")) == ["a", "b"]
    assert sorted(lucene(solr, "name:c-d OR name:a")) == ["a", "c-d"]
    assert lucene(solr, r"tags:Pop\!") == ["c-d"]
    assert lucene(solr, 'title:"Gamma: the sea"') == ["c-d"]
    assert sorted(lucene(solr, "name:*")) == ["a", "b", "c-d"]
    assert lucene(solr, "views_recent:*") == ["c-d"]
    assert lucene(solr, "views_recent:[1 TO *]") == ["c-d"]
    assert lucene(solr, "views_recent:{5 TO *]") == []
    assert sorted(lucene(solr, "name:[a TO b]")) == ["a", "b"]
    assert lucene(solr, "title:alph*") == ["a"]
    assert lucene(solr, "title:rivr~1") == ["a"]
    assert lucene(solr, '"alpha river"~1') == ["a"]
    assert lucene(solr, "river^4 OR lake")[0] == "a"
    assert lucene(solr, "unknown_field:x") == []
    assert sorted(lucene(solr, "*:*", fq="-dataset_type:harvest")) == ["a", "c-d"]
    assert sorted(lucene(solr, "*:*", fq=["tags:economy", "-dataset_type:harvest"])) == ["a"]
    assert lucene(solr, "title:/alph.*/") == ["a"]


def test_syntax_errors_are_solr_shaped(solr: Client) -> None:
    for q in ["title:(a", 'name:"open', "AND x", "x^", "[a TO"]:
        resp = solr.select_raw({"q": q})
        assert resp.status_code == 400, q
        body = resp.json()
        assert body["responseHeader"]["status"] == 400
        assert body["error"]["code"] == 400 and isinstance(body["error"]["msg"], str)


def test_package_show_and_bulk_id_queries(solr: Client, spec_doc: dict[str, Any]) -> None:
    solr.add([spec_doc, make_doc("other")])
    res = solr.select(q='name:"river-quality" OR id:"river-quality"', rows=1,
                      fq='+site_id:"test.ckan.net" +entity_type:package')
    assert res["response"]["numFound"] == 1
    doc = res["response"]["docs"][0]
    assert doc["metadata_modified"] == "2026-11-21T01:25:15.084Z"
    assert doc["validated_data_dict"] == spec_doc["validated_data_dict"]
    ids = f'id:"{spec_doc["id"]}" OR id:"id-other"'
    assert solr.select(q=ids)["response"]["numFound"] == 2


def test_date_ranges(solr: Client) -> None:
    now = 1_800_000_000_000  # fixed NOW for date math: 2027-01-15T08:00:00Z
    solr.add([
        make_doc("old", metadata_modified="2020-05-01T10:00:00Z"),
        make_doc("new", metadata_modified="2026-06-01T00:00:00.5Z"),
        make_doc("recent", metadata_modified="2027-01-14T12:00:00Z", issued_date="2027-01-01T00:00:00Z"),
    ])

    def q(query: str) -> list[str]:
        return sorted(solr.names(q=query, NOW=now))

    assert q("metadata_modified:[2026-01-01T00:00:00Z TO NOW]") == ["new", "recent"]
    assert q("metadata_modified:[* TO 2026-01-01T00:00:00Z]") == ["old"]
    assert q("metadata_modified:[NOW-1DAY TO *]") == ["recent"]
    assert q("metadata_modified:[NOW/DAY-1DAY TO NOW/DAY]") == ["recent"]
    assert q("metadata_modified:{2026-06-01T00:00:00.500Z TO *]") == ["recent"]
    assert q("metadata_modified:[2026-06-01T00:00:00.500Z TO 2026-06-01T00:00:00.500Z]") == ["new"]
    assert q('metadata_modified:"2020-05-01T10:00:00Z"') == ["old"]
    assert q("issued_date:[2026-12-31T00:00:00Z TO *]") == ["recent"]
    resp = solr.select_raw({"q": "metadata_modified:[yesterday TO *]"})
    assert resp.status_code == 400


def test_facets_on_chinese_values(solr: Client) -> None:
    solr.add([
        make_doc("a", tags=["水质", "空气质量"], organization="太原市统计局", sharing_type="无条件共享",
                 res_format=["CSV"]),
        make_doc("b", tags=["水质"], organization="太原市统计局", sharing_type="有条件共享"),
        make_doc("c", tags=["交通", "水质"], organization="大同市交通局", sharing_type="无条件共享",
                 vocab_topics=["经济", "社会"]),
    ])
    res = solr.select(q="*:*", rows=0, facet="true", facet__mincount=1, facet__limit=50,
                      facet__field=["tags", "organization", "sharing_type", "res_format",
                                    "vocab_topics", "groups"])
    ff = res["facet_counts"]["facet_fields"]
    assert ff["tags"] == ["水质", 3, "交通", 1, "空气质量", 1]
    assert ff["organization"] == ["太原市统计局", 2, "大同市交通局", 1]
    assert ff["sharing_type"] == ["无条件共享", 2, "有条件共享", 1]
    assert ff["res_format"] == ["CSV", 1]
    assert ff["vocab_topics"] == ["社会", 1, "经济", 1]
    assert ff["groups"] == []
    assert res["response"]["numFound"] == 3 and res["response"]["docs"] == []
    # limit, unlimited, filtered by the query, CKAN's org counts form
    res = solr.select(q="tags:交通", rows=0, facet="true", facet__field="tags", facet__limit=1)
    assert res["facet_counts"]["facet_fields"]["tags"] == ["交通", 1]
    res = solr.select(q="*:*", rows=0, facet="true", facet__field="organization",
                      facet__limit=-1, facet__mincount=1)
    # no limit means index order, as in Solr (大 U+5927 sorts before 太 U+592A)
    assert res["facet_counts"]["facet_fields"]["organization"] == ["大同市交通局", 1, "太原市统计局", 2]
    res = solr.select(q="*:*", rows=0, facet="true", facet__field="tags", json__nl="map")
    assert res["facet_counts"]["facet_fields"]["tags"]["水质"] == 3


def test_sorts(solr: Client) -> None:
    solr.add([
        make_doc("b", title="Banana", metadata_created="2025-03-01T00:00:00Z",
                 metadata_modified="2025-03-02T00:00:00Z", views_recent=3),
        make_doc("a", title="apple", metadata_created="2025-01-01T00:00:00Z",
                 metadata_modified="2025-05-01T00:00:00Z"),
        make_doc("c", title="Cherry", metadata_created="2025-02-01T00:00:00Z",
                 metadata_modified="2025-04-01T00:00:00.123Z", views_recent=9),
    ])

    def order(sort: str, **extra: Any) -> list[str]:
        return solr.names(q="*:*", sort=sort, **extra)

    assert order("metadata_modified desc") == ["a", "c", "b"]
    assert order("metadata_created desc") == ["b", "c", "a"]
    assert order("name asc") == ["a", "b", "c"]
    assert order("name desc") == ["c", "b", "a"]
    assert order("title_string asc") == ["b", "c", "a"]  # byte order, as Solr's StrField
    assert order("score desc, metadata_modified desc") == ["a", "c", "b"]
    assert order("views_recent desc") == ["c", "b", "a"]
    assert order("view_recent desc") == ["b", "a", "c"]  # undeclared: index order, no error
    assert order("title asc") == ["a", "b", "c"]  # text field: by its lower-cased value
    assert order("metadata_modified desc", start=1, rows=1) == ["c"]
    for bad in ["name", "name up", "metadata_modified desc, name"]:
        resp = solr.select_raw({"q": "*:*", "sort": bad})
        assert resp.status_code == 400, bad
        assert "Can't determine a Sort Order" in resp.json()["error"]["msg"]
    resp = solr.select_raw({"q": "*:*", "sort": "tags asc"})
    assert resp.status_code == 400


def test_ties_across_pages_follow_index_order(solr: Client) -> None:
    docs = [make_doc(f"d{i:02d}", title="Same", metadata_modified="2025-01-01T00:00:00Z")
            for i in range(25)]
    solr.add(docs[:10])
    solr.add(docs[10:])
    for sort in ["title_string asc", "metadata_modified desc", "score desc"]:
        seen: list[str] = []
        for start in range(0, 25, 4):
            seen += solr.names(q="title:same", sort=sort, start=start, rows=4)
        assert seen == [d["name"] for d in docs], sort


def test_score_sort_with_ties_and_relevance(solr: Client) -> None:
    solr.add([make_doc(f"w{i}", notes="water") for i in range(6)] +
             [make_doc("best", title="water water", notes="water")])
    first = dismax(solr, "water", sort="score desc, metadata_modified desc", rows=3)
    assert first[0] == "best"
    paged = [n for s in range(0, 7, 2)
             for n in dismax(solr, "water", sort="score desc, metadata_modified desc",
                             start=s, rows=2)]
    assert sorted(paged) == sorted(["best"] + [f"w{i}" for i in range(6)])


def test_a_tied_group_bigger_than_the_first_fetch_is_ordered_by_the_next_keys(
        solr: Client) -> None:
    # Every "water" document scores the same; the group is larger than the hits a
    # score-ordered search fetches first, so it is completed and ordered by date.
    rng = random.Random(16)
    days = list(range(FIRST_FETCH + 200))
    rng.shuffle(days)
    tied = [make_doc(f"t{day:04d}", notes="water",
                     metadata_modified=(date(2020, 1, 1) + timedelta(days=day)).isoformat()
                     + "T00:00:00Z") for day in days]
    solr.add([*tied, make_doc("best", title="water", notes="water water")])
    newest_first = [f"t{day:04d}" for day in sorted(days, reverse=True)]
    sort = "score desc, metadata_modified desc"
    assert dismax(solr, "water", sort=sort, rows=4) == ["best", *newest_first[:3]]
    deep = FIRST_FETCH + 100
    assert dismax(solr, "water", sort=sort, start=deep, rows=3) == newest_first[deep - 1:deep + 2]


def test_numeric_sort_keys_put_missing_values_last_both_ways(solr: Client) -> None:
    solr.add([make_doc("two", views_total=2, metadata_modified="2025-01-02T00:00:00Z"),
              make_doc("none-old"), make_doc("one", views_total=1),
              make_doc("two-new", views_total=2, metadata_modified="2025-03-01T00:00:00Z"),
              make_doc("none-new", metadata_modified="2025-02-01T00:00:00Z")])
    assert solr.names(q="*:*", sort="views_total asc, metadata_modified desc") == [
        "one", "two-new", "two", "none-new", "none-old"]
    assert solr.names(q="*:*", sort="views_total desc, metadata_modified asc") == [
        "two", "two-new", "one", "none-old", "none-new"]


def test_fl_and_stored_values(solr: Client, spec_doc: dict[str, Any]) -> None:
    spec_doc["title"] = ["River quality"]  # a single-valued field sent as a 1-item list
    spec_doc["groups"] = "test-group"  # a multi-valued field sent as a scalar
    solr.add([spec_doc])
    doc = solr.select(q="*:*", fl="id validated_data_dict")["response"]["docs"][0]
    assert doc == {"id": spec_doc["id"], "validated_data_dict": spec_doc["validated_data_dict"]}
    doc = solr.select(q="*:*", fl="id,name,nonexistent")["response"]["docs"][0]
    assert doc == {"id": spec_doc["id"], "name": "river-quality"}
    full = solr.select(q="*:*", fl="*")["response"]["docs"][0]
    assert full["title"] == "River quality"
    assert full["groups"] == ["test-group"]
    assert full["res_description"] == ["A report"]
    assert full["metadata_created"] == "2026-11-21T01:25:15.084Z"
    assert full["extras_issued"] == "2024-01-15"
    assert "indexed_ts" in full
    for hidden in ("owner_org", "private", "text", "permission_labels", "title_string"):
        assert hidden not in full
    scored = solr.select(q="river", df="text", fl="id,score")
    assert set(scored["response"]["docs"][0]) == {"id", "score"}
    assert scored["response"]["maxScore"] > 0
    assert solr.select(q="*:*", fl="res_*")["response"]["docs"][0]["res_format"] == ["PDF", "CSV"]


def test_rows_start_and_params(solr: Client) -> None:
    solr.add([make_doc(f"n{i}") for i in range(5)])
    assert solr.select(q="*:*", rows=0)["response"] == {
        "numFound": 5, "start": 0, "numFoundExact": True, "docs": []}
    assert len(solr.select(q="*:*", rows=2, start=4)["response"]["docs"]) == 1
    assert solr.select(q="*:*", start=10)["response"]["docs"] == []
    assert solr.select(q="*:*", unknown_param="x", wt="json")["response"]["numFound"] == 5
    for bad in [{"rows": "-1"}, {"start": "-1"}, {"rows": "ten"}, {"q.op": "XOR"},
                {"defType": "nosuchparser"}]:
        resp = solr.select_raw({"q": "*:*", **bad})
        assert resp.status_code == 400, bad


def test_long_queries_arrive_as_post(solr: Client) -> None:
    solr.add([make_doc("x", permission_labels=["member-42"])])
    labels = " OR ".join(f'"member-{i}"' for i in range(200))
    resp = solr.post("select/", {"q": "*:*", "fq": f"+permission_labels:({labels})"},
                     "application/x-www-form-urlencoded")
    assert resp.status_code == 200
    assert resp.json()["response"]["numFound"] == 1


def test_an_updated_document_is_never_served_from_the_document_cache(solr: Client) -> None:
    solr.add([make_doc("a", title="old title"), make_doc("b", title="other")])
    assert solr.select(q="*:*", fl="name title")["response"]["docs"][0]["title"] == "old title"
    solr.add([make_doc("a", title="new title")])
    titles = {d["name"]: d["title"] for d in solr.select(q="*:*", fl="name title")["response"]["docs"]}
    assert titles == {"a": "new title", "b": "other"}
