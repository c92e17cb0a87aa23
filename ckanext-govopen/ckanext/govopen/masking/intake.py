"""What happens to a file once stored: queued for desensitization (inline for trusted
loaders), its upload audited; files of removed resources deleted with their record."""
from __future__ import annotations

import logging

from ckan import model
from ckan.types import Context

from ckanext.govopen.lib import audit
from ckanext.govopen.masking import jobs
from ckanext.govopen.storage import files, records
from ckanext.govopen.storage.model import REVIEW_APPROVED, DesensitizeStatus

log = logging.getLogger(__name__)

# Trusted in-process callers (the demo loader) put this in the action context to have
# the job run inline, before the action returns, instead of on the worker.
SYNC_FLAG = "govopen_desensitize_inline"


def uploaded(context: Context) -> None:
    """Called after resource/dataset create and update, once the upload is on disk."""
    fresh = files.take_fresh()
    if not fresh:
        return
    user = context.get("user") or audit.SYSTEM
    for resource_id in fresh:
        row = records.get(resource_id)
        package = model.Package.get(row.package_id) if row else None
        # On a public dataset the file waits for a reviewer (govopen_resource_review),
        # unless it is byte for byte a file already approved.
        extra = ({"awaits_review": row.review != REVIEW_APPROVED}
                 if row is not None and package is not None and not package.private else {})
        audit.record(user, "upload", package_id=row.package_id if row else None,
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
    rows = records.for_package(package_id)
    if not rows:
        return
    active = {rid for (rid,) in model.Session.query(model.Resource.id).filter(
        model.Resource.package_id == package_id, model.Resource.state == "active")}
    for resource_id in sorted(set(rows) - active):
        removed(context.get("user") or audit.SYSTEM, package_id, resource_id,
                rows[resource_id])


def removed(actor: str, package_id: str | None, resource_id: str,
            row: DesensitizeStatus | None) -> None:
    """Delete a resource's files and status; the audit entry keeps what was there."""
    stored = [p for p in (files.raw_path(resource_id), files.public_path(resource_id),
                          files.report_path(resource_id)) if p.exists()]
    if row is None and not stored:
        return  # a link, or nothing was ever uploaded
    files.remove(resource_id)
    audit.record(actor, "files_removed", package_id=package_id, resource_id=resource_id,
                 filename=row.filename if row else None,
                 sha256=row.raw_sha256 if row else None)
    if row is not None:
        records.forget(resource_id)
