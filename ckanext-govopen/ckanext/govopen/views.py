"""Web pages of the portal: the downloadable catalog directory; JS locale data."""
from __future__ import annotations

import datetime as dt
from functools import partial

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response
from flask.blueprints import BlueprintSetupState

from ckanext.govopen.access.views import access
from ckanext.govopen.catalog import directory as catalog_directory
from ckanext.govopen.dcat.views import dcat_vocabulary
from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.provenance.views import provenance
from ckanext.govopen.publishing.views import publishing
from ckanext.govopen.search.views import search_admin
from ckanext.govopen.security.views import security

__all__ = ["access", "catalog", "dcat_vocabulary", "js_locales", "provenance", "publishing",
           "search_admin", "security"]

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


# CKAN's JavaScript asks /api/i18n/ for its translations under the page's BCP 47 tag with
# only the first "-" turned back into "_": for zh_Hans_CN it asks for "zh_Hans-CN", gets a
# 400, and then never starts any JavaScript module on the page (repeating data items,
# slug preview, autocomplete …). Answer that spelling for every offered locale it breaks.
js_locales = Blueprint("govopen_js_locales", __name__)


@js_locales.record_once
def _alias_js_locales(state: BlueprintSetupState) -> None:
    from ckan.lib.i18n import get_locales_from_config
    from ckan.views.api import i18n_js_translations

    for locale in sorted(get_locales_from_config()):
        asked = locale.replace("_", "-").replace("-", "_", 1)
        if asked != locale:
            state.add_url_rule(f"/api/i18n/{asked}", f"i18n_{locale}",
                               partial(i18n_js_translations, locale))
