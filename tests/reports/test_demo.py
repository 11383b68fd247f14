from datetime import date

import pytest
from django.utils import timezone

from reports import demo
from reports.models import ReportDraft, YearSnapshot
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


def test_demo_creates_the_2021_draft_from_the_seed_and_keeps_edits():
    demo.load()
    draft = ReportDraft.objects.get(year=2021)
    assert "松散组织" in draft.problems
    assert "{enrollment_registered}" in draft.main_work
    draft.problems = "秘书处改过的文字"
    draft.save()
    demo.load()
    assert ReportDraft.objects.get(year=2021).problems == "秘书处改过的文字"
    assert ReportDraft.objects.count() == 1


def test_demo_freezes_each_past_year_once_as_version_1():
    MemberFactory(joined_on=date(2013, 10, 18))
    demo.load()
    demo.load()
    frozen = YearSnapshot.objects.order_by("year")
    # 2021 and last year are frozen by the demo's data calls.
    last_year = date.today().year - 1
    assert [s.year for s in frozen] == [*range(2013, 2021), *range(2022, last_year)]
    assert {s.version for s in frozen} == {1}
    assert frozen.get(year=2020).figures()["members_total"] == 1


def test_demo_frozen_years_carry_believable_dates():
    demo.load()
    for snapshot in YearSnapshot.objects.all():
        frozen_on = timezone.localtime(snapshot.created_at).date()
        assert frozen_on == date(snapshot.year + 1, 1, 28), snapshot.year
