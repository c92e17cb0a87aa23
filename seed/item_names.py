"""Machine names of the data items (信息项字段名), one per column header used by the specs.

The catalog names each column twice: its Chinese label (the header) and an identifier
that starts with a letter and holds only letters, digits and underscores.
"""
from __future__ import annotations

_PAIRS = """
行政区划代码:division_code 地区:region 所属市:city 男性人口（人）:male_population
女性人口（人）:female_population 户籍人口（人）:registered_population 户数（户）:households
统计年度:stat_year 姓名:name 性别:sex 民族:ethnicity 公民身份号码:id_number 出生日期:birth_date
联系电话:phone 现居住地址:residence_address 居住事由:residence_reason 登记日期:registration_date
登记单位:registration_office 网点名称:service_point 所在地区:county 地址:address
办公时间:office_hours 是否支持跨省通办:cross_province 城市:city 统计期:period 汽车（辆）:cars
其中新能源汽车（辆）:new_energy_cars 摩托车（辆）:motorcycles 挂车（辆）:trailers
身份证明号码:id_number 准驾车型:vehicle_class 初次领证日期:first_issue_date 有效期限:validity
发证机关:issuing_authority 社会保障卡号:card_number 发卡银行:issuing_bank 手机号码:mobile
领卡日期:collection_date 发卡地区:issuing_county 类别:category 月最低工资标准（元）:monthly_wage
小时最低工资标准（元）:hourly_wage 执行日期:effective_date 用人单位名称:employer
统一社会信用代码:credit_code 法定代表人:legal_representative 法定代表人身份证号:representative_id
拖欠工资金额（万元）:arrears_amount 涉及人数（人）:workers_affected 列入日期:listing_date
作出决定部门:deciding_authority 证件号码:id_number 职业（工种）:occupation 等级:level
证书编号:certificate_number 评价机构:assessment_body 发证日期:issue_date 招聘会名称:fair_name
举办日期:fair_date 举办地点:venue 主办单位:organizer 参会企业（家）:employers 提供岗位（个）:vacancies
咨询电话:hotline 机构名称:institution_name 机构类别:institution_type 医院等级:hospital_grade
床位数（张）:beds 执业类别:practice_category 执业范围:practice_scope 执业地点:practice_site
医师执业证书编码:license_number 注册日期:registration_date 单位名称:entity_name
许可项目:permitted_activity 经营地址:business_address 许可证号:permit_number 有效期至:valid_until
新生儿姓名:newborn_name 出生地点:birth_place 母亲姓名:mother_name 母亲身份证号:mother_id
父亲姓名:father_name 父亲身份证号:father_id 家庭住址:home_address 出生医学证明编号:certificate_number
门诊名称:clinic_name 接种时间:vaccination_hours 是否提供狂犬病疫苗接种:rabies_vaccine
学校名称:school_name 办学类型:school_type 在校学生数（人）:students 专任教师数（人）:teachers
办学性质:ownership 身份证号:id_number 毕业院校:university 专业:major 学历:degree 电子邮箱:email
就业单位:employer 就业地区:work_city 毕业年份:graduation_year 幼儿园名称:kindergarten_name
办园性质:ownership 班级数（个）:classes 在园幼儿数（人）:children 保教费（元/月）:monthly_fee
资格种类:qualification 任教学科:subject 证书号码:certificate_number 认定机构:certifying_body
城市低保标准（元/月）:urban_standard 农村低保标准（元/年）:rural_standard
特困人员基本生活标准（元/月）:destitute_standard 户主姓名:householder_name
保障人口（人）:covered_persons 月保障金额（元）:monthly_allowance 保障类别:assistance_type
审批日期:approval_date 组织名称:organization_name 类型:entity_type 业务主管单位:supervising_unit
成立登记日期:founding_date 住所:domicile 登记管理机关:registration_authority 性质:ownership
收住对象:residents_accepted 收费标准（元/月）:monthly_fee 登记机关名称:office_name
是否开通网上预约:online_booking 企业名称:enterprise_name 企业类型:enterprise_type
注册资本（万元）:registered_capital 成立日期:founding_date 登记机关:registration_authority
登记状态:registration_status 字号名称:trade_name 经营者姓名:operator_name
经营者身份证号:operator_id 组成形式:organization_form 经营范围:business_scope
经营场所:business_premises 列入经营异常名录原因:listing_reason 作出决定机关:deciding_authority
经营者名称:operator_name 法定代表人（负责人）:legal_representative 许可证编号:permit_number
主体业态:business_form 经营项目:business_items 产品名称:product 商标:brand 生产企业:manufacturer
生产日期:production_date 抽查结果:result 不合格项目:failed_items 承检机构:testing_body
使用单位:user_entity 设备类别:equipment_category 设备品种:equipment_kind
使用登记证编号:registration_number 设备使用地点:equipment_site 下次检验日期:next_inspection
第一产业增加值（亿元）:primary_industry 第二产业增加值（亿元）:secondary_industry
第三产业增加值（亿元）:tertiary_industry 地区生产总值（亿元）:gdp 同比增长（%）:yoy_growth
月份:month 同比涨跌（%）:yoy_change 环比涨跌（%）:mom_change 年份:year 城镇居民（元）:urban
农村居民（元）:rural 全体居民（元）:all_residents 名义增长（%）:nominal_growth 计量单位:unit
本月产量:monthly_output 累计产量:cumulative_output 常住人口（万人）:resident_population
城镇化率（%）:urbanization_rate 出生率（‰）:birth_rate 死亡率（‰）:death_rate
自然增长率（‰）:natural_growth_rate 耕地:cropland 园地:orchards 林地:forest 草地:grassland
城镇村及工矿用地:built_up 交通运输用地:transport_land 水域及水利设施用地:water 合计:total
采矿权人:mining_right_holder 矿山名称:mine_name 开采矿种:mineral 采矿许可证号:license_number
生产规模（万吨/年）:capacity 矿区面积（平方公里）:area_km2 有效期起:valid_from
有效期止:valid_until 隐患点编号:site_code 名称:site_name 灾害类型:hazard_type 经度:longitude
纬度:latitude 威胁人数（人）:people_at_risk 威胁财产（万元）:property_at_risk 险情等级:risk_level
土地级别:land_grade 商服用地（元/平方米）:commercial_price 住宅用地（元/平方米）:residential_price
工业用地（元/平方米）:industrial_price 基准日:base_date 业户名称:operator_name
线路名称:route_name 起点站:origin 终点站:terminus 首班时间:first_bus 末班时间:last_bus
票价（元）:fare 线路长度（公里）:route_length 运营单位:operator 服务区名称:service_area
所属高速:expressway 桩号:stake_number 充电桩（个）:chargers 加油站:fuel_station 餐饮:catering
从业资格证号:qualification_number 从业资格类别:qualification_type 服务单位:employer
初领日期:first_issue_date 日期:date 收费站:toll_station 入口车流量（辆）:entries
出口车流量（辆）:exits 其中入口货车（辆）:truck_entries AQI:aqi 首要污染物:primary_pollutant
PM2.5（μg/m³）:pm25 PM10（μg/m³）:pm10 SO2（μg/m³）:so2 NO2（μg/m³）:no2 O3-8h（μg/m³）:o3_8h
CO（mg/m³）:co 质量等级:quality_level 断面名称:section_name 水质类别:water_class
主要超标项目:main_exceedances 是否达标:meets_target 行业类别:industry
生产经营场所地址:site_address 管理类别:management_category 处罚决定书文号:decision_number
当事人名称:party_name 违法行为类型:violation_type 处罚种类:penalty_type
罚款金额（万元）:fine_amount 处罚日期:penalty_date 处罚机关:penalty_authority
景区名称:scenic_spot 开放时间:opening_hours 门票价格（元）:ticket_price 旅行社名称:agency_name
导游证号:guide_license 语种:language 所属旅行社:agency 项目名称:project_name
项目类别:project_category 建设单位:developer 总投资（亿元）:total_investment
年度计划投资（亿元）:annual_investment 建设性质:construction_type 开工年份:start_year
承诺主体名称:promisor 承诺类型:commitment_type 承诺事项:commitment_matter
承诺日期:commitment_date 受理单位:accepting_authority 行政相对人名称:party_name
行政许可决定文书号:decision_number 许可类别:license_category 许可内容:license_content
许可决定日期:decision_date 许可机关:licensing_authority 监测日期:monitoring_date 品种:variety
零售价格（元/500克）:retail_price 能源消费总量（万吨标准煤）:energy_consumption
单位GDP能耗下降率（%）:intensity_decline 煤炭消费占比（%）:coal_share
非化石能源消费占比（%）:non_fossil_share
"""

ITEM_NAMES: dict[str, str] = dict(pair.split(":", 1) for pair in _PAIRS.split())


def item_name(header: str) -> str:
    return ITEM_NAMES[header]
