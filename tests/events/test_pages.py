"""The pages: registering, the ticket's QR code, staff check-in, the attendance list, the
documents after the meeting, the event's iCal file."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from PIL import Image

from events import services
from events.models import Event, Registration
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_a_user_registers_and_sees_a_ticket_with_a_qr_code(client):
    user = UserFactory(first_name="明", last_name="王")
    event = EventFactory(capacity=10)
    client.force_login(user)
    response = client.post(reverse("event_register", args=[event.pk]), {"name": "王明"})
    registration = Registration.objects.get(event=event, user=user)
    assert response.url == reverse("event_ticket", args=[registration.code])
    page = client.get(response.url).content.decode()
    assert registration.code in page and 'src="data:image/svg+xml' in page


def test_a_representative_registers_a_delegate_on_the_page(client):
    member = MemberFactory(name="长安电商协会")
    rep = RepresentativeFactory(member=member).user
    event = EventFactory(capacity=10, kind=Event.Kind.SEMINAR)
    client.force_login(rep)
    page = client.get(reverse("event_detail", args=[event.pk])).content.decode()
    assert "长安电商协会" in page
    client.post(
        reverse("event_register", args=[event.pk]),
        {"member": member.pk, "name": "陈会长", "position": "会长"},
    )
    registration = Registration.objects.get(event=event, member=member)
    assert (registration.name, registration.registered_by) == ("陈会长", rep)


def test_another_users_ticket_is_not_found(client):
    event = EventFactory()
    registration = services.register(event=event, by=UserFactory())
    client.force_login(UserFactory())
    assert client.get(reverse("event_ticket", args=[registration.code])).status_code == 404


def test_staff_check_in_by_code_then_again_says_so(client):
    staff = StaffFactory(roles=["member_affairs"])
    event = EventFactory()
    registration = services.register(event=event, by=UserFactory(), name="李四")
    client.force_login(staff)
    url = reverse("staff_event_check_in", args=[event.pk])
    first = client.post(url, {"code": registration.code}, follow=True).content.decode()
    again = client.post(url, {"code": registration.code}, follow=True).content.decode()
    assert "李四已签到" in first
    assert "李四此前已于" in again
    assert Registration.objects.filter(checked_in_at__isnull=False).count() == 1


def test_staff_find_a_name_and_check_in(client):
    event = EventFactory()
    registration = services.register(event=event, by=UserFactory(), name="赵老师")
    client.force_login(StaffFactory())
    url = reverse("staff_event_check_in", args=[event.pk])
    page = client.get(url, {"q": "赵"}).content.decode()
    assert "赵老师" in page
    client.post(url + "?q=赵", {"registration": registration.pk})
    registration.refresh_from_db()
    assert registration.checked_in_at is not None


def test_the_attendance_list_is_a_spreadsheet_of_who_came(client):
    event = EventFactory(capacity=1)
    came = services.register(event=event, by=UserFactory(), name="=HYPERLINK(1)")
    services.register(event=event, by=UserFactory(), name="候补者")
    staff = StaffFactory()
    services.check_in(event=event, registration=came, by=staff)
    client.force_login(staff)
    response = client.get(reverse("staff_event_attendance", args=[event.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[1][0] == "'=HYPERLINK(1)" and rows[1][5] is not None
    assert rows[2][0] == "候补者" and rows[2][5] is None


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, "PNG")
    return out.getvalue()


def test_minutes_upload_and_a_disguised_file_is_refused(client):
    event = EventFactory()
    client.force_login(StaffFactory())
    url = reverse("staff_event_documents", args=[event.pk])
    fake = SimpleUploadedFile("纪要.pdf", b"<html>not a pdf</html>")
    page = client.post(url, {"minutes": fake}, follow=True).content.decode()
    event.refresh_from_db()
    assert not event.minutes and "文件内容与文件名所示的类型不符" in page
    good = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes of the meeting")
    client.post(url, {"minutes": good})
    event.refresh_from_db()
    assert event.minutes
    download = client.get(reverse("event_document", args=[event.pk, "minutes"]))
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")


def test_the_event_ical_file_parses_back(client):
    event = EventFactory(title="集团年度理事会", online_url="https://meeting.example.cn/123")
    client.force_login(UserFactory())
    response = client.get(reverse("event_ics", args=[event.pk]))
    (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent.get("summary")).endswith("集团年度理事会")
    assert vevent.decoded("dtstart") == event.starts_at
    assert vevent.decoded("dtend") == event.ends_at


def test_staff_create_an_event_and_a_bad_one_is_refused_whole(client):
    client.force_login(StaffFactory(roles=["member_affairs"]))
    url = reverse("staff_event_create")
    bad = {
        "title": "教学研讨会",
        "kind": "seminar",
        "starts_at": "2030-05-10T09:00",
        "ends_at": "2030-05-10T08:00",
        "place": "",
        "online_url": "",
    }
    page = client.post(url, bad).content.decode()
    assert not Event.objects.exists()
    assert "教学研讨会" in page  # nothing typed is lost
    assert "结束时间不能早于开始时间" in page and "请填写地点或线上链接" in page
    good = {**bad, "ends_at": "2030-05-10T12:00", "place": "学校报告厅", "capacity": "50"}
    client.post(url, good)
    assert Event.objects.get().capacity == 50


def test_staff_draft_the_invitation_as_a_notice_to_the_events_audience(client):
    from notices.models import Notice

    event = EventFactory(
        title="集团年度理事会", audience={"scope": "members", "kinds": ["enterprise"]}
    )
    client.force_login(StaffFactory(roles=["member_affairs"]))
    response = client.post(reverse("staff_event_invite", args=[event.pk]))
    notice = Notice.objects.get()
    assert response.url == reverse("staff_notice_detail", args=[notice.pk])
    assert notice.status == Notice.Status.DRAFT
    assert notice.title == "关于召开集团年度理事会的通知"
    assert notice.audience == {"scope": "members", "kinds": ["enterprise"]}
    assert f"/events/{event.pk}/" in notice.body


def test_the_staff_event_list_pages_newest_first_with_each_events_counts(client):
    now = timezone.now()
    events = [
        EventFactory(title=f"分页会议{n:02d}", starts_at=now + timedelta(days=n), capacity=5)
        for n in range(26)
    ]
    newest = events[-1]
    Registration.objects.create(event=newest, name="甲", status="confirmed", code="A" * 16)
    Registration.objects.create(event=newest, name="乙", status="confirmed", code="B" * 16)
    Registration.objects.create(event=newest, name="丙", status="waiting", code="C" * 16)
    client.force_login(StaffFactory())
    first = client.get(reverse("staff_event_list"))
    shown = [event.title for event in first.context["page"]]
    assert shown[0] == "分页会议25" and len(shown) == 25 and "分页会议00" not in shown
    row = next(e for e in first.context["page"] if e.pk == newest.pk)
    assert (row.confirmed, row.waiting, row.came) == (2, 1, 0)
    second = client.get(reverse("staff_event_list"), {"page": 2})
    assert [event.title for event in second.context["page"]] == ["分页会议00"]
