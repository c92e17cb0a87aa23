"""The API page of each resource (API 调用示例): its DataStore fields with their labels
and types, and copy-paste examples (curl, Python with ckanapi) for this portal."""
from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from flask import Blueprint, Response

from ckanext.govopen.lib.coerce import json_list_of
from ckanext.govopen.lib.context import user_context

__all__ = ["datastore_api"]

datastore_api = Blueprint("govopen_datastore", __name__)


def _fields(pkg: dict[str, Any], report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The loaded table's fields; before a load, the data items the catalog declares."""
    if report and report.get("fields"):
        return list(report["fields"])
    return [{"id": i.get("name"), "label": i.get("label_zh"), "type": i.get("type"),
             "declared": True} for i in json_list_of(pkg.get("data_items"), dict)]


def examples(site: str, resource_id: str, fields: list[dict[str, Any]],
             token: bool) -> dict[str, str]:
    """The examples, filled in for this resource (a filter and a sort on its first
    fields, so that they run as given)."""
    first = next((f["id"] for f in fields if f.get("id")), None)
    sort = f"{first} desc" if first else "_id"
    auth = ' -H "Authorization: <API 令牌 / API token>"' if token else ""
    sql = f'SELECT * FROM "{resource_id}" LIMIT 5'
    search = json.dumps({"resource_id": resource_id, "limit": 5, "sort": sort},
                        ensure_ascii=False)
    py_key = ', apikey="<API 令牌 / API token>"' if token else ""
    return {
        "curl_search": (f"curl -s{auth} -H 'Content-Type: application/json' "
                        f"{site}/api/3/action/datastore_search -d '{search}'"),
        "curl_sql": (f"curl -s{auth} -G {site}/api/3/action/datastore_search_sql "
                     f"--data-urlencode 'sql={sql}'"),
        "python": (
            "from ckanapi import RemoteCKAN\n\n"
            f'portal = RemoteCKAN("{site}"{py_key})\n'
            f'result = portal.action.datastore_search(resource_id="{resource_id}",\n'
            f'                                        limit=5, sort="{sort}")\n'
            'for record in result["records"]:\n'
            "    print(record)\n\n"
            f"rows = portal.action.datastore_search_sql(sql='{sql}')\n"
            'print(rows["records"])\n'),
    }


def api_page(package_type: str, id: str, resource_id: str) -> str:
    context = user_context()
    try:
        pkg = tk.get_action("package_show")(context, {"id": id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Dataset not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized to read dataset"))
    res = next((r for r in pkg.get("resources") or [] if r["id"] == resource_id), None)
    if res is None:
        return tk.abort(404, tk._("Resource not found"))
    try:
        tk.check_access("datastore_search", user_context(), {"resource_id": resource_id})
        refusal = None
    except tk.NotAuthorized as e:
        refusal = str(e) or tk._("Not authorized to read resource.")
    report = tk.h.govopen_datastore_report(resource_id)
    fields = _fields(pkg, report)
    site = tk.config["ckan.site_url"].rstrip("/")
    restricted = (pkg.get("open_type") in ("conditional", "not_open")) or bool(pkg.get("private"))
    return tk.render("govopen/datastore/api.html", {
        "pkg": pkg, "res": res, "report": report, "fields": fields, "refusal": refusal,
        "queryable": refusal is None and bool(res.get("datastore_active")),
        "examples": examples(site, resource_id, fields, restricted)})


def view_dictionary(resource_view_id: str) -> Response:
    """The two values CKAN's datatables_view passes to datatablesview.js (gdataDict,
    gresviewId), as a script file: its template writes them in an inline script, which
    the portal's Content-Security-Policy does not run, so the table drew no rows.

    Computed as CKAN's ``datastore_dictionary`` helper does, but through the actions as
    the visitor, so the DataStore gate applies: a table they may not query yields no
    fields, exactly as the headers the template drew for them."""
    context = user_context()
    try:
        view = tk.get_action("resource_view_show")(context, {"id": resource_view_id})
    except tk.ObjectNotFound:
        return tk.abort(404, tk._("Resource view not found"))
    except tk.NotAuthorized:
        return tk.abort(403, tk._("Unauthorized to read dataset"))
    show_fields = view.get("show_fields")
    try:
        fields = [f for f in tk.get_action("datastore_info")(
                      user_context(), {"id": view["resource_id"]})["fields"]
                  if not f["id"].startswith("_")
                  and (show_fields is None or f["id"] in show_fields)]
    except (tk.ObjectNotFound, tk.NotAuthorized):
        fields = []
    # json.dumps is also a valid JavaScript literal; "</" cannot end a script file.
    body = (f"const gdataDict = {json.dumps(fields, ensure_ascii=False)};\n"
            f"const gresviewId = {json.dumps(view['id'])};\n")
    response = Response(body, mimetype="application/javascript")
    # The fields depend on who asks (the gate): no shared cache may keep them.
    response.headers["Cache-Control"] = "private, no-store"
    return response


datastore_api.add_url_rule("/govopen/datastore/view/<resource_view_id>/dictionary.js",
                           view_func=view_dictionary, endpoint="view_dictionary")

for _type in ("dataset", "product"):
    datastore_api.add_url_rule(f"/{_type}/<id>/resource/<resource_id>/api",
                               view_func=api_page, endpoint=f"{_type}_api",
                               defaults={"package_type": _type})
