"""Resource classification 类/项/目 (GB/T 21063 catalog guide; Shanxi art. 9).

A classification code has six digits: 类 (1) + 项 (2) + 目 (3), e.g. ``101001`` is
基础信息资源类 › 人口基础库 › 户籍人口. Class 1 holds the six base libraries of Shanxi
art. 9, class 2 the thematic catalogs, class 3 what a department keeps for its own work.
Datasets store the 目 code; the 项 code (first three digits) is the "base library /
theme" that search facets on.
"""
from __future__ import annotations

from ckanext.govopen.catalog.terms import Term, Vocabulary

# (code, zh, en, [(目 suffix, zh, en), ...]) per 项; the 类 is the first digit.
_TREE: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("101", "人口基础库", "Population base library", [
        ("001", "户籍人口", "Registered residents"),
        ("002", "流动人口", "Floating population"),
        ("003", "人口统计", "Population statistics"),
        ("004", "出生与死亡登记", "Births and deaths"),
    ]),
    ("102", "法人单位基础库", "Legal entities base library", [
        ("001", "企业登记", "Enterprise registration"),
        ("002", "事业单位登记", "Public institutions"),
        ("003", "社会组织登记", "Social organizations"),
        ("004", "机关与群团组织", "Government bodies and mass organizations"),
    ]),
    ("103", "公共信用基础库", "Public credit base library", [
        ("001", "行政许可", "Administrative licences"),
        ("002", "行政处罚", "Administrative penalties"),
        ("003", "守信激励", "Commendations for trustworthiness"),
        ("004", "失信惩戒", "Sanctions for dishonesty"),
    ]),
    ("104", "宏观经济基础库", "Macroeconomy base library", [
        ("001", "国民经济核算", "National accounts"),
        ("002", "价格指数", "Prices"),
        ("003", "财政税收", "Public finance and tax"),
        ("004", "固定资产投资", "Fixed-asset investment"),
        ("005", "对外经济贸易", "Foreign trade and investment"),
    ]),
    ("105", "空间地理基础库", "Spatial geography base library", [
        ("001", "基础测绘", "Base mapping"),
        ("002", "自然资源", "Natural resources"),
        ("003", "地名地址", "Place names and addresses"),
        ("004", "遥感影像", "Remote-sensing imagery"),
    ]),
    ("106", "电子证照基础库", "Electronic certificates base library", [
        ("001", "个人证照", "Personal certificates"),
        ("002", "法人证照", "Legal-entity certificates"),
        ("003", "证照目录", "Certificate catalog"),
    ]),
    ("201", "医疗健康主题", "Health theme", [
        ("001", "医疗机构", "Medical institutions"),
        ("002", "公共卫生", "Public health"),
        ("003", "医疗保障", "Medical insurance"),
    ]),
    ("202", "社会保障主题", "Social security theme", [
        ("001", "社会保险", "Social insurance"),
        ("002", "社会救助", "Social assistance"),
        ("003", "养老服务", "Elderly care"),
    ]),
    ("203", "教育科技主题", "Education and science theme", [
        ("001", "学校与招生", "Schools and enrolment"),
        ("002", "科技创新", "Science and innovation"),
    ]),
    ("204", "交通运输主题", "Transport theme", [
        ("001", "公共交通", "Public transport"),
        ("002", "道路与桥梁", "Roads and bridges"),
    ]),
    ("205", "生态环境主题", "Environment theme", [
        ("001", "空气质量", "Air quality"),
        ("002", "水环境", "Water environment"),
        ("003", "污染源监管", "Pollution sources"),
    ]),
    ("206", "市场监管主题", "Market regulation theme", [
        ("001", "食品药品安全", "Food and drug safety"),
        ("002", "产品质量", "Product quality"),
    ]),
    ("207", "安全生产与应急主题", "Work safety and emergencies theme", [
        ("001", "安全生产", "Work safety"),
        ("002", "应急管理", "Emergency management"),
    ]),
    ("208", "城乡建设主题", "Urban and rural development theme", [
        ("001", "住房保障", "Housing"),
        ("002", "城市管理", "City management"),
    ]),
    ("209", "农业农村主题", "Agriculture and rural affairs theme", [
        ("001", "农业生产", "Agricultural production"),
        ("002", "乡村振兴", "Rural revitalization"),
    ]),
    ("210", "文化旅游主题", "Culture and tourism theme", [
        ("001", "文化设施", "Cultural venues"),
        ("002", "旅游资源", "Tourism"),
    ]),
    ("211", "就业创业主题", "Employment theme", [
        ("001", "就业服务", "Employment services"),
        ("002", "创业扶持", "Start-up support"),
    ]),
    ("212", "能源主题", "Energy theme", [
        ("001", "能源生产", "Energy production"),
        ("002", "能源消费", "Energy consumption"),
    ]),
    ("301", "政务服务", "Government services", [
        ("001", "办事指南", "Service guides"),
        ("002", "办件统计", "Service statistics"),
    ]),
    ("302", "行政执法", "Law enforcement", [
        ("001", "执法检查", "Inspections"),
        ("002", "执法结果", "Enforcement results"),
    ]),
    ("303", "统计调查", "Statistical surveys", [
        ("001", "统计公报", "Statistical bulletins"),
        ("002", "专项调查", "Special surveys"),
    ]),
]

# 类
CATALOG_CLASS = Vocabulary("catalog_class", "资源分类（类）", "Resource class", [
    Term("1", "基础信息资源类", "Base information resources"),
    Term("2", "主题信息资源类", "Thematic information resources"),
    Term("3", "部门信息资源类", "Departmental information resources"),
])

# 项: base libraries and themes.
CATALOG_THEME = Vocabulary(
    "catalog_theme", "基础库/主题（项）", "Base library / theme",
    [Term(code, zh, en, {"class": code[0]}) for code, zh, en, _ in _TREE],
)

# 目: what a dataset stores.
CLASSIFICATION = Vocabulary(
    "classification", "信息资源分类（类/项/目）", "Classification (class / item / category)",
    [Term(code + sub, zh, en, {"class": code[0], "theme": code})
     for code, _, _, items in _TREE for sub, zh, en in items],
)


def theme_of(code: str) -> str | None:
    """The 项 (base library or theme) of a classification code, if the code is known."""
    return code[:3] if code in CLASSIFICATION else None


def class_of(code: str) -> str | None:
    return code[0] if code in CLASSIFICATION else None


def path_label(code: str, lang: str | None = None, sep: str = " › ") -> str:
    """类 › 项 › 目 labels of a classification code; the code itself when unknown."""
    term = CLASSIFICATION.get(code)
    if term is None:
        return code
    return sep.join((CATALOG_CLASS.label(code[0], lang), CATALOG_THEME.label(code[:3], lang),
                     term.label(lang)))


def grouped(lang: str | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped by 项, for a select with option groups: [(group label, [(code, label)])]."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for theme in CATALOG_THEME:
        group = (f"{CATALOG_CLASS.label(theme.code[0], lang)} › {theme.label(lang)}",
                 [(t.code, f"{t.code} {t.label(lang)}") for t in CLASSIFICATION
                  if t.code.startswith(theme.code)])
        out.append(group)
    return out
