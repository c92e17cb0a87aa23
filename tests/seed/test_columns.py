"""The column vocabulary, on small tables."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from faker import Faker

from seed import geo
from seed.columns import parse_columns
from seed.tables import build_rows


def _rows(spec: str, rows: int = 50, seed: int = 1) -> tuple[list[str], list[list[object]]]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    cols = parse_columns(spec)
    return [c.header for c in cols], build_rows(cols, fake, rows, 2025)


def test_linked_choices_stay_together() -> None:
    _, rows = _rows("类别=pick:k:一类|二类|三类 标准=pick:k:2050|1960|1860")
    pairs = {(r[0], r[1]) for r in rows}
    assert pairs <= {("一类", 2050), ("二类", 1960), ("三类", 1860)}
    assert len(pairs) == 3


def test_grid_axes_give_one_row_per_point_and_place_rows() -> None:
    _, rows = _rows("城市=each:cities 季度=each:quarters:2024Q1~2024Q4 区划=area")
    assert len(rows) == len(geo.CITIES) * 4
    assert rows[0][:2] == ["太原市", "2024年第1季度"]
    assert all(r[2].startswith(geo.CITY_BY_NAME[r[0]].code[:4]) for r in rows)


def test_counties_with_equal_names_keep_their_own_codes() -> None:
    _, rows = _rows("区划=area 地区=each:counties")
    assert len(rows) == len(geo.COUNTIES)
    assert [r[0] for r in rows] == [c.code for c in geo.COUNTIES]


def test_series_move_smoothly_along_time() -> None:
    _, rows = _rows("城市=each:cities 年份=each:years:2019~2024 人口=series:100.0~500.0")
    for city in geo.CITIES:
        values = [r[2] for r in rows if r[0] == city.name]
        assert all(abs(b / a - 1) < 0.1 for a, b in itertools.pairwise(values))


def test_derived_columns() -> None:
    _, rows = _rows("男=int:10~20 女=mul:男:0.9~1.1 合计=sum:男+女 占比=pct:男/合计 "
                    "AQI=int:0~400 等级=band:AQI:50=优|100=良|污染")
    for male, female, total, share, aqi, level in rows:
        assert total == male + female
        assert share == round(100 * male / total, 2)
        assert level == ("优" if aqi <= 50 else "良" if aqi <= 100 else "污染")


def test_dates_stay_in_range_and_before_the_as_of_day() -> None:
    _, rows = _rows("d=date:2024-03-01~2024-03-31 y=date:year 生=child.birth")
    for d, y, born in rows:
        assert dt.date(2024, 3, 1) <= d <= dt.date(2024, 3, 31)
        assert dt.date(2025, 1, 1) <= y <= dt.date(2025, 6, 30)
        assert born <= dt.date(2025, 6, 30)


def test_templates_fill_places_digits_and_earlier_columns() -> None:
    _, rows = _rows("代码=co.uscc 名称=co.name:{county}{word}煤业有限公司 编号=tpl:{代码}00#P")
    for code, name, number in rows:
        assert name.endswith("煤业有限公司")
        assert number.startswith(code + "00") and number.endswith("P")


def test_numbers_in_choices_are_numbers_and_typed_as_such() -> None:
    cols = parse_columns("票价=choice:1*2|2 区号=choice:0351|0352 名称=choice:甲|乙")
    assert [c.item_type for c in cols] == ["数值型", "字符型", "字符型"]


def test_ground_truth_marks_personal_columns() -> None:
    cols = parse_columns("姓名=p.name 号码=co.rep_id 企业=co.name 手机=youth.mobile 年龄=p.age")
    assert [c.personal for c in cols] == ["name", "id_number", None, "mobile", None]


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    spec = "姓名=p.name 身份证号=p.id 地址=p.address"
    assert _rows(spec, seed=5) == _rows(spec, seed=5)
    assert _rows(spec, seed=5) != _rows(spec, seed=6)


@pytest.mark.parametrize("spec", ["x=nope", "x=tpl:{nope}", "broken"])
def test_mistakes_in_a_spec_are_reported(spec: str) -> None:
    with pytest.raises(ValueError):
        _rows(spec, rows=1)
