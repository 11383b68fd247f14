"""Redis stopped for a moment, for real: a private redis-server is stopped while staff and an
applicant use the portal, started again, and a real worker does all the work exactly once."""

import shutil
import subprocess
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.urls import reverse

from enrollment.models import Application, Notification
from members.models import Representative
from notices.models import Delivery
from notices.services import notices_dispatch
from outbox.services import messages_sweep
from reports.models import AnnualReportJob
from reports.services import annual_report_requeue_stuck
from tests.broker import broker_at, closed_port
from tests.enrollment.factories import ApplicationFactory, IntakeFactory
from tests.factories import MemberFactory
from tests.notices.factories import ContactFactory, NoticeFactory
from tests.worker_process import start_worker, stop, wait_for, worker_env

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

NOW = timedelta(0)
PAGES = ["staff_dashboard", "staff_reports", "staff_notice_list", "staff_queue"]


class PrivateRedis:
    def __init__(self, folder: Path):
        self.port = closed_port()
        self.folder = folder
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise AssertionError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)

    def queue_length(self) -> int:
        return redis.Redis(port=self.port).llen("celery")


@pytest.fixture
def private_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def mails_to(folder: Path) -> list[str]:
    recipients = []
    for path in folder.glob("*.log"):
        for line in path.read_text(errors="replace").splitlines():
            if line.startswith("To: "):
                recipients.append(line[4:].strip())
    return recipients


def sweep() -> None:
    """What beat does every minute, with no grace period."""
    annual_report_requeue_stuck(timeout=NOW)
    notices_dispatch()
    messages_sweep(older_than=NOW)


def test_work_queued_while_redis_was_down_is_done_exactly_once_when_it_is_back(
    private_redis, client, staff, outsider, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    env = worker_env(
        broker_url=private_redis.url,
        EMAIL_URL=f"filemail:///{mail_dir}",
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    contacts = ContactFactory.create_batch(3)
    notice = NoticeFactory()
    member = MemberFactory()
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))

    with broker_at(private_redis.url):
        private_redis.stop()
        client.force_login(staff)
        for name in PAGES:
            assert client.get(reverse(name)).status_code == 200, name
        client.post(reverse("staff_report_generate", args=[2021]))
        client.post(reverse("staff_notice_send", args=[notice.pk]))
        client.post(reverse("staff_member_invite", args=[member.pk]), {"email": "wang@example.com"})
        client.force_login(outsider)
        client.post(reverse("applicant_application_action", args=[application.pk, "submit"]))
        application.refresh_from_db()
        assert application.status == Application.Status.SUBMITTED

        private_redis.start()
        log = tmp_path / "worker.log"
        worker = start_worker(env, log)
        try:
            sweep()
            job = AnnualReportJob.objects.filter(year=2021)
            waiting = Delivery.objects.filter(notice=notice).in_state("queued")
            invitation = Representative.objects.filter(member=member).exclude(
                invitation__status="sent"
            )
            notified = Notification.objects.filter(message__status="sent")
            wait_for(
                lambda: (
                    job.get().status == AnnualReportJob.Status.DONE
                    and not waiting.exists()
                    and not invitation.exists()
                    and notified.exists()
                ),
                180,
                log,
            )
            sweep()  # a second round of the sweepers (beat a minute later) sends nothing more
            wait_for(lambda: private_redis.queue_length() == 0, 60, log)
            time.sleep(2)  # the last message taken may still be running
        finally:
            stop(worker)

    recipients = Counter(mails_to(mail_dir))
    expected = {c.email for c in contacts} | {"wang@example.com", outsider.email}
    assert set(recipients) == expected
    assert all(count == 1 for count in recipients.values()), recipients
    assert job.get().attempt == 1 and job.count() == 1
