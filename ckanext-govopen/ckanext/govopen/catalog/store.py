"""The catalog's few database lookups: codes already in use, a provider's credit code.

The only module of ``catalog/`` that touches CKAN; it reads CKAN's own tables.
"""
from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.govopen.lib.db import xact_lock

# Serializes resource-code allocation until the writing transaction ends, so two
# datasets created at the same moment cannot draw the same sequence number.
_CODE_LOCK = 2020_0812


def lock_resource_codes() -> None:
    xact_lock(_CODE_LOCK)


def resource_codes_like(prefix: str) -> list[str]:
    """Every resource code starting with `prefix`, in datasets of any state.

    Deleted datasets keep their codes: an identifier is never handed out twice.
    """
    rows = (model.Session.query(model.PackageExtra.value)
            .filter(model.PackageExtra.key == "resource_code",
                    model.PackageExtra.value.like(_escape_like(prefix) + "%", escape="\\"))
            .all())
    return [r[0] for r in rows]


def dataset_with_resource_code(code: str, exclude_id: str | None = None) -> model.Package | None:
    q = (model.Session.query(model.Package)
         .join(model.PackageExtra, model.PackageExtra.package_id == model.Package.id)
         .filter(model.PackageExtra.key == "resource_code", model.PackageExtra.value == code))
    if exclude_id:
        q = q.filter(model.Package.id != exclude_id)
    return q.first()


def stored_resource_code(package_id: str | None) -> str | None:
    if not package_id:
        return None
    row = (model.Session.query(model.PackageExtra.value)
           .filter(model.PackageExtra.package_id == package_id,
                   model.PackageExtra.key == "resource_code")
           .first())
    return row[0] if row else None


def organization(id_or_name: Any) -> model.Group | None:
    if not id_or_name or not isinstance(id_or_name, str):
        return None
    group = model.Group.get(id_or_name)
    return group if group is not None and group.is_organization else None


def organization_credit_code(org: model.Group) -> str | None:
    return (org.extras or {}).get("credit_code") or None


def organization_with_credit_code(code: str, exclude_id: str | None = None) -> model.Group | None:
    q = (model.Session.query(model.Group)
         .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
         .filter(model.Group.is_organization.is_(True), model.Group.state != "deleted",
                 model.GroupExtra.key == "credit_code", model.GroupExtra.value == code))
    if exclude_id:
        q = q.filter(model.Group.id != exclude_id)
    return q.first()


def organization_english_titles(names: list[str]) -> dict[str, str]:
    """Organization name → English title, for those that have one."""
    if not names:
        return {}
    rows = (model.Session.query(model.Group.name, model.GroupExtra.value)
            .join(model.GroupExtra, model.GroupExtra.group_id == model.Group.id)
            .filter(model.Group.name.in_(names), model.GroupExtra.key == "title_en")
            .all())
    return {name: value for name, value in rows if value}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
