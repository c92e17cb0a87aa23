"""The write guard: only the workflow (or a sysadmin) makes a dataset public."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context

from ckanext.govopen.lib import audit
from ckanext.govopen.publishing import status, texts

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
    restores a deleted public one, or changes the owner or type of a public one; a
    private dataset moved to another organization goes back to review."""
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
    after = exposure(pkg)
    if not trusted:
        if (before.private and not after.private) or (after.public and not before.public):
            _refuse_write("publish.editor")
        if (before.public or after.public) and (before.owner_org, before.type) != (
                after.owner_org, after.type):
            _refuse_write("write.owner")
    status.owner_changed(pkg, context.get("user") or audit.SYSTEM, before.owner_org)


def _refuse_write(key: str) -> None:
    """Undo everything the action did so far, then refuse. The rollback also deletes the
    files just uploaded: they were staged, and stored files are replaced only at commit
    (storage/files.py)."""
    model.Session.rollback()
    raise tk.NotAuthorized(texts.both(key))


