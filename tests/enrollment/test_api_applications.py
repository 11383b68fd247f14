from datetime import date, timedelta

import pytest
from django.utils import timezone

from enrollment.demo import demo_resident_id
from enrollment.models import Application, ApplicationEvent
from tests.factories import UserFactory

from .factories import ApplicationFactory, IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status
URL = "/api/v1/enrollment/applications/"
VALID_ID = demo_resident_id("441900", date(1988, 5, 17), 123)  # sequence 123: odd → male


def payload(intake, **overrides):
    return {
        "intake": intake.pk,
        "full_name": "李明",
        "id_number": VALID_ID,
        "phone": "13800138000",
        "education": "高中",
        **overrides,
    }


@pytest.fixture
def intake(db):
    return IntakeFactory()


def test_applicant_creates_a_draft_of_their_own(api_client, outsider, intake):
    api_client.force_authenticate(outsider)
    response = api_client.post(URL, payload(intake), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft" and body["status_reason"] == ""
    assert body["birth_date"] == "1988-05-17" and body["sex"] == "M"
    assert Application.objects.get(pk=body["id"]).applicant == outsider


def test_anonymous_cannot_create_or_list(api_client, intake):
    assert api_client.post(URL, payload(intake), format="json").status_code == 401
    assert api_client.get(URL).status_code == 401
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "field,value",
    [("id_number", VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")), ("phone", "12345")],
)
def test_bad_id_number_or_phone_is_refused_naming_the_field(
    api_client, outsider, intake, field, value
):
    api_client.force_authenticate(outsider)
    response = api_client.post(URL, payload(intake, **{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Application.objects.exists()


def test_second_application_with_the_same_id_number_is_refused_first_untouched(
    api_client, outsider, intake
):
    first = ApplicationFactory(intake=intake, id_number=VALID_ID, full_name="原申请")
    api_client.force_authenticate(outsider)
    response = api_client.post(URL, payload(intake), format="json")
    assert response.status_code == 400
    assert "id_number" in response.json()
    first.refresh_from_db()
    assert first.full_name == "原申请" and Application.objects.count() == 1


def test_the_same_id_number_may_apply_to_another_intake(api_client, outsider, intake):
    ApplicationFactory(id_number=VALID_ID)
    api_client.force_authenticate(outsider)
    assert api_client.post(URL, payload(intake), format="json").status_code == 201


@pytest.mark.parametrize("days", [-40, 5])
def test_no_application_outside_the_window(api_client, outsider, days):
    now = timezone.now()
    intake = IntakeFactory(
        opens_at=now + timedelta(days=days), closes_at=now + timedelta(days=days + 30)
    )
    api_client.force_authenticate(outsider)
    response = api_client.post(URL, payload(intake), format="json")
    assert response.status_code == 400 and "intake" in response.json()
    assert not Application.objects.exists()


def test_applicant_sees_only_their_own_and_list_masks_id_numbers(api_client, outsider):
    own = ApplicationFactory(applicant=outsider)
    other = ApplicationFactory()
    api_client.force_authenticate(outsider)
    body = api_client.get(URL).json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    row = body["results"][0]
    assert row["id_number"] != own.id_number and row["id_number"].endswith(own.id_number[-4:])
    assert "*" in row["id_number"] and "*" in row["phone"]
    assert api_client.get(f"{URL}{other.pk}/").status_code == 404
    assert api_client.get(f"{URL}{own.pk}/").json()["id_number"] == own.id_number


def test_staff_list_all_masked_and_full_detail_is_logged(api_client, staff):
    applications = ApplicationFactory.create_batch(3)
    api_client.force_authenticate(staff)
    body = api_client.get(URL).json()
    assert body["count"] == 3
    full_ids = {a.id_number for a in applications}
    assert not full_ids & {row["id_number"] for row in body["results"]}
    detail = api_client.get(f"{URL}{applications[0].pk}/").json()
    assert detail["id_number"] == applications[0].id_number
    assert applications[0].access_log.filter(user=staff).count() == 1


def test_representative_is_an_ordinary_applicant(api_client, representative):
    other = ApplicationFactory()
    api_client.force_authenticate(representative)
    assert api_client.get(URL).json()["count"] == 0
    assert api_client.get(f"{URL}{other.pk}/").status_code == 404
    assert api_client.post(f"{URL}{other.pk}/approve/").status_code == 403  # needs a reviewer role


def test_applicant_edits_a_draft_but_not_another_ones(api_client, outsider):
    own = ApplicationFactory(applicant=outsider)
    other = ApplicationFactory()
    api_client.force_authenticate(outsider)
    response = api_client.patch(f"{URL}{own.pk}/", {"employer": "艾尔玛"}, format="json")
    assert response.status_code == 200 and response.json()["employer"] == "艾尔玛"
    response = api_client.patch(f"{URL}{other.pk}/", {"employer": "x"}, format="json")
    assert response.status_code == 404


def test_submitted_application_cannot_be_edited(api_client, outsider):
    application = submitted(applicant=outsider)
    api_client.force_authenticate(outsider)
    response = api_client.patch(f"{URL}{application.pk}/", {"employer": "x"}, format="json")
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.employer == ""


def test_full_review_cycle_through_the_api(api_client, outsider, staff):
    intake = IntakeFactory(document_kinds=[])
    application = ApplicationFactory(applicant=outsider, intake=intake)
    api_client.force_authenticate(outsider)
    first = api_client.post(f"{URL}{application.pk}/submit/")
    assert first.status_code == 200 and first.json()["status"] == "submitted"
    first_submitted_at = first.json()["submitted_at"]

    api_client.force_authenticate(staff)
    assert api_client.post(f"{URL}{application.pk}/return/", {}, format="json").status_code == 400
    returned = api_client.post(
        f"{URL}{application.pk}/return/", {"reason": "照片不清晰"}, format="json"
    )
    assert returned.json()["status"] == "returned"
    assert returned.json()["status_reason"] == "照片不清晰"

    api_client.force_authenticate(outsider)
    again = api_client.post(f"{URL}{application.pk}/submit/").json()
    assert again["submitted_at"] == first_submitted_at  # first submission only

    api_client.force_authenticate(staff)
    assert api_client.post(f"{URL}{application.pk}/approve/").json()["status"] == "approved"
    assert api_client.post(f"{URL}{application.pk}/enrol/").json()["status"] == "enrolled"
    events = list(ApplicationEvent.objects.filter(application=application))
    assert [e.to_status for e in events] == [
        S.SUBMITTED,
        S.RETURNED,
        S.SUBMITTED,
        S.APPROVED,
        S.ENROLLED,
    ]
    assert events[1].actor == staff and events[1].reason == "照片不清晰"


@pytest.mark.parametrize(
    "status,action",
    [
        (S.DRAFT, "approve"),
        (S.DRAFT, "enrol"),
        (S.SUBMITTED, "enrol"),
        (S.REJECTED, "approve"),
        (S.ENROLLED, "reject"),
        (S.WITHDRAWN, "approve"),
    ],
)
def test_disallowed_staff_action_is_refused_and_changes_nothing(api_client, staff, status, action):
    application = ApplicationFactory(status=status)
    api_client.force_authenticate(staff)
    response = api_client.post(f"{URL}{application.pk}/{action}/", {"reason": "x"}, format="json")
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.status == status
    assert not application.events.exists()


def test_applicant_cannot_take_staff_actions_and_staff_cannot_submit(api_client, outsider, staff):
    application = submitted(applicant=outsider)
    api_client.force_authenticate(outsider)
    assert api_client.post(f"{URL}{application.pk}/approve/").status_code == 403
    api_client.force_authenticate(staff)
    assert api_client.post(f"{URL}{application.pk}/withdraw/").status_code == 403
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_submit_requires_the_documents(api_client, outsider):
    application = ApplicationFactory(applicant=outsider)  # intake requires two documents
    api_client.force_authenticate(outsider)
    response = api_client.post(f"{URL}{application.pk}/submit/")
    assert response.status_code == 409
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.submitted_at is None


def test_approval_beyond_the_quota_is_refused_with_a_message(api_client, staff):
    intake = IntakeFactory(quota=1)
    first, second = submitted(intake=intake), submitted(intake=intake)
    api_client.force_authenticate(staff)
    assert api_client.post(f"{URL}{first.pk}/approve/").status_code == 200
    response = api_client.post(f"{URL}{second.pk}/approve/")
    assert response.status_code == 409
    assert "quota" in str(response.json()).lower() or "名额" in str(response.json())
    second.refresh_from_db()
    assert second.status == S.SUBMITTED


def test_withdrawn_by_the_applicant(api_client, outsider):
    application = submitted(applicant=outsider)
    api_client.force_authenticate(outsider)
    assert api_client.post(f"{URL}{application.pk}/withdraw/").json()["status"] == "withdrawn"
    assert api_client.post(f"{URL}{application.pk}/withdraw/").status_code == 409


def test_search_by_last_id_digits_for_staff(api_client, staff):
    match = ApplicationFactory()
    ApplicationFactory()
    api_client.force_authenticate(staff)
    body = api_client.get(URL, {"search": match.id_number[-4:]}).json()
    assert [row["id"] for row in body["results"]] == [match.pk]


def test_list_query_count_is_fixed(api_client, staff, django_assert_max_num_queries):
    ApplicationFactory.create_batch(10)
    api_client.force_authenticate(staff)
    with django_assert_max_num_queries(4):
        assert api_client.get(URL).status_code == 200


def test_other_users_get_their_own_empty_list(api_client):
    ApplicationFactory()
    api_client.force_authenticate(UserFactory())
    assert api_client.get(URL).json()["count"] == 0


def test_create_and_submit_run_a_fixed_handful_of_queries(
    api_client, outsider, intake, django_assert_max_num_queries
):
    # The unique constraint checks the ID number (no SELECT before the INSERT; one indexed
    # EXISTS asks whether this account registered already); the first
    # submission sets status and submitted_at in one UPDATE; no documents query when the
    # intake asks for none; one query reads the intake's own questions (none here).
    intake.document_kinds = []
    intake.save()
    api_client.force_authenticate(outsider)
    with django_assert_max_num_queries(6):
        created = api_client.post(URL, payload(intake), format="json")
    assert created.status_code == 201
    # Submitting: the application read and locked (2 and a savepoint), the required questions
    # left unanswered, the event and the status UPDATE, then the notice recorded with the status
    # change: the applicant, the outbox's key check, the message INSERT (in its own savepoint:
    # a key taken already is no error) and the notification; the response reads the answers.
    with django_assert_max_num_queries(14):
        submitted = api_client.post(f"{URL}{created.json()['id']}/submit/")
    assert submitted.status_code == 200
    application = Application.objects.get()
    assert application.status == S.SUBMITTED and application.submitted_at is not None
    assert application.events.get().to_status == S.SUBMITTED
