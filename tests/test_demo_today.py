"""The demo group looks in use today: carried forward to the current year, the seed's 2021 as
recorded, frozen years dated when a secretariat would have frozen them."""

from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from datacalls.models import DataCall
from enrollment.models import Application, Intake
from members.models import Member
from partnerships.models import Project
from reports.models import YearSnapshot
from reports.selectors import year_indicators, year_without_data

# each test loads the demo group: run once, in the PostgreSQL + Redis run of .ci/run
pytestmark = pytest.mark.slow


@pytest.fixture
def demo(db):
    call_command("load_demo", "--no-login")


def test_the_current_year_has_running_projects_an_open_intake_and_applications_to_decide(demo):
    this_year = timezone.localdate().year
    assert (
        Project.objects.filter(status=Project.Status.RUNNING).counting_for(this_year).count() >= 3
    )
    intake = Intake.objects.open_now().get()
    assert intake.year == this_year
    assert intake.applications.filter(status=Application.Status.SUBMITTED).count() >= 20
    assert timezone.localtime(intake.closes_at).strftime("%H:%M") == "17:00"
    assert year_without_data(year_indicators(this_year)) is None


def test_last_years_data_call_closed_in_january_and_froze_the_year(demo):
    last_year = timezone.localdate().year - 1
    call = DataCall.objects.get(year=last_year)
    closed = timezone.localtime(call.closed_at).date() if call.closed_at else None
    if date(last_year + 1, 1, 28) <= timezone.localdate():
        assert closed == date(last_year + 1, 1, 28)
        snapshot = YearSnapshot.objects.get(year=last_year)
        assert timezone.localtime(snapshot.created_at).date() == closed
    else:
        assert closed is None


def test_the_seeds_2021_stays_as_recorded(demo):
    figures = year_indicators(2021)
    # The seed's own figures (000: 900 registered, 747 approved; 25 + 35 in order classes,
    # 20 + 45 interns, RMB 30 million of equipment).
    assert (figures["enrollment_registered"], figures["enrollment_approved"]) == (900, 747)
    assert figures["students_order_class"] == 60
    assert figures["students_internship"] == 65
    assert figures["investment_cny"] == 30_000_000
    snapshot = YearSnapshot.objects.get(year=2021)
    assert timezone.localtime(snapshot.created_at).date() == date(2022, 1, 28)


def test_two_enterprises_joined_in_each_year_since_the_seed(demo):
    for year in range(2022, timezone.localdate().year):
        assert Member.objects.filter(joined_on__year=year, kind="enterprise").count() == 2, year


def test_every_past_year_since_the_founding_is_frozen(demo):
    frozen = set(YearSnapshot.objects.values_list("year", flat=True))
    assert frozen == set(range(2013, timezone.localdate().year))
