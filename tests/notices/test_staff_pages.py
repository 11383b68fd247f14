import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notices import services
from notices.models import Delivery, Notice
from tests.factories import MemberFactory, RepresentativeFactory

from .factories import ContactFactory, NoticeFactory

pytestmark = pytest.mark.django_db

FORM = {
    "title": "关于报送2025年度数据的通知",
    "body": "<p>请于1月15日前报送。</p>",
    "kind": "data_call",
    "response": "receipt",
    "reply_prompt": "",
    "scope": "members",
    "kinds": ["enterprise"],
}


def staff_urls(notice):
    return [
        reverse("staff_notice_list"),
        reverse("staff_notice_create"),
        reverse("staff_notice_detail", args=[notice.pk]),
        reverse("staff_notice_edit", args=[notice.pk]),
        reverse("staff_reminders"),
    ]


def test_staff_pages_open_for_staff(client_for, staff):
    notice = NoticeFactory()
    client = client_for(staff)
    for url in staff_urls(notice):
        assert client.get(url).status_code == 200, url


def test_staff_pages_show_the_notices_and_their_content(client_for, staff, representative):
    draft = NoticeFactory(title="关于召开理事会的通知", body="<p>请准时参加理事会。</p>")
    sent = NoticeFactory(title="关于报送年度数据的通知")
    services.notice_release(notice_id=sent.pk, statuses=["draft"])
    client = client_for(staff)

    listing = client.get(reverse("staff_notice_list")).content.decode()
    assert draft.title in listing and sent.title in listing
    drafts_only = client.get(reverse("staff_notice_list"), {"status": "draft"}).content.decode()
    assert draft.title in drafts_only and sent.title not in drafts_only

    detail = client.get(reverse("staff_notice_detail", args=[sent.pk]))
    assert sent.title in detail.content.decode()
    assert representative.email in detail.content.decode()  # the delivery table
    assert detail.context["counts"]["total"] == 1
    detail = client.get(reverse("staff_notice_detail", args=[draft.pk])).content.decode()
    assert draft.title in detail and "请准时参加理事会。" in detail

    edit = client.get(reverse("staff_notice_edit", args=[draft.pk])).content.decode()
    assert f'value="{draft.title}"' in edit and "请准时参加理事会。" in edit
    create = client.get(reverse("staff_notice_create")).content.decode()
    assert 'name="title"' in create and draft.title not in create

    reminders = client.get(reverse("staff_reminders")).content.decode()
    assert "成员单位资料超过 12 个月未更新" in reminders
    assert "尚未发送任何提醒。" in reminders


@pytest.mark.parametrize("who", ["representative", "outsider"])
def test_staff_pages_are_forbidden_to_others(client_for, request, who):
    notice = NoticeFactory()
    client = client_for(request.getfixturevalue(who))
    for url in staff_urls(notice):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("staff_notice_send", args=[notice.pk]))
    assert response.status_code == 403
    assert not Delivery.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("staff_notice_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_staff_count_recipients_before_saving(client_for, staff):
    ContactFactory(member=MemberFactory(), email="x@example.com")
    ContactFactory(member=MemberFactory(kind="university"), email="u@example.com")
    response = client_for(staff).post(reverse("staff_notice_create"), {**FORM, "count": "1"})
    assert response.status_code == 200
    assert response.context["recipient_count"] == 1
    assert not Notice.objects.exists()


def test_staff_write_a_notice_with_attachment_see_the_count_and_send_it(
    client_for, staff, representative, django_capture_on_commit_callbacks
):
    client = client_for(staff)
    upload = SimpleUploadedFile("数据表.xlsx", b"PK\x03\x04data", content_type="application/zip")
    response = client.post(reverse("staff_notice_create"), {**FORM, "attachments": [upload]})
    notice = Notice.objects.get()
    assert response["Location"] == reverse("staff_notice_detail", args=[notice.pk])
    assert notice.audience["kinds"] == ["enterprise"]
    assert notice.attachments.get().name == "数据表.xlsx"
    detail = client.get(response["Location"])
    assert len(detail.context["recipients"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff_notice_send", args=[notice.pk]))
    assert mail.outbox[0].to == [representative.email]
    assert mail.outbox[0].attachments[0][0] == "数据表.xlsx"
    detail = client.get(reverse("staff_notice_detail", args=[notice.pk]))
    assert detail.context["counts"]["sent"] == 1


def test_invalid_form_keeps_what_was_typed_and_saves_nothing(client_for, staff):
    data = {**FORM, "scope": "projects", "title": "保留的标题"}
    response = client_for(staff).post(reverse("staff_notice_create"), data)
    assert response.status_code == 200
    assert "projects" in response.context["form"].errors
    assert "保留的标题" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_sent_notice_cannot_be_edited(client_for, staff):
    notice = NoticeFactory(status=Notice.Status.SENT)
    response = client_for(staff).post(
        reverse("staff_notice_edit", args=[notice.pk]), {**FORM, "title": "changed"}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.title != "changed"


def test_staff_schedule_a_notice(client_for, staff):
    notice = NoticeFactory()
    client_for(staff).post(
        reverse("staff_notice_schedule", args=[notice.pk]), {"send_at": "2099-03-01T09:00"}
    )
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SCHEDULED
    assert notice.send_at.year == 2099


def test_notice_list_has_a_fixed_number_of_queries(
    client_for, staff, django_assert_max_num_queries
):
    member = MemberFactory()
    RepresentativeFactory(member=member)
    for _ in range(15):
        NoticeFactory()
    client = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(10):
        response = client.get(reverse("staff_notice_list"))
    assert len(response.context["page"]) == 15


def test_delivery_table_has_a_fixed_number_of_queries(
    client_for, staff, django_assert_max_num_queries
):
    from notices import services

    for _ in range(20):
        RepresentativeFactory()
    notice = NoticeFactory()
    services.notice_release(notice_id=notice.pk, statuses=["draft"])
    client = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(14):
        response = client.get(reverse("staff_notice_detail", args=[notice.pk]))
    assert len(response.context["page"]) == 20


def test_staff_save_an_audience_and_use_it_again(client_for, staff):
    from notices.models import SavedAudience

    ContactFactory(member=MemberFactory(), email="x@example.com")
    ContactFactory(member=MemberFactory(kind="university"), email="u@example.com")
    client = client_for(staff)
    client.post(reverse("staff_notice_create"), {**FORM, "save_audience_as": "全体企业"})
    saved = SavedAudience.objects.get(name="全体企业")
    assert saved.audience["kinds"] == ["enterprise"]
    data = {**FORM, "kinds": [], "saved_audience": saved.pk, "title": "第二份通知"}
    response = client.post(reverse("staff_notice_create"), {**data, "count": "1"})
    assert response.context["recipient_count"] == 1
    client.post(reverse("staff_notice_create"), data)
    assert Notice.objects.get(title="第二份通知").audience == saved.audience


def test_staff_download_the_replies_as_csv(client_for, staff, representative, outsider):
    from notices import services

    notice = NoticeFactory(response="reply", reply_prompt="是否参加？")
    services.notice_release(notice_id=notice.pk, statuses=["draft"])
    delivery = notice.deliveries.get()
    services.delivery_reply(delivery=delivery, reply="yes", text="两人参加")
    url = reverse("staff_notice_export", args=[notice.pk])
    response = client_for(staff).get(url)
    text = response.content.decode("utf-8-sig")
    assert "两人参加" in text
    assert "是，确认参加" in text
    assert representative.email in text
    assert client_for(outsider).get(url).status_code == 403


def test_staff_remove_an_attachment_from_a_draft(client_for, staff):
    from notices import services

    notice = NoticeFactory()
    services.notice_attach(notice=notice, files=[SimpleUploadedFile("旧议程.pdf", b"%PDF old")])
    attachment = notice.attachments.get()
    client_for(staff).post(
        reverse("staff_notice_edit", args=[notice.pk]),
        {**FORM, "remove_attachment": [attachment.pk]},
    )
    assert not notice.attachments.exists()
