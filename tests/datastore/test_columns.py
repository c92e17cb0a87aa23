"""Columns typed from the data items (信息项), cells that do not fit reported: no services."""
from __future__ import annotations

import polars as pl
from ckanext.govopen.datastore import columns

ITEMS = [{"name": "station", "label_zh": "监测站", "type": "string"},
         {"name": "aqi", "label_zh": "空气质量指数", "type": "number", "description": "AQI"},
         {"name": "day", "label_zh": "日期", "type": "date"},
         {"name": "at", "label_zh": "时间", "type": "datetime"},
         {"name": "ok", "label_zh": "达标", "type": "boolean"},
         {"name": "gone", "label_zh": "已删除", "type": "string"}]


def test_headers_match_data_items_by_label_or_name() -> None:
    plan = columns.plan(["\ufeff监测站", "aqi", "日期", "备注", "_x", "日期"], ITEMS)
    ids = [c.id for c in plan.columns]
    assert ids == ["station", "aqi", "day", "备注", "col5", "日期"]  # a second 日期: undeclared
    assert [c.pg_type for c in plan.columns] == ["text", "numeric", "date", "text", "text", "text"]
    assert plan.columns[1].field() == {"id": "aqi", "type": "numeric", "info": {
        "label": "空气质量指数", "notes": "AQI", "type_override": ""}}
    assert not plan.columns[3].declared and plan.columns[3].label == "备注"
    assert plan.missing == ["at", "ok", "gone"]


def test_cells_that_do_not_fit_are_reported_with_row_and_value() -> None:
    plan = columns.plan(["监测站", "空气质量指数", "日期", "时间", "达标"], ITEMS)
    frame = pl.DataFrame({
        "a": ["太原", "大同", " 朔州 "],
        "b": ["1,042", "超标", " 7.5 "],
        "c": ["2024-01-02", "2024/01/03", "1990-**-**"],
        "d": ["2024-01-02 08:00:00", "昨天", None],
        "e": ["是", "否", "maybe"]})
    misfits = columns.Misfits()
    out = columns.convert(frame, plan.columns, 2, misfits)
    assert out.rows() == [
        ("太原", "1042", "2024-01-02", "2024-01-02 08:00:00", "true"),
        ("大同", None, "2024-01-03", None, "false"),
        ("朔州", "7.5", None, None, None)]
    report = {m["field"]: m for m in columns.misfit_report(misfits, plan.columns)}
    assert report["aqi"]["examples"] == [{"row": 3, "value": "超标"}]
    assert report["day"]["examples"] == [{"row": 4, "value": "1990-**-**"}]
    assert report["at"]["count"] == 1 and report["ok"]["label"] == "达标"
    assert misfits.total == 4


def test_examples_are_capped_but_every_misfit_is_counted() -> None:
    plan = columns.plan(["空气质量指数"], ITEMS)
    misfits = columns.Misfits()
    for start in (2, 102):
        columns.convert(pl.DataFrame({"x": ["x"] * 100}), plan.columns, start, misfits)
    assert misfits.counts == {"aqi": 200}
    assert [e["row"] for e in misfits.examples["aqi"]] == [2, 3, 4, 5, 6]
