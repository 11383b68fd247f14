"""The demo group's 2021 report texts, taken from its own 2021 work summary (seed 000).

Figures are not typed in: the {code} placeholders are filled from the records when the report is
written, so the texts stay right when the records change.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone

from members.demo import FOUNDED_ON

from .models import ReportDraft, YearSnapshot
from .services import year_freeze

INTRODUCTION = "\n".join(
    [
        (
            "集团是在东莞市教育局的主导下，由东莞市机电工程学校牵头，高等院校、中职学校、行业协会"
            "（科研机构）和优质企业组成的东莞市首家职业教育集团，成立于 2013 年 10 月。2018 年集"
            "团被认定为广东省示范职教集团。经过多年的发展，目前有 {members_enterprise} 家优质企业"
            "加入集团。"
        ),
        (
            "集团依托东莞市、大湾区模具产业背景，按照“政校企合作、专业性联盟、产教研结合、国际化"
            "发展”的思路，联合湾区模具类院校、行业协会和相关企业，全力打造“信息共通、资源共享、人"
            "才共育、产业共推、利益共享”的集团化办学模式。"
        ),
        (
            "2021 年，东莞市模具（国际）职业教育集团入围全国示范性职业教育集团（联盟）培育单位，"
            "是全省入围的两所中职学校之一。"
        ),
    ]
)

MAIN_WORK = "\n".join(
    [
        (
            "集团坚持以服务东莞模具产业转型升级为宗旨，以模具类专业建设和人才培养为纽带，以聚集优"
            "质教学资源和校企合作为重点，实现人才培养系统化、课程化、实体化创新，拓宽模具职业教育"
            "的发展空间，打通人才培养“双通道”。"
        ),
        (
            "2021 年，牵头学校与多家企业以产学研结合的方式展开校企合作，建设模具产业学院，壮大校"
            "企双方的硬实力。全年在合作的校企合作项目 {projects_total} 项，企业投入设备和资金 "
            "{investment_cny} 元，订单班（项目班）学生 {students_order_class} 名，顶岗实习学生 "
            "{students_internship} 名。"
        ),
        (
            "做好国家示范性职教集团的创建工作：提升集团成员单位合作的广度和深度，考察补充了东莞市"
            "宇瞳光学科技股份有限公司、东莞极飞无人机科技有限公司等优质单位；按文件和系统平台的要"
            "求做好 2020 年度资料归类入档和系统入库工作；不断充实网站内容，吸收新单位会员和个人会"
            "员。"
        ),
        (
            "做好非全日制招生及管理工作：依靠集团现有校企合作平台，通过完善在线课程，推进集团非全"
            "日制中职学历教育工作，共有 {enrollment_registered} 人报名，{enrollment_approved} 人"
            "通过审核参加学习。"
        ),
    ]
)

PROBLEMS = "\n".join(
    [
        (
            "由于集团是不具单位法人资格的松散组织，集团管理主要依托秘书长单位东莞市机电工程学校，"
            "在资源调配上主体性不强。"
        ),
        (
            "集团内主要企业的经营情况直接影响到企业参与集团建设的主动性和积极性，是集团稳定发展的"
            "主要隐患。"
        ),
        ("集团运作的经费问题。"),
    ]
)

NEXT_YEAR_PLAN = "\n".join(
    [
        (
            "2022 年伊始，东莞市模具（国际）职业教育集团将不忘初心，砥砺前行，继续做好示范性职教"
            "集团的创建和运行工作，让其发挥互联共赢职业教育联盟的作用。"
        ),
        (
            "继续以深化产教融合为抓手，积极推进产业学院筹建工作；从 2022 年 9 月开始增设跨境电子"
            "商务专业，配置好新增专业的老师和设施设备，编制好课程体系和教学计划。"
        ),
        (
            "继续做好非全日制招生宣传及网上报名工作，完善学生岗位实习企业资源库，拓宽选择范围，提"
            "高学生岗位实习质量。"
        ),
    ]
)


# The past years frozen by the demo, so the trend chart has points: those before 2021, and
# those between 2021 and last year; 2021 and last year are frozen when the demo's data calls
# close (datacalls.demo). Each is dated as if frozen at the end of the following January.
FREEZE_REASON = "演示数据：按系统中当年的记录封存（历史年度）"


def frozen_years() -> list[int]:
    last_year = timezone.localdate().year - 1
    return [*range(FOUNDED_ON.year, 2021), *range(2022, last_year)]


def freeze_past_years() -> list[int]:
    """Freeze each past year that has no version yet as version 1; frozen years are kept."""
    wanted = frozen_years()
    frozen = set(YearSnapshot.objects.filter(year__in=wanted).values_list("year", flat=True))
    years = [year for year in wanted if year not in frozen]
    for year in years:
        snapshot = year_freeze(year=year, by=None, reason=FREEZE_REASON)
        backdate_freeze(year=year, version=snapshot.version, at=frozen_at(year))
    return years


def frozen_at(year: int) -> datetime:
    return timezone.make_aware(datetime(year + 1, 1, 28, 10, 0))


def backdate_freeze(*, year: int, version: int, at: datetime) -> None:
    """Date a version the demo has just frozen as if it had been frozen `at`. Only the demo
    loader does this, right after freezing: snapshots are otherwise never changed."""
    QuerySet.update(YearSnapshot.objects.filter(year=year, version=version), created_at=at)


def load() -> str:
    """Create the 2021 draft if it is missing (texts edited since are kept) and freeze the
    years before 2021."""
    frozen = freeze_past_years()
    _draft, created = ReportDraft.objects.get_or_create(
        year=2021,
        defaults={
            "introduction": INTRODUCTION,
            "main_work": MAIN_WORK,
            "problems": PROBLEMS,
            "next_year_plan": NEXT_YEAR_PLAN,
        },
    )
    return (
        "2021 report draft "
        + ("created" if created else "kept")
        + (f", froze {frozen[0]}-{frozen[-1]}" if frozen else ", past years kept")
    )
