"""The provenance note offered with every download, and its companion files.

CKAN's own download view (and whatever gate wraps it) stays in charge of the download;
an app-wide ``after_request`` hook only adds to a response that passed: a ``Link``
header to the companion file (``rel="describedby"``) and the note itself in
``X-GovOpen-Provenance``, with today's date in China as the acquisition date.
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import re
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response, request

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.provenance import note
from ckanext.govopen.provenance.logic import facts

__all__ = ["provenance"]

log = logging.getLogger(__name__)
HEADER = "X-GovOpen-Provenance"
_DOWNLOAD = re.compile(
    r"^/(?P<type>[^/]+)/(?P<id>[^/]+)/resource/(?P<rid>[^/]+)/download(?:/[^/]*)?/?$")
_TYPES = {"json": "application/json", "txt": "text/plain"}

provenance = Blueprint("govopen_provenance", __name__)


def _dataset_with(pkg_id: str, resource_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset and its resource as the current user sees them; ObjectNotFound when the
    resource is not the dataset's."""
    pkg = tk.get_action("package_show")(user_context(), {"id": pkg_id})
    for res in pkg.get("resources") or []:
        if res["id"] == resource_id:
            return pkg, res
    raise tk.ObjectNotFound(resource_id)


def companion_url(pkg: dict[str, Any], res: dict[str, Any], fmt: str = "json") -> str:
    site = tk.config["ckan.site_url"].rstrip("/")
    return f"{site}/{pkg.get('type') or 'dataset'}/{pkg['id']}/resource/{res['id']}/provenance.{fmt}"


def resource_note(pkg: dict[str, Any], res: dict[str, Any],
                  acquired: dt.date | None = None) -> dict[str, Any]:
    """The note of a download of `res` made on `acquired` (today in China by default)."""
    data = note.note(facts(pkg, acquired or note.today()))
    return {**data, "id": pkg["id"], "name": pkg["name"],
            "resource": {"id": res["id"], "name": res.get("name") or ""},
            "companion": {fmt: companion_url(pkg, res, fmt) for fmt in _TYPES}}


@provenance.after_app_request
def offer_note(response: Response) -> Response:
    """Add the note to every download response that passed (2xx, or a redirect to a
    linked file); leave refusals and everything else untouched."""
    if response.status_code >= 400 or request.method not in ("GET", "HEAD"):
        return response
    match = _DOWNLOAD.match(request.path)
    if not match:
        return response
    try:
        pkg, res = _dataset_with(match["id"], match["rid"])
        acquired = note.today()
        response.headers[HEADER] = note.header_value(facts(pkg, acquired))
        response.headers.add(
            "Link", f'<{companion_url(pkg, res)}>; rel="describedby"; type="application/json"')
    except (tk.ObjectNotFound, tk.NotAuthorized):
        pass
    except Exception:  # the download itself must never fail because of its note
        log.exception("no provenance note for %s", request.path)
    return response


def companion(package_type: str, id: str, resource_id: str, fmt: str) -> Response:
    """``…/resource/<rid>/provenance.json|.txt``: the note of a download made today."""
    if fmt not in _TYPES:
        return tk.abort(404)
    try:
        pkg, res = _dataset_with(id, resource_id)
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource not found"))
    except tk.NotAuthorized:
        return tk.abort(403)
    data = resource_note(pkg, res)
    if fmt == "txt":
        body = note.note_text(facts(pkg, note.parse_date(data["acquired"]) or note.today()))
    else:
        body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype=_TYPES[fmt], headers={"Cache-Control": "no-store"})


for _type in ("dataset", "product"):
    provenance.add_url_rule(f"/{_type}/<id>/resource/<resource_id>/provenance.<fmt>",
                            view_func=companion, endpoint=f"{_type}_companion",
                            defaults={"package_type": _type})
