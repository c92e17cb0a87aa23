"""Errors that become Solr-shaped HTTP error responses."""
from __future__ import annotations

from typing import Any

# pysolr/CKAN read only `error.msg`; the metadata mirrors Solr so logs look familiar.
_ERROR_CLASS = "org.apache.solr.common.SolrException"


class SolrError(Exception):
    """An error Solr would report to the client with `code` and `msg`."""

    def __init__(self, msg: str, code: int = 400) -> None:
        super().__init__(msg)
        self.msg = msg
        self.code = code

    def body(self, qtime: int = 0) -> dict[str, Any]:
        return error_body(self.msg, self.code, qtime)


class SyntaxError_(SolrError):
    """A query that does not parse; Solr prefixes these messages the same way."""

    def __init__(self, query: str, detail: str) -> None:
        super().__init__(
            f"org.apache.solr.search.SyntaxError: Cannot parse '{query}': {detail}", 400
        )


def error_body(msg: str, code: int, qtime: int = 0) -> dict[str, Any]:
    return {
        "responseHeader": {"status": code, "QTime": qtime},
        "error": {
            "metadata": ["error-class", _ERROR_CLASS, "root-error-class", _ERROR_CLASS],
            "msg": msg,
            "code": code,
        },
    }
