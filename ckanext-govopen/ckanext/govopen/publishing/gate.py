"""The publish gate and the download gate: what stands between a dataset, or one of its
files, and the public."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model

from ckanext.govopen.access import grants
from ckanext.govopen.publishing import texts
from ckanext.govopen.storage import files as storage
from ckanext.govopen.storage import records
from ckanext.govopen.storage.model import PASSED, REVIEW_APPROVED, REVIEW_RETURNED


def resource_rows(package_id: str) -> list[dict[str, Any]]:
    """Every active resource with its desensitization status (``None`` for links)."""
    pkg = model.Package.get(package_id)
    if pkg is None:
        return []
    rows = records.for_package(pkg.id)
    out = []
    for res in pkg.resources:  # active resources, in order
        row = rows.get(res.id)
        uploaded = res.url_type == "upload"
        out.append({
            "id": res.id, "name": res.name or res.url or res.id, "format": res.format,
            "uploaded": uploaded,
            "status": (row.status if row else "pending") if uploaded else None,
            "review": (row.review if row else "awaiting") if uploaded else None,
            "row": row,
        })
    return out


def problems(package_id: str) -> list[str]:
    """Why the dataset cannot go public now (each reason in both languages); [] if it can."""
    found = []
    for res in resource_rows(package_id):
        if res["uploaded"] and res["status"] != PASSED:
            state = res["status"] or "pending"
            found.append(f"{texts.zh('gate.resource', name=res['name'], status=texts.zh('status.' + state))}"
                         f" / {texts.en('gate.resource', name=res['name'], status=texts.en('status.' + state))}")
    return found


def unreviewed(package_id: str) -> list[str]:
    """Uploaded files whose current version no reviewer approved (each in both languages)."""
    return [f"{texts.zh('gate.review', name=res['name'])} / {texts.en('gate.review', name=res['name'])}"
            for res in resource_rows(package_id)
            if res["uploaded"] and res["review"] != REVIEW_APPROVED]


def may_serve(row: records.DesensitizeStatus | None, can_edit: bool) -> bool:
    """Whether a download may have the desensitized copy: it passed, and a reviewer
    approved this version of the file. The dataset's own editors and reviewers may read it
    before (the reviewer has to); the public only after."""
    if row is None or row.status != PASSED:
        return False
    return can_edit or row.review == REVIEW_APPROVED


def wrong_state(current: str, needed: tuple[str, ...]) -> str:
    need_zh = "、".join(texts.zh(f"state.{s}") for s in needed)
    need_en = ", ".join(texts.en(f"state.{s}") for s in needed)
    return (f"{texts.zh('gate.state', state_zh=texts.zh('state.' + current), need_zh=need_zh, state_en='', need_en='')}"
            f" / {texts.en('gate.state', state_en=texts.en('state.' + current), need_en=need_en, state_zh='', need_zh='')}")


# The download gate --------------------------------------------------------------------
# One function decides whether a user gets a resource's bytes, whatever route asked
# (every dataset type's download endpoint goes through views.gated_download).

RESTRICTED_OPEN_TYPES = ("conditional", "not_open")


@dataclass(frozen=True)
class Refusal:
    """Why the bytes are refused: an HTTP status and the reason in both languages."""

    status: int
    zh: str
    en: str

    def text(self) -> str:
        return f"{self.zh} / {self.en}"


def _refusal(status_: int, key: str, **params: str) -> Refusal:
    return Refusal(status_, texts.zh(key, **params), texts.en(key, **params))


def _may_read(user: str, pkg: model.Package) -> bool:
    try:
        tk.check_access("package_show", {"user": user}, {"id": pkg.id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def _may_edit(user: str, pkg: model.Package) -> bool:
    try:
        tk.check_access("package_update", {"user": user}, {"id": pkg.id})
    except (tk.NotAuthorized, tk.ObjectNotFound):
        return False
    return True


def _inside_provider(user: str, pkg: model.Package) -> bool:
    """Sysadmins, and members (any capacity) of the organization that provides the data."""
    if user and authz.is_sysadmin(user):
        return True
    return bool(user and pkg.owner_org
                and authz.has_user_permission_for_group_or_org(pkg.owner_org, user, "read"))


def holds_grant(user: str, pkg: model.Package, resource: model.Resource) -> bool:
    """An active grant from an approved application; conditional data only (not-open data
    is never given outside the provider)."""
    if (pkg.extras or {}).get("open_type") != "conditional":
        return False
    return grants.holds_grant(user, pkg.id, resource.id)


def is_restricted(pkg: model.Package) -> bool:
    return (pkg.extras or {}).get("open_type") in RESTRICTED_OPEN_TYPES


def _restricted(user: str, pkg: model.Package, resource: model.Resource) -> Refusal | None:
    extras = pkg.extras or {}
    open_type = extras.get("open_type")
    if open_type not in RESTRICTED_OPEN_TYPES:
        return None
    if _inside_provider(user, pkg) or holds_grant(user, pkg, resource):
        return None
    org = model.Group.get(pkg.owner_org) if pkg.owner_org else None
    org_title = (org.title or org.name) if org is not None else ""
    if open_type == "not_open":
        return _refusal(403, "download.not_open", org=org_title,
                        reason=extras.get("open_reason") or "")
    contact = "、".join(v for v in (extras.get("contact_name"), extras.get("contact_phone"),
                                   extras.get("contact_email")) if v)
    return _refusal(403, "download.conditional", org=org_title,
                    apply_url=tk.url_for("govopen_access.apply", id=pkg.name, _external=True),
                    contact=f"（{contact}）" if contact else "",
                    condition=extras.get("open_condition") or "")


def _unpublished(row: records.DesensitizeStatus | None, can_edit: bool) -> Refusal:
    state = row.status if row else "pending"
    if state == "failed" and row is not None:
        return Refusal(409, texts.zh("download.failed", reason=row.reason_zh or ""),
                       texts.en("download.failed", reason=row.reason_en or ""))
    if state == PASSED and row is not None and row.review == REVIEW_RETURNED:
        if not can_edit:  # a reviewer's remarks are for the dataset's own people
            return _refusal(409, "download.returned_public")
        reason = row.review_reason or ""
        return Refusal(409, texts.zh("download.returned", reason=reason),
                       texts.en("download.returned", reason=reason))
    if state == PASSED:
        return _refusal(409, "download.review")
    return Refusal(409, texts.zh("download.pending", status=texts.zh("status." + state)),
                   texts.en("download.pending", status=texts.en("status." + state)))


def download_refusal(user: str, package_id: str, resource_id: str) -> Refusal | None:
    """Whether `user` (a user name, "" for anonymous) may have the bytes of `resource_id`
    of `package_id`: ``None`` if so, else the refusal with its reason.

    In order: the resource must be the dataset's and the dataset readable by the user
    (404/403); files of restricted datasets (有条件开放, 不予开放) only reach the provider
    organization's members and sysadmins, or holders of a grant (403); an upload only as
    its desensitized copy, once it passed and a reviewer approved this version (the
    dataset's editors and reviewers may read it before: they review it) (409)."""
    pkg = model.Package.get(package_id)
    resource = model.Resource.get(resource_id)
    if (pkg is None or resource is None or resource.package_id != pkg.id
            or resource.state != "active"
            or (pkg.state == "deleted" and not _may_edit(user, pkg))):
        return _refusal(404, "download.not_found")
    if not _may_read(user, pkg):
        return _refusal(403, "download.not_allowed")
    refused = _restricted(user, pkg, resource)
    if refused is not None:
        return refused
    if resource.url_type != "upload":
        return None if resource.url else _refusal(404, "download.no_file")
    row = records.get(resource.id)
    can_edit = _may_edit(user, pkg)
    if not storage.public_path(resource.id).exists() or not may_serve(row, can_edit):
        return _unpublished(row, can_edit)
    return None
