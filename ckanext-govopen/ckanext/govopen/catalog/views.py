"""The downloadable catalog directory (CSV, XLSX)."""
from __future__ import annotations

import datetime as dt

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.govopen.catalog import directory as catalog_directory
from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.lang import govopen_lang

__all__ = ["catalog"]

catalog = Blueprint("govopen_catalog", __name__, url_prefix="/catalog")

_TYPES = {
    "csv": "text/csv",  # werkzeug adds "; charset=utf-8"
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def directory(fmt: str) -> Response:
    """The whole public catalog as a CSV or XLSX file, in the page's language."""
    if fmt not in _TYPES:
        return tk.abort(404, tk._("The catalog directory comes as CSV or XLSX"))
    context = user_context()
    try:
        result = tk.get_action("govopen_catalog_directory")(context, {})
    except tk.NotAuthorized:
        return tk.abort(403)
    lang = govopen_lang()
    render = catalog_directory.to_csv if fmt == "csv" else catalog_directory.to_xlsx
    body = render(result["rows"], lang)
    name = f"govopen-catalog-{dt.date.today():%Y%m%d}.{fmt}"
    return Response(body, mimetype=_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",
    })


catalog.add_url_rule("/directory.<fmt>", view_func=directory, endpoint="directory")
