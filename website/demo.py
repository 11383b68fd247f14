"""Demo news of seed 000 (the Dongguan group's 2021 work summary); idempotent by title."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from . import sitetexts
from .models import Article, SiteProfile, SiteText

TZ = ZoneInfo("Asia/Shanghai")

ARTICLES = [
    (
        "学校携手端品精密科技签约共建“端品模具研发及工程中心”",
        "东莞市端品精密科技有限公司携3000万元先进设备和资深技术人员入校，选拔25名学生组建端品模具设计191班。",
        "<p>3月10日，东莞市机电工程学校与东莞市端品精密科技有限公司在学校举行企业项目训练中心"
        "“端品模具研发及工程中心”项目合作协议签约仪式。</p>"
        "<p>企业携 <strong>3000 万元</strong>先进设备与 10 年以上工作经验的技术人员入校，"
        "着力培养精密模具设计制造人才。学校选拔 25 名学生组建了端品模具设计 191 班。</p>",
        datetime(2021, 3, 10, 10, 0, tzinfo=TZ),
    ),
    (
        "艾尔玛模具制造191班：来自云南巧家的学子用技能改变命运",
        "班上31名同学中有25名来自云南巧家，企业工程师手把手带教。",
        "<p>集团牵头学校选拔 35 名学生组建企业项目训练中心艾尔玛模具制造 191 班，"
        "另有 20 名学生到东莞市艾尔玛科技有限公司顶岗实习。</p>"
        "<p>班上 31 名同学中有 25 名来自云南巧家。2018 级毕业生周发印目前在艾尔玛从事注塑工作，"
        "他希望近年内掌握注塑调机，成长为专业注塑技术员。</p>",
        datetime(2021, 6, 18, 9, 0, tzinfo=TZ),
    ),
    (
        "45名学生赴广东创世纪智能装备股份有限公司顶岗实习",
        "集团拓宽岗位实习企业资源库，提高学生岗位实习质量。",
        "<p>集团选拔 45 名学生到广东创世纪智能装备股份有限公司顶岗实习。"
        "集团将继续完善学生岗位实习企业资源库，拓宽选择范围。</p>",
        datetime(2021, 7, 5, 9, 0, tzinfo=TZ),
    ),
    (
        "学校拟于2022年9月增设跨境电子商务专业",
        "集团多次与长安电商协会、电商企业座谈，商定校企合作方案和人才培养方案。",
        "<p>为深化产教融合、服务地方经济，集团多次与长安电商协会及电商企业座谈，"
        "对跨境电商校企合作方案、人才培养方案、校企共同授课进行了协商。</p>"
        "<p>学校拟从 2022 年 9 月开始增设跨境电子商务专业。</p>",
        datetime(2021, 11, 20, 9, 0, tzinfo=TZ),
    ),
    (
        "集团入围全国示范性职业教育集团（联盟）培育单位",
        "是全省入围的两所中职学校之一。",
        "<p>2021 年，东莞市模具（国际）职业教育集团入围全国示范性职业教育集团（联盟）培育单位，"
        "是全省入围的两所中职学校之一。</p>",
        datetime(2021, 12, 15, 9, 0, tzinfo=TZ),
    ),
]


# The group's profile and texts, from section 一 of seed 000 (the 2021 work summary).
PROFILE = {
    "name_zh": "东莞市模具（国际）职业教育集团",
    "name_en": "Dongguan Mould (International) Vocational Education Group",
    "founded_on": date(2013, 10, 18),
    "guiding_body_zh": "东莞市教育局",
    "guiding_body_en": "Dongguan Education Bureau",
    "lead_school_zh": "东莞市机电工程学校",
    "lead_school_en": "Dongguan Electromechanical Engineering School",
    "accreditation_zh": "广东省示范职教集团（2018 年）\n"
    "全国示范性职业教育集团（联盟）培育单位（2021 年）",
    "accreditation_en": "Guangdong demonstration vocational education group (2018)\n"
    "Candidate national demonstration vocational education group (alliance) (2021)",
}
TEXTS = {
    SiteText.Key.HOME_INTRO: (
        "<p>集团成立于 2013 年 10 月，在东莞市教育局的主导下，由东莞市机电工程学校牵头，"
        "联合高等院校、中职学校、行业协会和优质企业，打造“信息共通、资源共享、人才共育、"
        "产业共推、利益共享”的集团化办学模式。</p>",
        "<p>Founded in October 2013 under the guidance of the Dongguan Education Bureau and led "
        "by Dongguan Electromechanical Engineering School, the group joins universities, "
        "vocational schools, industry associations and enterprises: information shared, "
        "resources shared, talent trained together, industry advanced together, benefits "
        "shared.</p>",
    ),
    SiteText.Key.ABOUT: (
        "<h2>基本情况</h2>"
        "<p>东莞市模具（国际）职业教育集团成立于 2013 年 10 月。集团是在东莞市教育局的主导下，"
        "由东莞市机电工程学校牵头，3 所高等院校、15 所中职学校、8 家行业协会（科研机构）和 "
        "76 家优质企业组成的东莞市首家职业教育集团。2018 年集团被认定为广东省示范职教集团，"
        "2021 年入围全国示范性职业教育集团（联盟）培育单位。</p>"
        "<h2>办学思路</h2>"
        "<p>集团依托东莞市、大湾区模具产业背景，按照“政校企合作、专业性联盟、产教研结合、"
        "国际化发展”的思路，联合湾区模具类院校、行业协会和相关企业，全力打造“信息共通、"
        "资源共享、人才共育、产业共推、利益共享”的集团化办学模式。</p>"
        "<p>成员单位之间按照互惠自愿的原则，在设施设备、技术信息、实训基地、岗前岗后培训、"
        "技能鉴定、技术开发、产教研合作和毕业生实习就业、教师实践锻炼和企业工程师聘任兼职教师"
        "等方面进行资源互补，形成互联共赢的职业教育联盟。</p>",
        "<h2>Who we are</h2>"
        "<p>The group was founded in October 2013. Guided by the Dongguan Education Bureau and "
        "led by Dongguan Electromechanical Engineering School, it was Dongguan's first "
        "vocational education group, formed by 3 higher-education institutions, 15 secondary "
        "vocational schools, 8 industry associations and research institutes and 76 quality "
        "enterprises. It became a Guangdong demonstration group in 2018 and a candidate "
        "national demonstration group in 2021.</p>"
        "<h2>How we work</h2>"
        "<p>Rooted in the mould industry of Dongguan and the Greater Bay Area, members share "
        "equipment, technical information, training bases, training, skills assessment, "
        "technology development, internships and employment, teacher practice in enterprises "
        "and engineers teaching part time.</p>",
    ),
    SiteText.Key.CONTACT: (
        "<p>集团管理主要依托秘书长单位东莞市机电工程学校，秘书处设在该校。"
        "成员单位入会、校企合作和非全日制招生事宜，请与秘书处联系。</p>",
        "<p>The secretariat is hosted by the secretary-general's school, Dongguan "
        "Electromechanical Engineering School. Write to it about joining, school-enterprise "
        "cooperation and part-time enrollment.</p>",
    ),
    SiteText.Key.FOOTER: (
        "<p>秘书处：东莞市机电工程学校</p><p>指导单位：东莞市教育局</p>",
        "<p>Secretariat: Dongguan Electromechanical Engineering School</p>"
        "<p>Guided by the Dongguan Education Bureau</p>",
    ),
}


def _load_site_texts() -> None:
    """Filled once: what staff edit later is kept."""
    if not SiteProfile.objects.exists():
        SiteProfile.objects.create(**PROFILE)
    for key, (body_zh, body_en) in TEXTS.items():
        SiteText.objects.get_or_create(key=key, defaults={"body_zh": body_zh, "body_en": body_en})
    sitetexts.forget()


def load() -> str:
    _load_site_texts()
    for title, summary, body, published_at in ARTICLES:
        Article.objects.get_or_create(
            title=title,
            defaults={
                "summary": summary,
                "body": body,
                "published_at": published_at,
                "status": Article.Status.PUBLISHED,
            },
        )
    return (
        f"{Article.objects.published().count()} published news articles, "
        f"{SiteText.objects.count()} site texts"
    )
