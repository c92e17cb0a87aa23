"""The catalog directory (政务数据资源目录) agencies publish: one row per public entry.

Columns follow the GB/T 21063 catalog guide. Rows are built from dataset dicts as
``package_show``/``package_search`` return them, and written as CSV (UTF-8 with a BOM,
so spreadsheet programs read the Chinese text) or XLSX.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from ckanext.govopen.catalog.classification import path_label
from ckanext.govopen.catalog.codes import division_name
from ckanext.govopen.catalog.vocabularies import (
    ITEM_TYPE,
    LIVELIHOOD,
    OPEN_TYPE,
    SECRECY,
    SHARING_METHOD,
    SHARING_TYPE,
    UPDATE_CYCLE,
)
from ckanext.govopen.lib.coerce import json_list, json_list_of
from ckanext.govopen.lib.texts import EN, lang_key

# (key, Chinese header, English header)
COLUMNS: list[tuple[str, str, str]] = [
    ("resource_code", "信息资源代码", "Resource code"),
    ("title", "信息资源名称", "Resource name"),
    ("notes", "信息资源摘要", "Summary"),
    ("classification_code", "分类代码", "Classification code"),
    ("classification", "信息资源分类", "Classification"),
    ("provider", "信息资源提供方", "Provider"),
    ("provider_code", "提供方代码", "Provider code"),
    ("formats", "信息资源格式", "Formats"),
    ("data_items", "信息项", "Data items"),
    ("sharing_type", "共享类型", "Sharing type"),
    ("sharing_condition", "共享条件", "Sharing condition"),
    ("sharing_method", "共享方式", "Sharing method"),
    ("sharing_reason", "不予共享/有条件共享理由", "Reason for restricted sharing"),
    ("sharing_legal_basis", "共享限制依据", "Legal basis for restricted sharing"),
    ("open_type", "开放类型", "Open type"),
    ("open_condition", "开放条件", "Open condition"),
    ("open_reason", "不予开放/有条件开放理由", "Reason for restricted opening"),
    ("open_legal_basis", "开放限制依据", "Legal basis for restricted opening"),
    ("update_cycle", "更新周期", "Update cycle"),
    ("release_date", "发布日期", "Release date"),
    ("data_update_date", "数据更新日期", "Last data update"),
    ("related_resource_codes", "关联资源代码", "Related resource codes"),
    ("livelihood_priority", "民生重点", "Livelihood priority"),
    ("division", "覆盖行政区划", "Administrative division"),
    ("temporal", "时间范围", "Time coverage"),
    ("license", "许可协议", "Licence"),
    ("contact_name", "联系人", "Contact"),
    ("contact_phone", "联系电话", "Contact phone"),
    ("contact_email", "联系邮箱", "Contact email"),
    ("secrecy", "涉密属性", "Secrecy"),
    ("url", "访问地址", "Address"),
    ("downloads", "下载次数", "Downloads"),
]
KEYS = [c[0] for c in COLUMNS]
_LIST_SEP = "；"


def headers(lang: str | None) -> list[str]:
    en = lang_key(lang) == EN
    return [en_h if en else zh for _, zh, en_h in COLUMNS]


def _data_items(value: Any, lang: str | None) -> str:
    out = []
    for item in json_list(value):
        if not isinstance(item, dict):
            continue
        kind = ITEM_TYPE.label(item.get("type") or "", lang)
        label = item.get("label_zh") or ""
        out.append(f"{item.get('name', '')}（{label}，{kind}）" if lang_key(lang) != EN
                   else f"{item.get('name', '')} ({label}, {kind})")
    return _LIST_SEP.join(out)


def row(pkg: dict[str, Any], lang: str | None, url: str = "",
        provider_title: str | None = None) -> dict[str, str]:
    """One directory row (column key → text) for a dataset dict."""
    org = pkg.get("organization") or {}
    start, end = pkg.get("temporal_start") or "", pkg.get("temporal_end") or ""
    division = pkg.get("division_code") or ""
    return {
        "resource_code": pkg.get("resource_code") or "",
        "title": pkg.get("title") or "",
        "notes": pkg.get("notes") or "",
        "classification_code": pkg.get("classification") or "",
        "classification": path_label(pkg.get("classification") or "", lang),
        "provider": provider_title or org.get("title") or "",
        "provider_code": pkg.get("provider_code") or "",
        "formats": _LIST_SEP.join(str(f) for f in json_list(pkg.get("formats"))),
        "data_items": _data_items(pkg.get("data_items"), lang),
        "sharing_type": SHARING_TYPE.label(pkg.get("sharing_type") or "", lang),
        "sharing_condition": pkg.get("sharing_condition") or "",
        "sharing_method": _LIST_SEP.join(
            SHARING_METHOD.label(m, lang) for m in json_list_of(pkg.get("sharing_method"), str)),
        "sharing_reason": pkg.get("sharing_reason") or "",
        "sharing_legal_basis": pkg.get("sharing_legal_basis") or "",
        "open_type": OPEN_TYPE.label(pkg.get("open_type") or "", lang),
        "open_condition": pkg.get("open_condition") or "",
        "open_reason": pkg.get("open_reason") or "",
        "open_legal_basis": pkg.get("open_legal_basis") or "",
        "update_cycle": UPDATE_CYCLE.label(pkg.get("update_cycle") or "", lang),
        "release_date": pkg.get("release_date") or "",
        "data_update_date": pkg.get("data_update_date") or "",
        "related_resource_codes": _LIST_SEP.join(
            json_list_of(pkg.get("related_resource_codes"), str)),
        "livelihood_priority": LIVELIHOOD.label(pkg.get("livelihood_priority") or "", lang),
        "division": f"{division_name(division) or ''} ({division})".strip() if division else "",
        "temporal": f"{start} ~ {end}" if start or end else "",
        "license": pkg.get("license_title") or pkg.get("license_id") or "",
        "contact_name": pkg.get("contact_name") or "",
        "contact_phone": pkg.get("contact_phone") or "",
        "contact_email": pkg.get("contact_email") or "",
        "secrecy": SECRECY.label(pkg.get("secrecy") or "", lang),
        "url": url,
        # counted by the server (usage/); the action hands it in with the dataset
        "downloads": str(pkg.get("downloads") or 0),
    }


def address(site: str, pkg: dict[str, Any]) -> str:
    """The 访问地址 of an entry, never a file's URL: the files of conditional data are given
    only on an approved application, so its address is the application page; for the
    others it is the catalog entry (open files are linked there; not-open data shows its
    reason and legal basis)."""
    landing = f"{site.rstrip('/')}/dataset/{pkg['name']}"
    return f"{landing}/apply" if pkg.get("open_type") == "conditional" else landing


def rows(datasets: Iterable[dict[str, Any]], lang: str | None,
         url_for: Callable[[dict[str, Any]], str] = lambda _: "",
         provider_title: Callable[[dict[str, Any]], str | None] = lambda _: None,
         ) -> list[dict[str, str]]:
    out = [row(p, lang, url_for(p), provider_title(p)) for p in datasets]
    out.sort(key=lambda r: (r["resource_code"], r["title"]))
    return out


def _spreadsheet_safe(text: str) -> str:
    """Keep user text from being read as a formula by spreadsheet programs."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def to_csv(table: list[dict[str, str]], lang: str | None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(headers(lang))
    for r in table:
        writer.writerow([_spreadsheet_safe(r[k]) for k in KEYS])
    return buf.getvalue().encode("utf-8-sig")


def to_xlsx(table: list[dict[str, str]], lang: str | None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title="目录" if lang_key(lang) != EN else "Catalog")
    ws.freeze_panes = "A2"
    for i, key in enumerate(KEYS):
        width = 40 if key in ("notes", "data_items", "classification") else 20
        ws.column_dimensions[_column_letter(i)].width = width
    header = []
    for text in headers(lang):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for r in table:
        cells = []
        for k in KEYS:
            cell = WriteOnlyCell(ws, value=r[k])
            cell.data_type = "s"  # never a formula, whatever the text starts with
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
