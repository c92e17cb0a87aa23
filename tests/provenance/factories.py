"""Products for tests: the fields of a valid derived product."""
from __future__ import annotations

from typing import Any


def product_fields(sources: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "type": "product",
        "title": "太原空气质量地图",
        "notes": "按监测站展示每日空气质量指数的地图应用。",
        "producer_type": "company",
        "producer_name": "山西数智科技有限公司",
        "producer_credit_code": "91140100MA0K1XXB2K",
        "product_url": "https://map.example.com/air",
        "sources": sources,
    }
    fields.update(overrides)
    return fields


def source(dataset: str, acquired: str = "2025-03-05", **overrides: Any) -> dict[str, Any]:
    return {"source_dataset": dataset, "acquired": acquired,
            "usage": "按站点汇总后绘制地图", **overrides}
