"""Core actions chained by the publishing module.

Nobody but a sysadmin (or trusted code) makes a dataset public except through
``govopen_dataset_publish``; purging a dataset removes its stored files; changes of an
organization's desensitization policy override are audited.
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context, DataDict

from ckanext.govopen.lib import audit
from ckanext.govopen.masking import intake
from ckanext.govopen.masking import policy as org_policy
from ckanext.govopen.publishing import guard, status, texts
from ckanext.govopen.storage import records


def _user(context: Context) -> str:
    return context.get("user") or audit.SYSTEM


def _trusted(context: Context) -> bool:

    return bool(context.get("ignore_auth")) or authz.is_sysadmin(context.get("user"))


@tk.chained_action
def package_create(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    trusted = _trusted(context)
    if not trusted and data_dict.get("owner_org") \
            and ("private" not in data_dict or data_dict["private"] in ("", None)):
        data_dict["private"] = True  # new datasets start as private drafts
    # What CKAN will store is decided by its validators, not by how we read the input:
    # hooks.check_create judges the flushed row before CKAN commits.
    context[guard.GUARD_CREATE] = trusted  # type: ignore[literal-required]
    return next_action(context, data_dict)


@tk.chained_action
def package_update(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """Remember who writes and how the dataset stood before; hooks.check_update compares
    that with what CKAN flushed (package_patch and package_revise come through here)."""
    pkg = model.Package.get(data_dict.get("id") or data_dict.get("name") or "")
    if pkg is not None:
        guards = context.setdefault(guard.GUARD_UPDATE, {})  # type: ignore[misc]
        guards[pkg.id] = (_trusted(context), guard.exposure(pkg))
    return next_action(context, data_dict)


@tk.chained_action
def package_owner_org_update(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """A private dataset moved to another organization goes back to review (package_update
    moves it through here too, after the row changed: hooks.check_update sees that one)."""
    pkg = model.Package.get(data_dict.get("id") or "")
    before = pkg.owner_org if pkg is not None else None
    result = next_action(context, data_dict)
    if pkg is not None and pkg.owner_org != before:
        status.owner_changed(pkg, _user(context), before)
        if not context.get("defer_commit"):
            model.Session.commit()
    return result


@tk.chained_action
def bulk_update_public(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    if not _trusted(context):
        raise tk.NotAuthorized(texts.both("publish.editor"))
    return next_action(context, data_dict)


@tk.chained_action
def dataset_purge(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """A purged dataset takes its stored files along: raw uploads, public copies, reports."""
    pkg = model.Package.get(data_dict.get("id") or "")
    package_id = pkg.id if pkg is not None else None
    resource_ids = set()
    if package_id:
        resource_ids = {rid for (rid,) in model.Session.query(model.Resource.id).filter(
            model.Resource.package_id == package_id)} | set(records.for_package(package_id))
    user = _user(context)
    result = next_action(context, data_dict)
    for resource_id in sorted(resource_ids):
        intake.removed(user, package_id, resource_id, records.get(resource_id))
    if package_id:
        audit.record(user, "purge", package_id=package_id, resources=sorted(resource_ids))
    model.Session.commit()
    return result


def _override_text(id_or_name: str | None) -> str:
    group = model.Group.get(id_or_name) if id_or_name else None
    return (group.extras.get(org_policy.FIELD) or "") if group is not None else ""


@tk.chained_action
def organization_update(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    """A change of an organization's desensitization policy override is audited."""
    before = _override_text(data_dict.get("id") or data_dict.get("name"))
    result = next_action(context, data_dict)
    _audit_override(context, result, before)
    return result


@tk.chained_action
def organization_create(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    result = next_action(context, data_dict)
    _audit_override(context, result, "")
    return result


def _audit_override(context: Context, result: Any, before: str) -> None:
    if not isinstance(result, dict) or not result.get("id"):
        return
    after = _override_text(result["id"])
    if after == before:
        return
    audit.record(_user(context), "policy_override_changed", organization=result.get("name"),
                 override=after or None, before=_digest_of(before), after=_digest_of(after))
    model.Session.commit()


def _digest_of(text: str) -> str | None:
    """The digest reports name the override by (None when there is none or it is unusable)."""
    try:
        override = org_policy.parse(text)
    except org_policy.OverrideError:
        return None
    return org_policy.digest(override) if override else None
