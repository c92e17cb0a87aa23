"""Site-wide routes: the locale alias CKAN's JavaScript needs."""
from __future__ import annotations

from functools import partial

from ckan.lib.i18n import get_locales_from_config
from ckan.views.api import i18n_js_translations
from flask import Blueprint
from flask.blueprints import BlueprintSetupState

__all__ = ["js_locales"]


# CKAN's JavaScript asks /api/i18n/ for its translations under the page's BCP 47 tag with
# only the first "-" turned back into "_": for zh_Hans_CN it asks for "zh_Hans-CN", gets a
# 400, and then never starts any JavaScript module on the page (repeating data items,
# slug preview, autocomplete …). Answer that spelling for every offered locale it breaks.
js_locales = Blueprint("govopen_js_locales", __name__)


@js_locales.record_once
def _alias_js_locales(state: BlueprintSetupState) -> None:

    for locale in sorted(get_locales_from_config()):
        asked = locale.replace("_", "-").replace("-", "_", 1)
        if asked != locale:
            state.add_url_rule(f"/api/i18n/{asked}", f"i18n_{locale}",
                               partial(i18n_js_translations, locale))
