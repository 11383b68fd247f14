import pytest
from django.urls import reverse

from notices import services
from notices.models import Delivery, Notice, Preference
from tests.factories import RepresentativeFactory

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(representative):
    def make(**kwargs):
        notice = NoticeFactory(**kwargs)
        services.notice_release(notice_id=notice.pk, statuses=["draft"])
        return notice.deliveries.get(user=representative)

    return make


def test_every_user_has_an_inbox_showing_only_their_own_notices(
    client_for, staff, representative, outsider, delivered
):
    delivery = delivered(title="关于召开年度理事会的通知")
    mine = client_for(representative).get(reverse("inbox"))
    assert mine.status_code == 200
    assert delivery.notice.title in mine.content.decode()
    assert "暂无通知。" not in mine.content.decode()
    for user in (staff, outsider):
        page = client_for(user).get(reverse("inbox"))
        assert page.status_code == 200
        assert delivery.notice.title not in page.content.decode()
        assert "暂无通知。" in page.content.decode()  # "No notices yet."


def test_anonymous_inbox_asks_to_log_in(client):
    assert client.get(reverse("inbox")).status_code == 302


def test_representative_reads_a_notice_and_the_receipt_shows_to_staff(
    client_for, representative, delivered
):
    delivery = delivered(response=Notice.Response.RECEIPT)
    client = client_for(representative)
    assert client.get(reverse("inbox_unread")).json() == {"unread": 1}
    home = client.get(reverse("inbox"))
    assert 'data-testid="unread-count" data-inbox-unread="/inbox/unread.json">1<' in (
        home.content.decode()
    )
    page = client.get(reverse("inbox_detail", args=[delivery.pk]))
    assert page.status_code == 200
    delivery.refresh_from_db()
    assert delivery.read_at is not None
    assert delivery.state == "read"
    client.post(reverse("inbox_acknowledge", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.acknowledged_at is not None
    assert client.get(reverse("inbox_unread")).json() == {"unread": 0}


def test_representative_confirms_attendance(client_for, representative, delivered):
    delivery = delivered(response=Notice.Response.REPLY, reply_prompt="是否参加？")
    client_for(representative).post(
        reverse("inbox_reply", args=[delivery.pk]), {"reply": "yes", "reply_text": "两人参加"}
    )
    delivery.refresh_from_db()
    assert delivery.reply == "yes"
    assert delivery.reply_text == "两人参加"
    assert delivery.read_at is not None


def test_a_reply_without_an_answer_is_refused(client_for, representative, delivered):
    delivery = delivered(response=Notice.Response.REPLY, reply_prompt="是否参加？")
    client_for(representative).post(reverse("inbox_reply", args=[delivery.pk]), {"reply": ""})
    delivery.refresh_from_db()
    assert delivery.reply == ""


def test_others_cannot_open_someone_elses_notice(client_for, staff, outsider, delivered):
    delivery = delivered()
    for user in (staff, outsider):
        client = client_for(user)
        assert client.get(reverse("inbox_detail", args=[delivery.pk])).status_code == 404
        client.post(reverse("inbox_acknowledge", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert delivery.read_at is None


def test_mark_all_as_read(client_for, representative, delivered):
    delivered()
    delivered()
    client_for(representative).post(reverse("inbox_mark_all_read"))
    assert not Delivery.objects.filter(user=representative, read_at__isnull=True).exists()


def test_inbox_has_a_fixed_number_of_queries(
    client_for, representative, delivered, django_assert_max_num_queries
):
    for _ in range(12):
        delivered()
    client = client_for(representative)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(10):
        response = client.get(reverse("inbox"))
    assert len(response.context["page"]) == 12


def test_attachment_downloads_only_for_recipients(client_for, representative, outsider, delivered):
    from django.core.files.uploadedfile import SimpleUploadedFile

    delivery = delivered()
    services.notice_attach(
        notice=delivery.notice, files=[SimpleUploadedFile("议程.pdf", b"%PDF-1.4 test")]
    )
    attachment = delivery.notice.attachments.get()
    url = reverse("inbox_attachment", args=[delivery.pk, attachment.pk])
    response = client_for(representative).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client_for(outsider).get(url).status_code == 404


def test_preferences_switch_email_off_per_type(client_for, outsider):
    client = client_for(outsider)
    assert client.get(reverse("notice_preferences")).status_code == 200
    client.post(reverse("notice_preferences"), {"announcement": "on", "event": "on"})
    saved = dict(Preference.objects.filter(user=outsider).values_list("kind", "email"))
    assert saved == {"announcement": True, "event": True, "data_call": False, "reminder": False}


def test_inbox_holds_notices_even_with_email_off(client_for, delivered, representative):
    Preference.objects.create(user=representative, kind="announcement", email=False)
    delivery = delivered()
    assert delivery.status == Delivery.Status.INBOX_ONLY
    response = client_for(representative).get(reverse("inbox"))
    assert delivery.notice.title in response.content.decode()


def test_other_users_do_not_see_the_notice_in_their_inbox(client_for, outsider, delivered):
    RepresentativeFactory()
    delivery = delivered()
    response = client_for(outsider).get(reverse("inbox"))
    assert delivery.notice.title not in response.content.decode()


def test_pages_pay_no_query_for_the_unread_badge(client_for, representative, delivered):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    delivered()
    client = client_for(representative)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()
    assert not [q for q in queries if "notices_delivery" in q["sql"]]
    assert 'data-inbox-unread="/inbox/unread.json"' in html


def test_unread_count_needs_a_login(client):
    assert client.get(reverse("inbox_unread")).status_code == 302


def test_a_contact_who_signs_up_later_finds_earlier_notices_in_the_inbox(client_for):
    from tests.factories import UserFactory

    from .factories import ContactFactory

    ContactFactory(email="Wang@Example.com")
    notice = NoticeFactory()
    services.notice_release(notice_id=notice.pk, statuses=["draft"])
    assert notice.deliveries.get().user is None
    user = UserFactory(email="wang@example.com")
    client = client_for(user)
    assert client.get(reverse("inbox_unread")).json() == {"unread": 1}
    assert notice.title in client.get(reverse("inbox")).content.decode()
