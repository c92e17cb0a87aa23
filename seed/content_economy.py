"""Datasets about the economy, land and environment: market regulation, statistics, natural
resources, transport, ecology and environment, culture and tourism, development and reform.
Column kinds are described in `seed.columns`."""
from __future__ import annotations

from seed.model import Spec

_CO_PENALTY = "当事人名称=co.name 统一社会信用代码=co.uscc 法定代表人=co.rep"

SPECS: tuple[Spec, ...] = (
    # 省市场监督管理局 --------------------------------------------------------------------
    Spec(
        "enterprise-business-licenses", "全省企业营业执照登记信息", "market-regulation",
        ("legal-entity", "e-certificates"), "102001", "营业执照 企业登记 市场主体",
        "全省各级登记机关核发营业执照的企业登记信息，含统一社会信用代码、法定代表人、"
        "企业类型、注册资本、成立日期、住所和登记状态，按年度分文件提供。",
        "企业名称=co.name 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "企业类型=choice:有限责任公司（自然人投资或控股）*6|有限责任公司（国有独资）"
        "|股份有限公司（非上市）|个人独资企业|普通合伙企业 注册资本（万元）=int:10~50000 "
        "成立日期=date:year 住所=co.address "
        "登记机关=tpl:{city}行政审批服务管理局|{county}行政审批服务管理局 "
        "登记状态=choice:存续*8|在业*3|迁出|注销",
        rows=120, cycle="每日", fmt="csv", extra="years",
    ),
    Spec(
        "individual-businesses", "个体工商户登记信息", "market-regulation",
        ("legal-entity",), "102001", "个体工商户 市场主体 登记注册",
        "全省个体工商户登记信息，含字号名称、经营者、组成形式、经营范围和经营场所。"
        "经营者身份证号和联系电话属个人信息，有条件开放。",
        "字号名称=shop.name 统一社会信用代码=shop.uscc 经营者姓名=shop.rep 经营者身份证号=shop.rep_id "
        "联系电话=shop.rep_mobile 组成形式=choice:个人经营*9|家庭经营 "
        "经营范围=choice:日用百货零售|餐饮服务|理发服务|蔬菜水果零售|五金建材销售|家用电器维修 "
        "经营场所=shop.address 注册日期=date:2010~2025-06-30",
        rows=150, cycle="每日", open="有条件开放", fmt="xlsx",
    ),
    Spec(
        "abnormal-operation-list", "企业经营异常名录", "market-regulation",
        ("public-credit",), "103004", "经营异常 信用监管 企业年报",
        "被市场监督管理部门列入经营异常名录的企业及列入原因、列入日期和作出决定机关。",
        "企业名称=co.name 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "列入经营异常名录原因=choice:未按规定期限公示年度报告*6|通过登记的住所或者经营场所无法联系*3"
        "|公示企业信息隐瞒真实情况、弄虚作假 列入日期=date:2023~2025-06-30 "
        "作出决定机关=tpl:{city}市场监督管理局|{county}市场监督管理局",
        rows=100, cycle="每日", fmt="csv",
    ),
    Spec(
        "food-business-licenses", "食品经营许可证信息", "market-regulation",
        ("e-certificates",), "106002", "食品经营许可 餐饮 食品安全",
        "全省食品经营许可证核发信息，含经营者、许可证编号、主体业态、经营项目和有效期。",
        "经营者名称=co.name:{cityshort}{word}餐饮管理有限公司|{cityshort}{word}商贸有限公司"
        "|{cityshort}{word}超市有限公司 统一社会信用代码=co.uscc 法定代表人（负责人）=co.rep "
        "许可证编号=tpl:JY1{area}####### 经营场所=co.address "
        "主体业态=choice:餐饮服务经营者*3|食品销售经营者*3|单位食堂 "
        "经营项目=choice:热食类食品制售|预包装食品（含冷藏冷冻食品）销售|散装食品销售|冷食类食品制售 "
        "发证日期=date:2020~2025-06-30 有效期至=date:2026~2030 发证机关=tpl:{county}行政审批服务管理局",
        rows=150, cycle="每日", livelihood=True, fmt="csv-gbk",
    ),
    Spec(
        "product-quality-spot-checks", "产品质量监督抽查结果", "market-regulation",
        ("public-credit",), "206002", "质量抽查 产品质量 消费安全",
        "省级产品质量监督抽查结果，含被抽查产品、生产企业、生产日期、抽查结果和不合格项目。",
        "产品名称=choice:电线电缆|电动自行车|儿童玩具|学生文具|燃气灶具|复合肥料|通用水泥|食品相关产品 "
        "商标=tpl:{word} 生产企业=co.name 统一社会信用代码=co.uscc 生产日期=date:2024-06-01~2025-06-30 "
        "抽查结果=pick:r:合格*9|不合格 不合格项目=pick:r:—|标志和说明书;导体电阻;结构尺寸;总养分"
        " 承检机构=const:山西省产品质量监督检验研究院",
        rows=120, cycle="每季度", livelihood=True, fmt="csv",
    ),
    Spec(
        "special-equipment-registrations", "特种设备使用登记信息", "market-regulation",
        (), "207001", "特种设备 电梯 锅炉 使用登记",
        "全省电梯、锅炉、压力容器、起重机械等特种设备使用登记信息及下次检验日期。",
        "使用单位=co.name 统一社会信用代码=co.uscc "
        "设备类别=pick:e:电梯*4|锅炉|压力容器*2|起重机械|场（厂）内专用机动车辆 "
        "设备品种=pick:e:曳引驱动乘客电梯;自动扶梯|承压蒸汽锅炉;热水锅炉|固定式压力容器;移动式压力容器"
        "|桥式起重机;门式起重机|叉车 使用登记证编号=tpl:晋{area}####### 设备使用地点=co.address "
        "登记日期=date:2015~2025-06-30 下次检验日期=date:2025-07-01~2026-06-30",
        rows=100, cycle="每月", fmt="xlsx",
    ),
    # 省统计局 ----------------------------------------------------------------------------
    Spec(
        "gdp-by-city", "全省各市地区生产总值", "statistics",
        ("macroeconomy",), "104001", "地区生产总值 GDP 三次产业",
        "按设区市、分季度的地区生产总值及三次产业增加值和同比增长速度。",
        "地区=each:cities 统计期=each:quarters:2023Q3~2025Q2 第一产业增加值（亿元）=series:5.0~120.0 "
        "第二产业增加值（亿元）=series:80.0~800.0 第三产业增加值（亿元）=series:80.0~900.0 "
        "地区生产总值（亿元）=sum:第一产业增加值（亿元）+第二产业增加值（亿元）+第三产业增加值（亿元） "
        "同比增长（%）=num:-2.0~8.5",
        cycle="每季度", fmt="csv", license="cc-zero",
    ),
    Spec(
        "cpi-monthly", "居民消费价格指数（月度）", "statistics",
        ("macroeconomy",), "104002", "CPI 居民消费价格 物价",
        "全省居民消费价格分类指数月度涨跌幅，含同比和环比。",
        "月份=each:months:2024-07~2025-06 "
        "类别=each:总指数|食品烟酒|衣着|居住|生活用品及服务|交通通信|教育文化娱乐|医疗保健|其他用品及服务 "
        "同比涨跌（%）=num:-2.5~3.5 环比涨跌（%）=num:-1.2~1.3",
        cycle="每月", livelihood=True, fmt="csv", license="cc-zero",
    ),
    Spec(
        "per-capita-disposable-income", "城乡居民人均可支配收入", "statistics",
        ("macroeconomy",), "104001", "可支配收入 城乡居民 居民收入",
        "按设区市统计的全体居民、城镇居民和农村居民人均可支配收入及名义增长率。",
        "地区=each:cities 年份=each:years:2019~2024 "
        "城镇居民（元）=series:36000~48000 农村居民（元）=series:12000~22000 "
        "全体居民（元）=mul:城镇居民（元）:0.62~0.78 名义增长（%）=num:3.5~8.5",
        cycle="每年", livelihood=True, fmt="xlsx", license="cc-zero",
    ),
    Spec(
        "industrial-output", "规模以上工业主要产品产量", "statistics",
        ("macroeconomy",), "104001", "工业产品 原煤 焦炭 发电量",
        "全省规模以上工业企业主要产品月度产量、累计产量和同比增长。",
        "月份=each:months:2025-01~2025-06 产品名称=each:原煤|焦炭|发电量|粗钢|钢材|水泥|铝材|化肥"
        "|汽车|煤层气 计量单位=pick:u:万吨|万吨|亿千瓦时|万吨|万吨|万吨|万吨|万吨|辆|亿立方米 "
        "本月产量=series:1.0~9000.0 累计产量=mul:本月产量:3.0~6.2 同比增长（%）=num:-12.0~15.0",
        cycle="每月", fmt="csv-gbk",
    ),
    Spec(
        "resident-population", "全省常住人口主要数据", "statistics",
        ("population", "macroeconomy"), "101003", "常住人口 城镇化率 人口变动",
        "按设区市统计的年末常住人口、城镇化率、出生率、死亡率和自然增长率。",
        "地区=each:cities 年份=each:years:2019~2024 常住人口（万人）=series:95.0~560.0:-0.008~0.004 "
        "城镇化率（%）=series:52.00~80.00:0.004~0.012 "
        "出生率（‰）=num:5.0~9.5 "
        "死亡率（‰）=num:6.0~8.5 自然增长率（‰）=num:-2.5~2.5",
        cycle="每年", fmt="csv-bom", license="cc-zero",
    ),
    # 省自然资源厅 ------------------------------------------------------------------------
    Spec(
        "land-use-survey", "全省土地利用现状统计", "natural-resources",
        ("spatial-geography",), "105002", "土地利用 国土调查 耕地",
        "依据国土变更调查成果，按县（市、区）统计的主要地类面积（公顷）。",
        "行政区划代码=area 地区=each:counties 耕地=num:5000.0~120000.0 园地=num:200.0~15000.0 "
        "林地=num:8000.0~160000.0 草地=num:3000.0~90000.0 城镇村及工矿用地=num:2000.0~40000.0 "
        "交通运输用地=num:500.0~9000.0 水域及水利设施用地=num:300.0~8000.0 "
        "合计=sum:耕地+园地+林地+草地+城镇村及工矿用地+交通运输用地+水域及水利设施用地",
        cycle="每年", fmt="csv",
    ),
    Spec(
        "mining-rights", "采矿权登记信息", "natural-resources",
        ("spatial-geography", "e-certificates"), "105002", "采矿权 采矿许可证 矿产资源",
        "全省采矿许可证登记信息，含采矿权人、矿山名称、开采矿种、生产规模、矿区面积和有效期。",
        "采矿权人=pick:m:{cityshort}{word}煤业有限公司|{cityshort}{word}矿业有限公司"
        "|{cityshort}{word}建材有限公司 统一社会信用代码=co.uscc "
        "矿山名称=pick:m:{county}{word}煤矿|{county}{word}铝土矿|{county}{word}石灰岩矿 "
        "开采矿种=pick:m:煤|铝土矿|水泥用灰岩 采矿许可证号=tpl:C14000020############### "
        "生产规模（万吨/年）=int:30~1500 矿区面积（平方公里）=num:0.12~45.80 "
        "有效期起=date:2015~2022 有效期止=date:2026~2045 发证机关=const:山西省自然资源厅",
        rows=80, cycle="不定期", fmt="xlsx",
    ),
    Spec(
        "geological-hazard-points", "地质灾害隐患点", "natural-resources",
        ("spatial-geography",), "105002", "地质灾害 滑坡 崩塌 防灾",
        "全省在册地质灾害隐患点的位置、灾害类型、威胁人数、威胁财产和险情等级。",
        "隐患点编号=tpl:{area}010### 名称=pick:h:{county}{surname}家坡滑坡|{county}{surname}家庄崩塌"
        "|{county}{surname}家沟泥石流|{county}{surname}村采空地面塌陷 "
        "灾害类型=pick:h:滑坡|崩塌|泥石流|地面塌陷 所在地区=county 经度=lon 纬度=lat "
        "威胁人数（人）=int:5~680 威胁财产（万元）=int:20~3000 险情等级=choice:小型*6|中型*3|大型",
        rows=120, cycle="每年", livelihood=True, fmt="csv",
    ),
    Spec(
        "benchmark-land-prices", "城镇基准地价", "natural-resources",
        ("spatial-geography", "macroeconomy"), "105002", "基准地价 土地市场 地价",
        "各设区市城区商服、住宅、工业用地分级基准地价（元/平方米）。",
        "城市=each:cities 土地级别=each:Ⅰ级|Ⅱ级|Ⅲ级|Ⅳ级 商服用地（元/平方米）=int:800~9800 "
        "住宅用地（元/平方米）=int:600~7800 工业用地（元/平方米）=int:240~980 基准日=const:2023-01-01",
        cycle="不定期", fmt="csv-gbk",
    ),
    # 省交通运输厅 ------------------------------------------------------------------------
    Spec(
        "road-transport-operation-permits", "道路运输经营许可证信息", "transport",
        ("legal-entity", "e-certificates"), "106002", "道路运输 经营许可 货运 客运",
        "全省道路运输经营许可证核发信息，含业户名称、经营范围、许可证号、发证机关和有效期。",
        "业户名称=co.name:{cityshort}{word}物流有限公司|{cityshort}{word}运输有限公司"
        "|{cityshort}{word}客运有限公司 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "经营范围=choice:道路普通货物运输*5|道路危险货物运输|道路旅客运输|货物专用运输（集装箱） "
        "许可证号=tpl:晋交运管许可{cityshort}字{area}######号 经营地址=co.address "
        "发证机关=tpl:{county}行政审批服务管理局 有效期至=date:2026~2031",
        rows=150, cycle="每日", fmt="csv", extra="dict",
    ),
    Spec(
        "bus-routes", "城市公交线路信息", "transport",
        (), "204001", "公交 线路 出行服务",
        "各设区市城市公交线路的起终点、首末班时间、票价、线路长度和运营单位。",
        "城市=city 线路名称=tpl:{n}路|{n}{n}路|K{n}路|{n}路区间 起点站=tpl:{street}公交枢纽|{street}站|火车站"
        " 终点站=tpl:{street}小区|{street}公交场站|{county}政府 首班时间=choice:5:30|6:00|6:30 "
        "末班时间=choice:20:00|21:00|22:00|22:30 票价（元）=choice:1*2|2 "
        "线路长度（公里）=num:5.5~38.0 运营单位=tpl:{city}公共交通有限公司",
        rows=120, cycle="每月", livelihood=True, fmt="csv",
    ),
    Spec(
        "highway-service-areas", "高速公路服务区", "transport",
        ("spatial-geography",), "204002", "高速公路 服务区 充电桩",
        "全省高速公路服务区位置、所属路线、桩号及加油、充电、餐饮服务设施情况。",
        "服务区名称=tpl:{county}服务区|{street}服务区 "
        "所属高速=choice:G5京昆高速|G20青银高速|G55二广高速|G22青兰高速|G59呼北高速|G18荣乌高速 "
        "桩号=tpl:K###+### 所在地区=county 经度=lon 纬度=lat 充电桩（个）=int:0~24 "
        "加油站=choice:有*9|无 餐饮=choice:有*9|无",
        rows=60, cycle="不定期", livelihood=True, fmt="xlsx",
    ),
    Spec(
        "taxi-driver-qualifications", "出租汽车驾驶员从业资格证信息", "transport",
        ("e-certificates",), "106001", "出租汽车 网约车 从业资格",
        "巡游出租汽车和网络预约出租汽车驾驶员从业资格证信息。从业资格证号与身份证号一致，有条件开放。",
        "姓名=p.name 性别=p.sex 身份证号=p.id 从业资格证号=p.id "
        "从业资格类别=choice:巡游出租汽车驾驶员*3|网络预约出租汽车驾驶员*2 "
        "服务单位=co.name:{cityshort}{word}出租汽车有限公司|{cityshort}{word}网约车服务有限公司 "
        "联系电话=p.mobile 初领日期=date:2012~2025-06-30 有效期至=date:2026~2031",
        rows=150, cycle="每月", open="有条件开放", fmt="csv",
    ),
    Spec(
        "highway-traffic-volume", "高速公路收费站交通流量日报", "transport",
        (), "204002", "交通流量 高速公路 收费站",
        "主要高速公路收费站每日出入口车流量及货车流量。",
        "日期=each:days:2025-06-01~2025-06-14 收费站=each:太原东|太原南|大同东|阳泉|长治北|晋城|运城北|临汾 "
        "入口车流量（辆）=series:2000~32000 出口车流量（辆）=mul:入口车流量（辆）:0.85~1.15 "
        "其中入口货车（辆）=mul:入口车流量（辆）:0.15~0.35",
        cycle="每日", fmt="csv",
    ),
    # 省生态环境厅 ------------------------------------------------------------------------
    Spec(
        "air-quality-daily", "空气质量日报", "ecology-environment",
        ("spatial-geography",), "205001", "空气质量 AQI PM2.5 环境监测",
        "各设区市环境空气质量日报，含空气质量指数、首要污染物、六项污染物浓度和质量等级。",
        "日期=each:days:2025-06-01~2025-06-14 城市=each:cities AQI=int:28~185 "
        "首要污染物=choice:—*2|PM2.5|PM10|O3*4|NO2 PM2.5（μg/m³）=int:8~120 PM10（μg/m³）=int:20~210 "
        "SO2（μg/m³）=int:3~30 NO2（μg/m³）=int:8~65 O3-8h（μg/m³）=int:60~230 CO（mg/m³）=num:0.3~1.8 "
        "质量等级=band:AQI:50=优|100=良|150=轻度污染|200=中度污染|300=重度污染|严重污染",
        cycle="每日", livelihood=True, fmt="csv",
    ),
    Spec(
        "surface-water-quality", "地表水水质监测", "ecology-environment",
        ("spatial-geography",), "205002", "水质 地表水 国控断面",
        "全省主要河流国考、省考断面月度水质类别和主要超标项目。",
        "月份=each:months:2025-01~2025-06 断面名称=each:汾河雷鸣寺|汾河上兰|汾河温南社|汾河王庄桥南"
        "|桑干河固定桥|滹沱河南庄|漳河侯壁|沁河拴驴泉|涑水河张留庄|黄河万家寨|黄河龙门|黄河风陵渡 "
        "水质类别=pick:q:Ⅱ类*4|Ⅲ类*4|Ⅳ类*2|Ⅴ类|劣Ⅴ类 "
        "主要超标项目=pick:q:—|—|化学需氧量;氨氮;总磷|氨氮;总磷|氨氮 是否达标=pick:q:是|是|否|否|否",
        cycle="每月", livelihood=True, fmt="csv-gbk",
    ),
    Spec(
        "pollutant-discharge-permits", "排污许可证信息", "ecology-environment",
        ("legal-entity", "e-certificates"), "106002", "排污许可 固定污染源 环境管理",
        "全省固定污染源排污许可证核发信息，含单位名称、行业类别、许可证编号、管理类别和有效期。",
        "单位名称=pick:i:{cityshort}{word}焦化有限公司|{cityshort}{word}化工有限公司"
        "|{cityshort}{word}热电有限公司|{cityshort}{word}水泥有限公司|{cityshort}{word}煤业有限公司 "
        "行业类别=pick:i:炼焦|基础化学原料制造|热力生产和供应|水泥制造|烟煤和无烟煤开采洗选 "
        "统一社会信用代码=co.uscc 许可证编号=tpl:{统一社会信用代码}00#P 生产经营场所地址=co.address "
        "管理类别=choice:重点管理*4|简化管理*3 有效期至=date:2026~2030 "
        "发证机关=tpl:{city}行政审批服务管理局|{city}生态环境局",
        rows=120, cycle="每日", fmt="csv",
    ),
    Spec(
        "environmental-penalties", "环境行政处罚信息", "ecology-environment",
        ("public-credit",), "103002", "行政处罚 环境执法 双公示",
        "各级生态环境部门作出的环境行政处罚决定，含违法行为类型、处罚种类和罚款金额。",
        "处罚决定书文号=tpl:{cityshort}环罚〔{year}〕{n}号 " + _CO_PENALTY + " "
        "违法行为类型=choice:超标排放大气污染物|未落实扬尘污染防治措施|未批先建|未按证排污|危险废物贮存不规范 "
        "处罚种类=choice:罚款*8|罚款并责令改正 罚款金额（万元）=num:1.0~100.0 "
        "处罚日期=date:2025-01-01~2025-06-30 处罚机关=tpl:{city}生态环境局",
        rows=90, cycle="每周", fmt="csv-bom",
    ),
    # 省文化和旅游厅 ----------------------------------------------------------------------
    Spec(
        "a-level-scenic-spots", "全省A级旅游景区名录", "culture-tourism",
        ("spatial-geography",), "210002", "A级景区 旅游景区 文旅",
        "全省A级旅游景区名录，含景区等级、所在地区、地址、经纬度、开放时间、门票价格和咨询电话。",
        "景区名称=tpl:{county}{word}生态旅游区|{county}{street}古镇景区|{county}{word}森林公园"
        "|{county}{word}文化园 等级=choice:5A|4A*4|3A*6|2A*2 所在地区=county 地址=inst.address "
        "经度=lon 纬度=lat 开放时间=choice:08:00-18:00|全天开放|08:30-17:30 "
        "门票价格（元）=choice:免费*3|30|50|80|120 咨询电话=inst.phone",
        rows=60, cycle="不定期", livelihood=True, fmt="csv",
    ),
    Spec(
        "travel-agencies", "旅行社名录", "culture-tourism",
        ("legal-entity",), "102001", "旅行社 旅游经营 许可",
        "全省依法设立的旅行社名录，含统一社会信用代码、许可证号、经营范围、地址和联系电话。",
        "旅行社名称=co.name:{cityshort}{word}国际旅行社有限公司|{cityshort}{word}旅行社有限公司 "
        "统一社会信用代码=co.uscc 许可证号=tpl:L-SX-###### 法定代表人=co.rep "
        "经营范围=choice:国内旅游和入境旅游*4|国内旅游、入境旅游和出境旅游 地址=co.address 联系电话=co.phone",
        rows=100, cycle="每月", fmt="csv",
    ),
    Spec(
        "tour-guide-certificates", "导游证信息", "culture-tourism",
        ("e-certificates",), "106001", "导游证 导游 电子证照",
        "全省持电子导游证的导游人员信息，含导游证号、等级、语种和所属旅行社，有条件开放。",
        "姓名=youth.name 性别=youth.sex 身份证号=youth.id 导游证号=tpl:D-1400-###### "
        "等级=choice:初级*6|中级*3|高级 语种=choice:中文*8|英语|日语|韩语|俄语 手机号码=youth.mobile "
        "所属旅行社=co.name:{cityshort}{word}国际旅行社有限公司|{cityshort}{word}旅行社有限公司",
        rows=100, cycle="每月", open="有条件开放", fmt="xlsx",
    ),
    # 省发展和改革委员会 ------------------------------------------------------------------
    Spec(
        "major-projects", "省级重点工程项目名单", "development-reform",
        ("macroeconomy",), "104004", "重点工程 项目建设 固定资产投资",
        "年度省级重点工程项目名单，含项目类别、建设单位、所在地区、总投资和年度计划投资。",
        "项目名称=pick:k:{county}{word}新能源产业园项目|{city}{street}片区城市更新项目"
        "|{county}抽水蓄能电站项目|{city}{word}现代物流园项目|{county}{word}特色农业产业化项目 "
        "项目类别=pick:k:产业转型|城乡建设|能源|现代服务业|农业农村 建设单位=co.name "
        "统一社会信用代码=co.uscc 所在地区=county 总投资（亿元）=num:1.5~180.0 "
        "年度计划投资（亿元）=mul:总投资（亿元）:0.1~0.4 建设性质=choice:新建*3|续建*2 开工年份=choice:2023|2024|2025",
        rows=120, cycle="每年", fmt="csv",
    ),
    Spec(
        "credit-commitments", "信用承诺信息", "development-reform",
        ("public-credit",), "103003", "信用承诺 告知承诺 信用修复",
        "市场主体在行政审批、信用修复等事项中作出的信用承诺及其受理单位。",
        "承诺主体名称=co.name 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "承诺类型=choice:审批替代型*3|主动型|行业自律型|信用修复型 "
        "承诺事项=choice:证明事项告知承诺|行政许可告知承诺|失信信息信用修复|守法诚信经营 "
        "承诺日期=date:2025-01-01~2025-06-30 受理单位=tpl:{city}行政审批服务管理局|{city}发展和改革委员会",
        rows=150, cycle="每日", fmt="csv",
    ),
    Spec(
        "administrative-licensing-publicity", "行政许可“双公示”信息", "development-reform",
        ("public-credit",), "103001", "双公示 行政许可 信用信息",
        "各级行政机关按“双公示”要求归集的行政许可决定信息，按年度分文件提供。",
        "行政相对人名称=co.name 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "行政许可决定文书号=tpl:{cityshort}审批许字〔{year}〕###号 许可类别=choice:普通*5|特许|认可|核准|登记*3 "
        "许可内容=choice:建设工程规划许可|食品经营许可|排污许可|道路运输经营许可|施工许可 "
        "许可决定日期=date:year 许可机关=tpl:{city}行政审批服务管理局",
        rows=100, cycle="每日", fmt="csv-gbk", extra="years",
    ),
    Spec(
        "vegetable-retail-prices", "主要蔬菜零售价格监测", "development-reform",
        ("macroeconomy",), "104002", "价格监测 蔬菜价格 菜篮子",
        "各设区市主要蔬菜品种周度零售价格监测数据（元/500克）。",
        "监测日期=each:2025-06-06|2025-06-13 城市=each:cities "
        "品种=each:大白菜|土豆|西红柿|黄瓜|青椒|茄子|白萝卜|芹菜 零售价格（元/500克）=series:0.80~6.50 "
        "环比涨跌（%）=num:-12.0~12.0",
        cycle="每周", livelihood=True, fmt="csv",
    ),
    Spec(
        "energy-consumption", "全省能源消费情况", "development-reform",
        ("macroeconomy",), "212002", "能源消费 能耗强度 非化石能源",
        "按设区市统计的能源消费总量、单位地区生产总值能耗下降率和能源消费结构。",
        "地区=each:cities 年份=each:years:2020~2024 能源消费总量（万吨标准煤）=series:600.0~5800.0 "
        "单位GDP能耗下降率（%）=num:0.5~5.5 煤炭消费占比（%）=num:70.0~86.0 "
        "非化石能源消费占比（%）=num:5.0~18.0",
        cycle="每年", fmt="xlsx",
    ),
)
