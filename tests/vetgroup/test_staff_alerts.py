"""Alerts staff must act on reach every staff user by e-mail and, when WECOM_WEBHOOK_URL is
set, the WeCom (企业微信) group robot, here a local stand-in of its webhook: both through the
outbox, like every message of the portal."""

import json

import pytest
from django.core import mail

from core.alerts import wecom_post
from outbox.alerts import staff_alert
from outbox.models import Message
from outbox.services import message_queue
from reports.models import AnnualReportJob
from reports.services import annual_report_run
from tests.factories import StaffFactory
from tests.sms.standin import vendor_standin

OK = (200, {"errcode": 0, "errmsg": "ok"})


@pytest.fixture
def robot(settings):
    with vendor_standin() as standin:
        standin.answer = OK
        settings.WECOM_WEBHOOK_URL = standin.url + "cgi-bin/webhook/send?key=693a91f6-7xxx"
        yield standin


def _texts(robot) -> list[str]:
    return [json.loads(r["body"])["text"]["content"] for r in robot.requests]


def test_the_robot_gets_a_text_message_as_wecom_documents_it(robot, transactional_db):
    StaffFactory(email="secretary@example.com")
    staff_alert("2025 年数据征集已关闭")
    [request] = robot.requests
    assert request["method"] == "POST"
    assert request["path"] == "/cgi-bin/webhook/send?key=693a91f6-7xxx"
    assert json.loads(request["body"]) == {
        "msgtype": "text",
        "text": {"content": "2025 年数据征集已关闭"},
    }
    assert [m.to for m in mail.outbox] == [["secretary@example.com"]]


def test_an_error_answer_from_the_robot_is_raised_for_a_retry(robot):
    robot.answer = (200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    with pytest.raises(RuntimeError, match="93000"):
        wecom_post("x")


def test_without_a_webhook_only_mail_goes_out(settings, transactional_db):
    settings.WECOM_WEBHOOK_URL = ""
    StaffFactory()
    staff_alert("x")
    assert len(mail.outbox) == 1
    assert list(Message.objects.values_list("channel", "status")) == [("email", "sent")]


def test_a_robot_that_answers_an_error_leaves_the_alert_to_be_tried_again(robot, transactional_db):
    robot.answer = (200, {"errcode": 93000, "errmsg": "invalid webhook url"})
    staff_alert("2025 年数据征集已关闭")
    [message] = Message.objects.filter(channel="wecom")
    assert message.status == Message.Status.QUEUED and message.attempts == 1
    assert "93000" in message.error


def test_the_sms_budget_reached_is_told_to_the_robot(robot, settings, sms_folder):
    settings.SMS_DAILY_LIMIT = 0
    message_queue(channel="sms", recipient="13800138000", body="x", purpose="notice")
    assert any("短信额度" in text for text in _texts(robot))


def test_a_failed_annual_report_is_told_to_the_robot(robot, monkeypatch, transactional_db):
    def broken(summary):
        raise RuntimeError("font cache unreadable")

    monkeypatch.setattr("reports.exporters.render_pdf", broken)
    job = AnnualReportJob.objects.create(year=2021)
    assert annual_report_run(job_id=job.pk) == "failed"
    assert _texts(robot) == [f"2021 年度报告（任务 {job.pk}）生成失败，请在报告页面重新生成。"]
