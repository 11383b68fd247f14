"""Redis unreachable (a broker URL to a closed port): pages work, actions that queue work keep
it in the database and say so, and the periodic sweepers send it once the broker is back."""

import logging
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from enrollment.models import Application, Notification
from members.models import Representative
from notices.models import Delivery
from outbox.services import messages_sweep
from reports.models import AnnualReportJob
from reports.services import annual_report_requeue_stuck
from tests.broker import broker_at, closed_port
from tests.enrollment.factories import ApplicationFactory, IntakeFactory
from tests.factories import MemberFactory
from tests.notices.factories import ContactFactory, NoticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

NOW = timedelta(0)
OUTAGE = "后台服务暂时无法连接"  # "The background service cannot be reached"


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path


@pytest.fixture
def broker_down():
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        yield


def warnings_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


@pytest.mark.parametrize(
    "name",
    [
        "public_home",
        "staff_dashboard",
        "staff_reports",
        "staff_notice_list",
        "staff_queue",
        "staff_member_list",
    ],
)
def test_pages_load_while_the_broker_is_down(broker_down, client_for, staff, name):
    assert client_for(staff).get(reverse(name)).status_code == 200


def test_healthz_reports_the_broker_down(broker_down, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["broker"] is False


def test_report_generated_while_the_broker_is_down_is_kept_and_sent_by_the_sweeper(
    client_for, staff, caplog
):
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"), caplog.at_level(logging.WARNING):
        response = client_for(staff).post(
            reverse("staff_report_generate", args=[2021]), follow=True
        )
    assert response.status_code == 200
    assert any(OUTAGE in text for text in warnings_of(response))
    assert "Broker unreachable, reports.generate_annual_report" in caplog.text
    job = AnnualReportJob.objects.get(year=2021)
    assert job.status == AnnualReportJob.Status.QUEUED

    # The broker is back (tests run tasks eagerly): beat's sweeper starts the job.
    assert annual_report_requeue_stuck(timeout=NOW) == [job.pk]
    job.refresh_from_db()
    assert job.status == AnnualReportJob.Status.DONE


def test_notice_sent_while_the_broker_is_down_goes_out_once_when_it_is_back(client_for, staff):
    ContactFactory.create_batch(3)
    notice = NoticeFactory()
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        response = client_for(staff).post(
            reverse("staff_notice_send", args=[notice.pk]), follow=True
        )
    assert any(OUTAGE in text for text in warnings_of(response))
    assert Delivery.objects.filter(notice=notice).in_state("queued").count() == 3
    assert not mail.outbox

    messages_sweep(older_than=NOW)
    messages_sweep(older_than=NOW)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        Delivery.objects.filter(notice=notice).values_list("email", flat=True)
    )
    assert len(mail.outbox) == 3


def test_invitation_made_while_the_broker_is_down_is_mailed_once_when_it_is_back(client_for, staff):
    member = MemberFactory()
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        response = client_for(staff).post(
            reverse("staff_member_invite", args=[member.pk]),
            {"email": "wang@example.com"},
            follow=True,
        )
    assert any(OUTAGE in text for text in warnings_of(response))
    assert Representative.objects.get(member=member).invitation_sent_at is None
    assert not mail.outbox

    assert messages_sweep(older_than=NOW) == {"stuck": 0, "due": 1}
    assert messages_sweep(older_than=NOW) == {"stuck": 0, "due": 0}
    assert [m.to for m in mail.outbox] == [["wang@example.com"]]


def test_application_submitted_while_the_broker_is_down_is_notified_once_when_it_is_back(
    client_for, outsider
):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        response = client_for(outsider).post(
            reverse("applicant_application_action", args=[application.pk, "submit"]),
            follow=True,
        )
    assert any(OUTAGE in text for text in warnings_of(response))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED  # the submission is not lost
    assert Notification.objects.get().message.status == "queued" and not mail.outbox

    assert messages_sweep(older_than=NOW) == {"stuck": 0, "due": 1}
    assert messages_sweep(older_than=NOW) == {"stuck": 0, "due": 0}
    assert [m.to for m in mail.outbox] == [[outsider.email]]


def test_a_bulk_approval_tries_the_broker_once_and_the_sweeper_sends_every_notice(
    client_for, staff, caplog
):
    intake = IntakeFactory(document_kinds=[])
    applications = ApplicationFactory.create_batch(3, intake=intake, status="submitted")
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"), caplog.at_level(logging.WARNING):
        response = client_for(staff).post(
            reverse("staff_bulk"),
            {"action": "approve", "selected": [a.pk for a in applications]},
            follow=True,
        )
    assert any(OUTAGE in text for text in warnings_of(response))
    assert caplog.text.count("Broker unreachable") == 1  # no retry storm in the request
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == 3

    assert messages_sweep(older_than=NOW)["due"] == 6  # an e-mail and a text each
    assert sorted(m.to[0] for m in mail.outbox) == sorted(a.applicant.email for a in applications)
