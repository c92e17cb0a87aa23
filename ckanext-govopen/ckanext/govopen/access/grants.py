"""The seam the download gate calls: is there a grant for this user and file right now?

Checked at every access, so expiry needs no job and a revocation takes effect at once.
The gate (publishing/gate.py) serves a conditional or not-open dataset's file to someone
outside the provider organization only when ``active_grant`` returns a grant, and then calls
``record_download`` in the same request.
"""
from __future__ import annotations

import datetime as dt

from ckan import model

from ckanext.govopen.access import store
from ckanext.govopen.access.model import Grant

__all__ = ["active_grant", "holds_grant", "record_download", "record_restricted_download"]


def active_grant(user_id: str | None, package_id: str, resource_id: str,
                 now: dt.datetime | None = None) -> Grant | None:
    """The grant letting ``user_id`` download ``resource_id`` of ``package_id`` at ``now``
    (UTC, naive; default: now), or ``None``. Anonymous users never hold one. Not-open datasets
    never get grants: applications are accepted for conditional datasets only."""
    if not user_id:
        return None
    day = store.china_day(now) if now else store.today()
    rows = model.Session.query(Grant).filter(
        Grant.user_id == user_id, Grant.package_id == package_id,
        Grant.revoked_at.is_(None), Grant.valid_until >= day)
    for grant in rows:
        if resource_id in (grant.resource_ids or []):
            return grant
    return None


def record_download(grant: Grant, resource_id: str, *, actor: str, remote_addr: str | None,
                    size: int | None) -> None:
    """Write the download to the chained access log (committed with the request's session)."""
    pkg = model.Package.get(grant.package_id)
    store.append_log("download", actor, organization_id=pkg.owner_org if pkg else None,
                     package_id=grant.package_id, resource_id=resource_id,
                     application_id=grant.application_id, grant_id=grant.id,
                     remote_addr=remote_addr, size=size)
    model.Session.commit()


def holds_grant(user_name: str, package_id: str, resource_id: str) -> bool:
    """Whether the user named ``user_name`` ("" for anonymous) holds an active grant."""
    user = model.User.get(user_name) if user_name else None
    return user is not None and active_grant(user.id, package_id, resource_id) is not None


def record_restricted_download(user_name: str, package_id: str, resource_id: str, *,
                               remote_addr: str | None, size: int | None) -> None:
    """Log a download of a restricted file: through the user's grant when one applies,
    otherwise as the provider organization's own (or a sysadmin's) access."""
    user = model.User.get(user_name) if user_name else None
    grant = active_grant(user.id, package_id, resource_id) if user is not None else None
    if grant is not None:
        record_download(grant, resource_id, actor=user_name, remote_addr=remote_addr, size=size)
        return
    pkg = model.Package.get(package_id)
    store.append_log("download", user_name or "anonymous",
                     organization_id=pkg.owner_org if pkg else None, package_id=package_id,
                     resource_id=resource_id, remote_addr=remote_addr, size=size)
    model.Session.commit()
