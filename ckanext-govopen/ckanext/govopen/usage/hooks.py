"""Usage hooks: the download count goes into the search index (sort 最多下载), API calls
are counted as they are answered."""
from __future__ import annotations

from typing import Any

import flask

from ckanext.govopen.usage import api_calls
from ckanext.govopen.usage import model as usage

# CKAN's Solr schema has no integer dynamic field: the count is indexed through the
# catch-all string field, zero-padded so that the string order is the number order.
WIDTH = 10


def sort_key(count: int) -> str:
    return str(count).zfill(WIDTH)


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    pkg_dict["downloads"] = sort_key(usage.package_totals([pkg_dict["id"]]).get(pkg_dict["id"], 0))
    return pkg_dict


def make_middleware(app: Any, config_: Any) -> Any:
    if isinstance(app, flask.Flask):
        api_calls.install(app)
    return app
