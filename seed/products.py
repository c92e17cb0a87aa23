"""Demo derived products (数据产品) built on the seeded datasets, loaded after them.

Each states its sources and acquisition dates as a registrant would (Shanxi art. 18);
the conditional source carries the filing reference of its authorization (art. 17).
Runs through package_create like everything else, so the provenance checks apply.
"""
from __future__ import annotations

from typing import Any

PRODUCTS: tuple[dict[str, Any], ...] = (
    {
        "name": "clinic-finder-app", "title": "就医导航小程序",
        "notes": "按位置查找附近的医疗机构与预防接种门诊，显示地址与联系电话。",
        "producer_type": "company", "producer_name": "太原健行信息技术有限公司",
        "producer_credit_code": "91140100MA0K1XXB2K",
        "product_url": "https://clinic.example.com/",
        "sources": [
            {"source_dataset": "medical-institutions", "acquired": "2025-04-08",
             "usage": "机构名称、地址与等级作为检索数据"},
            {"source_dataset": "vaccination-clinics", "acquired": "2025-04-08",
             "usage": "接种门诊名录叠加到地图"},
        ],
    },
    {
        "name": "county-population-atlas", "title": "山西分县人口与经济图集",
        "notes": "以分县户籍人口和各市地区生产总值为底数，制作人均指标专题地图。",
        "producer_type": "person", "producer_name": "王晓明",
        "sources": [
            {"source_dataset": "household-population-by-county", "acquired": "2025-02-17",
             "usage": "分县人口作为分母计算人均指标"},
            {"source_dataset": "gdp-by-city", "acquired": "2025-02-17",
             "usage": "各市地区生产总值"},
            {"source_url": "https://www.stats.gov.cn/sj/ndsj/", "source_publisher": "国家统计局",
             "acquired": "2025-02-20", "usage": "全国均值作为对比基准"},
        ],
    },
    {
        "name": "driver-training-market-report", "title": "驾培市场分析报告（2025）",
        "notes": "基于驾驶证核发与机动车保有量数据分析各市驾培需求。",
        "producer_type": "company", "producer_name": "晋数咨询有限公司",
        "producer_credit_code": "91140000MA0JXXXX01",
        "sources": [
            {"source_dataset": "driving-license-issuance", "acquired": "2025-05-12",
             "usage": "按市、按月汇总核发数量，不含个人信息",
             "filing_reference": "晋数授备〔2025〕0007号"},
            {"source_dataset": "vehicle-ownership-by-city", "acquired": "2025-05-12",
             "usage": "保有量趋势"},
        ],
    },
)


def load_products(loader: Any) -> None:
    """Register the demo products through `loader` (seed.load.Loader); skip existing names
    and products whose sources are not in this catalog."""
    for product in PRODUCTS:
        if loader._existing(product["name"]) is not None:
            loader.stats.count("product", False)
            continue
        names = [s["source_dataset"] for s in product["sources"] if s.get("source_dataset")]
        if any(loader._existing(n) is None for n in names):
            loader.out(f"  product {product['name']} · sources missing, skipped")
            continue
        loader.call("package_create", {"type": "product", **product})
        loader.stats.count("product", True)
        loader.out(f"  product {product['name']} · {product['title']}")
