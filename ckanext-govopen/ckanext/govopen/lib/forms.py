"""Form posts of our own pages: the CSRF token CKAN's forms carry is checked the same way."""
from __future__ import annotations

import ckan.plugins.toolkit as tk
import flask
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError


def check_csrf() -> None:
    """Abort with 400 unless the posted form carries a valid CSRF token."""
    if not tk.asbool(tk.config.get("WTF_CSRF_ENABLED", True)):
        return
    field = tk.config.get("WTF_CSRF_FIELD_NAME") or "_csrf_token"
    try:
        validate_csrf(flask.request.form.get(field))
    except ValidationError as e:
        tk.abort(400, str(e))
