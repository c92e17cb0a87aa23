"""Validators of the hardening package, registered through IValidators.

``govopen_url`` replaces CKAN's ``url_validator`` for the links we write into pages and
feeds; ``govopen_resource_url`` keeps ``javascript:`` and other non-web links out of
resources; ``govopen_text`` refuses lists and dicts where an id or a name is expected (CKAN's
``unicode_safe`` turns ``["a"]`` into the string ``"['a']"`` and lets it reach the database).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.govopen.lib import urls

__all__ = ["govopen_resource_url", "govopen_text", "govopen_url"]


def _message(reason: str) -> str:
    if reason == "scheme":
        return tk._("Give a web address starting with http:// or https://")
    if reason == "host":
        return tk._("The web address has no valid host name")
    if reason == "port":
        return tk._("The web address has an invalid port")
    if reason == "userinfo":
        return tk._("The web address must not contain a user name or password")
    return tk._("The web address contains characters a URL may not contain "
                "(quotes, spaces, angle brackets or control characters)")


def _empty(value: Any) -> bool:
    return value is None or value is tk.missing or value == ""


def govopen_text(value: Any) -> Any:
    """A single piece of text: a list, a dict or a number given for an id or a name is an
    error a caller can read, not a crash deeper down."""
    if _empty(value) or isinstance(value, str):
        return value
    raise tk.Invalid(tk._("Must be a single text value, not a list or an object"))


def govopen_url(value: Any) -> Any:
    """An http(s) URL to RFC 3986; non-ASCII paths are percent-encoded, hosts IDNA-encoded."""
    if _empty(value):
        return value
    if not isinstance(value, str):
        raise tk.Invalid(tk._("Must be a single text value, not a list or an object"))
    try:
        return urls.web_url(value.strip())
    except urls.BadURL as error:
        raise tk.Invalid(_message(error.reason)) from None


def govopen_resource_url(key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict,
                         context: Context) -> None:
    """A resource's link is an http(s) or ftp URL; an uploaded file keeps its file name."""
    value = data.get(key)
    if _empty(value):
        return
    if not isinstance(value, str):
        errors[key].append(tk._("Must be a single text value, not a list or an object"))
        return
    url_type = data.get((*key[:-1], "url_type"))
    try:
        if url_type and url_type is not tk.missing:
            if any(ord(c) < 0x20 for c in value):
                raise urls.BadURL("characters")
            return  # an upload: the value is the stored file's name
        data[key] = urls.link_url(value)
    except urls.BadURL as error:
        errors[key].append(_message(error.reason))
