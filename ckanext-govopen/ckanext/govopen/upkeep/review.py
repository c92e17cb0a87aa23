"""The October catalog review (年度目录审核, Changsha art. 16): per organization, every entry
with what needs attention, and which entries someone confirmed reviewed this year.

Reasons, each a key of texts.py's ``reason.*``:
overdue · fields (missing or weak, from the quality checks) · error_reports · applications
(undecided access applications) · open_type (restricted although livelihood data, or
without reason and legal basis) · files (uploads that did not pass desensitization or whose
public copy is missing; with ``check_links`` also links that do not answer).
"""
from __future__ import annotations

import datetime as dt
import logging
import urllib.error
import urllib.request
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context

from ckanext.govopen.lib import clock
from ckanext.govopen.lib.texts import EN, ZH
from ckanext.govopen.publishing import gate
from ckanext.govopen.storage import files as storage
from ckanext.govopen.upkeep import quality, store
from ckanext.govopen.upkeep.deadlines import OVERDUE
from ckanext.govopen.upkeep.model import CatalogReview
from ckanext.govopen.upkeep.texts import TEXTS

log = logging.getLogger(__name__)

_OPEN_APPLICATION_STATES = ("submitted", "resubmitted")  # access: awaiting a decision
_RESTRICTED = ("conditional", "not_open")
_LINK_TIMEOUT = 10


def _site_context() -> Context:
    site = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site["name"], "ignore_auth": True}


def organizations(name_or_id: str | None = None) -> list[dict[str, Any]]:
    query = model.Session.query(model.Group).filter(
        model.Group.is_organization.is_(True), model.Group.state == "active")
    if name_or_id:
        query = query.filter((model.Group.name == name_or_id) | (model.Group.id == name_or_id))
    return [{"id": g.id, "name": g.name, "title": g.title} for g in query.order_by(model.Group.name)]


def _reason(key: str, **params: Any) -> dict[str, Any]:
    return {"key": key, "text": TEXTS.pair(f"reason.{key}", **params)}


def _field_names(keys: list[str], lang: str) -> str:
    return "、".join(TEXTS.zh(f"check.{k}") for k in keys) if lang == ZH else \
        "; ".join(TEXTS.en(f"check.{k}") for k in keys)


_OPEN_REPORT_STATES = ("submitted", "accepted", "corrected", "rejected")


def _open_error_reports(package_id: str) -> int | None:
    """Error reports of the dataset not yet answered (feedback's list, as the provider's
    admins see it). None when the feedback capability is absent."""
    try:
        action = tk.get_action("govopen_feedback_report_list")
    except KeyError:
        return None
    try:
        answer = action(_site_context(), {"package_id": package_id, "review": True, "limit": 1})
    except (tk.ValidationError, tk.ObjectNotFound):
        return None
    counts = answer.get("counts") or {}
    return sum(int(counts.get(state, 0)) for state in _OPEN_REPORT_STATES)


def _pending_applications(package_id: str) -> int:
    try:
        action = tk.get_action("govopen_access_list")
    except KeyError:
        return 0
    counts = action(_site_context(), {"package_id": package_id, "limit": 1})["counts"]
    return sum(int(counts.get(s, 0)) for s in _OPEN_APPLICATION_STATES)


def _link_fails(url: str) -> bool:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=_LINK_TIMEOUT) as answer:
            return int(answer.status) >= 400
    except (urllib.error.URLError, OSError, ValueError):
        return True


def _failing_files(pkg: dict[str, Any], check_links: bool) -> list[str]:
    rows = {r["id"]: r for r in gate.resource_rows(pkg["id"])}
    failing = []
    for res in pkg.get("resources") or []:
        row = rows.get(res["id"])
        name = res.get("name") or res["id"]
        if row is not None and row["uploaded"]:
            if row["status"] != "passed" or not storage.public_path(res["id"]).is_file():
                failing.append(name)
        elif check_links and res.get("url") and _link_fails(res["url"]):
            failing.append(name)
    return failing


def reasons(pkg: dict[str, Any], *, check_links: bool = False,
            today: dt.date | None = None) -> list[dict[str, Any]]:
    """Why the entry needs attention in the review; [] when it does not."""
    found = []
    state = store.freshness(pkg, today)
    if state.status == OVERDUE and state.due is not None:
        found.append(_reason("overdue", due=state.due.isoformat()))
    gaps = quality.field_gaps(pkg)
    if gaps:
        found.append({"key": "fields", "fields": gaps, "text": {
            ZH: TEXTS.zh("reason.fields", fields=_field_names(gaps, ZH)),
            EN: TEXTS.en("reason.fields", fields=_field_names(gaps, EN))}})
    reports = _open_error_reports(pkg["id"])
    if reports:
        found.append(_reason("error_reports", count=reports))
    pending = _pending_applications(pkg["id"])
    if pending:
        found.append(_reason("applications", count=pending))
    if pkg.get("open_type") in _RESTRICTED:
        if str(pkg.get("livelihood_priority")) == "true":
            found.append({"key": "open_type", "why": "livelihood", "text": {
                ZH: TEXTS.zh("reason.open_type", why=TEXTS.zh("why.livelihood")),
                EN: TEXTS.en("reason.open_type", why=TEXTS.en("why.livelihood"))}})
        elif not (pkg.get("open_reason") and pkg.get("open_legal_basis")):
            found.append({"key": "open_type", "why": "no_basis", "text": {
                ZH: TEXTS.zh("reason.open_type", why=TEXTS.zh("why.no_basis")),
                EN: TEXTS.en("reason.open_type", why=TEXTS.en("why.no_basis"))}})
    failing = _failing_files(pkg, check_links)
    if failing:
        found.append(_reason("files", names="、".join(failing)))
    return found


def _confirmations(organization_id: str, year: int) -> dict[str, CatalogReview]:
    rows = model.Session.query(CatalogReview).filter(
        CatalogReview.organization_id == organization_id, CatalogReview.year == year)
    return {r.package_id: r for r in rows}


def report(organization_id: str, year: int, *, check_links: bool = False) -> dict[str, Any]:
    """Every active entry of the organization with its reasons, quality and confirmation."""
    ids = [pid for (pid,) in model.Session.query(model.Package.id).filter(
        model.Package.owner_org == organization_id, model.Package.state == "active")
        .order_by(model.Package.name)]
    confirmed = _confirmations(organization_id, year)
    entries = []
    for package_id in ids:
        pkg = tk.get_action("package_show")(_site_context(), {"id": package_id})
        state, score = store.freshness(pkg), store.score(pkg)
        row = confirmed.get(package_id)
        entries.append({
            "id": pkg["id"], "name": pkg["name"], "title": pkg.get("title") or pkg["name"],
            "update_status": state.status, "due": state.due.isoformat() if state.due else None,
            "quality": score.percent, "rating": score.rating,
            "reasons": reasons(pkg, check_links=check_links),
            "reviewed": None if row is None else {
                "reviewer": row.reviewer, "at": row.reviewed.isoformat(timespec="seconds"),
                "note": row.note},
        })
    quality_avg = round(sum(e["quality"] for e in entries) / len(entries)) if entries else None
    return {"organization_id": organization_id, "year": year, "total": len(entries),
            "reviewed": sum(1 for e in entries if e["reviewed"]),
            "quality": quality_avg, "entries": entries,
            "attention": [e for e in entries if e["reasons"]],
            "generated": clock.now().isoformat(timespec="seconds")}


def confirm(package_id: str, organization_id: str, year: int, reviewer: str,
            note: str | None) -> CatalogReview:
    row = model.Session.get(CatalogReview, (year, package_id)) or CatalogReview(
        year=year, package_id=package_id)
    row.organization_id, row.reviewer, row.note = organization_id, reviewer, note
    row.reviewed = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    model.Session.add(row)
    return row


def progress(year: int) -> list[dict[str, Any]]:
    """Province-wide: per organization, entries and how many were confirmed reviewed."""
    out = []
    for org in organizations():
        total = model.Session.query(model.Package).filter(
            model.Package.owner_org == org["id"], model.Package.state == "active").count()
        done = model.Session.query(CatalogReview).join(
            model.Package, model.Package.id == CatalogReview.package_id).filter(
            CatalogReview.organization_id == org["id"], CatalogReview.year == year,
            model.Package.state == "active").count()
        out.append({**org, "total": total, "reviewed": done})
    return out
