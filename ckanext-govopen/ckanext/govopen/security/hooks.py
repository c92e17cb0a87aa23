"""What the plugin delegates to: the login steps (IAuthenticator) and the app hooks
(IMiddleware) for headers, forced enrolment and server-side logout."""
from __future__ import annotations

import secrets
from typing import Any, cast

import ckan.plugins.toolkit as tk
import flask
import flask_login
from ckan import model
from ckan.lib import authenticator
from ckan.lib.redis import connect_to_redis

from ckanext.govopen import config
from ckanext.govopen.lib.context import current_user
from ckanext.govopen.security import lockout, totp

# flask-login's remember-me cookie is the user id plus an HMAC, the same for every login of
# that user: it cannot be revoked by itself. Each remembered login therefore also gets a
# random nonce in a cookie of ours, valid while it is listed in Redis; logout unlists it.
_REMEMBER_COOKIE = "govopen_remember"
_REMEMBER_KEY = "govopen:remember:"
TOTP_FIELD = "govopen_totp"


def _address() -> str:
    request = flask.request
    hops = config.trusted_proxy_hops()
    if hops > 0:
        # Each trusted proxy appends the address it saw; anything further left is the
        # client's own claim and worth nothing.
        seen = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(seen) >= hops and seen[-hops]:
            return seen[-hops]
    return request.remote_addr or "unknown"


def _render_login(status: int, message: str) -> flask.Response:
    tk.h.flash_error(message)
    response = flask.make_response(tk.render("user/login.html", {}), status)
    return response


def login() -> flask.Response | None:
    """Checks a posted login before CKAN does: lockout, password, TOTP.

    Returns a refusal, or None to let CKAN log the user in (it finds the user we checked
    in `authenticate`)."""
    request = flask.request
    if request.method != "POST" or current_user() is not None:
        return None
    login_name = (request.form.get("login") or "").strip()
    remember = request.form.get("remember") or ""
    if remember and not remember.isdigit():
        return _render_login(400, tk._("The \"remember me\" value must be a number of milliseconds."))
    wait = lockout.locked_for(login_name, _address())
    if wait:
        minutes = max(1, -(-wait // 60))
        response = _render_login(429, tk._(
            "Too many failed logins. Try again in {minutes} minutes.").format(minutes=minutes))
        response.headers["Retry-After"] = str(wait)
        return response
    user = authenticator.default_authenticate(
        {"login": login_name, "password": request.form.get("password") or ""})
    if isinstance(user, model.User) and totp.enrolled(user) \
            and not totp.verify(user, request.form.get(TOTP_FIELD) or ""):
        user = None
    if not isinstance(user, model.User):
        lockout.record_failure(login_name, _address())
        return _render_login(401, tk._(
            "Login failed: wrong username, password or authentication code."))
    lockout.record_success(login_name)
    flask.g.govopen_login_user = user
    return None


def authenticate(identity: dict[str, Any]) -> model.User | None:
    """The user `login` has just checked, so the password is not hashed twice."""
    user = flask.g.pop("govopen_login_user", None)
    return user if isinstance(user, model.User) else None


def logout() -> None:
    """Forgets the session server-side before CKAN logs out: the old session cookie then
    names nothing, and the remembered login's nonce is unlisted."""
    nonce = flask.request.cookies.get(_REMEMBER_COOKIE)
    if nonce:
        connect_to_redis().delete(_REMEMBER_KEY + nonce)
    flask.g.govopen_forget_remember = True
    regenerate = getattr(flask.current_app.session_interface, "regenerate", None)
    if regenerate is not None:
        regenerate(flask.session)


def _on_logged_in(app: flask.Flask, user: Any) -> None:
    if flask.session.get("_remember") != "set":
        return
    seconds = int(flask.session.get("_remember_seconds")
                  or app.config.get("REMEMBER_COOKIE_DURATION") or 365 * 86400)
    nonce = secrets.token_urlsafe(32)
    connect_to_redis().set(_REMEMBER_KEY + nonce, user.id, ex=seconds)
    flask.g.govopen_remember = (nonce, seconds)


def _on_loaded_from_cookie(app: flask.Flask, user: Any) -> None:
    nonce = flask.request.cookies.get(_REMEMBER_COOKIE) or ""
    # redis-py types every reply as "maybe awaitable"; this client is the synchronous one.
    listed = cast("bytes | None", connect_to_redis().get(_REMEMBER_KEY + nonce)) if nonce else None
    if listed is None or listed.decode() != user.id:
        # flask-login sets the user right after this signal: `_revoke` undoes it.
        flask.g.govopen_revoked = True


def _revoke() -> None:
    if not flask.g.pop("govopen_revoked", False):
        return
    flask_login.logout_user()  # also tells flask-login to clear its cookie
    flask.g.user, flask.g.userobj = "", None
    flask.g.govopen_forget_remember = True


def _no_exemption_without_token() -> None:
    """CKAN exempts a request from CSRF checks when its user came from the Authorization
    header, but it raises that flag whenever the session holds no user, token or not: every
    anonymous form post (login, registration, password reset) went through unchecked.
    Only API calls keep the exemption without a user: they carry no one's cookie rights."""
    if flask.g.get("_csrf_exempt_view") and current_user() is None \
            and flask.request.blueprint != "api":
        flask.g._csrf_exempt_view = False


def _enrolment_gate() -> flask.Response | None:
    """A sysadmin without TOTP, when it is required, may only enrol or log out."""
    if not config.totp_required_for_sysadmins() or flask.g.get("login_via_auth_header"):
        return None
    user = current_user()
    if user is None or not user.sysadmin or totp.enrolled(user):
        return None
    endpoint = flask.request.endpoint or ""
    if endpoint.startswith(("govopen_security.", "webassets.", "static", "user.logout",
                            "user.logged_out_page", "govopen_js_locales.", "api.i18n")):
        return None
    tk.h.flash_notice(tk._("Sysadmins must set up two-factor authentication first."))
    return tk.redirect_to("govopen_security.totp")


def _cookies(response: flask.Response) -> None:
    app = flask.current_app
    secure = bool(app.config.get("SESSION_COOKIE_SECURE"))
    if flask.g.get("govopen_forget_remember"):
        response.delete_cookie(_REMEMBER_COOKIE, path="/")
    remembered = flask.g.get("govopen_remember")
    if remembered:
        nonce, seconds = remembered
        response.set_cookie(_REMEMBER_COOKIE, nonce, max_age=seconds, path="/",
                            secure=secure, httponly=True, samesite="Lax")


def _headers(response: flask.Response) -> flask.Response:
    _cookies(response)
    headers = response.headers
    headers.setdefault("Content-Security-Policy", config.content_security_policy())
    # SAMEORIGIN, not DENY: CKAN shows resource views in iframes of its own pages.
    headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if _https():
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    headers.pop("Server", None)
    return response


def _https() -> bool:
    return str(tk.config.get("ckan.site_url") or "").lower().startswith("https://")


def make_middleware(app: Any, config_: Any) -> Any:
    """Registers the hooks on CKAN's Flask app (IMiddleware hands it over before wrapping)."""
    if not isinstance(app, flask.Flask):
        return app
    # The Redis session interface has taken its client; left in the config, CKAN copies
    # it into its own config, which then can no longer be copied (CKAN's test fixtures do).
    app.config.pop("SESSION_REDIS", None)
    if _https():
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
    # Before flask-wtf's check, which CKAN registered after its own request setup.
    funcs = app.before_request_funcs.setdefault(None, [])
    names = [f.__name__ for f in funcs]
    funcs.insert(names.index("csrf_protect") if "csrf_protect" in names else 0,
                 _no_exemption_without_token)
    app.before_request(_revoke)
    app.before_request(_enrolment_gate)
    app.after_request(_headers)
    flask_login.user_logged_in.connect(_on_logged_in, app)
    flask_login.user_loaded_from_cookie.connect(_on_loaded_from_cookie, app)
    return app
