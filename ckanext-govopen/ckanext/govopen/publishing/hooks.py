"""Publishing hooks: a dataset write is judged before anything else reacts to it."""
from __future__ import annotations

from typing import Any

from ckan.types import Context

from ckanext.govopen.publishing import guard


def after_dataset_create(context: Context, pkg_dict: dict[str, Any]) -> None:
    guard.check_create(context, pkg_dict)  # may roll the write back


def after_dataset_update(context: Context, pkg_dict: dict[str, Any]) -> None:
    guard.check_update(context, pkg_dict)  # may roll the write back
