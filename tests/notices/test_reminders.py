from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notices import tasks
from notices.models import Kind, Notice, Preference, ReminderLog, ReminderSetting
from notices.reminders import reminders_run
from partnerships.models import PlanTask
from tests.factories import MemberFactory, RepresentativeFactory
from tests.partnerships.factories import PlanTaskFactory

from .factories import ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def test_representatives_of_a_stale_profile_are_reminded_once(
    django_capture_on_commit_callbacks,
):
    stale = MemberFactory(profile_updated_at=timezone.now() - timedelta(days=400))
    fresh = MemberFactory(profile_updated_at=timezone.now() - timedelta(days=30))
    rep = RepresentativeFactory(member=stale).user
    RepresentativeFactory(member=fresh)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(TODAY)["profile_stale"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(TODAY)["profile_stale"] == 0
    assert [m.to for m in mail.outbox] == [[rep.email]]
    notice = Notice.objects.get(kind=Kind.REMINDER)
    assert notice.deliveries.get().user == rep
    assert ReminderLog.objects.count() == 1


def test_expiring_agreement_reminds_staff_and_participants(staff):
    project_ends = TODAY + timedelta(days=30)
    participant = ParticipantFactory(project__expires_on=project_ends)
    rep = RepresentativeFactory(member=participant.member).user
    ParticipantFactory(project__expires_on=TODAY + timedelta(days=90))  # not yet
    result = reminders_run(TODAY)
    assert result["agreement_expiring"] == 1
    notice = Notice.objects.get(title__contains=participant.project.title)
    assert set(notice.deliveries.values_list("user_id", flat=True)) == {staff.pk, rep.pk}
    assert reminders_run(TODAY)["agreement_expiring"] == 0


def test_data_call_goes_out_once_a_year_from_december(representative):
    assert reminders_run(date(2026, 11, 30))["data_call"] == 0
    assert reminders_run(date(2026, 12, 1))["data_call"] == 1
    assert reminders_run(date(2026, 12, 2))["data_call"] == 0
    notice = Notice.objects.get()
    assert "2026" in notice.title
    assert notice.deliveries.get().user == representative


def test_a_reminder_type_switched_off_sends_nothing(representative):
    ReminderSetting.objects.create(type="data_call", enabled=False)
    assert reminders_run(date(2026, 12, 5))["data_call"] == "off"
    assert not Notice.objects.exists()


def test_the_beat_schedule_runs_the_reminders_and_the_dispatcher(settings):
    tasks_scheduled = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"notices.send_reminders", "notices.dispatch"} <= tasks_scheduled
    assert isinstance(tasks.send_reminders(), dict)


def test_staff_switch_a_reminder_off(client_for, staff):
    client_for(staff).post("/staff/notices/reminders/", {"enabled_profile_stale": "on"})
    assert ReminderSetting.is_enabled("profile_stale")
    assert not ReminderSetting.is_enabled("data_call")
    assert not ReminderSetting.is_enabled("agreement_expiring")
    assert not ReminderSetting.is_enabled("plan_task_late")


def test_the_staff_reminders_page_offers_the_late_plan_task_switch(client_for, staff):
    page = client_for(staff).get("/staff/notices/reminders/").content.decode()
    assert 'name="enabled_plan_task_late"' in page


def test_a_project_title_with_markup_is_shown_as_text_in_the_reminder(staff):
    ParticipantFactory(
        project__title='<img src=x onerror="alert(1)">订单班',
        project__expires_on=TODAY + timedelta(days=10),
    )
    reminders_run(TODAY)
    notice = Notice.objects.get(kind=Kind.REMINDER)
    assert "<img" not in notice.body
    assert "&lt;img" in notice.body


def test_the_lead_of_a_late_plan_task_is_reminded_once(django_capture_on_commit_callbacks):
    lead = MemberFactory()
    reps = [RepresentativeFactory(member=lead).user for _ in range(2)]
    RepresentativeFactory()  # another member's representative hears nothing
    task = PlanTaskFactory(lead=lead, title="共建模具实训基地", deadline=TODAY - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(TODAY)["plan_task_late"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_run(TODAY)["plan_task_late"] == 0
    notice = Notice.objects.get(kind=Kind.REMINDER)
    assert "共建模具实训基地" in notice.title
    assert task.plan.title in notice.body
    assert set(notice.deliveries.values_list("user_id", flat=True)) == {u.pk for u in reps}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in reps)
    assert ReminderLog.objects.get().type == "plan_task_late"


def test_a_lead_representative_without_reminder_mail_finds_it_in_the_inbox_only(
    django_capture_on_commit_callbacks,
):
    lead = MemberFactory()
    quiet, mailed = (RepresentativeFactory(member=lead).user for _ in range(2))
    Preference.objects.create(user=quiet, kind=Kind.REMINDER, email=False)
    PlanTaskFactory(lead=lead, deadline=TODAY - timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        reminders_run(TODAY)
    notice = Notice.objects.get(kind=Kind.REMINDER)
    assert set(notice.deliveries.values_list("user_id", flat=True)) == {quiet.pk, mailed.pk}
    assert [m.to for m in mail.outbox] == [[mailed.email]]


def test_done_tasks_and_tasks_not_yet_due_are_not_reminded():
    lead = RepresentativeFactory().member
    PlanTaskFactory(lead=lead, deadline=TODAY - timedelta(days=10), status=PlanTask.Status.DONE)
    PlanTaskFactory(lead=lead, deadline=TODAY)  # due today: not late yet
    PlanTaskFactory(lead=lead, deadline=TODAY + timedelta(days=30))
    PlanTaskFactory(lead=lead, deadline=None)
    assert reminders_run(TODAY)["plan_task_late"] == 0
    assert not Notice.objects.exists()


def test_a_late_task_without_a_lead_representative_sends_nothing_and_records_nothing():
    PlanTaskFactory(lead=None, deadline=TODAY - timedelta(days=3))
    PlanTaskFactory(lead=MemberFactory(), deadline=TODAY - timedelta(days=3))
    assert reminders_run(TODAY)["plan_task_late"] == 0
    assert not ReminderLog.objects.exists()


def test_late_plan_task_reminders_switched_off_send_nothing():
    PlanTaskFactory(lead=RepresentativeFactory().member, deadline=TODAY - timedelta(days=1))
    ReminderSetting.objects.create(type="plan_task_late", enabled=False)
    assert reminders_run(TODAY)["plan_task_late"] == "off"
    assert not Notice.objects.exists()


def test_a_task_given_a_new_deadline_that_passes_too_is_reminded_again():
    task = PlanTaskFactory(lead=RepresentativeFactory().member, deadline=TODAY - timedelta(days=40))
    assert reminders_run(TODAY)["plan_task_late"] == 1
    task.deadline = TODAY - timedelta(days=2)
    task.save()
    assert reminders_run(TODAY)["plan_task_late"] == 1
    assert reminders_run(TODAY)["plan_task_late"] == 0


def test_a_task_title_with_markup_is_shown_as_text_in_the_reminder():
    PlanTaskFactory(
        lead=RepresentativeFactory().member,
        title="<script>alert(1)</script>实训基地",
        deadline=TODAY - timedelta(days=1),
    )
    reminders_run(TODAY)
    body = Notice.objects.get(kind=Kind.REMINDER).body
    assert "<script" not in body
    assert "&lt;script&gt;" in body


def test_the_agreement_reminder_names_the_shared_window(client_for, staff):
    page = client_for(staff).get("/staff/notices/reminders/").content.decode()
    assert "合作协议 60 天内到期" in page  # AGREEMENT_EXPIRY_NOTICE_DAYS, as the lists use
