"""What the plugin's blankets register: the shared logic modules plus this module's own."""
from __future__ import annotations

import types
from typing import Any

from ckan.authz import get_local_functions


def _local(module: types.ModuleType) -> dict[str, Any]:
    return dict(get_local_functions(module))


def actions() -> dict[str, Any]:
    from ckanext.govopen.hardening import action as hardening
    from ckanext.govopen.hardening import hooks as guard
    from ckanext.govopen.logic import action as shared
    from ckanext.govopen.publishing import action, chained
    from ckanext.govopen.search import action as search
    from ckanext.govopen.usage import action as usage

    return guard.guarded_actions(
        {**_local(shared), **_local(action), **_local(chained), **_local(hardening),
         **_access_actions(), **_local(usage), **_local(search)})


def auth_functions() -> dict[str, Any]:
    from ckanext.govopen.access import auth as access_auth
    from ckanext.govopen.hardening import auth as hardening
    from ckanext.govopen.logic import auth as shared
    from ckanext.govopen.publishing import auth
    from ckanext.govopen.search import auth as search
    from ckanext.govopen.usage import auth as usage

    return {**_local(shared), **_local(auth), **_local(hardening), **_local(access_auth),
            **_local(usage), **_local(search)}


def helpers() -> dict[str, Any]:
    from ckanext.govopen import helpers as shared
    from ckanext.govopen.access import helpers as access
    from ckanext.govopen.publishing import helpers

    return {**_local(shared), **_local(helpers), **_local(access)}


def validators() -> dict[str, Any]:
    from ckanext.govopen.access import validators as access
    from ckanext.govopen.hardening import validators as hardening
    from ckanext.govopen.logic import validators as shared
    from ckanext.govopen.publishing import policy

    return {**{name: getattr(shared, name) for name in shared.__all__},
            **{name: getattr(access, name) for name in access.__all__},
            **{name: getattr(hardening, name) for name in hardening.__all__},
            "govopen_desensitize_policy": policy.govopen_desensitize_policy}


def _access_actions() -> dict[str, Any]:
    from ckanext.govopen.access import action, action_admin, action_read

    return {**_local(action), **_local(action_read), **_local(action_admin)}
