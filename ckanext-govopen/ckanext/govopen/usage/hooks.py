"""Usage hooks: the download count goes into the search index (sort 最多下载), API calls
are counted as they are answered."""
from __future__ import annotations

import datetime as dt
from typing import Any

import flask

from ckanext.govopen.usage import api_calls, index
from ckanext.govopen.usage import model as usage


def before_dataset_index(pkg_dict: dict[str, Any]) -> dict[str, Any]:
    pkg_dict["downloads"] = index.sort_key(usage.package_totals([pkg_dict["id"]]).get(pkg_dict["id"], 0))
    return pkg_dict


def make_middleware(app: Any, config_: Any) -> Any:
    if isinstance(app, flask.Flask):
        api_calls.install(app)
    return app


def tick(now: dt.datetime) -> None:
    """Every few minutes (``ckan govopen tick``): today's and yesterday's counts into the index."""
    index.reindex_recent(2)
