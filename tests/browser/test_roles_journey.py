"""The secretary-general gives a teacher one intake to review; the teacher sees masked numbers,
cannot export; the auditor reads the audit trail (screenshots at 1366 and 390 px)."""

import pytest
from django.contrib.auth.models import Group

from enrollment.models import Intake
from members.models import Member
from tests.conftest import PASSWORD
from tests.enrollment.factories import IntakeFactory, submitted
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, url, user):
    page.context.clear_cookies()
    page.goto(url + "/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(url + "/staff/")


@pytest.mark.parametrize("width", [1366, 390])
def test_a_teacher_reviews_one_intake_masked(page, live_server, screenshot, width):
    for name in ("secretary_general", "enrollment_reviewer", "auditor"):
        Group.objects.get_or_create(name=name)
    page.set_viewport_size({"width": width, "height": 900})
    school = MemberFactory(name="东莞市机电工程学校", kind=Member.Kind.VOCATIONAL_SCHOOL)
    chief = StaffFactory(username=f"chief{width}")
    teacher = StaffFactory(username=f"teacher{width}", roles=[], first_name="李老师")
    RepresentativeFactory(member=school, user=teacher)
    auditor = StaffFactory(username=f"auditor{width}", roles=["auditor"])
    application = submitted(intake=IntakeFactory(school=school, programme="模具制造技术"))
    submitted(intake=IntakeFactory(programme="数控技术"))  # not the teacher's

    log_in(page, live_server.url, chief)
    page.goto(live_server.url + f"/staff/team/{teacher.pk}/roles/")
    page.check("input[value=enrollment_reviewer]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/staff/team/")
    screenshot(f"roles-people-{width}")
    page.goto(live_server.url + f"/staff/enrollment/intakes/{application.intake.pk}/edit/")
    page.check(f"input[name=reviewers][value='{teacher.pk}']")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/staff/enrollment/")
    assert list(Intake.objects.get(pk=application.intake.pk).reviewers.all()) == [teacher]

    log_in(page, live_server.url, teacher)
    page.goto(live_server.url + "/staff/enrollment/applications/")
    queue = page.locator("[data-testid=queue]").inner_text()
    assert application.full_name in queue and "数控技术" not in queue
    page.goto(live_server.url + f"/staff/enrollment/applications/{application.pk}/")
    shown = page.locator("[data-testid=id-number]").inner_text()
    assert shown == application.id_number_masked and application.id_number not in page.content()
    screenshot(f"roles-teacher-application-{width}")
    response = page.goto(
        live_server.url + f"/staff/enrollment/intakes/{application.intake.pk}/roster.xlsx"
    )
    assert response.status == 403
    screenshot(f"roles-teacher-export-refused-{width}")

    log_in(page, live_server.url, auditor)
    page.goto(live_server.url + "/staff/audit/")
    trail = page.locator("[data-testid=audit-entries]").inner_text()
    assert "修改了用户角色" in trail and "工作人员登录" in trail
    screenshot(f"roles-audit-trail-{width}")
