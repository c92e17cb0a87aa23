"""Core actions chained so that anonymous users (and users outside an organization) learn
nothing about private datasets, and no account's sysadmin flag shows to non-sysadmins.

CKAN lists members, tags and users straight from the database without asking whether the
caller may see the datasets behind them: ``member_list?object_type=package`` names private
datasets, ``tag_list`` and tag autocomplete name the tags of private drafts, and
``user_list`` tells anyone which accounts are sysadmins (the accounts worth attacking).
"""
from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import authz, model
from ckan.types import Context, DataDict

from ckanext.govopen.hardening import schema
from ckanext.govopen.lib import params


def _user_name(context: Context) -> str:
    return context.get("user") or ""


def _hidden_packages(context: Context, ids: list[str]) -> set[str]:
    """The private datasets among `ids` that the caller may not read."""
    if not ids or authz.is_sysadmin(_user_name(context)):
        return set()
    private = [pid for (pid,) in model.Session.query(model.Package.id).filter(
        model.Package.id.in_(ids), model.Package.private.is_(True))]
    hidden = set()
    for pid in private:
        try:
            tk.check_access("package_show", {"user": _user_name(context)}, {"id": pid})
        except tk.NotAuthorized:
            hidden.add(pid)
    return hidden


def _readable_scope(user: str) -> tuple[list[str], list[str]]:
    """Organizations whose private datasets `user` reads, and datasets they collaborate on."""
    obj = model.User.get(user) if user else None
    if obj is None:
        return [], []
    orgs = [o["id"] for o in tk.get_action("organization_list_for_user")(
        {"user": user, "ignore_auth": True}, {"id": obj.id, "permission": "read"})]
    collab = [pid for (pid,) in model.Session.query(model.PackageMember.package_id).filter(
        model.PackageMember.user_id == obj.id)]
    return orgs, collab


def _visible_tag_names(context: Context, names: list[str]) -> set[str]:
    """The free tags among `names` used on at least one active dataset the caller sees."""
    user = _user_name(context)
    if not names or authz.is_sysadmin(user):
        return set(names)
    orgs, collab = _readable_scope(user)
    pkg = model.Package
    seen = pkg.private.is_(False)
    if orgs:
        seen = seen | pkg.owner_org.in_(orgs)
    if collab:
        seen = seen | pkg.id.in_(collab)
    query = (model.Session.query(model.Tag.name).distinct()
             .join(model.PackageTag, model.PackageTag.tag_id == model.Tag.id)
             .join(pkg, pkg.id == model.PackageTag.package_id)
             .filter(model.Tag.name.in_(names), model.PackageTag.state == "active",
                     pkg.state == "active", seen))
    return {name for (name,) in query}


@tk.chained_action
@tk.side_effect_free
def member_list(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    params.check(data_dict, schema.member_list_schema(), context)
    members = next_action(context, data_dict)
    ids = [m[0] for m in members if m[1] == "package"]
    hidden = _hidden_packages(context, ids)
    return [m for m in members if not (m[1] == "package" and m[0] in hidden)]


def _tag_name(tag: Any) -> str:
    return tag["name"] if isinstance(tag, dict) else str(tag)


def _visible_tags(context: Context, tags: list[Any], vocabulary: Any) -> list[Any]:
    if vocabulary:  # vocabulary terms are the catalog's published code lists
        return tags
    visible = _visible_tag_names(context, [_tag_name(t) for t in tags])
    return [t for t in tags if _tag_name(t) in visible]


@tk.chained_action
@tk.side_effect_free
def tag_list(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    params.check(data_dict, schema.tag_list_schema(), context)
    tags = next_action(context, data_dict)
    return _visible_tags(context, tags, data_dict.get("vocabulary_id"))


@tk.chained_action
@tk.side_effect_free
def tag_search(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    params.check(data_dict, schema.tag_search_schema(), context)
    result = next_action(context, data_dict)
    results = _visible_tags(context, result["results"], data_dict.get("vocabulary_id"))
    return {**result, "results": results, "count": len(results)}


@tk.chained_action
@tk.side_effect_free
def tag_autocomplete(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    params.check(data_dict, schema.tag_search_schema(), context)
    names = next_action(context, data_dict)
    return _visible_tags(context, names, data_dict.get("vocabulary_id"))


@tk.chained_action
@tk.side_effect_free
def tag_show(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    params.check(data_dict, schema.tag_show_schema(), context)
    tag = next_action(context, data_dict)
    if not tag.get("vocabulary_id") and not _visible_tag_names(context, [tag["name"]]):
        raise tk.ObjectNotFound()  # what CKAN answers for a tag that does not exist
    if "packages" in tag:
        hidden = _hidden_packages(context, [p["id"] for p in tag["packages"]])
        tag["packages"] = [p for p in tag["packages"] if p["id"] not in hidden]
    return tag


@tk.chained_action
@tk.side_effect_free
def user_list(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    users = next_action(context, data_dict)
    if authz.is_sysadmin(context.get("user")):
        return users
    for user in users:
        if isinstance(user, dict):
            user.pop("sysadmin", None)
    return users


@tk.chained_action
@tk.side_effect_free
def user_show(next_action: Any, context: Context, data_dict: DataDict) -> Any:
    user = next_action(context, data_dict)
    caller = context.get("user")
    if isinstance(user, dict) and not authz.is_sysadmin(caller):
        me = model.User.get(caller) if caller else None
        if me is None or me.id != user.get("id"):
            user.pop("sysadmin", None)
    return user
