"""An applicant on a phone answers the intake's own questions: a bad answer comes back with
its message and everything typed still there; fixed, the draft is saved with every answer."""

import re
from datetime import date

import pytest

from enrollment.demo import demo_resident_id
from enrollment.models import Answer, Application, Question
from tests.conftest import PASSWORD
from tests.enrollment.conftest import PDF
from tests.enrollment.factories import IntakeFactory, submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
K = Question.Kind


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _intake_with_questions():
    intake = IntakeFactory(programme="模具制造技术")
    two = [{"key": "1", "zh": "周末面授", "en": ""}, {"key": "2", "zh": "线上为主", "en": ""}]
    software = [{"key": "1", "zh": "UG", "en": ""}, {"key": "2", "zh": "AutoCAD", "en": ""}]
    specs = [
        (K.SHORT_TEXT, "工号", False, []),
        (K.LONG_TEXT, "工作经历", False, []),
        (K.NUMBER, "模具行业工龄（年）", True, []),
        (K.DATE, "入职现单位日期", False, []),
        (K.SINGLE_CHOICE, "上课方式", True, two),
        (K.MULTIPLE_CHOICE, "会用的设计软件", False, software),
        (K.YES_NO, "是否需要安排住宿", True, []),
        (K.FILE, "社保缴费证明", False, []),
    ]
    return intake, {
        kind: Question.objects.create(
            intake=intake, position=n, kind=kind, label_zh=label, required=req, choices=choices
        )
        for n, (kind, label, req, choices) in enumerate(specs)
    }


def test_answering_the_intakes_questions_on_a_phone(
    page, live_server, outsider, screenshot, tmp_path
):
    intake, q = _intake_with_questions()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", outsider.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + f"/applicant/apply/{intake.pk}/")
    page.fill("input[name=full_name]", "李明")
    page.fill("input[name=id_number]", demo_resident_id("441900", date(1988, 5, 17), 123))
    page.fill("input[name=phone]", "13800138000")
    page.select_option("select[name=education]", "高中")
    page.select_option("select[name=ethnicity]", "08")
    page.select_option("select[name=political_status]", "13")
    page.fill("input[name=household_region]", "广西壮族自治区南宁市")
    page.fill("input[name=previous_school]", "南宁市第三中学")
    page.fill(f"input[name=q_{q[K.SHORT_TEXT].pk}]", "DG1024")
    page.fill(f"textarea[name=q_{q[K.LONG_TEXT].pk}]", "在模具车间做了六年。")
    page.fill(f"input[name=q_{q[K.NUMBER].pk}]", "6")
    page.fill(f"input[name=q_{q[K.DATE].pk}]", "2019-03-01")
    page.check(f"input[name=q_{q[K.SINGLE_CHOICE].pk}][value='2']")
    page.check(f"input[name=q_{q[K.MULTIPLE_CHOICE].pk}][value='1']")
    page.check(f"input[name=q_{q[K.MULTIPLE_CHOICE].pk}][value='2']")
    # The yes/no question is required and left unanswered; the upload is not a PDF.
    (tmp_path / "fake.pdf").write_bytes(b"<html>not a pdf</html>")
    page.set_input_files(f"input[name=q_{q[K.FILE].pk}]", str(tmp_path / "fake.pdf"))
    assert _fits(page)
    page.click("[data-testid=application-form] button[type=submit]")
    page.wait_for_load_state()

    questions = page.locator("[data-testid=intake-questions]")
    assert "该字段是必填项" in questions.inner_text()
    assert "此文件的内容不是这些格式" in questions.inner_text()
    assert page.input_value(f"input[name=q_{q[K.SHORT_TEXT].pk}]") == "DG1024"
    assert page.input_value(f"textarea[name=q_{q[K.LONG_TEXT].pk}]") == "在模具车间做了六年。"
    assert page.is_checked(f"input[name=q_{q[K.SINGLE_CHOICE].pk}][value='2']")
    assert page.is_checked(f"input[name=q_{q[K.MULTIPLE_CHOICE].pk}][value='2']")
    assert page.input_value("input[name=household_region]") == "广西壮族自治区南宁市"
    assert _fits(page)
    screenshot("questions-phone-1-refused")
    assert not Application.objects.exists()

    page.check(f"input[name=q_{q[K.YES_NO].pk}][value='yes']")
    (tmp_path / "社保.pdf").write_bytes(PDF)
    page.set_input_files(f"input[name=q_{q[K.FILE].pk}]", str(tmp_path / "社保.pdf"))
    screenshot("questions-phone-2-fixed")
    page.click("[data-testid=application-form] button[type=submit]")
    page.wait_for_url(re.compile(r".*/applicant/applications/\d+/$"))
    application = Application.objects.get()
    values = {a.question.kind: a.value for a in Answer.objects.select_related("question")}
    assert values[K.SINGLE_CHOICE] == "2" and values[K.MULTIPLE_CHOICE] == ["1", "2"]
    assert values[K.YES_NO] is True and values[K.NUMBER] == "6"
    assert application.answers.get(question=q[K.FILE]).original_name == "社保.pdf"


def test_staff_add_a_question_and_filter_the_queue_by_its_answer(
    page, live_server, staff, screenshot
):
    intake, q = _intake_with_questions()
    online = submitted(intake=intake, full_name="王线上")
    Answer.objects.create(application=online, question=q[K.SINGLE_CHOICE], value="2", keys="|2|")
    Answer.objects.create(application=online, question=q[K.YES_NO], value=True, keys="|yes|")
    weekend = submitted(intake=intake, full_name="李周末")
    Answer.objects.create(application=weekend, question=q[K.SINGLE_CHOICE], value="1", keys="|1|")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=login]", staff.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + f"/staff/enrollment/intakes/{intake.pk}/questions/")
    form = page.locator("[data-testid=question-form]")
    form.locator("input[name=label_zh]").fill("报读原因")
    form.locator("input[name=label_en]").fill("Why this programme")
    form.locator("select[name=kind]").select_option("single_choice")
    form.locator("textarea[name=choices_text]").fill(
        "提升学历 | A diploma\n岗位需要 | My job needs it"
    )
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "报读原因" in page.locator("[data-testid=question-list]").inner_text()
    screenshot("questions-staff-1366")

    page.goto(live_server.url + f"/staff/enrollment/applications/?intake={intake.pk}&status=")
    page.select_option("select[name=answer]", f"{q[K.SINGLE_CHOICE].pk}:2")
    page.click("[data-testid=queue-filter] button[type=submit]")
    page.wait_for_load_state()
    body = page.locator("main").inner_text()
    assert "王线上" in body and "李周末" not in body
    page.click("text=王线上")
    answers = page.locator("[data-testid=answers]").inner_text()
    assert "线上为主" in answers and "是" in answers
    screenshot("questions-review-1366")
    page.set_viewport_size(PHONE)
    assert _fits(page)
    screenshot("questions-review-390")
