"""The demo group's cooperation projects (seed 000), its internship pool and a 2022 work plan
(seed 004's thirteen tasks, adapted to the Dongguan group).

Figures named in the seeds are kept exactly; dates the seeds do not give (and the earlier-year
projects that give several years data) are plausible stand-ins, said so in their descriptions.
Idempotent: rows are looked up by their natural keys and edits made since are kept.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from members.demo import LEAD_SCHOOL
from members.models import Member

from .models import (
    InternshipOffer,
    Participant,
    Placement,
    PlanTask,
    Project,
    ProjectClass,
    ProjectEvent,
    SharedResource,
    WorkPlan,
)

K = Project.Kind
S = Project.Status
R = Participant.Role

DUANPIN = "东莞市端品精密科技有限公司"
AIERMA = "东莞市艾尔玛科技有限公司"
CHUANGSHIJI = "广东创世纪智能装备股份有限公司"
JIERONG = "东莞捷荣技术股份有限公司"
RIXIN = "广东日信高精密科技有限公司"
HR_OFFICE = "长安人力资源分局"
ECOMMERCE = "长安电商协会"
MOULD_ASSOCIATION = "东莞市模具行业协会"
YUTONG = "东莞市宇瞳光学科技股份有限公司"
STAND_IN = "（日期为演示用估计值，种子文件未给出。）"

TRAINING_CENTRE = "端品模具研发及工程中心"
DUANPIN_CLASS = "端品模具设计191班"
AIERMA_CLASS = "艾尔玛模具制造191班"
AIERMA_INTERNSHIP = "艾尔玛顶岗实习（2021）"
CHUANGSHIJI_INTERNSHIP = "创世纪顶岗实习（2021）"
INDUSTRY_COLLEGE = "捷荣模具产业学院（长安技谷）"
ECOMMERCE_PROGRAMME = "跨境电子商务专业共建"

PROJECTS = [
    dict(
        title=TRAINING_CENTRE,
        kind=K.TRAINING_CENTRE,
        status=S.RUNNING,
        signed_on=date(2021, 3, 10),
        starts_on=date(2021, 3, 10),
        investment_cny=Decimal("30000000"),
        students=0,
        description="东莞市端品精密科技有限公司携3000万元先进设备与10年以上工作经验技术人员入校，"
        "与学校签订合作，着力培养精密模具设计制造人才。",
        participants=[(DUANPIN, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
        events=[
            (
                ProjectEvent.Kind.MILESTONE,
                date(2021, 3, 10),
                "企业项目训练中心“端品模具研发及工程中心”项目合作协议签约仪式",
                "在东莞市机电工程学校举行，成立端品模具研发中心。",
            )
        ],
    ),
    dict(
        title=DUANPIN_CLASS,
        kind=K.ORDER_CLASS,
        status=S.FINISHED,
        ends_on=date(2022, 6, 30),  # the class of 2019 graduated since
        signed_on=date(2021, 3, 10),
        starts_on=date(2021, 3, 10),
        students=25,
        description="选拔25名学生组建的项目班，按照企业项目训练中心校企合作人才培养模式培养；"
        "毕业时可基本胜任模具设计或模具制造岗位，月工资最少可达8000元以上。",
        participants=[(DUANPIN, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
        classes=[
            dict(
                name=DUANPIN_CLASS,
                intake_year=2019,
                selected=25,
                enrolled=25,
                notes="预期毕业生月工资最少8000元以上。",
            )
        ],
    ),
    dict(
        title=AIERMA_CLASS,
        kind=K.ORDER_CLASS,
        status=S.FINISHED,
        ends_on=date(2022, 6, 30),  # the class of 2019 graduated since
        signed_on=date(2021, 9, 1),
        starts_on=date(2021, 9, 1),
        students=35,
        description="牵头学校选拔35名学生组建的企业项目训练中心艾尔玛模具制造191班。" + STAND_IN,
        participants=[(AIERMA, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
        classes=[
            dict(
                name=AIERMA_CLASS,
                intake_year=2019,
                selected=35,
                enrolled=31,
                origin_region="云南巧家（扶贫协作地区）",
                from_origin_region=25,
                notes="种子文件一处称选拔35名学生，另一处称全班31名同学，其中25名来自云南巧家；"
                "此处记为选拔35名、在读31名。",
            )
        ],
    ),
    dict(
        title=AIERMA_INTERNSHIP,
        kind=K.INTERNSHIP,
        status=S.FINISHED,
        ends_on=date(2021, 12, 31),  # ended since the seed was written
        signed_on=date(2021, 7, 1),
        starts_on=date(2021, 7, 1),
        students=20,
        description="20名学生到东莞市艾尔玛科技有限公司顶岗实习。" + STAND_IN,
        participants=[(AIERMA, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
    ),
    dict(
        title=CHUANGSHIJI_INTERNSHIP,
        kind=K.INTERNSHIP,
        status=S.FINISHED,
        ends_on=date(2021, 12, 31),  # ended since the seed was written
        signed_on=date(2021, 7, 1),
        starts_on=date(2021, 7, 1),
        students=45,
        description="选拔45名学生到广东创世纪智能装备股份有限公司顶岗实习。" + STAND_IN,
        participants=[(CHUANGSHIJI, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
    ),
    dict(
        title=INDUSTRY_COLLEGE,
        kind=K.INDUSTRY_COLLEGE,
        status=S.NEGOTIATING,
        description="集团引进东莞捷荣技术股份有限公司，经长安人力资源分局协调，由广东日信高精密科技"
        "有限公司提供场地，与学校共建产业学院（筹建中），推动长安技谷项目落地。",
        participants=[
            (LEAD_SCHOOL, R.SCHOOL),
            (JIERONG, R.ENTERPRISE),
            (RIXIN, R.SITE_PROVIDER),
            (HR_OFFICE, R.COORDINATOR),
        ],
    ),
    dict(
        title=ECOMMERCE_PROGRAMME,
        kind=K.PROGRAMME_DEVELOPMENT,
        status=S.NEGOTIATING,
        starts_on=date(2022, 9, 1),
        description="集团多次与长安电商协会、电商企业座谈，就跨境电商校企合作方案、人才培养方案、"
        "校企共同授课达成初步成果；学校拟从2022年9月开始增设跨境电子商务专业。",
        participants=[(LEAD_SCHOOL, R.SCHOOL), (ECOMMERCE, R.OTHER)],
    ),
    # Earlier years, so that several years have data (stand-ins, see the module docstring).
    dict(
        title="艾尔玛模具制造181班",
        kind=K.ORDER_CLASS,
        status=S.FINISHED,
        signed_on=date(2018, 9, 1),
        starts_on=date(2018, 9, 1),
        ends_on=date(2020, 12, 31),  # the third year is spent in placements
        students=30,
        description="艾尔玛模具制造2018级订单班；毕业生周发印（来自云南巧家）现于艾尔玛从事注塑工作，"
        "月工资六千左右。" + STAND_IN,
        participants=[(AIERMA, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
        classes=[
            dict(
                name="艾尔玛模具制造181班",
                intake_year=2018,
                selected=30,
                enrolled=30,
                graduated=29,
                origin_region="云南巧家（扶贫协作地区）",
                from_origin_region=12,
                employed_at_partner=18,
                employed_elsewhere=8,
                further_study=3,
                salary_band=ProjectClass.SalaryBand.FROM_6000,
            )
        ],
    ),
    dict(
        title="创世纪顶岗实习（2020）",
        kind=K.INTERNSHIP,
        status=S.FINISHED,
        signed_on=date(2020, 7, 1),
        starts_on=date(2020, 7, 1),
        ends_on=date(2020, 12, 31),
        students=38,
        description="2020年顶岗实习。" + STAND_IN,
        participants=[(CHUANGSHIJI, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
    ),
    dict(
        title="模具专业教师企业实践锻炼（2020）",
        kind=K.TEACHER_PRACTICE,
        status=S.FINISHED,
        signed_on=date(2020, 1, 10),
        starts_on=date(2020, 7, 10),
        ends_on=date(2020, 8, 20),
        description="模具专业教师暑期到企业实践锻炼。" + STAND_IN,
        participants=[
            (DUANPIN, R.ENTERPRISE),
            (LEAD_SCHOOL, R.SCHOOL),
            (MOULD_ASSOCIATION, R.COORDINATOR),
        ],
    ),
    dict(
        title="企业工程师兼职教师聘任（2019）",
        kind=K.PART_TIME_TEACHERS,
        status=S.RUNNING,
        signed_on=date(2019, 9, 1),
        starts_on=date(2019, 9, 1),
        description="聘任企业工程师担任模具专业兼职教师。" + STAND_IN,
        participants=[(AIERMA, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
    ),
]

OFFERS = [
    dict(
        member=AIERMA,
        position="注塑技术员（岗位实习）",
        places=30,
        programmes="模具制造技术、数控技术应用",
        location="东莞市长安镇",
        starts_on=date(2021, 7, 1),
        ends_on=date(2022, 6, 30),
        supervisor="艾尔玛注塑部工程师",
        allowance_cny=Decimal("3500"),
        conditions="包住宿，提供工作餐。",
        placements=[(LEAD_SCHOOL, 20, date(2021, 7, 1), AIERMA_INTERNSHIP, (5, 5, 4))],
    ),
    dict(
        member=CHUANGSHIJI,
        position="数控设备装调（岗位实习）",
        places=50,
        programmes="数控技术应用、机电技术应用",
        location="东莞市长安镇",
        starts_on=date(2021, 7, 1),
        ends_on=date(2022, 6, 30),
        supervisor="创世纪装配车间主管",
        allowance_cny=Decimal("3800"),
        conditions="提供宿舍。",
        placements=[(LEAD_SCHOOL, 45, date(2021, 7, 1), CHUANGSHIJI_INTERNSHIP, (4, 5, 4))],
    ),
    dict(
        member=YUTONG,
        position="光学镜头装配（岗位实习）",
        places=15,
        programmes="机电技术应用、模具制造技术",
        location="东莞市长安镇",
        starts_on=date(2022, 3, 1),
        ends_on=date(2022, 8, 31),
        supervisor="宇瞳光学生产部",
        allowance_cny=Decimal("3200"),
        placements=[],
    ),
]

RESOURCES = [
    dict(
        member=DUANPIN,
        kind=SharedResource.Kind.TRAINING_BASE,
        name="端品模具研发及工程中心",
        location="东莞市机电工程学校校内",
        description="企业项目训练中心，配备端品公司投入的精密模具设计制造设备，"
        "由10年以上经验的企业技术人员指导。",
        contact_name="端品公司校企合作专员",
    ),
    dict(
        member=LEAD_SCHOOL,
        kind=SharedResource.Kind.FACILITY,
        name="模具专业实训基地",
        location="东莞市长安镇",
        description="可为成员单位提供岗前岗后培训和技能鉴定场地。",
        contact_name="集团秘书处",
    ),
]

PLAN_TITLE = "2022年度工作计划"
PLAN_GOALS = (
    "服务大湾区产业发展和市场需求，打造出体制机制有创新、校企赋能有举措、人才共育有特色、"
    "资源共享有成效、服务能力有影响、示范引领有亮点、产教融合有突破的示范性职业教育集团。"
    "（任务取自广东省数字技术技能职教集团2022年工作计划，按本集团调整。）"
)
# number, title, lead, partners, deadline, status, progress, projects
TASKS = [
    (
        1,
        "共搭人才培养平台，支撑区域产业升级",
        LEAD_SCHOOL,
        [CHUANGSHIJI],
        date(2022, 12, 31),
        "in_progress",
        "",
        [ECOMMERCE_PROGRAMME],
    ),
    (
        2,
        "共推师资研发中心，聚焦产业数字化发展",
        LEAD_SCHOOL,
        [MOULD_ASSOCIATION],
        date(2022, 10, 31),
        "not_started",
        "",
        [],
    ),
    (
        3,
        "共拓联合创客空间，促进创新创业教育",
        LEAD_SCHOOL,
        [],
        date(2022, 9, 30),
        "not_started",
        "",
        [],
    ),
    (
        4,
        "共创人才培养基地，建设高技能人才队伍",
        DUANPIN,
        [LEAD_SCHOOL, AIERMA],
        date(2022, 7, 31),
        "done",
        "端品、艾尔玛订单班运行中。",
        [DUANPIN_CLASS, AIERMA_CLASS],
    ),
    (
        5,
        "共申大师工作室，传承推广技术技能",
        LEAD_SCHOOL,
        [DUANPIN],
        date(2022, 11, 30),
        "in_progress",
        "",
        [],
    ),
    (
        6,
        "共设大赛集训基地，助力学子蟾宫折桂",
        LEAD_SCHOOL,
        [CHUANGSHIJI],
        date(2022, 6, 30),
        "in_progress",
        "",
        [],
    ),
    (
        7,
        "共推技能培养联盟，引领树立行业标准",
        MOULD_ASSOCIATION,
        [LEAD_SCHOOL],
        date(2022, 12, 31),
        "not_started",
        "",
        [],
    ),
    (
        8,
        "共设产教融合基地，破解人才“孤岛”难题",
        LEAD_SCHOOL,
        [DUANPIN],
        date(2022, 12, 31),
        "in_progress",
        "端品模具研发及工程中心已运行。",
        [TRAINING_CENTRE],
    ),
    (
        9,
        "共践企业新型学徒制，培养产业“新工匠”",
        AIERMA,
        [LEAD_SCHOOL],
        date(2022, 9, 30),
        "not_started",
        "",
        [],
    ),
    (
        10,
        "共享产教评生态链，构建产教利益共同体",
        MOULD_ASSOCIATION,
        [LEAD_SCHOOL],
        date(2022, 12, 31),
        "not_started",
        "",
        [],
    ),
    (
        11,
        "共建特色新技能学院，互育数字技术英才",
        LEAD_SCHOOL,
        [],
        date(2022, 12, 31),
        "not_started",
        "",
        [],
    ),
    (
        12,
        "共建新型产业学院，打造“三智一芯”高地",
        LEAD_SCHOOL,
        [JIERONG, RIXIN, HR_OFFICE],
        date(2022, 8, 31),
        "in_progress",
        "捷荣产业学院筹建中，日信提供场地，长安人力资源分局协调。",
        [INDUSTRY_COLLEGE],
    ),
    (
        13,
        "共搭教学研讨平台，创新职业教育模式",
        LEAD_SCHOOL,
        [ECOMMERCE],
        date(2022, 6, 30),
        "done",
        "与长安电商协会完成跨境电商人才培养方案研讨。",
        [ECOMMERCE_PROGRAMME],
    ),
]


CARRIED_FORWARD = "（演示数据：按集团历年的合作延续到今天，种子文件之后的年份为估计值。）"
# Projects brought in after the seed's year: (year, month, day, title, kind, enterprise,
# students, investment).
LATER_PROJECTS = [
    (2023, 4, 18, "捷荣精密注塑实训室", K.TRAINING_CENTRE, JIERONG, 0, "1200000"),
    (2024, 5, 20, "宇瞳光学模具技能大师工作室", K.MASTER_STUDIO, YUTONG, 0, "600000"),
    (2025, 3, 26, "创世纪五轴加工实训中心", K.TRAINING_CENTRE, CHUANGSHIJI, 0, "2500000"),
    (2026, 3, 12, "日信精密模具现代学徒制试点", K.APPRENTICESHIP, RIXIN, 20, "0"),
]


def later_projects(today: date) -> list[dict]:
    """The demo carried forward from 2022 to today: a Duanpin order class each September, the
    summer internships, and the projects above; each status as it stands today."""
    rows = []
    for year in range(2022, today.year + 1):
        yy = year % 100
        rows += [
            _later(date(year, 9, 1), f"端品模具设计{yy}1班", K.ORDER_CLASS, DUANPIN,
                   24 + year % 5, ends_on=date(year + 3, 6, 30)),
            _later(date(year, 7, 1), f"艾尔玛顶岗实习（{year}）", K.INTERNSHIP, AIERMA,
                   18 + year % 4 * 3, ends_on=date(year, 12, 31)),
            _later(date(year, 7, 1), f"创世纪顶岗实习（{year}）", K.INTERNSHIP, CHUANGSHIJI,
                   36 + year % 3 * 4, ends_on=date(year, 12, 31)),
        ]  # fmt: skip
    for year, month, day, title, kind, enterprise, students, investment in LATER_PROJECTS:
        rows.append(
            _later(date(year, month, day), title, kind, enterprise, students, Decimal(investment))
        )
    return [row for row in rows if row["signed_on"] <= today]


def _later(signed_on, title, kind, enterprise, students, investment=Decimal("0"), ends_on=None):
    today = timezone.localdate()
    return dict(
        title=title,
        kind=kind,
        status=S.FINISHED if ends_on and ends_on < today else S.RUNNING,
        signed_on=signed_on,
        starts_on=signed_on,
        ends_on=ends_on,
        students=students,
        investment_cny=investment,
        description=CARRIED_FORWARD,
        participants=[(enterprise, R.ENTERPRISE), (LEAD_SCHOOL, R.SCHOOL)],
    )


def _members() -> dict[str, Member]:
    return {m.name: m for m in Member.objects.all()}


def _load_projects(members: dict[str, Member]) -> None:
    for row in PROJECTS + later_projects(timezone.localdate()):
        row = dict(row)
        participants = row.pop("participants")
        events = row.pop("events", [])
        classes = row.pop("classes", [])
        project, _ = Project.objects.get_or_create(title=row.pop("title"), defaults=row)
        for name, role in participants:
            if name in members:
                Participant.objects.get_or_create(project=project, member=members[name], role=role)
        for kind, day, title, notes in events:
            ProjectEvent.objects.get_or_create(
                project=project, title=title, defaults=dict(kind=kind, happened_on=day, notes=notes)
            )
        for cohort in classes:
            cohort = dict(cohort)
            ProjectClass.objects.get_or_create(
                project=project, name=cohort.pop("name"), defaults=cohort
            )


def _load_pool(members: dict[str, Member]) -> None:
    for row in OFFERS:
        row = dict(row)
        enterprise = members.get(row.pop("member"))
        placements = row.pop("placements")
        if enterprise is None:
            continue
        offer, _ = InternshipOffer.objects.get_or_create(
            member=enterprise, position=row.pop("position"), defaults=row
        )
        for school, students, placed_on, project_title, ratings in placements:
            if school not in members:
                continue
            supervision, safety, learning = ratings
            Placement.objects.get_or_create(
                offer=offer,
                school=members[school],
                placed_on=placed_on,
                defaults=dict(
                    students=students,
                    project=Project.objects.filter(title=project_title).first(),
                    rating_supervision=supervision,
                    rating_safety=safety,
                    rating_learning=learning,
                ),
            )


def _load_plan(members: dict[str, Member]) -> None:
    plan, _ = WorkPlan.objects.get_or_create(
        year=2022, title=PLAN_TITLE, defaults=dict(goals=PLAN_GOALS)
    )
    for number, title, lead, partners, deadline, status, progress, projects in TASKS:
        task, created = PlanTask.objects.get_or_create(
            plan=plan,
            number=number,
            defaults=dict(
                title=title,
                lead=members.get(lead),
                deadline=deadline,
                status=status,
                progress=progress,
            ),
        )
        if created:
            task.partners.set([members[n] for n in partners if n in members])
            task.projects.set(Project.objects.filter(title__in=projects))


def _load_resources(members: dict[str, Member]) -> None:
    for row in RESOURCES:
        row = dict(row)
        member = members.get(row.pop("member"))
        if member is not None:
            SharedResource.objects.get_or_create(member=member, name=row.pop("name"), defaults=row)


def load() -> str:
    members = _members()
    _load_projects(members)
    _load_pool(members)
    _load_resources(members)
    _load_plan(members)
    return (
        f"{Project.objects.count()} cooperation projects, "
        f"{InternshipOffer.objects.count()} internship offers, "
        f"{SharedResource.objects.count()} shared resources, "
        f"{PlanTask.objects.count()} work plan tasks"
    )
