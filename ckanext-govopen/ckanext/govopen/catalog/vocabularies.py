"""The flat vocabularies of a catalog entry (Shanxi art. 8, 12; GB/T 21063 catalog guide)."""
from __future__ import annotations

from ckanext.govopen.catalog.terms import Term, Vocabulary

# Shanxi art. 12: the sharing attribute between government bodies.
SHARING_TYPE = Vocabulary("sharing_type", "共享类型", "Sharing type", [
    Term("unconditional", "无条件共享", "Shared unconditionally"),
    Term("conditional", "有条件共享", "Shared on conditions"),
    Term("not_shared", "不予共享", "Not shared"),
])

# Open attribute towards society.
OPEN_TYPE = Vocabulary("open_type", "开放类型", "Open type", [
    Term("unconditional", "无条件开放", "Open unconditionally"),
    Term("conditional", "有条件开放", "Open on conditions"),
    Term("not_open", "不予开放", "Not open"),
])

# Update cycle (更新周期); Shanxi art. 8 "update time limit".
UPDATE_CYCLE = Vocabulary("update_cycle", "更新周期", "Update cycle", [
    Term("realtime", "实时", "Real time"),
    Term("daily", "每日", "Daily"),
    Term("weekly", "每周", "Weekly"),
    Term("monthly", "每月", "Monthly"),
    Term("quarterly", "每季度", "Quarterly"),
    Term("semiannual", "每半年", "Every six months"),
    Term("annual", "每年", "Annually"),
    Term("irregular", "不定期", "Irregularly"),
    Term("static", "静态", "Static (not updated)"),
])

# How a sharing body obtains the resource (共享方式).
SHARING_METHOD = Vocabulary("sharing_method", "共享方式", "Sharing method", [
    Term("api", "接口服务", "API service"),
    Term("download", "文件下载", "File download"),
    Term("db_exchange", "数据库交换", "Database exchange"),
    Term("offline", "离线介质", "Offline media"),
])

# Only non-secret resources may be catalogued on an open-data platform.
SECRECY = Vocabulary("secrecy", "涉密属性", "Secrecy", [
    Term("non_secret", "非涉密", "Not classified"),
    Term("secret", "涉密", "Classified"),
])

LIVELIHOOD = Vocabulary("livelihood_priority", "民生重点", "Livelihood priority", [
    Term("true", "是", "Yes"),
    Term("false", "否", "No"),
])

# Data item (信息项) types, with the guide's letter codes.
ITEM_TYPE = Vocabulary("item_type", "信息项数据类型", "Data item type", [
    Term("string", "字符型", "String", {"guide_code": "C", "xsd": "string"}),
    Term("number", "数值型", "Number", {"guide_code": "N", "xsd": "decimal"}),
    Term("currency", "货币型", "Currency", {"guide_code": "Y", "xsd": "decimal"}),
    Term("date", "日期型", "Date", {"guide_code": "D", "xsd": "date"}),
    Term("datetime", "日期时间型", "Date and time", {"guide_code": "T", "xsd": "dateTime"}),
    Term("boolean", "逻辑型", "Boolean", {"guide_code": "L", "xsd": "boolean"}),
    Term("text", "备注型", "Long text", {"guide_code": "M", "xsd": "string"}),
    Term("binary", "二进制", "Binary", {"guide_code": "B", "xsd": "base64Binary"}),
])

# Resource formats (信息资源格式); codes follow CKAN's format names.
FORMAT = Vocabulary("format", "信息资源格式", "Format", [
    Term("CSV", "CSV 表格", "CSV"),
    Term("XLSX", "Excel 表格 (XLSX)", "Excel (XLSX)"),
    Term("XLS", "Excel 97 表格 (XLS)", "Excel 97 (XLS)"),
    Term("JSON", "JSON", "JSON"),
    Term("XML", "XML", "XML"),
    Term("PDF", "PDF 文档", "PDF"),
    Term("OFD", "OFD 版式文档", "OFD"),
    Term("DOCX", "Word 文档 (DOCX)", "Word (DOCX)"),
    Term("SHP", "Shapefile 矢量数据", "Shapefile"),
    Term("GeoJSON", "GeoJSON", "GeoJSON"),
    Term("KML", "KML", "KML"),
    Term("JPEG", "JPEG 图像", "JPEG image"),
    Term("PNG", "PNG 图像", "PNG image"),
    Term("API", "接口服务 (API)", "API service"),
    Term("DB", "数据库", "Database"),
])

# Administrative level of a provider organization.
ORG_LEVEL = Vocabulary("org_level", "机构层级", "Level", [
    Term("province", "省级", "Provincial"),
    Term("city", "市级", "Municipal"),
    Term("county", "县级", "County"),
])

FLAT = (SHARING_TYPE, OPEN_TYPE, UPDATE_CYCLE, SHARING_METHOD, SECRECY, LIVELIHOOD,
        ITEM_TYPE, FORMAT, ORG_LEVEL)
