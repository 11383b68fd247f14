from datetime import timedelta

import pytest
from django.utils import timezone

from datacalls import services
from datacalls.models import DataCall, MemberReturn, ProjectFigure
from members.models import Member
from notices.models import Delivery, Kind, Notice
from reports.models import YearSnapshot
from tests.factories import MemberFactory

from .conftest import ENTERPRISE_VALUES, SCHOOL_VALUES, YEAR, return_of, submit

R = MemberReturn.Status


def test_opening_a_call_gives_each_active_member_a_return_and_each_project_a_figure(group, call):
    MemberFactory(status=Member.Status.SUSPENDED)
    assert call.returns.count() == 3
    forms = dict(call.returns.values_list("member__name", "form"))
    assert forms[group["school"].name] == "school"
    assert forms[group["enterprise"].name] == "enterprise"
    assert set(call.figures.values_list("what", flat=True)) == {
        "order_class_students",
        "interns_placed",
    }
    assert call.returns.filter(status=R.NOT_STARTED).count() == 3


def test_opening_tells_every_representative_in_the_inbox_and_by_mail(
    group, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.data_call_open(
            by=group["staff"], year=YEAR, deadline=timezone.localdate() + timedelta(days=7)
        )
    notice = Notice.objects.get(kind=Kind.DATA_CALL)
    users = set(Delivery.objects.filter(notice=notice).values_list("user__username", flat=True))
    assert users == {"school_rep", "ent_rep", "other_rep"}
    assert len(mailoutbox) == 3


def test_a_call_can_be_limited_to_kinds_of_member(group):
    call = services.data_call_open(
        by=group["staff"],
        year=YEAR,
        deadline=timezone.localdate(),
        member_kinds=[Member.Kind.ENTERPRISE],
    )
    assert call.returns.count() == 2
    assert not call.figures.exists()  # the school is not asked: nobody confirms its side


def test_a_second_call_for_the_same_year_is_refused(group, call):
    with pytest.raises(services.DataCallError):
        services.data_call_open(by=group["staff"], year=YEAR, deadline=timezone.localdate())
    assert DataCall.objects.count() == 1


def test_a_draft_is_saved_and_a_complete_return_submitted(group, call):
    member_return = return_of(call, group["enterprise"])
    saved = services.return_save(
        member_return=member_return,
        by=group["reps"]["enterprise"],
        values={"order_class_students": 35},
        figure_values={},
    )
    assert saved.status == R.DRAFT
    with pytest.raises(services.DataCallError, match="Answer every figure"):
        services.return_submit(member_return=saved, by=group["reps"]["enterprise"])
    submitted = submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    assert submitted.status == R.SUBMITTED
    assert submitted.submitted_by == group["reps"]["enterprise"]


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (R.SUBMITTED, "save"),
        (R.ACCEPTED, "save"),
        (R.SUBMITTED, "submit"),
        (R.ACCEPTED, "submit"),
        (R.NOT_STARTED, "accept"),
        (R.DRAFT, "accept"),
        (R.RETURNED, "accept"),
        (R.ACCEPTED, "accept"),
        (R.NOT_STARTED, "send_back"),
        (R.DRAFT, "send_back"),
        (R.RETURNED, "send_back"),
    ],
)
def test_an_action_the_status_does_not_allow_is_refused_and_changes_nothing(
    group, call, status, action
):
    member_return = return_of(call, group["enterprise"])
    MemberReturn.objects.filter(pk=member_return.pk).update(status=status, interns_taken=7)
    member_return.refresh_from_db()
    user = group["staff"] if action in ("accept", "send_back") else group["reps"]["enterprise"]
    run = {
        "save": lambda: services.return_save(
            member_return=member_return, by=user, values={"interns_taken": 9}, figure_values={}
        ),
        "submit": lambda: services.return_submit(
            member_return=member_return, by=user, values=ENTERPRISE_VALUES, figure_values={}
        ),
        "accept": lambda: services.return_accept(member_return=member_return, by=user),
        "send_back": lambda: services.return_send_back(
            member_return=member_return, by=user, comments="请核对"
        ),
    }[action]
    with pytest.raises(services.DataCallError):
        run()
    member_return.refresh_from_db()
    assert (member_return.status, member_return.interns_taken) == (status, 7)


def test_sent_back_return_shows_comments_and_can_be_resubmitted(group, call):
    rep = group["reps"]["enterprise"]
    member_return = submit(call, group["enterprise"], rep, ENTERPRISE_VALUES)
    services.return_send_back(member_return=member_return, by=group["staff"], comments="实习人数?")
    member_return.refresh_from_db()
    assert member_return.status == R.RETURNED
    assert member_return.review_comments == "实习人数?"
    again = submit(call, group["enterprise"], rep, {**ENTERPRISE_VALUES, "interns_taken": 21})
    assert again.status == R.SUBMITTED
    assert services.return_accept(member_return=again, by=group["staff"]).status == R.ACCEPTED


def test_send_back_needs_comments(group, call):
    member_return = submit(
        call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES
    )
    with pytest.raises(services.DataCallError):
        services.return_send_back(member_return=member_return, by=group["staff"], comments=" ")
    member_return.refresh_from_db()
    assert member_return.status == R.SUBMITTED


def test_a_submit_with_a_bad_value_stores_nothing(group, call):
    member_return = return_of(call, group["enterprise"])
    figure = call.figures.get(what="interns_placed")
    with pytest.raises(services.DataCallError):
        services.return_submit(
            member_return=member_return,
            by=group["reps"]["enterprise"],
            values={"interns_taken": 3},  # the rest unanswered
            figure_values={figure.pk: 19},
        )
    member_return.refresh_from_db()
    figure.refresh_from_db()
    assert (member_return.status, member_return.interns_taken) == (R.NOT_STARTED, None)
    assert figure.enterprise_value is None


def _disagree(group, call):
    submit(
        call, group["school"], group["reps"]["school"], SCHOOL_VALUES, {"艾尔玛模具制造191班": 31}
    )
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    return call.figures.get(what="order_class_students")


def test_school_and_enterprise_giving_different_class_sizes_disagree(group, call):
    figure = _disagree(group, call)
    assert (figure.school_value, figure.enterprise_value, figure.state) == (31, 35, "disagreed")
    assert call.figures.get(what="interns_placed").state == "agreed"
    assert list(call.figures.unsettled()) == [figure]


def test_staff_settle_a_disagreement_with_a_note_and_may_write_it_back(group, call):
    figure = _disagree(group, call)
    with pytest.raises(services.DataCallError):
        services.figure_settle(figure=figure, by=group["staff"], value=33, note="")
    settled = services.figure_settle(
        figure=figure, by=group["staff"], value=33, note="以年末在册为准", write_back=True
    )
    assert (settled.settled_value, settled.settled_by, settled.state) == (
        33,
        group["staff"],
        "settled",
    )
    assert settled.settled_at is not None
    group["order_class"].refresh_from_db()
    assert group["order_class"].students == 33
    assert not call.figures.unsettled().exists()


def test_settling_without_write_back_leaves_the_project_alone(group, call):
    figure = _disagree(group, call)
    services.figure_settle(figure=figure, by=group["staff"], value=31, note="在读31名")
    group["order_class"].refresh_from_db()
    assert group["order_class"].students == 35


def test_closing_is_refused_while_a_disagreement_is_unsettled(group, call):
    _disagree(group, call)
    with pytest.raises(services.DataCallError, match="settle them"):
        services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    call.refresh_from_db()
    assert call.status == DataCall.Status.OPEN
    assert not YearSnapshot.objects.exists()


def test_closing_with_missing_returns_needs_confirmation_then_freezes_the_year(group, call):
    with pytest.raises(services.ReturnsMissing) as refused:
        services.data_call_close(call=call, by=group["staff"])
    assert refused.value.count == 3
    assert not YearSnapshot.objects.exists()
    closed = services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    assert (closed.status, closed.snapshot_version) == (DataCall.Status.CLOSED, 1)
    snapshot = YearSnapshot.objects.get(year=YEAR)
    assert snapshot.sections["returns"]["totals"]["returns_accepted"] == 0


def test_the_frozen_year_holds_the_accepted_returns(group, call):
    figure = _disagree(group, call)
    services.figure_settle(figure=figure, by=group["staff"], value=35, note="按选拔人数")
    for member in (group["school"], group["enterprise"]):
        services.return_accept(member_return=return_of(call, member), by=group["staff"])
    services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    section = YearSnapshot.objects.get(year=YEAR).sections["returns"]
    assert section["totals"]["returns_accepted"] == 2
    assert section["totals"]["returns_interns_taken"] == 20
    assert section["totals"]["returns_part_time_teachers"] == 3
    assert section["totals"]["returns_equipment_invested_cny"] == "0.00"
    assert {r["member"] for r in section["records"]} == {
        group["school"].name,
        group["enterprise"].name,
    }


def test_closing_a_call_for_a_year_frozen_before_freezes_it_again_with_the_accepted_returns(
    group, call
):
    from reports.services import year_freeze

    early = year_freeze(year=YEAR, by=group["staff"], reason="frozen before the call closed")
    assert early.sections["returns"]["totals"]["returns_accepted"] == 0
    figure = _disagree(group, call)
    services.figure_settle(figure=figure, by=group["staff"], value=35, note="按选拔人数")
    for member in (group["school"], group["enterprise"]):
        services.return_accept(member_return=return_of(call, member), by=group["staff"])
    closed = services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    assert closed.snapshot_version == 2
    versions = YearSnapshot.objects.filter(year=YEAR).order_by("version")
    assert [s.version for s in versions] == [1, 2]
    first, second = versions
    assert first.sections["returns"]["totals"]["returns_accepted"] == 0  # left as it was
    assert second.sections["returns"]["totals"]["returns_accepted"] == 2
    assert second.sections["returns"]["totals"]["returns_interns_taken"] == 20
    assert {r["member"] for r in second.sections["returns"]["records"]} == {
        group["school"].name,
        group["enterprise"].name,
    }


def test_nothing_changes_once_the_call_is_closed(group, call):
    member_return = submit(
        call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES
    )
    services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    with pytest.raises(services.DataCallError):
        services.return_accept(member_return=member_return, by=group["staff"])
    with pytest.raises(services.DataCallError):
        services.data_call_close(call=call, by=group["staff"], confirm_missing=True)
    assert YearSnapshot.objects.filter(year=YEAR).count() == 1


def test_figures_are_suggested_from_the_projects(group, call):
    from datacalls.selectors import suggestions

    found = suggestions(return_of(call, group["enterprise"]))
    assert found["order_class_students"] == 35
    assert found["interns_taken"] == 20
    assert found["partner_schools"] == 1
    assert found["partner_school_names"] == group["school"].name
    school = suggestions(return_of(call, group["school"]))
    assert school["programmes_with_enterprises"] == 1
    assert school["groups_joined"] == 1


def test_a_figure_counts_as_one_side_answered_until_both_did(group, call):
    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    figure = call.figures.get(what="order_class_students")
    assert figure.state == "waiting"
    assert ProjectFigure.objects.unsettled().count() == 0


def test_reminders_go_to_members_not_submitted_once_a_day(group, call, mailoutbox):
    from notices.models import ReminderLog

    submit(call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES)
    week_before = call.deadline - timedelta(days=7)
    assert services.data_call_reminders_send(today=week_before) == 2  # school and other
    assert services.data_call_reminders_send(today=week_before) == 0
    assert services.data_call_reminders_send(today=call.deadline - timedelta(days=3)) == 0
    assert services.data_call_reminders_send(today=call.deadline + timedelta(days=1)) == 2
    keys = ReminderLog.objects.values_list("key", flat=True)
    assert len(keys) == 4
    assert not any(f"member{group['enterprise'].pk}:" in k for k in keys)


def test_the_daily_reminder_run_uses_the_open_call(group, call):
    from notices.reminders import reminders_run

    result = reminders_run(today=call.deadline - timedelta(days=1))
    assert result["data_call"] == 3
    assert reminders_run(today=call.deadline - timedelta(days=1))["data_call"] == 0


def test_a_late_return_is_flagged(group, call):
    from datacalls.selectors import call_progress

    member_return = submit(
        call, group["enterprise"], group["reps"]["enterprise"], ENTERPRISE_VALUES
    )
    MemberReturn.objects.filter(pk=member_return.pk).update(
        submitted_at=timezone.now() + timedelta(days=30)
    )
    progress = call_progress(call)
    assert progress.late == 1
    assert progress.by_status[R.SUBMITTED] == 1
    assert progress.total == 3
