from datetime import date

from django.urls import reverse

from datacalls.models import DataCall, MemberReturn
from datacalls.selectors import quality_report
from members.models import Member
from partnerships.models import Placement
from tests.factories import MemberFactory
from tests.partnerships.factories import OfferFactory

from .conftest import ENTERPRISE_VALUES, SCHOOL_VALUES, YEAR, submit


def _kinds(report):
    return [(i.kind, i.field) for i in report["issues"]]


def test_completeness_per_member_and_per_field(group, call):
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    report = quality_report(YEAR)
    by_member = {r.member.name: percent for r, percent in report["members"]}
    assert by_member[group["enterprise"].name] == 100
    assert by_member[group["school"].name] == 0
    interns = next(f for f in report["fields"] if f["field"] == "interns_taken")
    assert (interns["answered"], interns["asked"], interns["percent"]) == (1, 2, 50)


def test_absurd_values_are_flagged(group, call):
    values = {**ENTERPRISE_VALUES, "interns_taken": 90000, "teaching_hours": 5000}
    values["part_time_teachers"] = 1
    submit(call, group["enterprise"], group["reps"]["enterprise"], values)
    flagged = _kinds(quality_report(YEAR))
    assert ("out_of_range", "interns taken") in flagged
    assert ("out_of_range", "their teaching hours") in flagged


def test_more_order_class_students_than_the_class_had_is_flagged(group, call):
    submit(
        call,
        group["enterprise"],
        group["reps"]["enterprise"],
        ENTERPRISE_VALUES,
        {"艾尔玛模具制造191班": 40},
    )
    report = quality_report(YEAR)
    issue = next(i for i in report["issues"] if i.kind == "inconsistent")
    assert "40" in issue.message and "35" in issue.message
    assert issue.url == reverse("staff_project_detail", args=[group["order_class"].pk])


def test_interns_placed_at_a_member_that_had_left_are_flagged(group, call):
    gone = MemberFactory(
        status=Member.Status.LEFT, joined_on=date(2015, 1, 1), left_on=date(YEAR, 3, 1)
    )
    offer = OfferFactory(member=gone)
    Placement.objects.create(
        offer=offer, school=group["school"], students=4, placed_on=date(YEAR, 7, 1)
    )
    report = quality_report(YEAR)
    issue = next(i for i in report["issues"] if i.member == gone.name)
    assert issue.kind == "inconsistent"
    assert issue.url == reverse("staff_member_detail", args=[gone.pk])


def test_year_on_year_jumps_beyond_the_threshold_are_flagged(group, call):
    before = DataCall.objects.create(year=YEAR - 1, deadline=date(YEAR, 1, 15))
    MemberReturn.objects.create(
        call=before,
        member=group["enterprise"],
        form="enterprise",
        status=MemberReturn.Status.ACCEPTED,
        **{**ENTERPRISE_VALUES, "interns_taken": 10, "teaching_hours": 200},
    )
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    flagged = _kinds(quality_report(YEAR))  # 10 -> 20 interns: +100 %; 200 -> 240 hours: +20 %
    assert ("jump", "interns taken") in flagged
    assert ("jump", "their teaching hours") not in flagged
    assert ("jump", "their teaching hours") in _kinds(quality_report(YEAR, threshold=10))


def test_a_clean_year_flags_nothing(group, call):
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    submit(call, group["school"], group["reps"]["school"], SCHOOL_VALUES)
    assert quality_report(YEAR)["issues"] == []


def test_the_quality_page_links_each_item_to_its_record(client_for, group, call):
    values = {**ENTERPRISE_VALUES, "interns_taken": 90000}
    member_return = submit(call, group["enterprise"], group["reps"]["enterprise"], values)
    page = (
        client_for(group["staff"])
        .get(reverse("staff_data_quality", args=[YEAR]), {"threshold": 30})
        .content.decode()
    )
    assert reverse("staff_return_detail", args=[member_return.pk]) in page
    assert 'data-testid="issue-out_of_range"' in page


def test_the_quality_page_of_a_year_without_a_call_is_not_found(client_for, staff):
    assert client_for(staff).get(reverse("staff_data_quality", args=[1999])).status_code == 404
