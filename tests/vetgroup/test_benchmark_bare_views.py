"""The bare views benchmarks/run.py compares the real API with keep working as the schema
grows (a new NOT NULL column broke the submission's bare INSERT, and with it benchmark 2)."""

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from benchmarks.run import valid_id_number
from enrollment.models import Application
from tests.enrollment.factories import IntakeFactory
from tests.factories import MemberFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("benchmarks.urls"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="benchmarks run on PostgreSQL"),
]


@pytest.fixture
def applicant_client():
    user = UserFactory()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return user, client


def form(intake, n: int) -> dict:
    return {"intake": intake.pk, "full_name": f"压测学员{n}", "id_number": valid_id_number(n),
            "phone": f"138{n:08d}", "education": "高中"}  # fmt: skip


def test_the_bare_pair_stores_a_submitted_application(applicant_client):
    user, client = applicant_client
    intake = IntakeFactory()
    created = client.post("/bench/bare-create/", form(intake, 1), format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.post(f"/bench/bare-create/{pk}/submit/").status_code == 200
    assert Application.objects.filter(pk=pk, applicant=user, status="submitted").exists()


def test_the_bare_insert_stores_an_application(applicant_client):
    user, client = applicant_client
    intake = IntakeFactory()
    body = {**form(intake, 2), "applicant": user.pk}
    assert client.post("/bench/bare-insert/", body, format="json").status_code == 201
    assert Application.objects.filter(applicant=user, intake=intake).count() == 1


def test_the_bare_directory_answers_the_api_columns(client):
    MemberFactory(name="东莞市基准测试企业")
    rows = client.get("/bench/bare-members/").json()
    assert [row["name"] for row in rows] == ["东莞市基准测试企业"]
