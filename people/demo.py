"""The demo group's people (seed 000, and seed 004's three master studios).

What the seeds state is kept exactly: the 25 students of 端品模具设计191班;
艾尔玛模具制造191班 with 35 selected, 31 in class and 25 of them from 云南巧家; 20 interns at
艾尔玛 and 45 at 创世纪; 周发印, a 2018-intake graduate from 云南巧家 now working in injection
moulding at 艾尔玛 for about RMB 6,000 a month; the 面塑, 原型制作 and 物联网 master studios.
The engineers, teachers and graduates behind the demo data call's 2021 figures (11 engineers
teaching 816 hours, 12 teacher-practice stays of 420 days, 18 graduates hired by 艾尔玛) are
stand-ins, and so is every other name and date: the seeds give neither (said so in each
person's notes). Idempotent: people are looked up by organisation and name.
"""

from datetime import date

from members.demo import LEAD_SCHOOL
from members.models import Member
from partnerships.demo import (
    AIERMA,
    AIERMA_CLASS,
    AIERMA_INTERNSHIP,
    CHUANGSHIJI,
    CHUANGSHIJI_INTERNSHIP,
    DUANPIN,
    DUANPIN_CLASS,
)
from partnerships.models import Placement, Project, ProjectClass

from .models import Person, Role

K = Role.Kind
QIAOJIA = "云南巧家"
STAND_IN = "演示用姓名和日期（种子文件未给出）。"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
GIVEN = [
    "子轩",
    "浩然",
    "宇航",
    "俊杰",
    "晓东",
    "志强",
    "嘉豪",
    "文博",
    "家乐",
    "明辉",
    "思远",
    "佳怡",
    "欣怡",
    "雨桐",
    "梓涵",
    "海涛",
    "建华",
    "伟杰",
    "凯文",
    "振宇",
]
# (enterprise, engineers, hours each in the 2021 autumn term): 6 x 80 + 3 x 80 + 2 x 48 = 816
ENGINEERS = [
    (DUANPIN, 6, 80, "模具设计、UG编程"),
    (AIERMA, 3, 80, "注塑成型工艺"),
    (CHUANGSHIJI, 2, 48, "数控设备装调"),
]
# (host enterprise, teachers): 12 stays of 35 days in the 2021 summer = 420 days
PRACTICE = [(DUANPIN, 6), (AIERMA, 4), (CHUANGSHIJI, 2)]
ZHOU_NOTES = "种子000：来自云南巧家，在艾尔玛从事注塑工作（上下模），月工资六千左右。"
STUDIOS = [
    ("面塑大师工作室", "面塑技艺", "省级技能大师", 12),
    ("原型制作大师工作室", "原型设计与制作、3D打印", "全国技术能手", 15),
    ("物联网大师工作室", "物联网设备安装调试", "市级首席技师", 10),
]


def _name(n: int) -> str:
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // len(SURNAMES)) % len(GIVEN)]


class _Names:
    """Distinct stand-in names across the whole demo."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return _name(self.n)


def _person(member: Member, name: str, **fields) -> Person:
    defaults = {"notes": STAND_IN, **fields}
    person, created = Person.objects.get_or_create(member=member, full_name=name, defaults=defaults)
    if created:
        person.confirmed_at = person.created_at
        person.save(update_fields=["confirmed_at"])
    return person


def _role(person: Person, kind: str, **fields) -> Role:
    role = Role.objects.filter(person=person, kind=kind).first()
    return role or Role.objects.create(person=person, kind=kind, **fields)


def load() -> str:
    members = {
        m.name: m
        for m in Member.objects.filter(name__in=[LEAD_SCHOOL, AIERMA, DUANPIN, CHUANGSHIJI])
    }
    if len(members) < 4:
        return "people skipped (members missing)"
    school = members[LEAD_SCHOOL]
    names = _Names()
    engineers = _engineers(members, school, names)
    teachers = _teachers(members, school, names)
    _masters(school, names)
    _students(members, school, names)
    _interns(members, school, names)
    _apprentices(members, school, names, mentors=(teachers[0], engineers[AIERMA][0]))
    _graduates(members, school, names)
    return f"{Person.objects.count()} people, {Role.objects.count()} roles"


def _engineers(members, school, names) -> dict[str, list[Person]]:
    found = {}
    for enterprise, count, hours, courses in ENGINEERS:
        found[enterprise] = []
        for n in range(count):
            person = _person(
                members[enterprise],
                names.next(),
                job_title="工程师",
                phone=f"1380013{len(found) * 100 + n:04d}",
            )
            _role(
                person,
                K.PART_TIME_TEACHER,
                partner=school,
                year=2021,
                term=Role.Term.AUTUMN,
                hours=hours,
                courses=courses,
            )
            found[enterprise].append(person)
    return found


def _teachers(members, school, names) -> list[Person]:
    teachers = []
    for enterprise, count in PRACTICE:
        for _n in range(count):
            person = _person(school, names.next(), job_title="模具专业教师")
            _role(
                person,
                K.TEACHER_PRACTICE,
                partner=members[enterprise],
                starts_on=date(2021, 7, 12),
                ends_on=date(2021, 8, 20),
                days=35,
            )
            teachers.append(person)
    return teachers


def _masters(school, names) -> None:
    for studio, courses, honours, taught in STUDIOS:
        person = _person(
            school, names.next(), job_title="技能大师", notes="工作室名称取自种子004；" + STAND_IN
        )
        _role(
            person,
            K.MASTER,
            partner=school,
            studio=studio,
            courses=courses,
            honours=honours,
            apprentices_taught=taught,
            starts_on=date(2021, 5, 1),
        )


def _students(members, school, names) -> None:
    duanpin = ProjectClass.objects.filter(name=DUANPIN_CLASS).first()
    aierma = ProjectClass.objects.filter(name=AIERMA_CLASS).first()
    for cohort, size, from_qiaojia in ((duanpin, 25, 0), (aierma, 31, 25)):
        if cohort is None:
            continue
        for n in range(size):
            pairing = n < from_qiaojia
            person = _person(
                school,
                names.next(),
                origin_region=QIAOJIA if pairing else "",
                from_pairing_area=pairing,
            )
            _role(person, K.STUDENT, project_class=cohort, project=cohort.project)


def _interns(members, school, names) -> None:
    for enterprise, title, count in (
        (AIERMA, AIERMA_INTERNSHIP, 20),
        (CHUANGSHIJI, CHUANGSHIJI_INTERNSHIP, 45),
    ):
        project = Project.objects.filter(title=title).first()
        placement = Placement.objects.filter(project=project).first() if project else None
        for _n in range(count):
            person = _person(school, names.next())
            _role(
                person,
                K.INTERN,
                partner=members[enterprise],
                project=project,
                placement=placement,
                starts_on=date(2021, 7, 1),
                ends_on=date(2022, 6, 30),
                agreement_on_file=True,
                insurance_on_file=True,
            )


def _apprentices(members, school, names, mentors) -> None:
    school_mentor, enterprise_mentor = mentors
    for _n in range(2):
        person = _person(school, names.next())
        _role(
            person,
            K.APPRENTICE,
            partner=members[AIERMA],
            apprenticeship_kind=Role.ApprenticeshipKind.ENTERPRISE,
            school_mentor=school_mentor,
            enterprise_mentor=enterprise_mentor,
            starts_on=date(2021, 9, 1),
            qualification="模具工（中级）",
        )


def _graduates(members, school, names) -> None:
    """The 29 graduates of 艾尔玛模具制造181班 (2021): 18 at 艾尔玛, 周发印 among them, 8 elsewhere,
    3 in further study; 12 from 云南巧家 (the class record's figures)."""
    cohort = ProjectClass.objects.filter(name="艾尔玛模具制造181班").first()
    zhou = _person(
        school, "周发印", origin_region=QIAOJIA, from_pairing_area=True, notes=ZHOU_NOTES
    )
    _role(
        zhou,
        K.GRADUATE,
        project_class=cohort,
        year=2021,
        outcome=Role.Outcome.EMPLOYED,
        partner=members[AIERMA],
        job="注塑工（上下模）",
        salary_band="6000_8000",
    )
    for n in range(28):
        pairing = n < 11
        person = _person(
            school,
            names.next(),
            origin_region=QIAOJIA if pairing else "",
            from_pairing_area=pairing,
        )
        if n < 17:
            fields = dict(
                outcome=Role.Outcome.EMPLOYED,
                partner=members[AIERMA],
                job="注塑技术员",
                salary_band="6000_8000",
            )
        elif n < 25:
            fields = dict(
                outcome=Role.Outcome.EMPLOYED,
                employer_name="东莞市其他模具企业",
                job="模具钳工",
                salary_band="4000_6000",
            )
        else:
            fields = dict(outcome=Role.Outcome.FURTHER_STUDY)
        _role(person, K.GRADUATE, project_class=cohort, year=2021, **fields)
