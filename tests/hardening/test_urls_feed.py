"""Finding 8: URLs are checked to RFC 3986 on write, and a bad record stored before the
check never breaks the catalog feed for everyone."""
from __future__ import annotations

import json

import pytest
from ckan import model
from ckan.lib import search
from ckan.tests import factories
from ckan.tests.helpers import call_action
from rdflib import Graph

from tests.provenance.factories import product_fields

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")
BAD = 'https://example.invalid/"onmouseover="alert(8)'


def _external(url: str) -> dict[str, str]:
    return {"source_url": url, "source_publisher": "国家统计局", "acquired": "2025-01-02",
            "usage": "对比物价"}


def _post(app, user, body):  # type: ignore[no-untyped-def]
    token = factories.APIToken(user=user["name"])["token"]
    return app.post("/api/3/action/package_create", json=body,
                    headers={"Authorization": token}, status=None)


@pytest.mark.parametrize("url", [BAD, "https://a b.example/", "javascript:alert(1)",
                                 "https://x.example/<b>", "https://x.example/\x01"])
def test_a_bad_source_url_is_refused_on_write(app, url) -> None:  # type: ignore[no-untyped-def]
    response = _post(app, factories.User(), product_fields([_external(url)]))
    assert response.status_code == 409, response.body
    assert response.json["error"]["sources"][0]["source_url"]


def test_a_chinese_source_url_is_stored_percent_encoded(app) -> None:  # type: ignore[no-untyped-def]
    response = _post(app, factories.User(), product_fields(
        [_external("https://数据.example.cn/统计.csv")], name="cn-url"))
    assert response.status_code == 200, response.body
    assert response.json["result"]["sources"][0]["source_url"] == (
        "https://xn--vxup8b.example.cn/%E7%BB%9F%E8%AE%A1.csv")


def test_a_bad_record_stored_earlier_leaves_the_feed_working(app, portal) -> None:  # type: ignore[no-untyped-def]
    user = factories.User()
    product = call_action("package_create", {"user": user["name"]}, **product_fields(
        [_external("https://stats.example.gov.cn/cpi.csv")], name="bad-product",
        product_url="https://map.example.com/air"))
    res = call_action("resource_create", {"user": portal.sysadmin["name"]},
                      package_id=portal.public["id"], url="https://ok.example.cn/a.csv")
    # as a record written before the check would be: straight into the database
    pkg = model.Package.get(product["id"])
    sources = json.loads(pkg.extras["sources"])
    sources[0]["source_url"] = BAD
    pkg.extras["sources"] = json.dumps(sources, ensure_ascii=False)
    pkg.extras["product_url"] = BAD
    model.Resource.get(res["id"]).url = "javascript:alert(1)//\"<x>"
    model.Session.commit()
    search.rebuild(product["id"])
    search.rebuild(portal.public["id"])
    stored = call_action("package_show", {"user": user["name"]}, id=product["id"])
    assert stored["sources"][0]["source_url"] == BAD, "the bad record is really there"

    for path in ("/catalog.ttl", f"/dataset/{product['id']}.ttl",
                 f"/dataset/{portal.public['id']}.ttl"):
        response = app.get(path, status=None)
        assert response.status_code == 200, (path, response.body[:500])
        assert "onmouseover" not in response.get_data(as_text=True)
        assert "javascript:" not in response.get_data(as_text=True)
    feed = Graph().parse(data=app.get("/catalog.ttl").body, format="turtle")
    titles = {str(o) for o in feed.objects(None, None) if "open-air" in str(o)}
    assert titles, "the public dataset is still in the feed"
