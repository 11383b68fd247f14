"""Staff send one notice by inbox, e-mail and SMS at once; texts go to verified numbers of those
who want them (by default those without e-mail), each once; the page shows the count first."""

import pytest
from django.core import mail
from django.urls import reverse

from notices.models import Delivery, Notice
from notices.services import notice_send_now
from notices.texts import sms_text
from sms.models import sms_parts
from tests.factories import StaffFactory, UserFactory
from tests.sms_files import read_sms

from .factories import NoticeFactory

PHONE_ONLY = "13711112222"
WITH_EMAIL = "13733334444"


@pytest.fixture
def audience(sms_folder):
    phone_only = UserFactory(username="a", email="", phone="+86" + PHONE_ONLY, phone_verified=True)
    with_email = UserFactory(username="b", phone="+86" + WITH_EMAIL, phone_verified=True)
    email_only = UserFactory(username="c")
    return {"scope": "users", "users": [phone_only.pk, with_email.pk, email_only.pk]}


def _notice(audience, **kwargs):
    return NoticeFactory(audience=audience, title="关于报名确认的通知", **kwargs)


def test_staff_choose_channels_on_the_form(client_for, audience):
    client = client_for(StaffFactory())
    data = {
        "title": "考试安排",
        "body": "<p>周六上午九点。</p>",
        "kind": "announcement",
        "response": "none",
        "reply_prompt": "",
        "scope": "members",
        "channels_shown": "1",
        "channels": ["email", "sms"],
    }
    client.post(reverse("staff_notice_create"), data)
    notice = Notice.objects.get()
    assert (notice.by_email, notice.by_sms) == (True, True)
    data["channels"] = ["sms"]
    client.post(reverse("staff_notice_edit", args=[notice.pk]), data)
    notice.refresh_from_db()
    assert (notice.by_email, notice.by_sms) == (False, True)


def test_counting_the_audience_on_the_form_shows_the_texts_too(client_for, audience):
    from accounts.models import User
    from tests.enrollment.factories import ApplicationFactory, IntakeFactory

    intake = IntakeFactory()
    for username in ("a", "b", "c"):
        ApplicationFactory(intake=intake, applicant=User.objects.get(username=username))
    data = {
        "title": "考试安排",
        "body": "<p>周六上午九点。</p>",
        "kind": "announcement",
        "response": "none",
        "reply_prompt": "",
        "scope": "intake",
        "intake": intake.pk,
        "channels_shown": "1",
        "channels": ["email", "sms"],
        "count": "1",
    }
    response = client_for(StaffFactory()).post(reverse("staff_notice_create"), data)
    assert response.status_code == 200 and not Notice.objects.exists()
    html = response.content.decode()
    assert "<strong>1</strong> 条短信" in html  # of 3 applicants, the one without e-mail


def test_the_page_shows_the_count_and_parts_before_sending(client_for, audience):
    notice = _notice(audience, by_sms=True)
    html = client_for(StaffFactory()).get(reverse("staff_notice_detail", args=[notice.pk]))
    html = html.content.decode()
    parts = sms_parts(sms_text(notice, 123))
    # One text: only the recipient without e-mail wants SMS by default.
    assert "<strong>1</strong> 条短信" in html
    assert f"每条 {parts} 段" in html


def test_one_notice_by_inbox_email_and_sms_at_once(audience, sms_folder):
    notice = _notice(audience, by_email=True, by_sms=True)
    mail.outbox.clear()
    assert notice_send_now(notice=notice) == 3
    texts = read_sms(sms_folder)
    assert [to for to, _ in texts] == [PHONE_ONLY]
    delivery = Delivery.objects.get(notice=notice, user__username="a")
    assert f"/inbox/{delivery.pk}/" in texts[0][1] and "关于报名确认的通知" in texts[0][1]
    assert delivery.text.status == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == ["b@example.com", "c@example.com"]
    assert Delivery.objects.filter(notice=notice).count() == 3  # all three in the inbox


def test_staff_see_each_texts_state_after_sending(client_for, audience, sms_folder):
    notice = _notice(audience, by_sms=True)
    notice_send_now(notice=notice)
    html = client_for(StaffFactory()).get(reverse("staff_notice_detail", args=[notice.pk]))
    assert html.content.decode().count('data-testid="sms-state"') == 1
    assert "短信: 已发送" in html.content.decode()


def test_a_recipient_who_asked_for_texts_gets_one_too(client_for, audience, sms_folder):
    from accounts.models import User

    user = User.objects.get(username="b")
    client = client_for(user)
    page = client.get(reverse("notice_preferences")).content.decode()
    assert "sms_announcement" in page
    client.post(
        reverse("notice_preferences"),
        {"announcement": "on", "sms_announcement": "on"},
    )
    notice_send_now(notice=_notice(audience, by_sms=True, kind="announcement"))
    assert sorted(to for to, _ in read_sms(sms_folder)) == [PHONE_ONLY, WITH_EMAIL]


def test_without_the_sms_channel_nobody_is_texted(audience, sms_folder):
    notice_send_now(notice=_notice(audience, by_sms=False))
    assert read_sms(sms_folder) == []


def test_releasing_twice_texts_nobody_twice(audience, sms_folder):
    from notices.services import notice_release

    notice = _notice(audience, by_sms=True)
    notice_send_now(notice=notice)
    assert notice_release(notice_id=notice.pk, statuses=["draft", "scheduled"]) is None
    assert len(read_sms(sms_folder)) == 1


def test_the_deliveries_export_and_list_show_no_full_number(client_for, audience, sms_folder):
    notice = _notice(audience, by_sms=True)
    notice_send_now(notice=notice)
    client = client_for(StaffFactory())
    export = client.get(reverse("staff_notice_export", args=[notice.pk])).content.decode()
    page = client.get(reverse("staff_notice_detail", args=[notice.pk])).content.decode()
    for text in (export, page):
        assert "137****2222" in text
        assert PHONE_ONLY not in text and WITH_EMAIL not in text
