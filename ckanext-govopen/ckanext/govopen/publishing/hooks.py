"""Plugin hooks: queue freshly uploaded files for desensitization, record uploads; refuse
a write that would make a dataset public (or move a public one) outside the workflow."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context

from ckanext.govopen.publishing import jobs, status, storage, texts
from ckanext.govopen.publishing.model import REVIEW_APPROVED

log = logging.getLogger(__name__)

# Trusted in-process callers (the demo loader) put this in the action context to have
# the job run inline, before the action returns, instead of on the worker.
SYNC_FLAG = "govopen_desensitize_inline"


def uploaded(context: Context) -> None:
    """Called after resource/dataset create and update, once the upload is on disk."""
    fresh = storage.take_fresh()
    if not fresh:
        return
    user = context.get("user") or status.SYSTEM
    for resource_id in fresh:
        row = status.get(resource_id)
        package = model.Package.get(row.package_id) if row else None
        # On a public dataset the file waits for a reviewer (govopen_resource_review),
        # unless it is byte for byte a file already approved.
        extra = ({"awaits_review": row.review != REVIEW_APPROVED}
                 if row is not None and package is not None and not package.private else {})
        status.audit(user, "upload", package_id=row.package_id if row else None,
                     resource_id=resource_id, filename=row.filename if row else None,
                     size=row.raw_size if row else None,
                     sha256=row.raw_sha256 if row else None, **extra)
    model.Session.commit()
    for resource_id in fresh:
        if context.get(SYNC_FLAG):
            jobs.desensitize_resource(resource_id)
        else:
            jobs.enqueue(resource_id)


def sweep(context: Context, package_id: str | None) -> None:
    """Remove the stored files of the dataset's resources that are gone (deleted, or
    dropped from the resource list by package_update): raw, public copy and report."""
    if not package_id:
        return
    rows = status.for_package(package_id)
    if not rows:
        return
    active = {rid for (rid,) in model.Session.query(model.Resource.id).filter(
        model.Resource.package_id == package_id, model.Resource.state == "active")}
    for resource_id in sorted(set(rows) - active):
        removed(context.get("user") or status.SYSTEM, package_id, resource_id,
                rows[resource_id])


def removed(actor: str, package_id: str | None, resource_id: str,
            row: status.DesensitizeStatus | None) -> None:
    """Delete a resource's files and status; the audit entry keeps what was there."""
    stored = [p for p in (storage.raw_path(resource_id), storage.public_path(resource_id),
                          storage.report_path(resource_id)) if p.exists()]
    if row is None and not stored:
        return  # a link, or nothing was ever uploaded
    storage.remove(resource_id)
    status.audit(actor, "files_removed", package_id=package_id, resource_id=resource_id,
                 filename=row.filename if row else None,
                 sha256=row.raw_sha256 if row else None)
    if row is not None:
        status.forget(resource_id)


def uploader(resource: dict[str, Any]) -> storage.EncryptedResourceUpload:
    return storage.EncryptedResourceUpload(resource)


# The write guard ------------------------------------------------------------------------
# Whether a write makes a dataset public is judged on the row CKAN flushed, i.e. on what
# its validators made of the input ("on", " true", "ON" are stored as false), in the
# after_dataset_create/update hooks, which run before CKAN commits or indexes anything.

GUARD_CREATE = "govopen_guard_create"
GUARD_UPDATE = "govopen_guard_update"


@dataclass(frozen=True)
class Exposure:
    """What decides whether, and as whose, the public sees a dataset."""

    private: bool
    state: str
    owner_org: str | None
    type: str

    @property
    def public(self) -> bool:
        return self.state == "active" and not self.private


def exposure(pkg: model.Package) -> Exposure:
    return Exposure(bool(pkg.private), pkg.state or "", pkg.owner_org, pkg.type or "")


def _privileged(context: Context) -> bool:
    return bool(context.get("ignore_auth")) or authz.is_sysadmin(context.get("user"))


def check_create(context: Context, pkg_dict: dict[str, Any]) -> None:
    """An agency's dataset is created private unless a sysadmin (or trusted code) says not."""
    trusted = context.pop(GUARD_CREATE, None)  # type: ignore[misc]
    if trusted is None:  # created without our chained action: judge the caller now
        trusted = _privileged(context)
    pkg = model.Package.get(pkg_dict.get("id") or "")
    if trusted or pkg is None:
        return
    if pkg.owner_org and not pkg.private:
        _refuse_write("publish.editor")


def check_update(context: Context, pkg_dict: dict[str, Any]) -> None:
    """Only the workflow (govopen_dataset_publish) or a sysadmin makes a dataset public,
    restores a deleted public one, or changes the owner or type of a public one."""
    pkg = model.Package.get(pkg_dict.get("id") or "")
    if pkg is None:
        return
    guarded = (context.get(GUARD_UPDATE) or {}).pop(pkg.id, None)  # type: ignore[attr-defined]
    if guarded is None:
        # Not through our chained action: nothing known of before, so assume the
        # dataset was private (fail closed) unless the caller is trusted.
        trusted, before = _privileged(context), Exposure(True, "", pkg.owner_org, pkg.type)
    else:
        trusted, before = guarded
    if trusted:
        return
    after = exposure(pkg)
    if (before.private and not after.private) or (after.public and not before.public):
        _refuse_write("publish.editor")
    if (before.public or after.public) and (before.owner_org, before.type) != (
            after.owner_org, after.type):
        _refuse_write("write.owner")


def _refuse_write(key: str) -> None:
    """Undo everything the action did so far (rows, files just uploaded), then refuse."""
    model.Session.rollback()
    for resource_id in storage.take_fresh():
        if status.get(resource_id) is None:  # a new upload of the refused write
            storage.remove(resource_id)
    raise tk.NotAuthorized(texts.both(key))


# The plugin hooks (registry.py calls them by these names) -------------------------------

def get_resource_uploader(data_dict: dict[str, Any]) -> storage.EncryptedResourceUpload:
    return uploader(data_dict)


def after_resource_create(context: Context, resource: dict[str, Any]) -> None:
    uploaded(context)


def after_resource_update(context: Context, resource: dict[str, Any]) -> None:
    uploaded(context)


def after_resource_delete(context: Context, resources: list[dict[str, Any]]) -> None:
    uploaded(context)
    pkg = context.get("package")
    sweep(context, pkg.id if pkg is not None else None)


def after_dataset_create(context: Context, pkg_dict: dict[str, Any]) -> None:
    check_create(context, pkg_dict)  # first: it may roll the write back
    uploaded(context)


def after_dataset_update(context: Context, pkg_dict: dict[str, Any]) -> None:
    check_update(context, pkg_dict)  # first: it may roll the write back
    uploaded(context)
    sweep(context, pkg_dict.get("id"))
