"""The two-factor page: enrol (secret shown as text and as an otpauth link), or remove."""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
import flask
from ckan import authz, model

from ckanext.govopen import config
from ckanext.govopen.lib.context import current_user
from ckanext.govopen.security import totp

__all__ = ["security"]

security = flask.Blueprint("govopen_security", __name__, url_prefix="/user/_security")
_PENDING = "govopen_totp_pending"


def _may_enrol(user: model.User) -> bool:
    """Sysadmins and organization staff (editors, admins); plain accounts have nothing a
    second factor would protect beyond their own profile."""
    if authz.is_sysadmin(user.name):
        return True
    orgs = tk.get_action("organization_list_for_user")(
        {"user": user.name, "ignore_auth": True}, {"id": user.id, "permission": "create_dataset"})
    return bool(orgs)


def totp_page() -> Any:
    user = current_user()
    if user is None:
        return tk.redirect_to("user.login")
    if not _may_enrol(user):
        return tk.abort(403, tk._("Two-factor authentication is for organization staff and sysadmins."))
    try:
        status = _post(user) if flask.request.method == "POST" else 200
    except totp.TotpUnavailable:
        return tk.abort(503, tk._("Two-factor authentication is not available: the portal has no storage key."))
    enrolled = totp.enrolled(user)
    secret = None
    if not enrolled:
        secret = flask.session.get(_PENDING)
        if not secret:
            secret = flask.session[_PENDING] = totp.new_secret()
    extra = {
        "enrolled": enrolled,
        "secret": secret,
        "uri": totp.provisioning_uri(secret, user.name) if secret else None,
        "required": config.totp_required_for_sysadmins() and authz.is_sysadmin(user.name),
    }
    return tk.render("govopen/security/totp.html", extra), status


def _post(user: model.User) -> int:
    action = flask.request.form.get("action")
    code = flask.request.form.get("code") or ""
    if action == "enrol":
        secret = flask.session.get(_PENDING)
        if secret and not totp.enrolled(user) and totp.matches(secret, code, user_id=user.id):
            totp.enrol(user, secret)
            flask.session.pop(_PENDING, None)
            tk.h.flash_success(tk._("Two-factor authentication is on."))
            return 200
    elif action == "remove":
        if config.totp_required_for_sysadmins() and authz.is_sysadmin(user.name):
            tk.h.flash_error(tk._("Sysadmins must keep two-factor authentication."))
            return 403
        if totp.verify(user, code):
            totp.remove(user)
            tk.h.flash_success(tk._("Two-factor authentication is off."))
            return 200
    else:
        return tk.abort(400, tk._("Unknown action."))
    tk.h.flash_error(tk._("The authentication code is wrong or was already used."))
    return 400


security.add_url_rule("/totp", view_func=totp_page, endpoint="totp", methods=["GET", "POST"])
