"""The publish gate: what stands between a dataset and the public."""
from __future__ import annotations

from typing import Any

from ckan import model

from ckanext.govopen.publishing import status, texts
from ckanext.govopen.publishing.model import PASSED, REVIEW_APPROVED


def resource_rows(package_id: str) -> list[dict[str, Any]]:
    """Every active resource with its desensitization status (``None`` for links)."""
    pkg = model.Package.get(package_id)
    if pkg is None:
        return []
    rows = status.for_package(pkg.id)
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


def may_serve(row: status.DesensitizeStatus | None, can_edit: bool) -> bool:
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
