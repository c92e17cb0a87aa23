"""Who may read the audit log: a dataset's editors its entries; sysadmins all."""
from __future__ import annotations

from ckan import model
from ckan.types import AuthResult, Context, DataDict

from ckanext.govopen.lib import params as schema


def govopen_audit_list(context: Context, data_dict: DataDict) -> AuthResult:
    # Exactly the dataset whose entries the action returns (``package_id``), nothing
    # else: the whole log (no package_id) is for sysadmins, let through before this.
    schema.require_text(data_dict, "package_id")
    key = data_dict.get("package_id") or ""
    pkg = model.Package.get(key) if isinstance(key, str) and key else None
    if pkg is None:
        return {"success": False, "msg": "package_id is required / 需要 package_id"}
    return schema.can_edit_dataset(context, pkg.id)
