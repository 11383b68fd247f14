from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from enrollment.models import Application, Intake

from .factories import ApplicationFactory, IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status


def staff_urls(application, intake):
    return [
        reverse("staff_enrollment"),
        reverse("staff_queue"),
        reverse("staff_application", args=[application.pk]),
        reverse("staff_intake_create"),
        reverse("staff_intake_edit", args=[intake.pk]),
        reverse("staff_intake_roster", args=[intake.pk]),
    ]


def test_staff_pages_are_staff_only(client, client_for, outsider, representative, staff):
    application = submitted()
    urls = staff_urls(application, application.intake)
    for url in urls:
        assert client.get(url).status_code == 302, url
    for user in (outsider, representative):
        c = client_for(user)
        for url in urls:
            assert c.get(url).status_code == 403, url
        approve = reverse("staff_application_action", args=[application.pk, "approve"])
        assert c.post(approve).status_code == 403
        assert c.post(reverse("staff_bulk"), {"action": "approve"}).status_code == 403
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    c = client_for(staff)
    for url in urls:
        assert c.get(url).status_code == 200, url


def test_queue_filters_and_searches(client_for, staff):
    a = submitted(full_name="王小明")
    b = submitted(full_name="陈大文")
    ApplicationFactory(full_name="草稿人")
    c = client_for(staff)
    page = c.get(reverse("staff_queue"), {"q": "小明"}).content.decode()
    assert "王小明" in page and "陈大文" not in page
    page = c.get(reverse("staff_queue"), {"q": b.id_number[-4:]}).content.decode()
    assert "陈大文" in page and "王小明" not in page
    page = c.get(reverse("staff_queue"), {"status": "draft"}).content.decode()
    assert "草稿人" in page and "王小明" not in page
    page = c.get(reverse("staff_queue"), {"intake": a.intake_id}).content.decode()
    assert "王小明" in page and "陈大文" not in page
    assert a.id_number not in page  # masked


def test_queue_query_count_is_fixed(client_for, staff, django_assert_max_num_queries):
    for _ in range(20):
        submitted()
    c = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(13):  # and one for the staff user's roles
        assert c.get(reverse("staff_queue")).status_code == 200


def test_duplicates_are_flagged(client_for, staff):
    first = submitted()
    ApplicationFactory(id_number=first.id_number)  # another intake
    page = client_for(staff).get(reverse("staff_queue"), {"duplicates": "1"}).content.decode()
    assert page.count("badge text-bg-danger") >= 2


def test_bulk_approve_hundred_in_one_action_and_report_the_waiting_list(client_for, staff):
    intake = IntakeFactory(quota=100)
    applications = [submitted(intake=intake) for _ in range(102)]
    response = client_for(staff).post(
        reverse("staff_bulk"),
        {"action": "approve", "selected": [a.pk for a in applications]},
        follow=True,
    )
    assert intake.applications.filter(status=S.APPROVED).count() == 100
    texts = [str(m) for m in response.context["messages"]]
    assert any("100" in t for t in texts)  # "100 done"
    assert any("2" in t and "候补" in t for t in texts)  # two on the waiting list


def test_reject_without_reason_is_refused(client_for, staff):
    application = submitted()
    client_for(staff).post(reverse("staff_application_action", args=[application.pk, "reject"]))
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_reveal_full_id_is_logged(client_for, staff):
    application = submitted()
    url = reverse("staff_application", args=[application.pk])
    c = client_for(staff)
    assert application.id_number not in c.get(url).content.decode()
    assert application.id_number in c.get(url, {"reveal": "1"}).content.decode()
    assert application.access_log.filter(detail="id_number_and_phone").count() == 1


def test_funnel_figures_per_intake(client_for, staff):
    intake = IntakeFactory()
    submitted(intake=intake)
    ApplicationFactory(intake=intake, status=S.ENROLLED, submitted_at=intake.opens_at)
    ApplicationFactory(intake=intake)
    page = client_for(staff).get(reverse("staff_enrollment")).content.decode()
    assert 'data-testid="funnel-registered">2<' in page
    assert 'data-testid="funnel-approved">1<' in page
    assert 'data-testid="funnel-drafts">1<' in page


def test_staff_creates_an_intake_and_closing_before_opening_is_refused(client_for, staff):
    c = client_for(staff)
    data = {
        "programme": "电子商务",
        "year": 2027,
        "quota": 50,
        "opens_at": "2027-03-01T09:00",
        "closes_at": "2027-02-01T09:00",
        "document_kinds": ["photo"],
    }
    assert c.post(reverse("staff_intake_create"), data).status_code == 200
    assert not Intake.objects.exists()
    data["closes_at"] = "2027-05-01T09:00"
    assert c.post(reverse("staff_intake_create"), data).status_code == 302
    assert Intake.objects.get().document_kinds == ["photo"]


def test_roster_export_lists_approved_and_enrolled(client_for, staff):
    intake = IntakeFactory()
    ApplicationFactory(intake=intake, status=S.ENROLLED, full_name="入学者")
    ApplicationFactory(intake=intake, status=S.REJECTED, full_name="未通过")
    response = client_for(staff).get(reverse("staff_intake_roster", args=[intake.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["入学者"]


def test_queue_opens_on_the_applications_awaiting_a_decision(client_for, staff):
    submitted(full_name="待审人")
    ApplicationFactory(full_name="已录取人", status=S.ENROLLED)
    ApplicationFactory(full_name="未通过人", status=S.REJECTED)
    c = client_for(staff)
    page = c.get(reverse("staff_queue"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "待审人" in page and "已录取人" not in page and "未通过人" not in page
    tabs = page.split('data-testid="queue-status-tabs"')[1].split("</ul>")[0]
    assert 'active" href="?status=submitted"' in tabs and "待审核" in tabs
    everything = c.get(reverse("staff_queue"), {"status": ""}).content.decode()
    assert "待审人" in everything and "已录取人" in everything and "未通过人" in everything
    assert 'href="?status="' in tabs


def test_queue_filter_selects_say_all_and_the_button_says_filter(client_for, staff):
    page = client_for(staff).get(reverse("staff_queue"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    form = page.content.decode().split('data-testid="queue-filter"')[1].split("</form>")[0]
    assert "---------" not in form
    assert '<option value="">全部</option>' in form
    assert "筛选" in form


def test_queue_intake_filter_offers_open_and_recent_intakes_and_still_filters_by_an_old_one(
    client_for, staff
):
    now = timezone.now()
    for n in range(65):  # more than the 60 offered, the latest closing first
        recent = IntakeFactory(programme=f"近期专业{n:02d}", closes_at=now + timedelta(days=n + 1))
        ApplicationFactory(intake=recent)  # the queue offers the intakes it holds
    old = IntakeFactory(programme="旧专业", year=2019, opens_at=now - timedelta(days=800),
                        closes_at=now - timedelta(days=700))  # fmt: skip
    submitted(intake=old, full_name="旧批次学员")
    c = client_for(staff)
    form = c.get(reverse("staff_queue")).content.decode().split('name="intake"')[1]
    form = form.split("</select>")[0]
    assert form.count("<option") == 61  # "all" and 60 intakes
    assert "近期专业64" in form and "近期专业05" in form and "近期专业04" not in form
    assert "旧专业" not in form
    page = c.get(reverse("staff_queue"), {"intake": old.pk}).content.decode()
    assert "旧批次学员" in page
    chosen = page.split('name="intake"')[1].split("</select>")[0]
    assert f'<option value="{old.pk}" selected>2019 旧专业</option>' in chosen
