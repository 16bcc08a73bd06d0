"""The district body the joint-meeting rules set up (docs/SOURCES.md): its member units and the seats
named in its roster. Titles come from the roster; the people's real names are left out on purpose."""

BODY = ("qixing", "七星区职业病防治工作局际联席会议")
# What its documents carry: the health bureau's seal stands in for the body, its general office's
# for the office (the joint-meeting rules §六(四)); the convener and the office are the health bureau's.
PROFILE = {
    "level": "district",
    "body_seal": "区卫生健康局",
    "office_seal": "区卫生健康局办公室",
    "doc_prefix": "七星职防联",
    "convener_unit": "wjj",
    "office_unit": "wjj",
}

# (code, unit name, the member's title in the roster)
UNITS = [
    ("wjj", "区卫生健康局", "区卫生健康局副局长"),
    ("xcb", "区委宣传部", "区委宣传部融媒体中心主任"),
    ("fgj", "区发展和改革局", "区发展和改革局副局长"),
    ("jyj", "区教育局", "区教育局副局长"),
    ("kjyq", "区科技园区局", "区科技园区局综合服务处副主任"),
    ("gxj", "区工业和信息化局", "区工业和信息化局副局长"),
    ("mzj", "区民政局", "区民政局副局长"),
    ("czj", "区财政局", "区财政局国库支付中心主任"),
    ("rsj", "区人力资源和社会保障局", "区人力资源和社会保障局副局长"),
    ("sthjj", "桂林市七星生态环境局", "桂林市七星生态环境局副局长"),
    ("zjj", "区住房城乡建设局", "区住房城乡建设局副局长"),
    ("yjj", "区应急管理局", "区应急管理局副局长"),
    ("scjgj", "区市场监督管理局", "区市场监督管理局副局长"),
    ("ybj", "桂林市医疗保障局七星分局", "桂林市医疗保障局七星分局局长"),
    ("zgh", "区总工会", "区总工会二级调研员"),
    ("wsjds", "区卫生计生监督所", "区卫生计生监督所副所长"),
    ("cyx", "朝阳乡人民政府", "朝阳乡人民政府副乡长"),
    ("qxjd", "七星街道办事处", "七星街道办事处副主任"),
    ("csjd", "穿山街道办事处", "穿山街道办事处副主任"),
    ("djjd", "东江街道办事处", "东江街道办事处纪工委书记"),
    ("ldjd", "漓东街道办事处", "漓东街道办事处副主任"),
    ("hqlyq", "华侨旅游经济区管委会", "华侨旅游经济区管委会副主任"),
]

# Each unit's duties in the body (§三), in the demo's own summary of what such units typically do;
# the other units' are left for the administrator to write.
DUTIES = {
    "wjj": "统筹协调全区职业病防治工作，承担联席会议办公室日常工作。\n"
    "负责用人单位职业卫生的监督管理，组织职业健康检查、职业病诊断与鉴定。\n"
    "负责职业病危害因素监测和职业病报告。",
    "rsj": "负责工伤保险政策落实：职业病患者的工伤认定、劳动能力鉴定和工伤保险待遇。\n"
    "督促用人单位依法订立劳动合同、参加工伤保险；做好职业病患者的就业帮扶。",
    "mzj": "将符合条件的职业病患者家庭纳入最低生活保障、特困人员救助供养和临时救助。",
    "yjj": "负责安全生产监督管理，督促企业落实主体责任，配合处置职业病危害事故。",
    "ybj": "落实职业病患者的基本医疗保险和医疗救助待遇。",
    "zgh": "维护劳动者职业健康权益，监督用人单位职业病防治工作，开展宣传和困难职工帮扶。",
}

# Outside units a meeting may invite ("可根据工作需要邀请其他有关部门参加会议"), and the district
# government, which receives copies (抄报) of full and special minutes. The rules name neither.
GUESTS = [("sfj", "区司法局"), ("swj", "国家税务总局桂林市七星区税务局")]
GOVERNMENT = ("qzf", "七星区人民政府")

# (user name, unit, roles, display name, title). The office sits in the health bureau; its two
# deputy seats are held by the HR & social security bureau and the trade union (the joint-meeting rules §二).
OFFICE = [
    ("convener", "wjj", ["convener"], "召集人", "区卫生健康局局长"),
    ("office.director", "wjj", ["office_director", "admin"], "办公室主任", "区卫生健康局分管领导"),
    ("office.deputy", "rsj", ["office_deputy"], "办公室副主任（人社）", "区人社局业务科室负责人"),
    ("office.deputy2", "zgh", ["office_deputy"], "办公室副主任（工会）", "区总工会业务科室负责人"),
    ("office.staff", "wjj", ["office_staff"], "办公室工作人员", "区卫健局业务科室负责人"),
    ("site.admin", "wjj", ["site_admin"], "站点管理员", "平台运维负责人"),
]
