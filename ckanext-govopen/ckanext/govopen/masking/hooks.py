"""Masking hooks: every write that stores a file queues it; removed resources lose theirs."""
from __future__ import annotations

from typing import Any

from ckan.types import Context

from ckanext.govopen.masking.intake import sweep, uploaded


def after_resource_create(context: Context, resource: dict[str, Any]) -> None:
    uploaded(context)


def after_resource_update(context: Context, resource: dict[str, Any]) -> None:
    uploaded(context)


def after_resource_delete(context: Context, resources: list[dict[str, Any]]) -> None:
    uploaded(context)
    pkg = context.get("package")
    sweep(context, pkg.id if pkg is not None else None)


def after_dataset_create(context: Context, pkg_dict: dict[str, Any]) -> None:
    uploaded(context)


def after_dataset_update(context: Context, pkg_dict: dict[str, Any]) -> None:
    uploaded(context)
    sweep(context, pkg_dict.get("id"))
