"""Form posts of our own pages: the CSRF token CKAN's forms carry is checked the same way."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from ckanext.govopen.lib.context import user_context


def check_csrf() -> None:
    """Abort with 400 unless the posted form carries a valid CSRF token."""
    if not tk.asbool(tk.config.get("WTF_CSRF_ENABLED", True)):
        return
    field = tk.config.get("WTF_CSRF_FIELD_NAME") or "_csrf_token"
    try:
        validate_csrf(flask.request.form.get(field))
    except ValidationError as e:
        tk.abort(400, str(e))


def run_action(name: str, data: dict[str, Any], not_found: str) -> str | None:
    """Run a form's action as the current user: 404 (`not_found`) or 403 abort the page;
    invalid input comes back as one message to flash, None when the action succeeded."""
    try:
        tk.get_action(name)(user_context(), data)
    except tk.ObjectNotFound:
        return tk.abort(404, not_found)
    except tk.NotAuthorized as e:
        return tk.abort(403, str(e) or tk._("Unauthorized"))
    except tk.ValidationError as e:
        messages = [m for value in (e.error_dict or {}).values()
                    for m in (value if isinstance(value, list) else [value])]
        return " ".join(str(m) for m in messages) or str(e)
    return None
