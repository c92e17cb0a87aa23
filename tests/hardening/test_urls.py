"""The RFC 3986 URL checks, without services."""
from __future__ import annotations

import pytest
from ckanext.govopen.lib import urls


@pytest.mark.parametrize("value,reason", [
    ('https://example.invalid/"onmouseover="alert(8)', "characters"),
    ("https://a b.example/", "characters"),
    ("https://x.example/<script>", "characters"),
    ("https://x.example/\x00", "characters"),
    ("https://x.example/%zz", "characters"),
    ("javascript:alert(1)", "scheme"),
    ("ftp://x.example/a", "scheme"),
    ("example.org/a", "scheme"),
    ("https:///nohost", "host"),
    ("https://-bad.example/", "host"),
    ("https://x.example:99999/", "port"),
    ("https://user:pw@x.example/", "userinfo"),
])
def test_bad_web_urls_are_refused_with_a_reason(value: str, reason: str) -> None:
    with pytest.raises(urls.BadURL) as caught:
        urls.web_url(value)
    assert caught.value.reason == reason


@pytest.mark.parametrize("value,expected", [
    ("https://stats.example.gov.cn/cpi.csv?y=2024#t", "https://stats.example.gov.cn/cpi.csv?y=2024#t"),
    ("HTTP://Example.org", "http://Example.org"),
    ("https://[2001:db8::1]:8443/a", "https://[2001:db8::1]:8443/a"),
    ("https://数据.example.cn/统计.csv", "https://xn--vxup8b.example.cn/%E7%BB%9F%E8%AE%A1.csv"),
    ("https://x.example/a%20b", "https://x.example/a%20b"),
])
def test_good_web_urls_pass_in_their_rfc_3986_form(value: str, expected: str) -> None:
    assert urls.web_url(value) == expected


@pytest.mark.parametrize("value", ["javascript:alert(1)", "JaVaScRiPt:alert(1)",
                                   "java\tscript:alert(1)", "data:text/html,x", "//evil.example/x",
                                   "vbscript:msgbox(1)"])
def test_resource_links_refuse_script_schemes(value: str) -> None:
    with pytest.raises(urls.BadURL):
        urls.link_url(value)


def test_resource_links_keep_file_names_and_ftp() -> None:
    assert urls.link_url("people.csv") == "people.csv"
    assert urls.link_url("ftp://files.example.cn/a.csv") == "ftp://files.example.cn/a.csv"


def test_iri_safe_names_what_rdf_cannot_serialize() -> None:
    assert urls.iri_safe("https://x.example/a")
    assert not urls.iri_safe('https://x.example/"a')
    assert not urls.iri_safe("https://x.example/a b")
