"""The data call as a new user tries it (issue 9): staff open a call, two representatives
answer (the enterprise late, after a reminder), they disagree on a class size, staff settle it,
accept the returns and close the call, which freezes the year."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from datacalls import services
from datacalls.models import DataCall, MemberReturn
from members.models import Member
from notices.models import Delivery
from partnerships.models import Participant, Project, ProjectClass
from reports.models import YearSnapshot
from tests.conftest import PASSWORD
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory
from tests.partnerships.factories import ParticipantFactory, ProjectFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2025
CLASS = "艾尔玛模具制造191班"


def log_in(page, live_server, user):
    page.context.clear_cookies()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.fixture
def group(db):
    school = MemberFactory(
        name="东莞市机电工程学校", kind=Member.Kind.VOCATIONAL_SCHOOL, joined_on=date(2013, 10, 18)
    )
    enterprise = MemberFactory(name="东莞市艾尔玛科技有限公司", joined_on=date(2013, 10, 18))
    MemberFactory(name="东莞市端品精密科技有限公司", joined_on=date(2013, 10, 18))
    order_class = ProjectFactory(
        title=CLASS, kind=Project.Kind.ORDER_CLASS, students=35, signed_on=date(YEAR, 9, 1)
    )
    ProjectClass.objects.create(project=order_class, name=CLASS, selected=35, enrolled=31)
    ParticipantFactory(project=order_class, member=school, role=Participant.Role.SCHOOL)
    ParticipantFactory(project=order_class, member=enterprise, role=Participant.Role.ENTERPRISE)
    return {
        "staff": StaffFactory(username="secretary"),
        "school_rep": RepresentativeFactory(member=school, user__username="school_rep").user,
        "enterprise_rep": RepresentativeFactory(member=enterprise, user__username="ent_rep").user,
        "school": school,
        "enterprise": enterprise,
    }


def fill(page, values: dict) -> None:
    for name, value in values.items():
        page.fill(f"[name={name}]", str(value))


SCHOOL = dict(
    groups_led=1,
    groups_joined=1,
    programmes_with_enterprises=2,
    enterprise_teachers=4,
    enterprise_teacher_hours=320,
    teacher_practice_person_times=6,
    teacher_practice_days=120,
    training_bases_shared=1,
    graduates_hired_by_partners=12,
)
ENTERPRISE = dict(
    partner_schools=1,
    cooperation_started="2018-09",
    courses_developed=1,
    textbooks_developed=0,
    part_time_teachers=4,
    teaching_hours=320,
    interns_taken=0,
    graduates_hired=12,
    money_invested_cny=0,
    equipment_invested_cny=0,
    service_income_cny=50000,
)


def test_a_data_call_from_opening_to_closing(page, live_server, group, screenshot, mailoutbox):
    page.set_viewport_size({"width": 1400, "height": 900})
    staff = group["staff"]

    # 1. Staff open the call.
    log_in(page, live_server, staff)
    page.goto(live_server.url + reverse("staff_datacall_list"))
    page.click("[data-testid=open-call]")
    page.fill("input[name=year]", str(YEAR))
    deadline = timezone.localdate() + timedelta(days=7)
    page.fill("input[name=deadline]", deadline.isoformat())
    page.fill("textarea[name=instructions]", "请核对订单班人数，与合作方一致。")
    screenshot("datacalls-1-open-call")
    page.click("[data-testid=open-call-submit]")
    page.wait_for_selector(".alert-success")
    call = DataCall.objects.get(year=YEAR)
    assert call.returns.count() == 3
    assert page.locator("[data-testid=return-row]").count() == 3
    screenshot("datacalls-2-call-opened")
    assert Delivery.objects.filter(notice__kind="data_call").count() == 2

    # 2. The school answers on time, counting the 31 students still in class.
    log_in(page, live_server, group["school_rep"])
    page.goto(live_server.url + reverse("member_returns"))
    page.click("[data-testid=open-return]")
    fill(page, SCHOOL)
    figure = call.figures.get()
    page.fill(f"[name=figure_{figure.pk}]", "31")
    screenshot("datacalls-3-school-return")
    page.click("[data-testid=submit-return]")
    page.wait_for_selector(".alert-success")
    assert MemberReturn.objects.get(member=group["school"]).status == "submitted"

    # 3. The deadline passes; the enterprise is reminded (once) and answers late.
    DataCall.objects.filter(pk=call.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    MemberReturn.objects.filter(member=group["school"]).update(
        submitted_at=timezone.now() - timedelta(days=2)
    )
    assert services.data_call_reminders_send(today=timezone.localdate()) == 1  # one rep
    assert services.data_call_reminders_send(today=timezone.localdate()) == 0
    log_in(page, live_server, group["enterprise_rep"])
    page.goto(live_server.url + reverse("inbox"))
    screenshot("datacalls-4-enterprise-reminded")
    page.goto(live_server.url + reverse("member_returns"))
    assert page.locator("[data-testid=overdue]").count() == 1
    page.click("[data-testid=open-return]")
    assert page.input_value("[name=order_class_students]") == "35"  # pre-filled
    assert page.input_value(f"[name=figure_{figure.pk}]") == "35"
    fill(page, ENTERPRISE)
    page.fill("[name=teaching_hours]", "-5")
    page.click("[data-testid=submit-return]")
    page.wait_for_selector(".invalid-feedback")
    assert page.input_value("[name=service_income_cny]") == "50000"  # nothing lost
    page.fill("[name=teaching_hours]", "320")
    page.click("[data-testid=submit-return]")
    page.wait_for_selector(".alert-success")
    screenshot("datacalls-5-enterprise-submitted-late")

    # 4. Staff see the disagreement side by side and settle it.
    log_in(page, live_server, staff)
    page.goto(live_server.url + reverse("staff_datacall_detail", args=[call.pk]))
    assert page.locator("[data-testid=disagreement]").count() == 1
    # Late: the enterprise (submitted after the deadline) and the member that never answered.
    assert "2" in page.locator("[data-testid=late-count]").inner_text()
    screenshot("datacalls-6-call-page-disagreement")
    page.goto(live_server.url + reverse("staff_datacall_close", args=[call.pk]))
    assert page.locator("[data-testid=close-submit]").count() == 0  # refused while unsettled
    page.goto(live_server.url + reverse("staff_figure_settle", args=[figure.pk]))
    assert page.inner_text("[data-testid=school-value]") == "31"
    assert page.inner_text("[data-testid=enterprise-value]") == "35"
    page.fill("input[name=value]", "35")
    page.fill("textarea[name=note]", "协议按选拔人数计：选拔35名，年末在读31名。")
    screenshot("datacalls-7-settle")
    page.click("[data-testid=settle-submit]")
    page.wait_for_selector(".alert-success")
    screenshot("datacalls-8-settled")

    # 5. Staff accept both returns, then close the call (confirming the missing third).
    for member in (group["school"], group["enterprise"]):
        member_return = call.returns.get(member=member)
        page.goto(live_server.url + reverse("staff_return_detail", args=[member_return.pk]))
        page.click("[data-testid=accept]")
        page.wait_for_selector(".alert-success")
    screenshot("datacalls-9-return-accepted")
    page.goto(live_server.url + reverse("staff_datacall_close", args=[call.pk]))
    page.click("[data-testid=close-submit]")
    page.wait_for_selector(".alert-warning")
    screenshot("datacalls-10-close-asks-to-confirm")
    page.check("input[name=confirm_missing]")
    page.click("[data-testid=close-submit]")
    page.wait_for_selector(".alert-success")
    screenshot("datacalls-11-closed-and-frozen")
    call.refresh_from_db()
    assert (call.status, call.snapshot_version) == ("closed", 1)
    snapshot = YearSnapshot.objects.get(year=YEAR, version=1)
    assert snapshot.sections["returns"]["totals"]["returns_accepted"] == 2

    page.goto(live_server.url + reverse("staff_data_quality", args=[YEAR]))
    screenshot("datacalls-12-data-quality")
