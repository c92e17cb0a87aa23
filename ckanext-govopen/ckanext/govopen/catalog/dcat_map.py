"""How catalog codes map to DCAT-AP 3 (EU authority tables), for the DCAT profile.

Catalog field  → DCAT property
resource_code  → dct:identifier
open_type      → dct:accessRights   (EU access-right)
update_cycle   → dct:accrualPeriodicity (EU frequency)
classification → dcat:theme         (EU data-theme, by 项)
formats        → dct:format         (EU file-type)
release_date   → dct:issued; data_update_date → dct:modified
temporal_start / temporal_end → dct:temporal; division_code → dct:spatial
"""
from __future__ import annotations

from ckanext.govopen.catalog.classification import CATALOG_THEME, theme_of

EU = "http://publications.europa.eu/resource/authority/"

FREQUENCY: dict[str, str] = {
    "realtime": EU + "frequency/UPDATE_CONT",
    "daily": EU + "frequency/DAILY",
    "weekly": EU + "frequency/WEEKLY",
    "monthly": EU + "frequency/MONTHLY",
    "quarterly": EU + "frequency/QUARTERLY",
    "semiannual": EU + "frequency/ANNUAL_2",
    "annual": EU + "frequency/ANNUAL",
    "irregular": EU + "frequency/IRREG",
    "static": EU + "frequency/NEVER",
}

ACCESS_RIGHTS: dict[str, str] = {
    "unconditional": EU + "access-right/PUBLIC",
    "conditional": EU + "access-right/RESTRICTED",
    "not_open": EU + "access-right/NON_PUBLIC",
}

# EU data themes per base library / theme (项).
THEME: dict[str, str] = {
    "101": "SOCI", "102": "ECON", "103": "GOVE", "104": "ECON", "105": "REGI", "106": "GOVE",
    "201": "HEAL", "202": "SOCI", "203": "EDUC", "204": "TRAN", "205": "ENVI", "206": "ECON",
    "207": "JUST", "208": "REGI", "209": "AGRI", "210": "EDUC", "211": "SOCI", "212": "ENER",
    "301": "GOVE", "302": "JUST", "303": "GOVE",
}

FILE_TYPE: dict[str, str] = {
    "CSV": "CSV", "XLSX": "XLSX", "XLS": "XLS", "JSON": "JSON", "XML": "XML", "PDF": "PDF",
    "DOCX": "DOCX", "SHP": "SHP", "GeoJSON": "GEOJSON", "KML": "KML",
    "JPEG": "JPEG", "PNG": "PNG",
}

if set(THEME) != set(CATALOG_THEME.codes()):
    raise RuntimeError("every base library / theme (项) needs an EU data theme")


def frequency_uri(code: str) -> str | None:
    return FREQUENCY.get(code)


def access_rights_uri(code: str) -> str | None:
    return ACCESS_RIGHTS.get(code)


def theme_uri(classification: str) -> str | None:
    theme = theme_of(classification)
    return EU + "data-theme/" + THEME[theme] if theme else None


def file_type_uri(fmt: str) -> str | None:
    """EU file type of a format code; None where the EU table has none (OFD, API, DB)."""
    code = FILE_TYPE.get(fmt)
    return EU + "file-type/" + code if code else None
