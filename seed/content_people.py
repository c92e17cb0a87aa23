"""Datasets about people and public services: public security, human resources and social
security, health, education, civil affairs. Column kinds are described in `seed.columns`."""
from __future__ import annotations

from seed.model import Spec

_HOSPITALS = "{city}第{cn}人民医院|{county}人民医院|{county}中医医院|{city}妇幼保健院"

SPECS: tuple[Spec, ...] = (
    # 省公安厅 ------------------------------------------------------------------------------
    Spec(
        "household-population-by-county", "全省分县户籍人口统计", "public-security",
        ("population",), "101001", "户籍人口 人口统计 行政区划",
        "按县（市、区）统计的年末户籍户数和户籍人口，含男女人口构成，数据来源于公安户籍管理系统。",
        "行政区划代码=area 地区=each:counties 所属市=city 男性人口（人）=int:60000~560000 "
        "女性人口（人）=mul:男性人口（人）:0.94~1.02 户籍人口（人）=sum:男性人口（人）+女性人口（人） "
        "户数（户）=mul:户籍人口（人）:0.33~0.40 统计年度=year",
        cycle="每年", fmt="csv",
    ),
    Spec(
        "migrant-residence-registration", "流动人口居住登记信息", "public-security",
        ("population",), "101002", "流动人口 居住登记 居住证",
        "各级公安派出所受理的流动人口居住登记记录，包括登记人身份信息、居住地址和居住事由。"
        "含公民个人身份信息，仅在政务部门间有条件共享，不向社会开放。",
        "姓名=p.name 性别=p.sex 民族=p.ethnic 公民身份号码=p.id 出生日期=p.birth "
        "联系电话=p.mobile 现居住地址=p.address 居住事由=choice:务工*6|经商*2|就学|投亲靠友 "
        "登记日期=date:2025-01-01~2025-06-30 登记单位=tpl:{county}公安局{street}派出所",
        rows=150, cycle="每日", open="不予开放", fmt="xlsx", license="other-closed",
    ),
    Spec(
        "id-card-service-points", "居民身份证办理网点", "public-security",
        ("population",), "301001", "身份证 办事网点 户籍办理",
        "全省可受理居民身份证申领、换领、补领业务的户籍窗口名录，含地址、电话、办公时间及是否支持跨省通办。",
        "网点名称=tpl:{county}公安局{street}派出所户籍室|{county}政务服务中心公安窗口 "
        "所在地区=county 地址=inst.address 联系电话=inst.phone "
        "办公时间=choice:周一至周五9:00-17:00*3|周一至周六8:30-17:30 是否支持跨省通办=choice:是*3|否",
        rows=60, cycle="不定期", livelihood=True, fmt="csv-bom",
    ),
    Spec(
        "vehicle-ownership-by-city", "全省机动车保有量统计", "public-security",
        ("macroeconomy",), "104001", "机动车 新能源汽车 保有量",
        "按设区市、按季度统计的机动车保有量，含汽车、新能源汽车、摩托车和挂车数量。",
        "城市=each:cities 统计期=each:quarters:2023Q3~2025Q2 汽车（辆）=series:180000~2100000 "
        "其中新能源汽车（辆）=series:6000~120000:0.03~0.12 摩托车（辆）=series:20000~260000 "
        "挂车（辆）=series:800~42000",
        cycle="每季度", fmt="csv-gbk",
    ),
    Spec(
        "driving-license-issuance", "机动车驾驶证核发信息", "public-security",
        ("e-certificates",), "106001", "驾驶证 电子证照 车辆管理",
        "公安交通管理部门核发机动车驾驶证的记录，含准驾车型、初次领证日期和有效期限，"
        "用于驾驶证电子证照共享核验。",
        "姓名=p.name 性别=p.sex 身份证明号码=p.id 准驾车型=choice:C1*8|C2*3|B2|A2|A1|B1|D "
        "初次领证日期=date:2005~2025-06-30 有效期限=choice:6年*3|10年*2|长期 "
        "发证机关=tpl:{city}公安局交通警察支队 联系电话=p.mobile",
        rows=120, cycle="每日", open="有条件开放", fmt="csv",
    ),
    # 省人力资源和社会保障厅 --------------------------------------------------------------
    Spec(
        "social-security-card-issuance", "社会保障卡发放信息", "human-resources-social-security",
        ("population", "e-certificates"), "106001", "社会保障卡 社保 民生服务",
        "全省社会保障卡（含电子社保卡）发放记录，包括持卡人身份信息、合作银行和领卡日期。"
        "涉及个人敏感信息，不予开放。",
        "姓名=p.name 公民身份号码=p.id 社会保障卡号=tpl:A########|B########|C######## "
        "发卡银行=choice:中国工商银行|中国农业银行|中国银行|中国建设银行|山西农信|晋商银行 "
        "手机号码=p.mobile 领卡日期=date:2025-01-01~2025-06-30 发卡地区=county",
        rows=180, cycle="每日", open="不予开放", fmt="xlsx", license="other-closed",
    ),
    Spec(
        "minimum-wage-standards", "全省最低工资标准", "human-resources-social-security",
        (), "211001", "最低工资 工资标准 劳动保障",
        "各县（市、区）执行的月最低工资标准和非全日制用工小时最低工资标准。",
        "地区=each:counties 所属市=city 类别=pick:c:一类|二类|三类 "
        "月最低工资标准（元）=pick:c:2050|1960|1860 小时最低工资标准（元）=pick:c:21.3|20.4|19.4 "
        "执行日期=const:2023-10-01",
        cycle="不定期", livelihood=True, fmt="csv",
    ),
    Spec(
        "wage-arrears-blacklist", "拖欠农民工工资失信联合惩戒对象名单", "human-resources-social-security",
        ("public-credit",), "103004", "拖欠工资 失信惩戒 农民工",
        "经人力资源社会保障部门认定并列入拖欠农民工工资失信联合惩戒对象名单的用人单位及其法定代表人。",
        "用人单位名称=co.name:{cityshort}{word}建筑工程有限公司|{cityshort}{word}建设集团有限公司"
        "|{cityshort}{word}劳务有限公司 统一社会信用代码=co.uscc 法定代表人=co.rep "
        "法定代表人身份证号=co.rep_id 拖欠工资金额（万元）=num:5.0~380.0 涉及人数（人）=int:3~160 "
        "列入日期=date:2024~2025-06-30 作出决定部门=tpl:{city}人力资源和社会保障局",
        rows=45, cycle="每月", fmt="csv",
    ),
    Spec(
        "vocational-skill-certificates", "职业技能等级证书信息", "human-resources-social-security",
        ("e-certificates",), "106001", "职业技能 等级证书 技能人才",
        "经备案的职业技能等级评价机构颁发的职业技能等级证书信息，可用于证书真伪查验。",
        "姓名=p.name 证件号码=p.id "
        "职业（工种）=choice:电工|焊工|育婴员|养老护理员|中式烹调师|美容师|保育师|汽车维修工 "
        "等级=choice:五级/初级工*3|四级/中级工*3|三级/高级工*2|二级/技师 "
        "证书编号=tpl:S00001414############ 评价机构=tpl:{city}{word}职业技能培训学校 "
        "发证日期=date:2023~2025-06-30",
        rows=150, cycle="每月", open="有条件开放", fmt="csv",
    ),
    Spec(
        "job-fairs", "公共就业服务招聘会信息", "human-resources-social-security",
        (), "211001", "招聘会 就业服务 春风行动",
        "各级公共就业服务机构举办的现场招聘会安排，含举办时间、地点、参会企业和岗位数量。",
        "招聘会名称=tpl:{year}年{city}“春风行动”专场招聘会|{city}高校毕业生专场招聘会"
        "|{county}退役军人专场招聘会|{city}民营企业招聘月专场 举办日期=date:2025-03-01~2025-06-30 "
        "举办地点=tpl:{city}人力资源市场|{county}人力资源服务中心 主办单位=tpl:{city}人力资源和社会保障局 "
        "参会企业（家）=int:20~260 提供岗位（个）=int:300~8000 咨询电话=inst.phone",
        rows=40, cycle="每周", livelihood=True, fmt="csv",
    ),
    # 省卫生健康委员会 --------------------------------------------------------------------
    Spec(
        "medical-institutions", "全省医疗机构名录", "health-commission",
        ("legal-entity",), "102002", "医院 医疗机构 基层卫生",
        "全省经卫生健康行政部门执业登记的医疗机构名录，含机构类别、等级、地址、电话和床位数。",
        "机构名称=pick:t:{city}第{cn}人民医院|{county}人民医院|{county}中医医院"
        "|{county}{street}街道社区卫生服务中心|{county}{surname}家庄乡卫生院|{city}妇幼保健院 "
        "机构类别=pick:t:综合医院|综合医院|中医医院|社区卫生服务中心|乡镇卫生院|妇幼保健院 "
        "医院等级=pick:t:三级甲等;三级乙等|二级甲等|二级甲等|未定级|未定级|二级甲等 "
        "统一社会信用代码=inst.uscc 所在地区=county 地址=inst.address 联系电话=inst.phone "
        "床位数（张）=int:20~1800",
        rows=120, cycle="每季度", livelihood=True, fmt="csv",
    ),
    Spec(
        "licensed-physicians", "执业医师注册信息", "health-commission",
        ("e-certificates",), "106001", "执业医师 医师注册 电子证照",
        "全省医师执业注册信息，含执业类别、执业范围、执业地点和医师执业证书编码。",
        "姓名=p.name 性别=p.sex 出生日期=p.birth 执业类别=pick:k:临床|中医|口腔|公共卫生 "
        "执业范围=pick:k:内科专业;外科专业;妇产科专业;儿科专业|中医专业;中西医结合专业"
        "|口腔专业|公共卫生类别专业 执业地点=tpl:" + _HOSPITALS + " "
        "医师执业证书编码=tpl:11014########## 注册日期=date:2010~2025-06-30",
        rows=100, cycle="每月", open="有条件开放", fmt="xlsx",
    ),
    Spec(
        "public-place-health-permits", "公共场所卫生许可信息", "health-commission",
        ("e-certificates",), "106002", "卫生许可 公共场所 宾馆 美容美发",
        "住宿、沐浴、美容美发、游泳等公共场所卫生许可证核发信息。",
        "单位名称=pick:t:{county}{word}宾馆|{county}{word}洗浴中心|{county}{word}美发店"
        "|{city}{word}游泳馆|{county}{word}酒店 许可项目=pick:t:住宿场所|沐浴场所|美容美发场所"
        "|游泳场所|住宿场所 统一社会信用代码=co.uscc 法定代表人=co.rep 经营地址=co.address "
        "许可证号=tpl:晋卫公证字〔{year}〕第{area}######号 发证日期=date:2023~2025-06-30 "
        "有效期至=date:2027~2029",
        rows=150, cycle="每日", livelihood=True, fmt="csv-gbk",
    ),
    Spec(
        "birth-medical-certificates", "出生医学证明签发信息", "health-commission",
        ("population", "e-certificates"), "101004", "出生医学证明 新生儿 电子证照",
        "助产机构签发的出生医学证明记录，含新生儿及父母身份信息，用于户籍登记等事项的共享核验，不予开放。",
        "新生儿姓名=child.name 性别=child.sex 出生日期=child.birth "
        "出生地点=tpl:{city}妇幼保健院|{county}人民医院|{city}第{cn}人民医院 母亲姓名=mother.name "
        "母亲身份证号=mother.id 父亲姓名=father.name 父亲身份证号=father.id 家庭住址=mother.address "
        "出生医学证明编号=tpl:Y14########|Z14########",
        rows=80, cycle="每日", open="不予开放", fmt="csv", license="other-closed",
    ),
    Spec(
        "vaccination-clinics", "预防接种门诊名录", "health-commission",
        (), "201002", "预防接种 疫苗 门诊",
        "全省预防接种门诊名录，含地址、电话、接种时间和是否提供狂犬病疫苗接种服务。",
        "门诊名称=tpl:{county}{street}街道社区卫生服务中心预防接种门诊|{county}人民医院预防接种门诊"
        "|{county}疾病预防控制中心预防接种门诊 所在地区=county 地址=inst.address 联系电话=inst.phone "
        "接种时间=choice:周一至周五上午|周二、周四全天|周一至周六上午 是否提供狂犬病疫苗接种=choice:是|否",
        rows=70, cycle="不定期", livelihood=True, fmt="csv",
    ),
    # 省教育厅 ----------------------------------------------------------------------------
    Spec(
        "schools-directory", "全省中小学校名录", "education",
        ("legal-entity",), "102002", "中小学 学校名录 义务教育",
        "全省中小学校基本信息，含办学类型、办学性质、地址、联系电话、在校学生数和专任教师数。",
        "学校名称=pick:t:{county}第{cn}中学|{county}{street}小学|{city}第{cn}中学校|{county}实验小学"
        "|{county}{street}九年一贯制学校 办学类型=pick:t:初级中学|小学|普通高中|小学|九年一贯制学校 "
        "统一社会信用代码=inst.uscc 所在地区=county 地址=inst.address 联系电话=inst.phone "
        "在校学生数（人）=int:180~3600 专任教师数（人）=int:15~280 办学性质=choice:公办*9|民办",
        rows=160, cycle="每年", livelihood=True, fmt="csv", extra="dict",
    ),
    Spec(
        "graduate-employment-registration", "高校毕业生就业登记信息", "education",
        ("population",), "101003", "高校毕业生 就业登记 就业统计",
        "省内普通高校毕业生就业登记信息，含毕业院校、专业、学历、就业单位和就业地区。"
        "含个人联系方式，仅供就业统计与服务使用，不予开放。",
        "姓名=youth.name 性别=youth.sex 身份证号=youth.id "
        "毕业院校=choice:山西大学|太原理工大学|中北大学|山西财经大学|山西医科大学|山西师范大学"
        "|太原科技大学|山西农业大学|山西中医药大学|太原师范学院 "
        "专业=choice:计算机科学与技术|会计学|临床医学|汉语言文学|机械设计制造及其自动化|土木工程|法学"
        "|英语|电气工程及其自动化|护理学 学历=choice:本科*6|硕士研究生*2|专科*2|博士研究生 "
        "手机号码=youth.mobile 电子邮箱=youth.email 就业单位=co.name 就业地区=city 毕业年份=year",
        rows=200, cycle="每年", open="不予开放", fmt="xlsx", license="other-closed",
        excel_numbers=("手机号码",),
    ),
    Spec(
        "kindergartens", "全省幼儿园名录", "education",
        (), "203001", "幼儿园 学前教育 普惠性",
        "全省公办及民办幼儿园名录，含办园性质、班级数、在园幼儿数和保教费收费标准。",
        "幼儿园名称=tpl:{county}{street}幼儿园|{county}第{cn}幼儿园|{city}{word}幼儿园|{county}实验幼儿园 "
        "办园性质=choice:公办*5|普惠性民办*4|民办*2 所在地区=county 地址=inst.address "
        "联系电话=inst.phone 班级数（个）=int:3~24 在园幼儿数（人）=int:60~720 "
        "保教费（元/月）=int:260~2800",
        rows=120, cycle="每年", livelihood=True, fmt="csv-gbk",
    ),
    Spec(
        "teacher-qualification-certificates", "教师资格证书信息", "education",
        ("e-certificates",), "106001", "教师资格 证书查询 电子证照",
        "教育行政部门认定的教师资格证书信息，含资格种类、任教学科、证书号码和认定机构。",
        "姓名=youth.name 性别=youth.sex 身份证号=youth.id "
        "资格种类=choice:幼儿园教师资格|小学教师资格|初级中学教师资格|高级中学教师资格|中等职业学校教师资格 "
        "任教学科=choice:语文|数学|英语|物理|化学|生物|历史|地理|道德与法治|音乐|体育|美术 "
        "证书号码=tpl:{year}14########### 认定机构=tpl:{city}教育局|山西省教育厅 "
        "发证日期=date:2024~2025-06-30",
        rows=150, cycle="每季度", open="有条件开放", fmt="csv",
    ),
    # 省民政厅 ----------------------------------------------------------------------------
    Spec(
        "minimum-living-standards", "城乡居民最低生活保障标准", "civil-affairs",
        (), "202002", "低保标准 社会救助 特困供养",
        "各县（市、区）现行城市、农村居民最低生活保障标准和特困人员基本生活标准。",
        "地区=each:counties 所属市=city 城市低保标准（元/月）=int:680~850 "
        "农村低保标准（元/年）=int:5900~7600 特困人员基本生活标准（元/月）=int:890~1110 "
        "执行日期=const:2025-01-01",
        cycle="每半年", livelihood=True, fmt="csv",
    ),
    Spec(
        "minimum-living-recipients", "城乡低保对象公示名单", "civil-affairs",
        ("population",), "202002", "低保对象 公示 社会救助",
        "经审核审批纳入城乡最低生活保障的家庭名单，含户主信息、保障人口和月保障金额。"
        "按规定在村（居）公示，对外开放须经审核。",
        "户主姓名=p.name 身份证号=p.id 家庭住址=p.address 保障人口（人）=int:1~5 "
        "月保障金额（元）=int:280~2600 保障类别=choice:城市低保*2|农村低保*3 联系电话=p.mobile "
        "审批日期=date:2024-07-01~2025-06-30",
        rows=180, cycle="每月", open="有条件开放", fmt="csv-bom",
    ),
    Spec(
        "social-organizations", "社会组织登记信息", "civil-affairs",
        ("legal-entity", "public-credit"), "102003", "社会组织 社会团体 登记管理",
        "在各级民政部门登记的社会团体基本信息，含统一社会信用代码、业务主管单位、法定代表人和住所。",
        "组织名称=ngo.name:{city}{word}协会|{city}{word}商会|{city}{word}促进会|{city}{word}研究会 "
        "统一社会信用代码=ngo.uscc 类型=const:社会团体 "
        "业务主管单位=tpl:无|无|无|{city}科学技术协会|{city}文化和旅游局|{city}工商业联合会 "
        "法定代表人=ngo.rep 成立登记日期=date:1995~2025-06-30 住所=ngo.address "
        "登记管理机关=tpl:{city}民政局|山西省民政厅",
        rows=90, cycle="每月", fmt="csv",
    ),
    Spec(
        "elderly-care-institutions", "养老机构名录", "civil-affairs",
        (), "202003", "养老机构 养老服务 床位",
        "全省已备案养老机构名录，含机构性质、床位数、收住对象、收费标准和联系电话。",
        "机构名称=tpl:{county}社会福利中心|{county}{word}颐养院|{city}{word}老年公寓"
        "|{county}{street}街道养老服务中心 统一社会信用代码=inst.uscc 性质=choice:公办*2|公建民营|民办*3 "
        "地址=inst.address 床位数（张）=int:30~600 收住对象=choice:自理老人|自理、半失能老人|全护理老人 "
        "收费标准（元/月）=int:1200~6800 联系电话=inst.phone",
        rows=80, cycle="每季度", livelihood=True, fmt="xlsx",
    ),
    Spec(
        "marriage-registration-offices", "婚姻登记机关名录", "civil-affairs",
        (), "301001", "婚姻登记 办事指南 网上预约",
        "全省县级婚姻登记机关地址、电话、办公时间和网上预约开通情况。",
        "所在地区=each:counties 所属市=city 登记机关名称=tpl:{county}民政局婚姻登记处 "
        "地址=inst.address 联系电话=inst.phone 办公时间=const:周一至周五8:30-12:00,14:30-17:30 "
        "是否开通网上预约=choice:是*4|否",
        cycle="不定期", livelihood=True, fmt="csv",
    ),
)
