"""Form posts of our own pages: the CSRF token CKAN's forms carry is checked the same way,
anonymous visitors are sent to log in, and an action's refusal becomes the same answer."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from ckanext.govopen.lib.context import current_user, user_context


def check_csrf() -> None:
    """Abort with 400 unless the posted form carries a valid CSRF token."""
    if not tk.asbool(tk.config.get("WTF_CSRF_ENABLED", True)):
        return
    field = tk.config.get("WTF_CSRF_FIELD_NAME") or "_csrf_token"
    try:
        validate_csrf(flask.request.form.get(field))
    except ValidationError as e:
        tk.abort(400, str(e))


def login_redirect() -> Any:
    """A redirect to the login page, coming back here, for an anonymous visitor; else None."""
    if current_user() is None:
        return tk.redirect_to("user.login", came_from=flask.request.path)
    return None


def field_errors(err: tk.ValidationError) -> dict[str, str]:
    """Each field's messages as one line, for a form to show beside the field."""
    return {k: " ".join(str(m) for m in (v if isinstance(v, list) else [v]))
            for k, v in (err.error_dict or {}).items()}


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
        return " ".join(field_errors(e).values()) or str(e)
    return None
