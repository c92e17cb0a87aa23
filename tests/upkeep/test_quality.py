"""The metadata quality score: MQA dimensions over our catalog fields. Pure: no services."""
from __future__ import annotations

from typing import Any

from ckanext.govopen.upkeep.quality import DIMENSIONS, MAXIMUM, field_gaps, rating, score


def _complete() -> dict[str, Any]:
    return {
        "tags": [{"name": "空气"}], "classification": "205001", "division_code": "140100",
        "temporal_start": "2024-01-01", "resources": [{"url": "a.csv", "format": "CSV"}],
        "formats": ["CSV"], "data_items": [{"name": "aqi"}], "license_id": "cc-by",
        "contact_name": "张工", "contact_phone": "0351-1234567", "contact_email": "a@b.cn",
        "open_type": "unconditional", "notes": "太原市各监测站每日空气质量指数，含六项污染物浓度和首要污染物。",
        "release_date": "2024-01-15", "data_update_date": "2024-06-01",
    }


def test_a_complete_entry_scores_full_marks_in_every_dimension() -> None:
    result = score(_complete())
    assert (result.points, result.percent, result.rating) == (MAXIMUM, 100, "excellent")
    assert set(result.by_dimension) == set(DIMENSIONS)
    assert all(got == top for got, top in result.by_dimension.values())
    assert field_gaps(_complete()) == []


def test_missing_and_weak_fields_cost_points_and_are_named() -> None:
    pkg = {**_complete(), "tags": [], "notes": "空气", "contact_email": ""}
    result = score(pkg)
    assert result.percent < 100
    assert field_gaps(pkg) == ["keywords", "contact_email", "description"]
    assert result.by_dimension["findability"][0] == result.by_dimension["findability"][1] - 10


def test_a_restriction_without_reason_and_basis_fails_access_rights() -> None:
    pkg = {**_complete(), "open_type": "not_open", "open_reason": "含个人信息"}
    assert "access_rights" in field_gaps(pkg)
    pkg["open_legal_basis"] = "《山西省政务数据管理与应用办法》第十三条"
    assert "access_rights" not in field_gaps(pkg)


def test_proprietary_only_formats_are_not_open_formats() -> None:
    pkg = {**_complete(), "formats": ["XLSX"], "resources": [{"url": "a.xlsx", "format": "XLSX"}]}
    failed = score(pkg).failed
    assert "open_format" in failed and "machine_readable" not in failed
    assert "machine_readable" in score({**pkg, "formats": ["PDF"]}).failed


def test_an_empty_entry_is_rated_bad() -> None:
    assert score({}).points == 0 and rating(score({}).percent) == "bad"
    assert [rating(p) for p in (87, 86, 55, 30, 29)] == [
        "excellent", "good", "good", "sufficient", "bad"]
