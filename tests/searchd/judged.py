"""A judged query set over the demo catalog (seed/): how people in China search.

Each query names every demo dataset a person typing it wants (judged by reading the
titles, tags, descriptions and providers of the 56 demo datasets). Kinds: plain
Chinese, traditional characters, full pinyin, pinyin initials, abbreviations and
everyday short forms, one wrong or missing character. Used by
tests/searchd/test_relevance.py (in-process searchd) and `make bench-search`
(a real CKAN), which print R-precision and recall@5.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

HIGHWAY = ("highway-service-areas", "highway-traffic-volume")
TRANSPORT = ("driving-license-issuance", "road-transport-operation-permits", "bus-routes",
             "highway-service-areas", "taxi-driver-qualifications", "highway-traffic-volume")
E_CERTIFICATES = ("driving-license-issuance", "licensed-physicians", "birth-medical-certificates",
                  "teacher-qualification-certificates", "tour-guide-certificates")
DEVELOPMENT_REFORM = ("major-projects", "credit-commitments", "administrative-licensing-publicity",
                      "vegetable-retail-prices", "energy-consumption")
HUMAN_RESOURCES = ("social-security-card-issuance", "minimum-wage-standards",
                   "wage-arrears-blacklist", "vocational-skill-certificates", "job-fairs")
HEALTH = ("medical-institutions", "licensed-physicians", "public-place-health-permits",
          "birth-medical-certificates", "vaccination-clinics")
MARKET = ("enterprise-business-licenses", "individual-businesses", "abnormal-operation-list",
          "food-business-licenses", "product-quality-spot-checks",
          "special-equipment-registrations")
TOURISM = ("a-level-scenic-spots", "travel-agencies", "tour-guide-certificates")


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    relevant: tuple[str, ...]


def _j(kind: str, *rows: tuple[str, str | tuple[str, ...]]) -> list[Judged]:
    return [Judged(q, kind, (r,) if isinstance(r, str) else r) for q, r in rows]


JUDGED: list[Judged] = [
    *_j("chinese",
        ("学校", "schools-directory"), ("交通", TRANSPORT), ("医疗机构", "medical-institutions"),
        ("营业执照", "enterprise-business-licenses"), ("个体工商户", "individual-businesses"),
        ("高速公路", HIGHWAY), ("空气质量", "air-quality-daily"),
        ("养老机构", "elderly-care-institutions"), ("最低工资", "minimum-wage-standards"),
        ("幼儿园", "kindergartens"), ("旅行社", "travel-agencies"), ("采矿权", "mining-rights"),
        ("公交", "bus-routes"), ("电子证照", E_CERTIFICATES),
        ("低保", ("minimum-living-standards", "minimum-living-recipients"))),
    *_j("traditional",
        ("學校", "schools-directory"), ("交通運輸", ("road-transport-operation-permits",
                                                 "bus-routes", "highway-service-areas",
                                                 "taxi-driver-qualifications",
                                                 "highway-traffic-volume")),
        ("醫療機構", "medical-institutions"), ("營業執照", "enterprise-business-licenses"),
        ("個體工商戶", "individual-businesses"), ("養老機構", "elderly-care-institutions"),
        ("空氣質量", "air-quality-daily"), ("幼兒園", "kindergartens"),
        ("旅遊景區", "a-level-scenic-spots"), ("駕駛證", "driving-license-issuance")),
    *_j("pinyin",
        ("jiaotong", TRANSPORT), ("gaosu", HIGHWAY), ("xuexiao", "schools-directory"),
        ("yiliaojigou", "medical-institutions"), ("youeryuan", "kindergartens"),
        ("lvxingshe", "travel-agencies"), ("kongqizhiliang", "air-quality-daily"),
        ("yingyezhizhao", "enterprise-business-licenses"), ("gongjiao", "bus-routes")),
    *_j("initials",
        ("yljg", "medical-institutions"), ("yyzz", "enterprise-business-licenses"),
        ("gsgl", HIGHWAY), ("yey", "kindergartens"), ("kqzl", "air-quality-daily"),
        ("lxs", "travel-agencies")),
    *_j("abbreviation",
        ("个体户", "individual-businesses"), ("发改委", DEVELOPMENT_REFORM),
        ("人社厅", HUMAN_RESOURCES), ("卫健委", HEALTH), ("市场监管局", MARKET),
        ("文旅厅", TOURISM), ("社保卡", "social-security-card-issuance"),
        ("驾照", "driving-license-issuance"), ("养老院", "elderly-care-institutions"),
        ("出租车", "taxi-driver-qualifications"), ("欠薪", "wage-arrears-blacklist")),
    *_j("typo",
        ("医疗机沟", "medical-institutions"), ("营业执招", "enterprise-business-licenses"),
        ("个体工商护", "individual-businesses"), ("旅游景去", "a-level-scenic-spots"),
        ("养老机购", "elderly-care-institutions"), ("地质灾还", "geological-hazard-points")),
]

# The issue's examples: each must find what its full or simplified form finds, first.
ISSUE_EXAMPLES: dict[str, str] = {
    "學校": "学校", "jiaotong": "交通", "yljg": "医疗机构", "gaosu": "高速",
    "个体户": "个体工商户", "发改委": "发展和改革委员会",
}


def r_precision(ranked: Sequence[str], relevant: Sequence[str]) -> float:
    r = len(relevant)
    return len(set(ranked[:r]) & set(relevant)) / r


def recall_at(ranked: Sequence[str], relevant: Sequence[str], k: int = 5) -> float:
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def evaluate(search: Callable[[str], list[str]]) -> dict[str, tuple[float, float, int]]:
    """Mean R-precision and recall@5 per kind and overall ("all"), with query counts."""
    per_kind: dict[str, list[tuple[float, float]]] = {}
    for judged in JUDGED:
        ranked = search(judged.query)
        scores = (r_precision(ranked, judged.relevant), recall_at(ranked, judged.relevant))
        per_kind.setdefault(judged.kind, []).append(scores)
        per_kind.setdefault("all", []).append(scores)
    return {kind: (sum(s[0] for s in rows) / len(rows), sum(s[1] for s in rows) / len(rows),
                   len(rows)) for kind, rows in per_kind.items()}


def report(metrics: dict[str, tuple[float, float, int]]) -> list[str]:
    return [f"{kind:<13} {n:>3} queries  R-precision {rp:.3f}  recall@5 {r5:.3f}"
            for kind, (rp, r5, n) in metrics.items()]
