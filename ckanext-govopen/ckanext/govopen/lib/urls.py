"""URL checks to RFC 3986, without CKAN imports (tested without services).

CKAN's ``url_validator`` only asks urlparse for a scheme and a host, so a value such as
``https://example.invalid/"onmouseover="alert(8)`` passes and later breaks every page and
feed that writes it into HTML or RDF. Here a URL is accepted only when each of its
characters is one RFC 3986 allows; non-ASCII text in the path, query or fragment (an IRI,
common on Chinese sites) is percent-encoded as RFC 3987 maps it, and an internationalized
host is turned into its IDNA form.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

WEB_SCHEMES = ("http", "https")
# Everything RFC 3986 allows outside the host: unreserved, reserved and "%" escapes.
_URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_REG_NAME = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*"
                       r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$")
_IPV6 = re.compile(r"^[0-9A-Fa-f:.]+$")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# RFC 3986 section 2: quotes, spaces, angle brackets … are never part of a URI.
_NEVER = set('"<>\\^`{|} ')


class BadURL(ValueError):
    """Why a value is not an acceptable web URL (``reason`` is one of the keys below)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _has_control(text: str) -> bool:
    return any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text)


def _encode_iri(text: str) -> str:
    """Percent-encode only the non-ASCII characters (RFC 3987 section 3.1)."""
    return "".join(c if ord(c) < 0x80 else quote(c, safe="") for c in text)


def _host(netloc: str) -> str:
    userinfo, _, hostport = netloc.rpartition("@")
    if userinfo:
        raise BadURL("userinfo")  # credentials in a published link are always a mistake
    if hostport.startswith("["):
        literal, _, port = hostport[1:].partition("]")
        if not _IPV6.match(literal) or (port and not port.startswith(":")):
            raise BadURL("host")
        host, port = f"[{literal}]", port[1:]
    else:
        host, _, port = hostport.partition(":")
        try:
            host = host if host.isascii() else host.encode("idna").decode("ascii")
        except UnicodeError:
            raise BadURL("host") from None
        if not _REG_NAME.match(host):
            raise BadURL("host")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        raise BadURL("port")
    return host + (f":{port}" if port else "")


def web_url(value: str) -> str:
    """`value` as an RFC 3986 http(s) URL, or BadURL saying what is wrong with it."""
    if _has_control(value) or _NEVER & set(value):
        raise BadURL("characters")
    match = _SCHEME.match(value)
    if not match or match.group(1).lower() not in WEB_SCHEMES:
        raise BadURL("scheme")
    parts = urlsplit(value)
    if not parts.netloc:
        raise BadURL("host")
    host = _host(parts.netloc)
    rest = _encode_iri(value[len(match.group(0)) + 2 + len(parts.netloc):])
    if not _URI_CHARS.match(rest) or _BAD_ESCAPE.search(rest):
        raise BadURL("characters")
    return f"{parts.scheme.lower()}://{host}{rest}"


def link_url(value: str) -> str:
    """A resource's URL: an http(s)/ftp link or, for an upload, a bare file name.

    Browsers ignore tabs and newlines inside a scheme, so ``java\\tscript:`` is caught by the
    control-character check before the scheme is read.
    """
    if _has_control(value):
        raise BadURL("characters")
    match = _SCHEME.match(value)
    if match is None:
        if value.startswith("//"):
            raise BadURL("scheme")  # scheme-relative: points wherever the page is served
        return value  # an uploaded file's name
    if match.group(1).lower() == "ftp":
        return value
    return web_url(value)


def iri_safe(value: str) -> bool:
    """Whether an RDF serializer can write `value` as an IRI (rdflib refuses these
    characters at serialization time, failing the whole feed, not the one record)."""
    return not (_has_control(value) or _NEVER & set(value))
