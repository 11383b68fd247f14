"""Applicants sign up and log in with a mainland mobile number and a 6-digit SMS code,
end to end through the local SMS folder (one file per message, as the contract describes)."""

import pytest
from django.db import IntegrityError

from accounts.models import User
from tests.factories import UserFactory
from tests.sms_files import last_code, read_sms

PASSWORD = "factory-floor-2026"
NUMBER = "13800138000"


def _sign_up(client, number=NUMBER, **extra):
    return client.post(
        "/accounts/signup/",
        {"phone": number, "password1": PASSWORD, "password2": PASSWORD, **extra},
    )


@pytest.fixture
def phone_user(db):
    user = UserFactory(username="worker", email="")
    user.phone, user.phone_verified = "+86" + NUMBER, True
    user.save()
    user.emailaddress_set.all().delete()
    return user


def test_sign_up_by_number_creates_the_account_once_the_sms_code_is_entered(client, db, sms_folder):
    response = _sign_up(client, "138 0013 8000")
    assert response.status_code == 302
    assert response.url == "/accounts/phone/verify/"
    # One SMS, to the 11-digit number, carrying exactly one 6-digit code.
    [(to, text)] = read_sms(sms_folder)
    assert to == NUMBER
    code = last_code(sms_folder, NUMBER)
    page = client.get("/accounts/phone/verify/").content.decode()
    assert 'inputmode="numeric"' in page and 'autocomplete="one-time-code"' in page
    assert client.get("/applicant/").status_code == 302  # not logged in before the code

    response = client.post("/accounts/phone/verify/", {"code": code})
    assert response.status_code == 302
    assert response.url == "/applicant/"
    user = User.objects.get()
    assert (user.phone, user.phone_verified, user.email) == ("+8613800138000", True, "")
    assert client.get("/applicant/").status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_the_account_stays_unverified(
    client, db, sms_folder
):
    _sign_up(client)
    code = last_code(sms_folder, NUMBER)
    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/accounts/phone/verify/", {"code": wrong})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert not User.objects.get().phone_verified


def test_log_in_with_number_and_password(client, phone_user):
    response = client.post(
        "/accounts/login/", {"login": NUMBER, "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.url == "/applicant/"


def test_log_in_with_number_and_sms_code(client, phone_user, sms_folder):
    response = client.post("/accounts/login/code/", {"phone": NUMBER})
    assert response.status_code == 302
    assert response.url == "/accounts/login/code/confirm/"
    page = client.get(response.url).content.decode()
    assert 'autocomplete="one-time-code"' in page
    response = client.post(response.url, {"code": last_code(sms_folder, NUMBER)})
    assert response.status_code == 302
    assert response.url == "/applicant/"
    assert client.get("/applicant/").status_code == 200


def test_reset_password_by_sms_code(client, phone_user, sms_folder):
    start = client.get("/accounts/password/reset/phone/")
    assert start.status_code == 302
    next_url = "/accounts/password/reset/phone/new/"
    response = client.post(start.url, {"phone": NUMBER})
    assert response.status_code == 302
    response = client.post(response.url, {"code": last_code(sms_folder, NUMBER)})
    assert response.url == next_url
    assert client.get(next_url).status_code == 200
    new = "new-workshop-pass-77"
    response = client.post(next_url, {"password1": new, "password2": new})
    assert response.status_code == 302
    phone_user.refresh_from_db()
    assert phone_user.check_password(new)


def test_setting_a_new_password_needs_a_fresh_code_login(client, phone_user):
    client.force_login(phone_user)
    response = client.post(
        "/accounts/password/reset/phone/new/",
        {"password1": "x-new-pass-1", "password2": "x-new-pass-1"},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/phone/"
    phone_user.refresh_from_db()
    assert phone_user.check_password("correct-horse-battery")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("12345", "11 位"),
        ("02088888888", "固定电话"),
        ("+14155552671", "中国大陆"),
    ],
)
def test_bad_numbers_get_a_clear_message_and_keep_what_was_typed(
    client, db, sms_folder, number, message
):
    response = _sign_up(client, number, email="")
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert number in html  # still in the field
    assert not User.objects.exists()
    assert read_sms(sms_folder) == []


def test_signing_up_with_a_taken_number_does_not_reveal_it_and_sends_no_code(
    client, phone_user, sms_folder
):
    response = _sign_up(client)
    # The same answer as for a new number ...
    assert response.status_code == 302
    assert response.url == "/accounts/phone/verify/"
    # ... while the owner is told by SMS that someone tried, without any code.
    [(to, text)] = read_sms(sms_folder)
    assert to == NUMBER
    assert not any(ch.isdigit() for ch in text.replace(NUMBER, ""))
    assert User.objects.count() == 1


def test_a_code_for_an_unknown_number_looks_the_same_and_sends_nothing(client, db, sms_folder):
    response = client.post("/accounts/login/code/", {"phone": "13900139000"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/code/confirm/"
    assert read_sms(sms_folder) == []


def test_one_number_one_account_stored_normalised(db):
    UserFactory(username="a", phone="+8613800138000")
    with pytest.raises(IntegrityError):
        UserFactory(username="b", phone="+8613800138000")


def test_e_mail_sign_up_still_works_and_needs_its_verification(client, db, sms_folder):
    response = client.post(
        "/accounts/signup/",
        {"email": "w@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.url == "/accounts/confirm-email/"
    assert read_sms(sms_folder) == []


def test_sign_up_needs_a_number_or_an_e_mail(client, db):
    response = client.post("/accounts/signup/", {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert "手机号" in response.content.decode()
    assert not User.objects.exists()


def test_the_application_form_takes_the_verified_number_as_its_phone(client, phone_user):
    from enrollment.forms import ApplicationForm
    from tests.enrollment.factories import IntakeFactory

    intake = IntakeFactory()
    client.force_login(phone_user)
    response = client.get(f"/applicant/apply/{intake.pk}/")
    form = response.context["form"]
    assert isinstance(form, ApplicationForm)
    assert form["phone"].value() == NUMBER


def test_an_unverified_number_is_not_put_into_the_application_form(client, phone_user):
    from tests.enrollment.factories import IntakeFactory

    phone_user.phone_verified = False
    phone_user.save()
    client.force_login(phone_user)
    response = client.get(f"/applicant/apply/{IntakeFactory().pk}/")
    assert response.context["form"]["phone"].value() in (None, "")


def test_an_applicant_without_a_number_is_offered_to_add_one(client, db):
    user = UserFactory()
    client.force_login(user)
    html = client.get("/applicant/").content.decode()
    assert 'data-testid="add-phone"' in html and "/accounts/phone/change/" in html
    user.phone, user.phone_verified = "+8613800138000", True
    user.save()
    assert 'data-testid="add-phone"' not in client.get("/applicant/").content.decode()


def test_an_e_mail_applicant_adds_a_number_by_sms_code(client, sms_folder):
    user = UserFactory(username="mailer")
    client.post("/accounts/login/", {"login": user.email, "password": "correct-horse-battery"})
    response = client.post("/accounts/phone/change/", {"phone": "139 1234 5678"})
    assert response.status_code == 302, response.content.decode()[:2000]
    code = last_code(sms_folder, "13912345678")
    response = client.post(response.url, {"code": code})
    user.refresh_from_db()
    assert (user.phone, user.phone_verified) == ("+8613912345678", True)
