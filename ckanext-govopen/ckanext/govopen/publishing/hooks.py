"""Plugin hooks: queue freshly uploaded files for desensitization, record uploads."""
from __future__ import annotations

import logging
from typing import Any

from ckan import model
from ckan.types import Context

from ckanext.govopen.publishing import jobs, status, storage

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
        status.audit(user, "upload", package_id=row.package_id if row else None,
                     resource_id=resource_id, filename=row.filename if row else None,
                     size=row.raw_size if row else None,
                     sha256=row.raw_sha256 if row else None)
    model.Session.commit()
    for resource_id in fresh:
        if context.get(SYNC_FLAG):
            jobs.desensitize_resource(resource_id)
        else:
            jobs.enqueue(resource_id)


def resource_deleted(resource_id: str) -> None:
    storage.remove(resource_id)


def uploader(resource: dict[str, Any]) -> storage.EncryptedResourceUpload:
    return storage.EncryptedResourceUpload(resource)
