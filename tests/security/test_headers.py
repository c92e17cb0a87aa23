"""Finding 9: security headers on every response; HSTS and Secure cookies on https."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_redis")


@pytest.mark.parametrize("path", ["/", "/dataset/", "/user/login", "/api/3/action/status_show",
                                  "/no-such-page"])
def test_every_response_carries_the_headers(app, path: str) -> None:  # type: ignore[no-untyped-def]
    res = app.get(path, status=None)
    assert "script-src 'self'" in res.headers["Content-Security-Policy"]
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
