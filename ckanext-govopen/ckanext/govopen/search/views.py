"""The sysadmins' synonyms page, /ckan-admin/synonyms (同义词)."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask import Blueprint

from ckanext.govopen.lib.context import user_context
from ckanext.govopen.lib.forms import login_redirect
from ckanext.govopen.lib.lang import govopen_lang
from ckanext.govopen.search.texts import TEXTS

__all__ = ["search_admin"]

search_admin = Blueprint("govopen_search", __name__)


def synonyms() -> Any:
    """GET the shipped and local synonyms; POST replaces the local ones."""
    if (redirect := login_redirect()) is not None:
        return redirect
    context = user_context()
    text = None
    errors: list[str] = []
    try:
        if flask.request.method == "POST":
            text = flask.request.form.get("text", "")
            try:
                tk.get_action("govopen_search_synonyms_update")(context, {"text": text})
            except tk.ValidationError as e:
                errors = [str(m) for v in e.error_dict.values()
                          for m in (v if isinstance(v, list) else [v])]
            else:
                tk.h.flash_success(TEXTS.in_lang("saved", govopen_lang()))
                return tk.redirect_to("govopen_search.synonyms")
        current = tk.get_action("govopen_search_synonyms_show")(context, {})
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized"))
    if text is not None:
        current["local"] = text
    return tk.render("govopen/search/synonyms.html",
                     extra_vars={"synonyms": current, "errors": errors})


search_admin.add_url_rule("/ckan-admin/synonyms", view_func=synonyms, endpoint="synonyms",
                          methods=["GET", "POST"])
