"""The current user, and the action context that acts as them: written once.

CKAN types ``toolkit.current_user`` through a name mypy cannot resolve, and outside a
request (CLI, jobs, tests calling a helper directly) reading it raises. Every view, helper
and action of ours that calls another action as the visitor goes through here instead.
"""
from __future__ import annotations

from typing import cast

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context


def current_user() -> model.User | None:
    """The logged-in user of the current request; None for anonymous visitors and outside
    a request."""
    try:
        user = cast("model.User | model.AnonymousUser | None", tk.current_user)
        authenticated = bool(user and user.is_authenticated)
    except (RuntimeError, AttributeError):  # no request (or no login manager) here
        return None
    # An anonymous visitor is represented by None, as CKAN's check_access defaults it:
    # auth functions then never mistake the placeholder object for an account.
    return user if authenticated and isinstance(user, model.User) else None


def current_user_name() -> str:
    """The current user's name; "" for anonymous visitors and outside a request."""
    user = current_user()
    return user.name if user is not None else ""


def current_user_id() -> str:
    """The current user's id; "" for anonymous visitors and outside a request."""
    user = current_user()
    return user.id if user is not None else ""


def user_context() -> Context:
    """A fresh action context acting as the current user (anonymous when nobody is)."""
    user = current_user()
    return {"user": user.name if user is not None else "", "auth_user_obj": user}


def same_user(context: Context) -> Context:
    """A fresh context acting as `context`'s user, without anything else the caller set
    (``ignore_auth``, a cached package, a schema): a nested action then judges access as
    that user would meet it."""
    return {"user": context.get("user") or "", "auth_user_obj": context.get("auth_user_obj")}
