from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notices import tasks
from notices.models import Kind, Notice, ReminderLog, ReminderSetting
from notices.reminders import reminders_run
from tests.factories import MemberFactory, RepresentativeFactory

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
    participant = ParticipantFactory(project__ends_on=project_ends)
    rep = RepresentativeFactory(member=participant.member).user
    ParticipantFactory(project__ends_on=TODAY + timedelta(days=90))  # not yet
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


def test_a_project_title_with_markup_is_shown_as_text_in_the_reminder(staff):
    ParticipantFactory(
        project__title='<img src=x onerror="alert(1)">订单班',
        project__ends_on=TODAY + timedelta(days=10),
    )
    reminders_run(TODAY)
    notice = Notice.objects.get(kind=Kind.REMINDER)
    assert "<img" not in notice.body
    assert "&lt;img" in notice.body
