"""The intake's own questions: saving answers (checked by forms.AnswersForm, in the form and
the API alike) and the rules that keep answers meaningful when staff change a question."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.uploads import DOCUMENT_TYPES, check_upload

from .models import Answer, Application, Intake, Question

MAX_ANSWER_FILE_MB = 5


def check_answer_file(upload) -> str:
    """The upload's content type, or ValidationError (size, emptiness, type)."""
    return check_upload(upload, max_mb=MAX_ANSWER_FILE_MB, types=DOCUMENT_TYPES)


def _stored(question: Question, value):
    """The cleaned form value as stored in Answer.value (JSON)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date):
        return value.isoformat()
    if question.kind == Question.Kind.YES_NO:
        return value == "yes"
    return value


def _keys(question: Question, value) -> str:
    if question.kind == Question.Kind.YES_NO:
        return f"|{'yes' if value else 'no'}|"
    if question.kind == Question.Kind.MULTIPLE_CHOICE:
        return "|" + "|".join(value) + "|"
    if question.kind == Question.Kind.SINGLE_CHOICE:
        return f"|{value}|"
    return ""


def answers_save(*, application: Application, answers: dict[Question, object]) -> None:
    """Store the application's answers: an emptied one is removed; a file question keeps its
    file unless a new one is uploaded (or, when optional, it is cleared)."""
    if answers:
        with transaction.atomic():
            _answers_save(application, answers)


def _answers_save(application: Application, answers: dict[Question, object]) -> None:
    existing = {a.question_id: a for a in application.answers.all()}
    for question, value in answers.items():
        answer = existing.get(question.pk)
        if question.kind == Question.Kind.FILE:
            _save_file(application, question, answer, value)
            continue
        if value is None or value == "" or value == []:
            if answer is not None:
                answer.delete()
            continue
        stored = _stored(question, value)
        Answer.objects.update_or_create(
            application=application,
            question=question,
            defaults={"value": stored, "keys": _keys(question, stored)},
        )


def _save_file(application, question, answer, upload) -> None:
    if upload is False and answer is not None and not question.required:
        answer.file.delete(save=False)
        answer.delete()
        return
    if not upload:
        return
    content_type = check_answer_file(upload)
    if answer is not None:
        answer.file.delete(save=False)
        answer.delete()
    Answer.objects.create(
        application=application,
        question=question,
        file=upload,
        original_name=(upload.name or "file")[-200:],
        content_type=content_type,
        size=upload.size,
    )


def missing_required(application: Application) -> list[Question]:
    """Required questions still asked that the application has not answered."""
    return list(
        application.intake.questions.filter(active=True, required=True).exclude(
            answers__application=application
        )
    )


# --- Staff changing questions ----------------------------------------------------------------


def parse_choices(text: str) -> list[tuple[str, str]]:
    """Lines of 中文 | English (the English may be left out) → [(zh, en)]."""
    rows = []
    for line in text.splitlines():
        if not line.strip():
            continue
        zh, _sep, en = line.partition("|")
        rows.append((zh.strip(), en.strip()))
    return rows


def choices_text(question: Question) -> str:
    return "\n".join(f"{c['zh']} | {c['en']}" if c.get("en") else c["zh"] for c in question.choices)


def merged_choices(question: Question, rows: list[tuple[str, str]]) -> list[dict]:
    """The new choices: line n keeps the key of the question's choice n (a renamed choice keeps
    its answers); added lines get new keys, never one used before."""
    old = list(question.choices or [])
    used = [int(c["key"]) for c in old if str(c["key"]).isdigit()]
    next_key = max(used, default=0) + 1
    merged = []
    for index, (zh, en) in enumerate(rows):
        if index < len(old):
            key = old[index]["key"]
        else:
            key, next_key = str(next_key), next_key + 1
        merged.append({"key": key, "zh": zh, "en": en})
    return merged


def question_change_refused(question: Question, *, kind: str, choices: list[dict]) -> dict:
    """Why a change would corrupt the answers given: {field: message}, empty when allowed."""
    if question.pk is None or not question.is_answered:
        return {}
    problems = {}
    if kind != question.kind:
        problems["kind"] = _("Applicants have answered this question: its type cannot change.")
    kept = {c["key"] for c in choices}
    if any(c["key"] not in kept for c in question.choices):
        problems["choices"] = _(
            "Applicants have chosen these choices: rename them or add new ones at the end, "
            "but do not remove any. Stop asking the question to replace it."
        )
    return problems


@transaction.atomic
def question_delete(*, question: Question) -> bool:
    """Delete a question nobody answered; one with answers is only no longer asked (False)."""
    if question.is_answered:
        question.active = False
        question.save(update_fields=["active"])
        return False
    question.delete()
    return True


def intake_questions(intake: Intake):
    return intake.questions.all()
