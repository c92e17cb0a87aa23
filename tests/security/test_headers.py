"""Finding 9: security headers on every response; HSTS and Secure cookies on https."""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from ckan.tests import factories

from tests.catalog.factories import CatalogDataset, CatalogOrganization

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")


@pytest.mark.parametrize("path", ["/", "/dataset/", "/user/login", "/api/3/action/status_show",
                                  "/no-such-page"])
def test_every_response_carries_the_headers(app, path: str) -> None:  # type: ignore[no-untyped-def]
    res = app.get(path, status=None)
    assert "script-src 'self' 'unsafe-hashes' 'sha256-" in res.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in res.headers["Content-Security-Policy"]
    assert res.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Strict-Transport-Security" not in res.headers, "no HSTS on http"
    assert "Server" not in res.headers


def test_https_site_gets_hsts_and_secure_cookies(make_app, ckan_config, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setitem(ckan_config, "ckan.site_url", "https://data.example.gov.cn")
    app = make_app()
    res = app.get("/user/login", base_url="https://data.example.gov.cn")
    assert res.status_code == 200
    assert res.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    cookies = res.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies), "the session cookie is Secure"


class _Handlers(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.update(v for k, v in attrs if k.startswith("on") and v)


def test_the_inline_handlers_of_ckan_forms_are_allowed_by_hash(app) -> None:  # type: ignore[no-untyped-def]
    """CKAN's resource form uses inline onclick handlers; the policy allows exactly those
    by hash ('unsafe-hashes'), no others. A CKAN upgrade that changes one fails here."""
    user = factories.UserWithToken()
    org = CatalogOrganization(users=[{"name": user["name"], "capacity": "editor"}])
    dataset = CatalogDataset(owner_org=org["id"])
    res = app.get(f"/dataset/{dataset['name']}/resource/new",
                  headers={"Authorization": user["token"]})
    parser = _Handlers()
    parser.feed(res.body)
    assert len(parser.found) >= 3, "the upload, link and remove buttons"
    policy = res.headers["Content-Security-Policy"]
    missing = [f"'sha256-{base64.b64encode(hashlib.sha256(h.encode()).digest()).decode()}'"
               for h in sorted(parser.found)]
    missing = [h for h in missing if h not in policy]
    assert missing == [], " ".join(missing)
