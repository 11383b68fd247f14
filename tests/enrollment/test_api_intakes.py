from datetime import timedelta

import pytest
from django.utils import timezone

from enrollment.models import Intake

from .factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/enrollment/intakes/"


def new_intake(**overrides):
    return {
        "programme": "电子商务",
        "year": 2027,
        "quota": 60,
        "opens_at": "2027-03-01T09:00:00+08:00",
        "closes_at": "2027-05-31T18:00:00+08:00",
        "document_kinds": ["id_front", "photo"],
        **overrides,
    }


@pytest.fixture
def open_and_closed(db):
    now = timezone.now()
    closed = IntakeFactory(
        programme="已截止", opens_at=now - timedelta(days=90), closes_at=now - timedelta(days=30)
    )
    return IntakeFactory(programme="报名中"), closed


def test_anyone_reads_the_open_intakes_only(api_client, open_and_closed, outsider):
    open_intake, closed = open_and_closed
    for user in (None, outsider):
        api_client.force_authenticate(user)
        body = api_client.get(URL).json()
        assert [row["id"] for row in body["results"]] == [open_intake.pk]
        assert body["results"][0]["is_open"] is True
        assert set(body["results"][0]) >= {"id", "programme", "year", "quota", "opens_at"}
        assert api_client.get(f"{URL}{closed.pk}/").status_code == 404


def test_staff_see_all_intakes(api_client, staff, open_and_closed):
    api_client.force_authenticate(staff)
    assert api_client.get(URL).json()["count"] == 2


def test_staff_create_change_and_delete_an_intake(api_client, staff):
    api_client.force_authenticate(staff)
    response = api_client.post(URL, new_intake(), format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert api_client.patch(f"{URL}{pk}/", {"quota": 80}, format="json").json()["quota"] == 80
    assert api_client.delete(f"{URL}{pk}/").status_code == 204
    assert not Intake.objects.exists()


def test_closing_before_opening_is_refused_naming_the_field(api_client, staff):
    api_client.force_authenticate(staff)
    response = api_client.post(
        URL, new_intake(closes_at="2027-02-01T09:00:00+08:00"), format="json"
    )
    assert response.status_code == 400 and "closes_at" in response.json()
    assert not Intake.objects.exists()


def test_unknown_document_kind_is_refused(api_client, staff):
    api_client.force_authenticate(staff)
    response = api_client.post(URL, new_intake(document_kinds=["passport"]), format="json")
    assert response.status_code == 400 and "document_kinds" in response.json()


def test_applicants_and_representatives_cannot_write(api_client, outsider, representative):
    intake = IntakeFactory()
    for user in (outsider, representative):
        api_client.force_authenticate(user)
        assert api_client.post(URL, new_intake(), format="json").status_code == 403
        response = api_client.patch(f"{URL}{intake.pk}/", {"quota": 1}, format="json")
        assert response.status_code == 403
        assert api_client.delete(f"{URL}{intake.pk}/").status_code == 403
    api_client.force_authenticate(None)
    assert api_client.post(URL, new_intake(), format="json").status_code == 401
    intake.refresh_from_db()
    assert intake.quota == 100 and Intake.objects.count() == 1


def test_an_intake_with_applications_cannot_be_deleted(api_client, staff):
    application = ApplicationFactory()
    api_client.force_authenticate(staff)
    response = api_client.delete(f"{URL}{application.intake_id}/")
    assert response.status_code == 409
    assert Intake.objects.filter(pk=application.intake_id).exists()
