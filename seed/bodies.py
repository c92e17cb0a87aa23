"""The provincial departments (organizations) and the base resource libraries (groups)."""
from __future__ import annotations

# name, title, English title, description
DEPARTMENTS: tuple[tuple[str, str, str, str], ...] = (
    ("public-security", "省公安厅", "Provincial Department of Public Security",
     "负责全省户籍管理、居民身份证、出入境、交通管理等公安行政管理工作。"),
    ("market-regulation", "省市场监督管理局", "Provincial Administration for Market Regulation",
     "负责全省市场主体登记注册、食品安全、产品质量、特种设备安全和知识产权等监督管理。"),
    ("statistics", "省统计局", "Provincial Bureau of Statistics",
     "负责全省国民经济核算、人口、经济、社会和科技统计调查，发布统计数据。"),
    ("natural-resources", "省自然资源厅", "Provincial Department of Natural Resources",
     "负责全省自然资源调查监测评价、国土空间规划、不动产登记、矿产资源和测绘地理信息管理。"),
    ("human-resources-social-security", "省人力资源和社会保障厅",
     "Provincial Department of Human Resources and Social Security",
     "负责全省就业创业、社会保险、社会保障卡、职业技能、劳动关系和工资收入分配管理。"),
    ("health-commission", "省卫生健康委员会", "Provincial Health Commission",
     "负责全省医疗卫生机构和医务人员管理、公共卫生、疾病预防控制和妇幼健康服务。"),
    ("transport", "省交通运输厅", "Provincial Department of Transport",
     "负责全省公路、水路和城市客运行业管理，道路运输经营许可和从业人员资格管理。"),
    ("ecology-environment", "省生态环境厅", "Provincial Department of Ecology and Environment",
     "负责全省生态环境监测、排污许可、环境执法和大气、水、土壤污染防治。"),
    ("education", "省教育厅", "Provincial Department of Education",
     "负责全省各级各类教育事业发展、学校设置、教师资格认定和高校毕业生就业指导。"),
    ("civil-affairs", "省民政厅", "Provincial Department of Civil Affairs",
     "负责全省社会救助、养老服务、社会组织登记、婚姻登记和区划地名管理。"),
    ("culture-tourism", "省文化和旅游厅", "Provincial Department of Culture and Tourism",
     "负责全省文化事业、旅游资源开发、A级旅游景区评定和旅行社、导游管理。"),
    ("development-reform", "省发展和改革委员会", "Provincial Development and Reform Commission",
     "负责全省国民经济和社会发展规划、重大项目、价格监测和社会信用体系建设。"),
)

# name, title, English title, description, library code
LIBRARIES: tuple[tuple[str, str, str, str, str], ...] = (
    ("population", "人口基础信息库", "Population Base Library",
     "以公民身份号码为标识，汇集户籍、常住、流动人口及社会保障、婚育、教育等人口基础信息。", "01"),
    ("legal-entity", "法人单位基础信息库", "Legal Entity Base Library",
     "以统一社会信用代码为标识，汇集企业、机关、事业单位、社会组织等法人单位基础信息。", "02"),
    ("public-credit", "公共信用信息库", "Public Credit Information Library",
     "汇集行政许可、行政处罚、经营异常、失信惩戒和信用承诺等公共信用信息。", "03"),
    ("macroeconomy", "宏观经济数据库", "Macroeconomic Database",
     "汇集国民经济核算、价格、收入、工业、能源和投资等宏观经济数据。", "04"),
    ("spatial-geography", "空间地理信息库", "Spatial Geographic Information Library",
     "汇集土地利用、地质环境、生态环境监测点位、交通设施和景区等带空间位置的信息。", "05"),
    ("e-certificates", "电子证照库", "Electronic Certificate Library",
     "汇集各部门核发的许可证、资格证、登记证等证照信息，支撑“一网通办”。", "06"),
)

# Reasons and legal bases given for entries that are not open without conditions.
PERSONAL_REASON = "含公民个人身份信息等敏感数据"
SHARING_CONDITION = "使用部门须说明共享用途，经数据提供单位审核同意后通过共享平台获取，仅限履行职责使用"
CONDITION = "申请人须说明数据用途和使用范围，经数据提供单位审核同意后按约定用途使用，不得向第三方提供"
LEGAL_BASIS = "《中华人民共和国个人信息保护法》《中华人民共和国数据安全法》《山西省政务数据管理与应用办法》"
