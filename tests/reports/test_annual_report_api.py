"""/api/v1/reports/annual/: staff start and follow jobs and download files; nobody else."""

import pytest
from rest_framework.authtoken.models import Token

from reports.models import AnnualReportJob
from reports.services import annual_report_run

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/annual/"
S = AnnualReportJob.Status


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.force_authenticate(user)
        return api_client

    return login


@pytest.fixture
def done_job(staff):
    job = AnnualReportJob.objects.create(year=2021, created_by=staff)
    annual_report_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == S.DONE
    return job


def test_staff_starts_a_job_and_gets_202(as_user, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = as_user(staff).post(URL, {"year": 2021}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert {"id", "year", "status", "progress"} <= set(body)
    assert (body["year"], body["status"], body["progress"]) == (2021, "queued", 0)
    assert body["files"] is None
    assert len(callbacks) == 1  # the task is sent once the job is committed


def test_starting_the_same_year_again_returns_the_running_job(as_user, staff):
    first = as_user(staff).post(URL, {"year": 2021}, format="json").json()
    second = as_user(staff).post(URL, {"year": 2021}, format="json")
    assert second.status_code == 202
    assert second.json()["id"] == first["id"]
    assert AnnualReportJob.objects.count() == 1


@pytest.mark.parametrize("payload", [{}, {"year": "twenty"}, {"year": 1800}, {"year": 9999}])
def test_bad_year_is_refused_with_400_naming_the_field(as_user, staff, payload):
    response = as_user(staff).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "year" in response.json()
    assert not AnnualReportJob.objects.exists()


def test_staff_follows_a_finished_job_and_downloads_its_files(as_user, staff, done_job):
    client = as_user(staff)
    body = client.get(f"{URL}{done_job.pk}/").json()
    assert (body["status"], body["progress"]) == ("done", 100)
    assert set(body["files"]) == {"xlsx", "docx", "pdf", "zip"}
    for fmt, url in body["files"].items():
        response = client.get(url)
        assert response.status_code == 200, fmt
        content = b"".join(response.streaming_content)
        assert "attachment" in response["Content-Disposition"]
        if fmt == "pdf":
            assert content.startswith(b"%PDF")
        else:
            assert content.startswith(b"PK")  # both are zip containers


def test_a_download_works_with_a_token_and_any_accept_header(api_client, staff, done_job):
    token = Token.objects.create(user=staff)
    response = api_client.get(
        f"{URL}{done_job.pk}/files/pdf/",
        HTTP_AUTHORIZATION=f"Token {token.key}",
        HTTP_ACCEPT="application/pdf",
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_files_of_an_unfinished_job_are_404(as_user, staff):
    job = AnnualReportJob.objects.create(year=2021)
    assert as_user(staff).get(f"{URL}{job.pk}/files/xlsx/").status_code == 404


def test_staff_lists_jobs_paginated(as_user, staff, done_job, django_assert_max_num_queries):
    AnnualReportJob.objects.create(year=2020, created_by=staff)
    with django_assert_max_num_queries(4):
        body = as_user(staff).get(URL).json()
    assert body["count"] == 2
    assert [r["year"] for r in body["results"]] == [2020, 2021]
    assert body["results"][1]["created_by"] == "staff"


def test_staff_retries_a_failed_job(as_user, staff):
    job = AnnualReportJob.objects.create(year=2021, status=S.FAILED, error="boom")
    response = as_user(staff).post(f"{URL}{job.pk}/retry/")
    assert response.status_code == 202
    assert response.json()["status"] == "queued"


def test_retrying_a_job_that_did_not_fail_is_a_conflict(as_user, staff, done_job):
    response = as_user(staff).post(f"{URL}{done_job.pk}/retry/")
    assert response.status_code == 409
    done_job.refresh_from_db()
    assert done_job.status == S.DONE


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_may_not_start_see_or_download(as_user, request, user_fixture, done_job):
    client = as_user(request.getfixturevalue(user_fixture))
    assert client.post(URL, {"year": 2021}, format="json").status_code == 403
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{done_job.pk}/").status_code == 403
    assert client.get(f"{URL}{done_job.pk}/files/pdf/").status_code == 403
    assert AnnualReportJob.objects.count() == 1


def test_anonymous_gets_401(api_client, done_job):
    assert api_client.post(URL, {"year": 2021}, format="json").status_code == 401
    assert api_client.get(f"{URL}{done_job.pk}/").status_code == 401
    assert api_client.get(f"{URL}{done_job.pk}/files/pdf/").status_code == 401


def test_report_files_are_not_public_media(client, done_job, settings):
    # Files live under MEDIA_ROOT but the portal serves them only through the staff views.
    assert client.get(f"/{settings.MEDIA_URL}{done_job.pdf.name}").status_code != 200
