"""The wording of provenance notes, without services."""
from __future__ import annotations

import dataclasses
import datetime as dt
from urllib.parse import unquote

from ckanext.govopen.provenance import note

FACTS = note.NoteFacts(
    title="全省医疗机构名录", url="https://data.example.gov.cn/dataset/medical-institutions",
    publisher="山西省卫生健康委员会", platform="政府数据开放平台", acquired=dt.date(2025, 3, 5),
    publisher_en="Health Commission of Shanxi Province",
    platform_en="Government Open Data Platform")


def test_chinese_note_has_the_words_the_rules_imply() -> None:
    assert note.note_zh(FACTS) == (
        "本产品使用了山西省卫生健康委员会在政府数据开放平台开放的《全省医疗机构名录》"
        "（https://data.example.gov.cn/dataset/medical-institutions），获取日期：2025年3月5日")


def test_english_twin() -> None:
    assert note.note_en(FACTS) == (
        "This product uses “全省医疗机构名录” "
        "(https://data.example.gov.cn/dataset/medical-institutions), opened by Health "
        "Commission of Shanxi Province on the Government Open Data Platform; "
        "date of acquisition: 5 March 2025")


def test_english_note_quotes_the_english_title_when_there_is_one() -> None:
    english = dataclasses.replace(FACTS, title_en="Medical institutions of the province")
    assert note.note_en(english).startswith(
        "This product uses “Medical institutions of the province” (https://")
    assert "《全省医疗机构名录》" in note.note_zh(english)  # the Chinese note keeps the Chinese


def test_dates_have_no_leading_zeros() -> None:
    assert note.date_zh(dt.date(2024, 12, 1)) == "2024年12月1日"
    assert note.date_en(dt.date(2024, 12, 1)) == "1 December 2024"


def test_english_falls_back_to_chinese_names() -> None:
    bare = note.NoteFacts(title="t", url="u", publisher="某厅", platform="某平台",
                          acquired=dt.date(2025, 1, 2))
    assert "opened by 某厅 on the 某平台;" in note.note_en(bare)


def test_platform_english_name() -> None:
    assert note.platform_en("政府数据开放平台") == "Government Open Data Platform"
    assert note.platform_en("政府数据开放平台", "Shanxi Data") == "Shanxi Data"
    assert note.platform_en("未知平台") == "未知平台"


def test_header_is_ascii_and_decodes_to_both_notes() -> None:
    value = note.header_value(FACTS)
    value.encode("ascii")
    parts = dict(p.split("=", 1) for p in value.split("; "))
    assert parts["acquired"] == "2025-03-05"
    assert parts["note*"].startswith("UTF-8''")
    assert unquote(parts["note*"][len("UTF-8''"):]) == note.note_zh(FACTS)
    assert unquote(parts["note-en*"][len("UTF-8''"):]) == note.note_en(FACTS)
    # separators of the header never appear unescaped inside a value
    assert ";" not in parts["note*"] and "," not in parts["note*"] and " " not in parts["note*"]


def test_today_is_the_date_in_china() -> None:
    late_utc = dt.datetime(2025, 3, 4, 17, 30, tzinfo=dt.UTC)  # 01:30 in Beijing
    assert note.today(late_utc) == dt.date(2025, 3, 5)
    assert note.today(dt.datetime(2025, 3, 4, 15, 59, tzinfo=dt.UTC)) == dt.date(2025, 3, 4)


def test_parse_date() -> None:
    assert note.parse_date("2024-05-06T10:00:00.123") == dt.date(2024, 5, 6)
    assert note.parse_date("2024-05-06") == dt.date(2024, 5, 6)
    assert note.parse_date("") is None and note.parse_date("bad") is None
    assert note.parse_date(None) is None


def test_the_wording_module_imports_nothing_of_ckan() -> None:
    import subprocess
    import sys

    code = ("import sys; import ckanext.govopen.provenance.note; "
            "print(sorted(m for m in sys.modules if m == 'ckan' or m.startswith('ckan.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
