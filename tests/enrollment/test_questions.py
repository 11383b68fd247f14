"""The intake's own questions: staff add them, applicants answer them through the form and
the API, reviewers read and filter the answers; answered questions keep their meaning."""

import os
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from enrollment.models import Answer, Application, Question
from enrollment.services import (
    EnrollmentError,
    application_submit,
    applications_purge_expired,
)

from .conftest import PDF, PNG
from .factories import ApplicationFactory, IntakeFactory, submitted
from .test_api_applications import payload
from .test_roster import _form

pytestmark = pytest.mark.django_db
K = Question.Kind
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def _questions(intake) -> dict[str, Question]:
    """One question of each type, all required but the long text."""

    def make(kind, label, **extra):
        return Question.objects.create(
            intake=intake, kind=kind, label_zh=label, label_en=label + " (en)", **extra
        )

    return {
        "short": make(K.SHORT_TEXT, "工号", required=True),
        "long": make(K.LONG_TEXT, "工作经历"),
        "number": make(K.NUMBER, "工龄（年）", required=True),
        "date": make(K.DATE, "入职日期", required=True),
        "single": make(
            K.SINGLE_CHOICE,
            "上课方式",
            required=True,
            choices=[
                {"key": "1", "zh": "周末面授", "en": "Weekends"},
                {"key": "2", "zh": "线上", "en": "Online"},
            ],
        ),
        "multiple": make(
            K.MULTIPLE_CHOICE,
            "会用的软件",
            required=True,
            choices=[
                {"key": "1", "zh": "UG", "en": "UG"},
                {"key": "2", "zh": "AutoCAD", "en": "AutoCAD"},
                {"key": "3", "zh": "SolidWorks", "en": "SolidWorks"},
            ],
        ),
        "yes_no": make(K.YES_NO, "需要住宿", required=True),
        "file": make(K.FILE, "社保缴费证明", required=True),
    }


def _answers(q, **overrides) -> dict:
    data = {
        f"q_{q['short'].pk}": "A1024",
        f"q_{q['long'].pk}": "2019年起在模具车间。",
        f"q_{q['number'].pk}": "6.5",
        f"q_{q['date'].pk}": "2019-03-01",
        f"q_{q['single'].pk}": "2",
        f"q_{q['multiple'].pk}": ["1", "3"],
        f"q_{q['yes_no'].pk}": "no",
        f"q_{q['file'].pk}": SimpleUploadedFile("社保.pdf", PDF, "application/pdf"),
    }
    for key, value in overrides.items():
        data[f"q_{q[key].pk}"] = value
    return data


def test_staff_add_a_question_of_each_type_with_both_languages(client_for, staff):
    intake = IntakeFactory()
    c = client_for(staff)
    url = reverse("staff_questions", args=[intake.pk])
    for kind in K.values:
        data = {
            "label_zh": f"题目{kind}",
            "label_en": f"Question {kind}",
            "kind": kind,
            "help_zh": "说明",
            "help_en": "Help",
            "position": 1,
            "active": "on",
            "required": "on",
        }
        if kind in (K.SINGLE_CHOICE, K.MULTIPLE_CHOICE):
            data["choices_text"] = "周末面授 | Weekends\n线上 | Online"
        response = c.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
    assert intake.questions.count() == 8
    single = intake.questions.get(kind=K.SINGLE_CHOICE)
    assert single.choices == [
        {"key": "1", "zh": "周末面授", "en": "Weekends"},
        {"key": "2", "zh": "线上", "en": "Online"},
    ]
    page = c.get(url, **ZH).content.decode()
    assert "题目single_choice" in page and "单选" in page


def test_a_choice_question_needs_two_choices(client_for, staff):
    intake = IntakeFactory()
    response = client_for(staff).post(
        reverse("staff_questions", args=[intake.pk]),
        {"label_zh": "上课方式", "kind": K.SINGLE_CHOICE, "position": 1, "choices_text": "线上"},
        **ZH,
    )
    assert response.status_code == 200
    assert response.context["form"].errors["choices_text"] == ["请至少填写两个选项，每行一个。"]
    assert not Question.objects.exists()


def test_the_form_stores_an_answer_of_each_type(client_for, outsider):
    intake = IntakeFactory()
    q = _questions(intake)
    c = client_for(outsider)
    form = c.get(reverse("applicant_apply", args=[intake.pk]), **ZH)
    assert 'enctype="multipart/form-data"' in form.content.decode()
    response = c.post(reverse("applicant_apply", args=[intake.pk]), {**_form(), **_answers(q)})
    assert response.status_code == 302, response.context["answers_form"].errors
    answers = {a.question_id: a for a in Answer.objects.all()}
    assert answers[q["short"].pk].value == "A1024"
    assert answers[q["number"].pk].value == "6.5"
    assert answers[q["date"].pk].value == "2019-03-01"
    assert answers[q["single"].pk].value == "2"
    assert answers[q["multiple"].pk].value == ["1", "3"]
    assert answers[q["yes_no"].pk].value is False
    stored = answers[q["file"].pk]
    assert (stored.original_name, stored.content_type, stored.size) == (
        "社保.pdf",
        "application/pdf",
        len(PDF),
    )
    with stored.file.open("rb") as handle:
        assert handle.read() == PDF


@pytest.mark.parametrize(
    "question, value, message",
    [
        ("number", "六年", "输入一个数字。"),
        ("date", "2019-02-30", "输入一个有效的日期。"),
        ("short", "", "该字段是必填项。"),
        ("single", "9", "选择一个有效的选项。 9 不在可用的选项中。"),
        ("multiple", [], "该字段是必填项。"),
        ("yes_no", "", "该字段是必填项。"),
        ("file", SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>", "application/pdf"),
         "请上传 JPEG, PNG, PDF 文件：此文件的内容不是这些格式。"),
    ],
)  # fmt: skip
def test_a_bad_answer_is_refused_whole_and_nothing_typed_is_lost(
    client_for, outsider, question, value, message
):
    intake = IntakeFactory()
    q = _questions(intake)
    response = client_for(outsider).post(
        reverse("applicant_apply", args=[intake.pk]),
        {**_form(), **_answers(q, **{question: value})},
        **ZH,
    )
    assert response.status_code == 200
    assert not Application.objects.exists() and not Answer.objects.exists()
    answers = response.context["answers_form"]
    assert answers.errors == {f"q_{q[question].pk}": [message]}
    assert answers[f"q_{q['short'].pk}"].value() == "A1024" or question == "short"
    assert answers[f"q_{q['long'].pk}"].value() == "2019年起在模具车间。"
    assert response.context["form"]["full_name"].value() == "李明"
    assert message in response.content.decode()


def test_an_answer_file_over_5_mb_is_refused(client_for, outsider):
    intake = IntakeFactory()
    q = _questions(intake)
    big = SimpleUploadedFile("big.png", PNG + b"\x00" * (5 * 1024 * 1024), "image/png")
    response = client_for(outsider).post(
        reverse("applicant_apply", args=[intake.pk]), {**_form(), **_answers(q, file=big)}, **ZH
    )
    assert response.status_code == 200
    assert response.context["answers_form"].errors == {f"q_{q['file'].pk}": ["文件超过 5 MB。"]}
    assert not Application.objects.exists()


def test_editing_keeps_the_uploaded_file_and_changes_the_rest(client_for, outsider):
    intake = IntakeFactory()
    q = _questions(intake)
    c = client_for(outsider)
    c.post(reverse("applicant_apply", args=[intake.pk]), {**_form(), **_answers(q)})
    application = Application.objects.get()
    data = _answers(q, single="1")
    del data[f"q_{q['file'].pk}"]
    response = c.post(
        reverse("applicant_application_edit", args=[application.pk]), {**_form(), **data}
    )
    assert response.status_code == 302, response.context["answers_form"].errors
    assert Answer.objects.get(question=q["single"]).value == "1"
    assert Answer.objects.get(question=q["file"]).original_name == "社保.pdf"


def test_submitting_needs_a_required_question_added_after_the_draft(outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=[]))
    Question.objects.create(
        intake=application.intake, kind=K.SHORT_TEXT, label_zh="工号", required=True
    )
    with pytest.raises(EnrollmentError, match="工号"):
        application_submit(application=application, actor=outsider)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_the_api_shows_the_questions_and_takes_the_answers(api_client, outsider):
    intake = IntakeFactory()
    q = _questions(intake)
    q["file"].required = False
    q["file"].save()
    api_client.force_authenticate(outsider)
    shown = api_client.get(f"/api/v1/enrollment/intakes/{intake.pk}/").json()
    assert [item["label_zh"] for item in shown["questions"]][:2] == ["工号", "工作经历"]
    assert shown["questions"][4]["choices"][1] == {"key": "2", "zh": "线上", "en": "Online"}
    answers = {
        str(q["short"].pk): "A1024",
        str(q["number"].pk): 6.5,
        str(q["date"].pk): "2019-03-01",
        str(q["single"].pk): "1",
        str(q["multiple"].pk): ["2"],
        str(q["yes_no"].pk): True,
    }
    created = api_client.post(
        "/api/v1/enrollment/applications/", {**payload(intake), "answers": answers}, format="json"
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["answers"][str(q["yes_no"].pk)] is True
    assert body["answers"][str(q["multiple"].pk)] == ["2"]
    assert body["answers"][str(q["number"].pk)] == "6.5"
    read = api_client.get(f"/api/v1/enrollment/applications/{body['id']}/").json()
    assert read["answers"] == body["answers"]


def test_the_api_refuses_bad_answers_naming_each_question(api_client, outsider):
    intake = IntakeFactory()
    q = _questions(intake)
    api_client.force_authenticate(outsider)
    response = api_client.post(
        "/api/v1/enrollment/applications/",
        {**payload(intake), "answers": {str(q["number"].pk): "many", str(q["single"].pk): "7"}},
        format="json",
        **ZH,
    )
    assert response.status_code == 400
    errors = response.json()["answers"]
    assert errors[str(q["number"].pk)] == ["输入一个数字。"]
    assert str(q["single"].pk) in errors and str(q["short"].pk) in errors  # required, missing
    assert not Application.objects.exists()
    unknown = api_client.post(
        "/api/v1/enrollment/applications/",
        {**payload(IntakeFactory()), "answers": {"999999": "x"}},
        format="json",
    )
    assert unknown.status_code == 400 and "999999" in unknown.json()["answers"]


def _answered(intake, question, value, keys, **kwargs):
    application = submitted(intake=intake, **kwargs)
    Answer.objects.create(application=application, question=question, value=value, keys=keys)
    return application


def test_an_answered_question_keeps_its_type_and_its_choices(client_for, staff):
    intake = IntakeFactory()
    question = Question.objects.create(
        intake=intake,
        kind=K.SINGLE_CHOICE,
        label_zh="上课方式",
        choices=[{"key": "1", "zh": "周末面授", "en": ""}, {"key": "2", "zh": "线上", "en": ""}],
    )
    _answered(intake, question, "2", "|2|")
    c = client_for(staff)
    url = reverse("staff_question_edit", args=[intake.pk, question.pk])
    base = {"label_zh": "上课方式", "position": 0, "active": "on"}
    retyped = c.post(url, {**base, "kind": K.SHORT_TEXT}, **ZH)
    assert retyped.status_code == 200
    assert retyped.context["form"].errors["kind"] == ["已有报名者回答此题，题型不能再改。"]
    shortened = c.post(url, {**base, "kind": K.SINGLE_CHOICE, "choices_text": "周末面授"}, **ZH)
    assert "choices_text" in shortened.context["form"].errors
    question.refresh_from_db()
    assert question.kind == K.SINGLE_CHOICE and len(question.choices) == 2
    renamed = c.post(
        url, {**base, "kind": K.SINGLE_CHOICE, "choices_text": "周末面授\n网络直播\n夜校"}
    )
    assert renamed.status_code == 302
    question.refresh_from_db()
    assert [c["key"] for c in question.choices] == ["1", "2", "3"]
    assert Answer.objects.get().display() == "网络直播"


def test_deleting_an_answered_question_stops_asking_it_and_keeps_the_answers(client_for, staff):
    intake = IntakeFactory()
    answered = Question.objects.create(intake=intake, kind=K.SHORT_TEXT, label_zh="工号")
    unanswered = Question.objects.create(intake=intake, kind=K.SHORT_TEXT, label_zh="籍贯")
    _answered(intake, answered, "A1", "")
    c = client_for(staff)
    for question in (answered, unanswered):
        c.post(reverse("staff_question_delete", args=[intake.pk, question.pk]))
    assert list(Question.objects.values_list("label_zh", "active")) == [("工号", False)]
    assert Answer.objects.get().value == "A1"
    form = c.get(reverse("applicant_apply", args=[intake.pk]))
    assert "工号" not in form.content.decode()


def test_reviewers_read_the_answers_and_filter_the_queue_by_one(client_for, staff):
    intake = IntakeFactory()
    question = Question.objects.create(
        intake=intake,
        kind=K.MULTIPLE_CHOICE,
        label_zh="会用的软件",
        choices=[{"key": "1", "zh": "UG", "en": ""}, {"key": "2", "zh": "AutoCAD", "en": ""}],
    )
    both = _answered(intake, question, ["1", "2"], "|1|2|", full_name="王两样")
    _answered(intake, question, ["1"], "|1|", full_name="李一样")
    submitted(intake=intake, full_name="赵没答")
    c = client_for(staff)
    detail = c.get(reverse("staff_application", args=[both.pk]), **ZH).content.decode()
    answers = detail.split('data-testid="answers"')[1].split("</dl>")[0]
    assert "会用的软件" in answers and "UG、AutoCAD" in answers
    queue = c.get(reverse("staff_queue"), {"intake": intake.pk, "answer": f"{question.pk}:2"})
    names = [a.full_name for a in queue.context["page"].object_list]
    assert names == ["王两样"]
    page = queue.content.decode()
    assert f'value="{question.pk}:1"' in page and "会用的软件 · UG" in page
    everyone = c.get(reverse("staff_queue"), {"intake": intake.pk})
    assert len(everyone.context["page"].object_list) == 3


def test_an_answer_file_is_for_its_owner_and_reviewers_only(client_for, outsider, staff):
    intake = IntakeFactory()
    q = _questions(intake)
    c = client_for(outsider)
    c.post(reverse("applicant_apply", args=[intake.pk]), {**_form(), **_answers(q)})
    answer = Answer.objects.get(question=q["file"])
    url = reverse("enrollment_answer_file", args=[answer.pk])
    own = c.get(url)
    assert b"".join(own.streaming_content) == PDF
    other = ApplicationFactory().applicant
    assert client_for(other).get(url).status_code == 404
    reviewer = client_for(staff).get(url)
    assert reviewer.status_code == 200
    # last: closing signals request_finished, which closes the database connection
    own.close()
    reviewer.close()


def test_labels_follow_the_language(client_for, outsider):
    intake = IntakeFactory()
    _questions(intake)
    c = client_for(outsider)
    zh = c.get(reverse("applicant_apply", args=[intake.pk]), **ZH).content.decode()
    assert "上课方式" in zh and "周末面授" in zh
    c.cookies["django_language"] = "en"
    en = c.get(reverse("applicant_apply", args=[intake.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "上课方式 (en)" in en.content.decode() and "Weekends" in en.content.decode()


def test_retention_erases_the_register_fields_and_the_answers():
    now = timezone.now()
    old = IntakeFactory(opens_at=now - timedelta(days=2000), closes_at=now - timedelta(days=1900))
    question = Question.objects.create(intake=old, kind=K.FILE, label_zh="社保缴费证明")
    rejected = ApplicationFactory(
        intake=old, status="rejected", ethnicity="08", household_region="广西壮族自治区南宁市"
    )
    answer = Answer.objects.create(
        application=rejected,
        question=question,
        file=SimpleUploadedFile("社保.pdf", PDF),
        original_name="社保.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    path = answer.file.path
    assert applications_purge_expired(now=now) == 1
    rejected.refresh_from_db()
    assert (rejected.ethnicity, rejected.household_region) == ("", "")
    assert not Answer.objects.exists()
    assert not os.path.exists(path)


def test_my_data_holds_the_register_fields_and_the_answers(client_for, outsider):
    intake = IntakeFactory()
    question = Question.objects.create(intake=intake, kind=K.SHORT_TEXT, label_zh="工号")
    application = ApplicationFactory(intake=intake, applicant=outsider, ethnicity="03")
    Answer.objects.create(application=application, question=question, value="DG7")
    data = client_for(outsider).get(reverse("applicant_my_data"), **ZH).json()
    mine = data["applications"][0]
    assert mine["ethnicity"] == "回族"
    assert mine["answers"] == [{"question": "工号", "answer": "DG7"}]
    assert data["labels"]["ethnicity"] == "民族"


def test_the_api_takes_a_file_answer_in_a_multipart_request(api_client, outsider):
    intake = IntakeFactory()
    question = Question.objects.create(
        intake=intake, kind=K.FILE, label_zh="社保缴费证明", required=True
    )
    api_client.force_authenticate(outsider)
    refused = api_client.post(
        "/api/v1/enrollment/applications/",
        {**payload(intake), f"q_{question.pk}": SimpleUploadedFile("x.pdf", b"GIF89a")},
        format="multipart",
    )
    assert refused.status_code == 400 and str(question.pk) in refused.json()["answers"]
    assert not Application.objects.exists()
    created = api_client.post(
        "/api/v1/enrollment/applications/",
        {
            **payload(intake),
            "answers": "{}",
            f"q_{question.pk}": SimpleUploadedFile("社保.pdf", PDF),
        },
        format="multipart",
    )
    assert created.status_code == 201, created.json()
    shown = created.json()["answers"][str(question.pk)]
    assert shown["file_name"] == "社保.pdf" and shown["size"] == len(PDF)
