"""No full mobile number in any log line or list: sign-up by number, sending, the admin lists."""

import logging

import pytest

from outbox.models import Message
from tests.factories import StaffFactory, UserFactory
from tests.sms_files import read_sms

NUMBER = "13712345678"


def test_signing_up_and_sending_logs_no_full_number(client, sms_folder, caplog):
    caplog.set_level(logging.DEBUG)
    password = "factory-floor-2026"
    client.post(
        "/accounts/signup/", {"phone": NUMBER, "password1": password, "password2": password}
    )
    assert read_sms(sms_folder)[0][0] == NUMBER  # it did go out, to the full number
    formatter = logging.Formatter()
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert "137****5678" in logged
    assert NUMBER not in logged


@pytest.mark.django_db
def test_admin_lists_of_users_and_text_messages_show_masked_numbers(client):
    admin = StaffFactory(is_superuser=True)
    UserFactory(phone="+86" + NUMBER, phone_verified=True)
    Message.objects.create(channel="sms", recipient=NUMBER, body="code 123456", purpose="code")
    client.force_login(admin)
    for url in ["/admin/accounts/user/", "/admin/outbox/message/"]:
        html = client.get(url).content.decode()
        assert "137****5678" in html, url
        assert NUMBER not in html, url
    sms_page = client.get(f"/admin/outbox/message/{Message.objects.get().pk}/change/")
    assert "123456" not in sms_page.content.decode()  # the code itself is not shown either


def test_numbers_in_e164_are_masked_in_logs_too(caplog):
    caplog.set_level(logging.INFO)
    logging.getLogger("vetgroup.test").info("login by +8613712345678 and 8613712345678")
    [record] = caplog.records
    assert record.getMessage() == "login by 137****5678 and 137****5678"
