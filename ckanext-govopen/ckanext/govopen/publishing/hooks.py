"""Plugin hooks: queue freshly uploaded files for desensitization, record uploads."""
from __future__ import annotations

import logging
from typing import Any

from ckan import model
from ckan.types import Context

from ckanext.govopen.publishing import jobs, status, storage
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
