"""The catalog review report as an XLSX workbook, in the reader's language."""
from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from ckanext.govopen.lib.texts import EN, ZH, lang_key
from ckanext.govopen.upkeep.texts import TEXTS

_COLUMNS = ("col.entry", "col.status", "col.due", "col.quality", "col.reasons", "col.reviewed")


def workbook(report: dict[str, Any], org_title: str, lang: str | None) -> bytes:
    key = lang_key(lang)
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = str(report["year"])
    sheet.append([f"{org_title} · {TEXTS.in_lang('review.title', lang, year=report['year'])}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([TEXTS.in_lang("review.summary", lang, total=report["total"],
                                reviewed=report["reviewed"],
                                attention=len(report["attention"]),
                                quality=report["quality"] if report["quality"] is not None
                                else "-")])
    sheet.append([])
    sheet.append([TEXTS.in_lang(c, lang) for c in _COLUMNS])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for entry in report["entries"]:
        reviewed = entry["reviewed"]
        sheet.append([
            f"{entry['title']} ({entry['name']})",
            TEXTS.in_lang(f"status.{entry['update_status']}", lang),
            entry["due"] or "",
            entry["quality"],
            "\n".join(r["text"][EN if key == EN else ZH] for r in entry["reasons"]),
            f"{reviewed['reviewer']} {reviewed['at']}" if reviewed else "",
        ])
    for column, width in zip("ABCDEF", (48, 14, 12, 10, 60, 30), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
