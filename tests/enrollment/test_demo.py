import pytest

from core.validators import validate_mobile, validate_resident_id
from enrollment import demo
from enrollment.models import Application, Intake

pytestmark = pytest.mark.django_db
S = Application.Status


def test_demo_has_the_seeds_900_registered_and_747_approved_and_is_idempotent():
    demo.load()
    first_count = Application.objects.count()
    summary = demo.load()
    assert Application.objects.count() == first_count
    registered = Application.objects.filter(intake__year=2021).exclude(status=S.DRAFT)
    assert registered.filter(submitted_at__isnull=False).count() == 900
    assert registered.filter(status__in=[S.APPROVED, S.ENROLLED]).count() == 747
    assert registered.filter(status=S.ENROLLED).count() == 702
    assert "900 registered, 747 approved" in summary
    for application in Application.objects.all()[:200]:
        validate_resident_id(application.id_number)
        validate_mobile(application.phone)
    assert Intake.objects.open_now().exists()


def test_demo_keeps_edits_made_since():
    demo.load()
    intake = Intake.objects.filter(year=2021).first()
    intake.quota = 999
    intake.save()
    demo.load()
    intake.refresh_from_db()
    assert intake.quota == 999


def test_demo_has_a_full_intake_with_15_on_the_waiting_list_in_order():
    demo.load()
    intake = Intake.objects.get(programme="工业机器人技术应用")
    assert intake.quota == 30
    held = intake.applications.filter(status__in=[S.APPROVED, S.ENROLLED])
    waiting = intake.applications.filter(status=S.SUBMITTED, waitlist_rank__isnull=False)
    assert held.count() == 30 and waiting.count() == 15  # 45 approvals for 30 places
    in_order = list(waiting.order_by("waitlist_rank"))
    assert [a.waitlist_position for a in in_order] == list(range(1, 16))
    assert in_order == sorted(in_order, key=lambda a: a.waitlisted_at)
    enrolled = intake.applications.filter(status=S.ENROLLED)
    assert enrolled.count() == enrolled.filter(letter__isnull=False).count() > 0


def test_the_open_intake_asks_a_question_of_each_type_and_has_answers():
    demo.load()
    demo.load()
    intake = Intake.objects.open_now().get()
    kinds = set(intake.questions.values_list("kind", flat=True))
    assert kinds == {
        "short_text",
        "long_text",
        "number",
        "date",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "file",
    }
    applications = intake.applications.count()
    for question in intake.questions.filter(required=True):
        assert question.answers.count() == applications
    enrolled = Application.objects.filter(status=S.ENROLLED)[:50]
    assert all(a.ethnicity and a.household_region and a.previous_school for a in enrolled)
