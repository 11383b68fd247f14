"""The demo group's part-time enrollment (seed 000): 900 registered online in 2021, 747 approved.

Two 2021 intakes, 900 applications ever submitted between them. Of those, 747 passed review:
702 enrolled and 45 approved but never enrolled (they passed review and did not turn up); the
other 153 were rejected (121) or left returned for changes (32). 36 more drafts were never
submitted and do not count as registered. The years since are carried forward to today:
smaller yearly intakes, and this year's intake open with applications awaiting a decision.
Generated people have valid resident ID numbers (GB 11643-1999) and phones.
"""

import random
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from stdnum.cn import ric

from accounts.models import User
from members.models import Member

from .models import (
    Answer,
    Application,
    ApplicationEvent,
    DocumentKind,
    Intake,
    Question,
    application_approved,
    application_registered_for,
)
from .permissions import SCHOOL_KINDS
from .services import letter_issue

S = Application.Status
TZ = timezone.get_current_timezone()

# programme, quota, total ever submitted, enrolled, approved (not enrolled), rejected, returned
INTAKES_2021 = [
    ("模具制造技术", 450, 520, 405, 25, 70, 20),
    ("电子商务", 320, 380, 297, 20, 51, 12),
]
DRAFTS_2021 = 36
REGIONS = ["441900", "441900", "441900", "530622", "450102", "430102", "360102", "441302"]
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢"
    "姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍"
    "红鹏辉建国志文斌宇浩凯健俊帆晨阳欣怡雪琳婷倩颖佳豪鑫博宁"
)
EDUCATION = ["初中", "初中", "高中", "中专/职高/技校"]
EMPLOYERS = [
    "东莞市端品精密科技有限公司",
    "东莞市艾尔玛科技有限公司",
    "广东创世纪智能装备股份有限公司",
    "东莞捷荣技术股份有限公司",
    "广东日信高精密科技有限公司",
    "长安镇个体经营",
    "",
]
COURSES = "https://mooc.example.edu.cn/ 使用报名手机号登录，"
DOCS = [DocumentKind.ID_FRONT, DocumentKind.ID_BACK, DocumentKind.DIPLOMA, DocumentKind.PHOTO]


def demo_resident_id(region: str, birth: date, sequence: int) -> str:
    # The check character comes from python-stdnum (which reads the first 17 characters of a
    # full number), not the portal's own validator: tests using these numbers then check the
    # validator against an independent implementation.
    first17 = f"{region}{birth:%Y%m%d}{sequence % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "?")


def _aware(*args) -> datetime:
    return timezone.make_aware(datetime(*args), TZ)


# The household registration of each demo region code, and the ethnic groups living there
# (GB/T 3304 codes) that the register fields draw on, in turn by the applicant's number.
HOUSEHOLDS = {
    "441900": ("广东省东莞市", "东莞市", ["01"]),
    "530622": ("云南省昭通市巧家县", "巧家县", ["01", "07", "06"]),
    "450102": ("广西壮族自治区南宁市兴宁区", "南宁市", ["08", "01", "13"]),
    "430102": ("湖南省长沙市芙蓉区", "长沙市", ["01", "15"]),
    "360102": ("江西省南昌市东湖区", "南昌市", ["01"]),
    "441302": ("广东省惠州市惠城区", "惠州市", ["01", "22"]),
}


def _register_fields(region: str, n: int) -> dict:
    """The student register's fields, derived from the region and the number (no draw from
    the random generator, so the demo's people stay who they were)."""
    household, city, groups = HOUSEHOLDS[region]
    return {
        "ethnicity": groups[n % len(groups)],
        "political_status": "03" if n % 5 == 0 else "13",
        "household_region": household,
        "previous_school": f"{city}第{n % 9 + 1}中学",
    }


def _person(rng: random.Random, n: int) -> dict:
    birth = date(1975, 1, 1) + timedelta(days=rng.randrange(0, 365 * 28))
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    region = rng.choice(REGIONS)
    return {
        "full_name": rng.choice(SURNAMES) + given,
        "id_number": demo_resident_id(region, birth, n),
        "phone": f"1{rng.choice('35789')}{rng.randrange(0, 10)}{n:08d}"[:11],
        "education": rng.choice(EDUCATION),
        "employer": rng.choice(EMPLOYERS),
        **_register_fields(region, n),
    }


# The years since, carried forward to today: one intake a year (two from 2023, when the
# cross-border e-commerce programme opened), smaller than 2021's campaign.
# programme, quota, total ever submitted, enrolled, approved (not enrolled), rejected, returned
LATER_INTAKES = {
    2022: [("模具制造技术", 300, 236, 181, 9, 36, 10)],
    2023: [("模具制造技术", 300, 214, 166, 8, 31, 9), ("跨境电子商务", 120, 88, 70, 3, 11, 4)],
    2024: [("模具制造技术", 300, 232, 180, 10, 33, 9), ("跨境电子商务", 120, 97, 77, 4, 12, 4)],
    2025: [("模具制造技术", 300, 251, 196, 11, 34, 10), ("跨境电子商务", 150, 112, 90, 5, 13, 4)],
}
LATER_DRAFTS = 8


def _load_2021(staff: User | None) -> int:
    return _load_year(2021, INTAKES_2021, DRAFTS_2021, staff)


def _load_later_years(staff: User | None) -> int:
    this_year = timezone.localdate().year
    return sum(
        _load_year(year, intakes, LATER_DRAFTS, staff)
        for year, intakes in LATER_INTAKES.items()
        if year < this_year
    )


def _load_year(year: int, intakes: list[tuple], drafts_total: int, staff: User | None) -> int:
    """The year's intakes (March to May), decided and enrolled in September."""
    rng = random.Random(year)
    created = 0
    for index, (programme, quota, total, enrolled, approved, rejected, returned) in enumerate(
        intakes
    ):
        if Intake.objects.filter(year=year, programme=programme).exists():
            continue
        intake = Intake.objects.create(
            programme=programme,
            year=year,
            quota=quota,
            opens_at=_aware(year, 3, 1, 9),
            closes_at=_aware(year, 5, 31, 18),
            description=f"{year}年非全日制中职学历教育（{programme}专业），面向在职人员，周末及线上授课。",
            documents_required="身份证正反面、最高学历证书、近期免冠照片",
            document_kinds=list(DOCS),
            online_courses=COURSES + f"选择“{year}非全日制”课程。",
        )
        drafts = drafts_total // len(intakes)
        statuses = (
            [S.ENROLLED] * enrolled
            + [S.APPROVED] * approved
            + [S.REJECTED] * rejected
            + [S.RETURNED] * returned
            + [S.DRAFT] * drafts
        )
        assert len(statuses) == total + drafts
        rng.shuffle(statuses)
        start = _aware(year, 3, 1, 9)
        created += _create_applications(
            intake, statuses, rng, staff, 10_000 * (index + 1), start, 88
        )
    return created


def _create_applications(
    intake: Intake,
    statuses: list[str],
    rng: random.Random,
    staff: User | None,
    base: int,
    start: datetime,
    days: int,
) -> int:
    """Applicants (unusable passwords: demo applicants cannot log in), submitted within `days`
    of `start`."""
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"applicant{intake.year}-{base + n}",
            email=f"applicant{intake.year}-{base + n}@example.com",
            password=password,
        )
        for n in range(len(statuses))
    )
    applications = []
    for n, (user, status) in enumerate(zip(users, statuses, strict=True)):
        submitted = None
        if status != S.DRAFT:
            submitted = start + timedelta(minutes=rng.randrange(0, days * 1440))
        decided = status not in (S.DRAFT, S.SUBMITTED)
        applications.append(
            Application(
                intake=intake,
                applicant=user,
                status=status,
                submitted_at=submitted,
                status_reason=_reason(status),
                decided_by=staff if decided else None,
                decided_at=min(submitted + timedelta(days=3), timezone.now()) if decided else None,
                **_person(rng, base + n),
            )
        )
    for application in applications:
        application.set_lookups()  # bulk_create does not call save()
    applications = Application.objects.bulk_create(applications)
    ApplicationEvent.objects.bulk_create(_events(applications, staff))
    return len(applications)


def _reason(status: str) -> str:
    return {
        S.REJECTED: "学历证书不符合报读条件。",
        S.RETURNED: "身份证背面照片不清晰，请重新上传。",
    }.get(status, "")


def _events(applications: list[Application], staff: User | None):
    for a in applications:
        if a.submitted_at is None:
            continue
        yield ApplicationEvent(
            application=a,
            action="submit",
            from_status=S.DRAFT,
            to_status=S.SUBMITTED,
            actor=a.applicant,
            created_at=a.submitted_at,
        )
        decided = min(a.submitted_at + timedelta(days=3), timezone.now())
        if a.status in Application.COUNTING_FOR_QUOTA:
            yield ApplicationEvent(
                application=a,
                action="approve",
                from_status=S.SUBMITTED,
                to_status=S.APPROVED,
                actor=staff,
                created_at=decided,
            )
        if a.status == S.ENROLLED:
            yield ApplicationEvent(
                application=a,
                action="enrol",
                from_status=S.APPROVED,
                to_status=S.ENROLLED,
                actor=staff,
                created_at=_aware(a.intake.year, 9, 1, 9),
            )
        if a.status in (S.REJECTED, S.RETURNED):
            yield ApplicationEvent(
                application=a,
                action="reject" if a.status == S.REJECTED else "return",
                from_status=S.SUBMITTED,
                to_status=a.status,
                actor=staff,
                reason=a.status_reason,
                created_at=decided,
            )


def _load_open_intake(staff: User | None) -> bool:
    """This year's intake, open for a week and for two more months, with applications
    awaiting a decision."""
    today = timezone.localdate()
    year = today.year
    programme = "模具制造技术"
    if Intake.objects.filter(year=year, programme=programme).exists():
        return False
    opens = today - timedelta(days=7)
    closes = today + timedelta(days=60)
    intake = Intake.objects.create(
        programme=programme,
        year=year,
        quota=500,
        opens_at=_aware(opens.year, opens.month, opens.day, 9),
        closes_at=_aware(closes.year, closes.month, closes.day, 17),
        description=(
            f"{year}年非全日制中职学历教育（模具制造技术专业）。面向在职人员，周末面授与线上课程结合，"
            "修满学分颁发中等职业学校毕业证书。"
        ),
        documents_required=(
            "身份证正反面、最高学历证书、近期免冠照片（JPEG、PNG 或 PDF，每个不超过 5 MB）"
        ),
        document_kinds=list(DOCS),
        online_courses=COURSES + "选择“非全日制模具制造技术”课程。",
    )
    statuses = [S.SUBMITTED] * OPEN_AWAITING + [S.RETURNED] * 4 + [S.DRAFT] * 6
    rng = random.Random(year)
    rng.shuffle(statuses)
    _create_applications(intake, statuses, rng, staff, 50_000, intake.opens_at, 6)
    return True


OPEN_AWAITING = 28

# The waiting list: 45 approvals for 30 places, 15 waiting in order of decision.
WAITLIST_PROGRAMME = "工业机器人技术应用"
WAITLIST_QUOTA = 30
WAITLIST_APPROVALS = 45
WAITLIST_ENROLLED = 10


def _load_waitlist_intake(staff: User | None) -> bool:
    """This year's full intake, closed: 30 places taken (10 enrolled, with admission letters),
    15 more approvals waiting on the list."""
    today = timezone.localdate()
    year = today.year
    if Intake.objects.filter(year=year, programme=WAITLIST_PROGRAMME).exists():
        return False
    # Registration closed a week ago (the demo's one open intake stays the other one).
    opens = today - timedelta(days=40)
    closes = today - timedelta(days=7)
    starts = today + timedelta(days=30)
    intake = Intake.objects.create(
        programme=WAITLIST_PROGRAMME,
        year=year,
        quota=WAITLIST_QUOTA,
        opens_at=_aware(opens.year, opens.month, opens.day, 9),
        closes_at=_aware(closes.year, closes.month, closes.day, 17),
        starts_on=starts,
        report_place="东莞市长安镇振安中路 168 号 实训楼一楼报到处",
        description=(
            f"{year}年非全日制中职学历教育（工业机器人技术应用专业），名额 30 人，额满后候补。"
        ),
        school=Member.objects.filter(kind__in=SCHOOL_KINDS).order_by("pk").first(),
        online_courses=COURSES + "选择“非全日制工业机器人技术应用”课程。",
    )
    placed = WAITLIST_QUOTA - WAITLIST_ENROLLED
    statuses = [S.ENROLLED] * WAITLIST_ENROLLED + [S.APPROVED] * placed
    statuses += [S.SUBMITTED] * (WAITLIST_APPROVALS - WAITLIST_QUOTA)
    rng = random.Random(year + 1)
    _create_applications(intake, statuses, rng, staff, 60_000, intake.opens_at, 30)
    waiting = list(intake.applications.filter(status=S.SUBMITTED).order_by("submitted_at", "pk"))
    decided = timezone.now() - timedelta(days=2)
    for rank, application in enumerate(waiting, start=1):
        application.waitlist_rank = rank
        application.waitlisted_at = decided + timedelta(minutes=10 * rank)
        application.decided_by, application.decided_at = staff, application.waitlisted_at
    Application.objects.bulk_update(
        waiting, ["waitlist_rank", "waitlisted_at", "decided_by", "decided_at"]
    )
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=a,
            action="waitlist",
            from_status=S.SUBMITTED,
            to_status=S.SUBMITTED,
            actor=staff,
            created_at=a.waitlisted_at,
        )
        for a in waiting
    )
    for application in intake.applications.filter(status=S.ENROLLED).select_related("intake"):
        letter_issue(application=application)
    return True


K = Question.Kind
# This year's intake asks a few questions of its own, one of each type.
QUESTIONS = [
    (K.SHORT_TEXT, "工号", "Staff number", "在现单位的工号，没有可不填。", False, []),
    (K.LONG_TEXT, "工作经历", "Work experience", "简要写出从事模具相关工作的经历。", False, []),
    (K.NUMBER, "模具行业工龄（年）", "Years in the mould industry", "", True, []),
    (K.DATE, "入职现单位日期", "Joined the current employer on", "", False, []),
    (
        K.SINGLE_CHOICE,
        "上课方式",
        "How you will attend",
        "",
        True,
        [("周末面授", "Weekend classes"), ("线上为主", "Mostly online")],
    ),
    (
        K.MULTIPLE_CHOICE,
        "会用的设计软件",
        "Design software you use",
        "可多选。",
        False,
        [
            ("UG", "UG"),
            ("CAD制图", "CAD drafting"),
            ("三维造型", "3D modelling"),
            ("都不会", "None yet"),
        ],
    ),
    (K.YES_NO, "是否需要安排住宿", "Do you need accommodation", "", True, []),
    (
        K.FILE,
        "社保缴费证明",
        "Social insurance record",
        "近6个月的社保缴费记录截图或PDF，可在报名后补传。",
        False,
        [],
    ),
]


def _load_questions(intake: Intake) -> int:
    """The open intake's questions and its applications' answers (only once)."""
    if intake.questions.exists():
        return 0
    questions = [
        Question.objects.create(
            intake=intake,
            position=position,
            kind=kind,
            label_zh=zh,
            label_en=en,
            help_zh=help_zh,
            required=required,
            choices=[
                {"key": str(n), "zh": c_zh, "en": c_en}
                for n, (c_zh, c_en) in enumerate(choices, start=1)
            ],
        )
        for position, (kind, zh, en, help_zh, required, choices) in enumerate(QUESTIONS, start=1)
    ]
    by_kind = {q.kind: q for q in questions}
    answers = []
    for n, application in enumerate(intake.applications.order_by("pk")):
        years = 1 + n % 12
        values = [
            (K.NUMBER, str(years), ""),
            (K.SINGLE_CHOICE, "1" if n % 3 else "2", "|1|" if n % 3 else "|2|"),
            (K.YES_NO, n % 4 == 0, "|yes|" if n % 4 == 0 else "|no|"),
            (K.MULTIPLE_CHOICE, ["1", "2"] if n % 2 else ["3"], "|1|2|" if n % 2 else "|3|"),
            (K.DATE, f"{2025 - years % 8}-0{1 + n % 9}-01", ""),
        ]
        if n % 2:
            values.append((K.SHORT_TEXT, f"DG{1000 + n}", ""))
            values.append((K.LONG_TEXT, f"在模具车间做了{years}年，会操作CNC加工中心。", ""))
        answers += [
            Answer(application=application, question=by_kind[kind], value=value, keys=keys)
            for kind, value, keys in values
        ]
    Answer.objects.bulk_create(answers)
    return len(answers)


def load() -> str:
    staff = User.objects.filter(is_staff=True).order_by("pk").first()
    created = _load_2021(staff) + _load_later_years(staff)
    opened = _load_open_intake(staff)
    _load_waitlist_intake(staff)
    this_year = Intake.objects.filter(year=timezone.localdate().year, programme="模具制造技术")
    for intake in this_year:
        _load_questions(intake)
    registered = Application.objects.filter(application_registered_for(2021))
    approved = registered.filter(application_approved()).count()
    return (
        f"enrollment 2021: {registered.count()} registered, {approved} approved "
        f"({created} applications created now); open intake {'created' if opened else 'kept'}"
    )
