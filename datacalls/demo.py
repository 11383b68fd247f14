"""The demo group's 2021 data call (seed 000): opened in December 2021, answered by the members
the seed names, the Aierma class size disputed (35 selected, 31 still in class) and settled,
then closed in January 2022, which froze 2021 as version 1. Last year's call is carried forward
the same way (closed in January of this year, or still open before the 28th).

The figures repeat the seed's (order classes of 25 and 35, 20 and 45 interns, RMB 30 million of
equipment); no member or project is changed, so the 2021 report keeps its numbers. Figures the
seed does not give (teaching hours, courses) are plausible stand-ins."""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from members.demo import LEAD_SCHOOL
from partnerships.demo import AIERMA, AIERMA_CLASS, CHUANGSHIJI, DUANPIN
from reports.demo import backdate_freeze

from . import services
from .models import DataCall, MemberReturn, ProjectFigure

YEAR = 2021
DEADLINE = date(2022, 1, 15)
INSTRUCTIONS = (
    "请各成员单位核对并填写2021年度校企合作数据（国家平台年度资料入库用），"
    "订单班人数、顶岗实习人数须与合作院校（企业）一致。"
)

ENTERPRISE_ANSWERS = {
    DUANPIN: dict(
        partner_schools=1,
        cooperation_started=date(2021, 3, 1),
        order_class_students=25,
        courses_developed=2,
        textbooks_developed=1,
        part_time_teachers=6,
        teaching_hours=480,
        interns_taken=0,
        graduates_hired=0,
        money_invested_cny=Decimal("0"),
        equipment_invested_cny=Decimal("30000000"),
        service_income_cny=Decimal("0"),
    ),
    AIERMA: dict(
        partner_schools=1,
        cooperation_started=date(2018, 9, 1),
        order_class_students=35,
        courses_developed=1,
        textbooks_developed=0,
        part_time_teachers=3,
        teaching_hours=240,
        interns_taken=20,
        graduates_hired=18,
        money_invested_cny=Decimal("0"),
        equipment_invested_cny=Decimal("0"),
        service_income_cny=Decimal("0"),
    ),
    CHUANGSHIJI: dict(
        partner_schools=1,
        cooperation_started=date(2020, 7, 1),
        order_class_students=0,
        courses_developed=0,
        textbooks_developed=0,
        part_time_teachers=2,
        teaching_hours=96,
        interns_taken=45,
        graduates_hired=0,
        money_invested_cny=Decimal("0"),
        equipment_invested_cny=Decimal("0"),
        service_income_cny=Decimal("0"),
    ),
}
SCHOOL_ANSWERS = {
    LEAD_SCHOOL: dict(
        groups_led=1,
        groups_joined=1,
        programmes_with_enterprises=3,
        enterprise_teachers=11,
        enterprise_teacher_hours=816,
        teacher_practice_person_times=12,
        teacher_practice_days=420,
        training_bases_shared=2,
        graduates_hired_by_partners=18,
    )
}
# When each answered: the Aierma return came in after the deadline (and was reminded).
SUBMITTED_ON = {
    LEAD_SCHOOL: date(2022, 1, 12),
    DUANPIN: date(2022, 1, 10),
    CHUANGSHIJI: date(2022, 1, 14),
    AIERMA: date(2022, 1, 20),
}
# The class size both sides confirm differently: the school counts the 31 still in class.
SCHOOL_SAYS = {AIERMA_CLASS: 31}
SETTLE_NOTE = (
    "协议按选拔人数计：2021年9月选拔35名学生组班，年末在读31名；以35名入统计，与项目记录一致。"
)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))


def load() -> str:
    calls = [DataCall.objects.filter(year=YEAR).first() or _run_call(YEAR)]
    last_year = timezone.localdate().year - 1
    if last_year > YEAR:
        calls.append(DataCall.objects.filter(year=last_year).first() or _run_call(last_year))
    return "; ".join(
        f"data call {call.year} {call.get_status_display()} "
        f"({call.returns.filter(status=MemberReturn.Status.ACCEPTED).count()} returns accepted"
        + (f", frozen as version {call.snapshot_version})" if call.snapshot_version else ")")
        for call in calls
    )


def _shifted(day: date, year: int) -> date:
    """The seed call's date moved to the call for `year` (opened in December of that year)."""
    return day.replace(year=day.year + year - YEAR)


def _run_call(year: int) -> DataCall:
    """The call for `year` as the seed's 2021 call went: opened on 1 December, answered in
    January, closed on 28 January (which freezes the year); still open if that is to come."""
    call = services.data_call_open(
        by=None,
        year=year,
        deadline=_shifted(DEADLINE, year),
        instructions=INSTRUCTIONS.replace(str(YEAR), str(year)),
    )
    DataCall.objects.filter(pk=call.pk).update(opened_at=_at(date(year, 12, 1)))
    today = timezone.localdate()
    answers = {**ENTERPRISE_ANSWERS, **SCHOOL_ANSWERS}
    for member_return in call.returns.select_related("member").filter(member__name__in=answers):
        if _shifted(SUBMITTED_ON[member_return.member.name], year) <= today:
            _answer(member_return, answers[member_return.member.name], year)
    closed_on = _shifted(date(2022, 1, 28), year)
    if closed_on > today:
        return call
    note = SETTLE_NOTE if year == YEAR else "双方未同时填报，按项目记录确认。"
    for figure in call.figures.unsettled().select_related("project"):
        services.figure_settle(figure=figure, by=None, value=figure.recorded_value, note=note)
    ProjectFigure.objects.filter(call=call, settled_at__isnull=False).update(
        settled_at=_at(_shifted(date(2022, 1, 24), year))
    )
    call = services.data_call_close(call=call, by=None, confirm_missing=True)
    DataCall.objects.filter(pk=call.pk).update(closed_at=_at(closed_on))
    backdate_freeze(year=year, version=call.snapshot_version, at=_at(closed_on))
    call.refresh_from_db()
    return call


def _answer(member_return: MemberReturn, values: dict, year: int) -> None:
    name = member_return.member.name
    figures = {
        f.pk: SCHOOL_SAYS.get(f.project.title, f.recorded_value)
        if f.side_of(member_return.member_id) == "school"
        else f.recorded_value
        for f in services.figures_of(member_return)
    }
    if "partner_schools" in values:
        values = {**values, "partner_school_names": LEAD_SCHOOL}
    services.return_submit(
        member_return=member_return, by=None, values=values, figure_values=figures
    )
    services.return_accept(member_return=member_return, by=None)
    day = _shifted(SUBMITTED_ON[name], year)
    reviewed = _shifted(date(2022, 1, 24), year)
    MemberReturn.objects.filter(pk=member_return.pk).update(
        updated_at=_at(day),
        submitted_at=_at(day),
        reviewed_at=_at(min(max(day, reviewed), timezone.localdate())),
    )
