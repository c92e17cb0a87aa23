"""Who may do what: applicants act on their own applications, organization admins review
those for their datasets, sysadmins everything. Unknown ids pass to the action's 404."""
from __future__ import annotations

from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.access.model import Application
from ckanext.govopen.lib.params import is_org_admin

_NO: AuthResult = {"success": False}


def _user_id(context: Context) -> str | None:
    user = model.User.get(context.get("user") or "")
    return user.id if user else None


def _key(data_dict: DataDict, name: str) -> str:
    # Ids with U+0000 cannot be looked up (PostgreSQL refuses them): the action then says 409.
    value = str(data_dict.get(name) or "")
    return "" if "\x00" in value else value


def _app(data_dict: DataDict) -> Application | None:
    key = _key(data_dict, "id")
    return model.Session.get(Application, key) if key else None


def _applicant(context: Context, data_dict: DataDict) -> AuthResult:
    app = _app(data_dict)
    if app is None:
        return {"success": bool(_user_id(context))}
    return {"success": app.user_id == _user_id(context),
            "msg": "只有申请人本人可以操作 / Only the applicant can do this"}


def _reviewer(context: Context, data_dict: DataDict) -> AuthResult:
    app = _app(data_dict)
    if app is None:
        return {"success": bool(_user_id(context))}
    return {"success": is_org_admin(context, app.organization_id),
            "msg": "只有数据提供机构的管理员可以审核 / Only an admin of the providing organization can review"}


def govopen_access_apply(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": bool(_user_id(context)), "msg": "请先登录 / Please log in"}


def govopen_access_resubmit(context: Context, data_dict: DataDict) -> AuthResult:
    return _applicant(context, data_dict)


def govopen_access_withdraw(context: Context, data_dict: DataDict) -> AuthResult:
    return _applicant(context, data_dict)


def govopen_access_usage_report(context: Context, data_dict: DataDict) -> AuthResult:
    return _applicant(context, data_dict)


def govopen_access_return(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer(context, data_dict)


def govopen_access_approve(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer(context, data_dict)


def govopen_access_reject(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer(context, data_dict)


def govopen_access_revoke(context: Context, data_dict: DataDict) -> AuthResult:
    return _reviewer(context, data_dict)




def govopen_access_show(context: Context, data_dict: DataDict) -> AuthResult:
    if _applicant(context, data_dict)["success"]:
        return {"success": True}
    return _reviewer(context, data_dict)


def govopen_access_list(context: Context, data_dict: DataDict) -> AuthResult:
    org = _key(data_dict, "organization_id")
    if org and not data_dict.get("mine"):
        group = model.Group.get(org)
        return {"success": group is None or is_org_admin(context, group.id)}
    return {"success": bool(_user_id(context))}


def govopen_access_log_list(context: Context, data_dict: DataDict) -> AuthResult:
    group = model.Group.get(_key(data_dict, "organization_id"))
    if group is None:
        return {"success": False, "msg": "需要 organization_id / organization_id is required"}
    return {"success": is_org_admin(context, group.id)}


def govopen_access_log_export(context: Context, data_dict: DataDict) -> AuthResult:
    return govopen_access_log_list(context, data_dict)


def govopen_access_settings_update(context: Context, data_dict: DataDict) -> AuthResult:
    group = model.Group.get(_key(data_dict, "organization_id"))
    return {"success": group is not None and is_org_admin(context, group.id)}


def govopen_calendar_day_list(context: Context, data_dict: DataDict) -> AuthResult:
    return {"success": bool(_user_id(context))}


def govopen_calendar_day_set(context: Context, data_dict: DataDict) -> AuthResult:
    return _NO  # sysadmins only (they pass every check)


def govopen_calendar_day_delete(context: Context, data_dict: DataDict) -> AuthResult:
    return _NO  # sysadmins only (they pass every check)


def govopen_access_remind(context: Context, data_dict: DataDict) -> AuthResult:
    return _NO  # sysadmins only (they pass every check)
