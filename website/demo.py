"""Demo news of seed 000 (the Dongguan group's 2021 work summary); idempotent by title."""

from datetime import datetime
from zoneinfo import ZoneInfo

from .models import Article

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


def load() -> str:
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
    return f"{Article.objects.published().count()} published news articles"
