"""No SMS bombing and no enumeration: codes expire and allow few attempts; sending is limited per
number, per IP and per day; the portal stops at its daily budget and tells staff."""

import time

import pytest
from django.core import mail

from accounts.models import User
from outbox import services
from outbox.models import Message
from tests.factories import StaffFactory, UserFactory
from tests.sms_files import last_code, read_sms

NUMBER = "13800138000"
PASSWORD = "factory-floor-2026"


@pytest.fixture
def phone_user(sms_folder):
    return UserFactory(username="worker", phone="+86" + NUMBER, phone_verified=True)


def test_a_second_code_within_the_minute_is_refused_with_a_readable_message(
    client, phone_user, sms_folder
):
    client.post("/accounts/login/code/", {"phone": NUMBER})
    other = type(client)()  # a second browser, same number
    response = other.post("/accounts/login/code/", {"phone": NUMBER})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 分钟后再试" in html
    assert NUMBER in html  # what was typed stays
    assert 'data-sms-countdown="60"' in html
    assert len(read_sms(sms_folder)) == 1


def test_one_ip_cannot_walk_through_numbers(client, sms_folder):
    for n in range(60):  # a factory's sign-up session behind one address still works
        response = client.post("/accounts/login/code/", {"phone": f"139001390{n:02d}"})
        assert response.status_code == 302, n
        client.cookies.clear()
    response = client.post("/accounts/login/code/", {"phone": "13900139099"})
    assert response.status_code == 200
    assert "1 分钟后再试" in response.content.decode()


def test_asking_again_on_the_code_page_too_soon_is_refused_and_the_button_counts_down(
    client, sms_folder
):
    client.post(
        "/accounts/signup/", {"phone": NUMBER, "password1": PASSWORD, "password2": PASSWORD}
    )
    page = client.get("/accounts/phone/verify/").content.decode()
    assert 'form="resend"' in page and "js/sms.js" in page
    response = client.post("/accounts/phone/verify/", {"action": "resend"}, follow=True)
    assert "请等 1 分钟后再获取验证码" in response.content.decode()
    assert len(read_sms(sms_folder)) == 1


def test_an_expired_code_no_longer_works(client, sms_folder, monkeypatch):
    client.post(
        "/accounts/signup/", {"phone": NUMBER, "password1": PASSWORD, "password2": PASSWORD}
    )
    code = last_code(sms_folder, NUMBER)
    later = time.time() + 11 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    client.post("/accounts/phone/verify/", {"code": code})
    assert not User.objects.get().phone_verified
    assert client.get("/applicant/").status_code == 302


def test_three_wrong_codes_end_the_attempt(client, sms_folder):
    client.post(
        "/accounts/signup/", {"phone": NUMBER, "password1": PASSWORD, "password2": PASSWORD}
    )
    code = last_code(sms_folder, NUMBER)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(3):
        client.post("/accounts/phone/verify/", {"code": wrong})
    response = client.post("/accounts/phone/verify/", {"code": code})
    assert response.status_code == 302 and response.url != "/applicant/"
    assert not User.objects.get().phone_verified


def test_answers_for_known_and_unknown_numbers_look_the_same(client, phone_user, sms_folder):
    known = client.post("/accounts/login/code/", {"phone": NUMBER})
    client.cookies.clear()
    unknown = client.post("/accounts/login/code/", {"phone": "13900139000"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)


def test_the_daily_budget_stops_sending_and_tells_staff_once(settings, sms_folder):
    settings.SMS_DAILY_LIMIT = 2
    StaffFactory(email="secretary@example.com")
    mail.outbox.clear()
    for n in range(4):
        services.message_queue(
            channel="sms", recipient=f"1390013900{n}", body="通知", purpose="notice"
        )
    assert len(read_sms(sms_folder)) == 2
    statuses = list(
        Message.objects.filter(channel="sms").order_by("pk").values_list("status", flat=True)
    )
    assert statuses == ["sent", "sent", "blocked", "blocked"]
    alerts = [m for m in mail.outbox if "secretary@example.com" in m.to]
    assert len(alerts) == 1
    assert "短信" in alerts[0].body


def test_a_user_asking_for_a_code_past_the_budget_is_told(client, settings, phone_user):
    settings.SMS_DAILY_LIMIT = 0
    response = client.post("/accounts/login/code/", {"phone": NUMBER}, follow=True)
    assert "暂时无法发送短信" in response.content.decode()
