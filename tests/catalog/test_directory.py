"""The catalog directory table and its CSV and XLSX files (no services needed)."""
from __future__ import annotations

import csv
import io

from ckanext.govopen.catalog import directory
from openpyxl import load_workbook

PKG = {
    "name": "air", "title": "太原市空气质量日报", "notes": "每日空气质量",
    "resource_code": "11140000MB0123456X-205001-0001", "provider_code": "11140000MB0123456X",
    "classification": "205001", "organization": {"name": "sx-env", "title": "山西省生态环境厅"},
    "formats": ["CSV", "XLSX"],
    "data_items": [{"name": "aqi", "label_zh": "空气质量指数", "type": "number"}],
    "sharing_type": "conditional", "sharing_condition": "仅限环境监管用途",
    "sharing_method": ["api"], "sharing_reason": "含监测点位", "sharing_legal_basis": "《环境保护法》",
    "open_type": "conditional", "open_condition": "实名申请", "open_reason": "含点位坐标",
    "open_legal_basis": "《政府信息公开条例》第十五条", "update_cycle": "daily",
    "release_date": "2024-01-15", "data_update_date": "2024-06-01",
    "related_resource_codes": ["11140000MB0123456X-205001-0002"], "livelihood_priority": "true",
    "division_code": "140100", "temporal_start": "2020-01-01", "temporal_end": "2024-06-01",
    "license_title": "开放数据许可", "contact_name": "张工", "contact_phone": "0351-1234567",
    "contact_email": "data@example.gov.cn", "secrecy": "non_secret",
}


def test_every_column_is_filled_for_a_complete_entry() -> None:
    row = directory.row(PKG, "zh_Hans_CN", url="http://portal/dataset/air")
    assert set(row) == set(directory.KEYS)
    assert all(row.values()), [k for k, v in row.items() if not v]
    assert row["classification"] == "主题信息资源类 › 生态环境主题 › 空气质量"
    assert row["open_type"] == "有条件开放"
    assert row["update_cycle"] == "每日"
    assert row["data_items"] == "aqi（空气质量指数，数值型）"
    assert row["division"] == "山西省 太原市 (140100)"
    assert row["temporal"] == "2020-01-01 ~ 2024-06-01"


def test_english_headers_and_labels() -> None:
    row = directory.row(PKG, "en")
    assert row["open_type"] == "Open on conditions"
    assert directory.headers("en")[0] == "Resource code"
    assert directory.headers("zh_Hans_CN")[0] == "信息资源代码"


def test_csv_has_a_bom_headers_and_formula_safe_cells() -> None:
    evil = dict(PKG, title="=HYPERLINK(\"http://x\")")
    body = directory.to_csv(directory.rows([evil], "zh_Hans_CN"), "zh_Hans_CN")
    assert body.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert table[0] == directory.headers("zh_Hans_CN")
    assert len(table) == 2 and all(len(r) == len(directory.KEYS) for r in table)
    assert table[1][directory.KEYS.index("title")].startswith("'=")


def test_xlsx_holds_the_same_table_and_no_formulas() -> None:
    evil = dict(PKG, title="=1+1")
    later = dict(PKG, resource_code="11140000MB0123456X-205001-0009")
    body = directory.to_xlsx(directory.rows([later, evil], "en"), "en")
    ws = load_workbook(io.BytesIO(body)).active
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[0] == directory.headers("en")
    assert len(values) == 3
    assert values[1][0] < values[2][0]  # sorted by resource code
    title = ws.cell(row=2, column=directory.KEYS.index("title") + 1)
    assert title.value == "=1+1" and title.data_type == "s"
