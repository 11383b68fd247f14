"""The staff annual report page: year, texts, figures, generate, versions, downloads."""

from datetime import date
from decimal import Decimal

import pytest

from partnerships.models import Project
from reports.models import AnnualReportJob, ReportDraft
from reports.services import annual_report_run
from tests.factories import MemberFactory

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db
S = AnnualReportJob.Status
PAGE = "/staff/reports/"


@pytest.fixture
def done_job(staff):
    job = AnnualReportJob.objects.create(year=2021, created_by=staff)
    annual_report_run(job_id=job.pk)
    return job


def test_staff_sees_the_years_figures_and_texts(client_for, staff):
    MemberFactory(joined_on=date(2019, 1, 1))
    ProjectFactory(
        kind=Project.Kind.TRAINING_CENTRE,
        signed_on=date(2021, 3, 10),
        investment_cny=Decimal("30000000"),
    )
    ReportDraft.objects.create(year=2021, problems="经费问题。")
    page = client_for(staff).get(PAGE, {"year": 2021}).content.decode()
    assert "members_total" in page
    assert "30000000" in page
    assert "经费问题。" in page
    assert 'id="report-figures"' in page


def test_the_default_year_is_last_year_and_bad_years_are_clamped(client_for, staff):
    client = client_for(staff)
    assert client.get(PAGE).context["year"] == date.today().year - 1
    assert client.get(PAGE, {"year": "abc"}).context["year"] == date.today().year - 1
    assert client.get(PAGE, {"year": "1066"}).context["year"] == 2000


def test_staff_saves_the_texts(client_for, staff):
    response = client_for(staff).post(
        "/staff/reports/2021/draft/",
        {
            "introduction": "",
            "main_work": "校企合作。",
            "problems": "松散组织。",
            "next_year_plan": "继续。",
        },
    )
    assert response.status_code == 302
    draft = ReportDraft.objects.get(year=2021)
    assert (draft.main_work, draft.problems) == ("校企合作。", "松散组织。")
    assert draft.updated_by == staff


def test_texts_for_a_year_out_of_range_are_refused_and_shown_again(client_for, staff):
    response = client_for(staff).post(
        "/staff/reports/1999/draft/", {"problems": "写了很久的文字"}, follow=True
    )
    assert response.status_code == 400
    assert "写了很久的文字" in response.content.decode()  # nothing entered is lost
    assert not ReportDraft.objects.exists()


def test_generate_starts_one_job_and_shows_progress(client_for, staff):
    client = client_for(staff)
    response = client.post("/staff/reports/2021/generate/", follow=True)
    assert response.status_code == 200
    client.post("/staff/reports/2021/generate/")
    assert AnnualReportJob.objects.filter(year=2021).count() == 1
    page = client.get(PAGE, {"year": 2021}).content.decode()
    assert 'data-testid="job-progress"' in page
    assert 'data-testid="generate"' not in page


def test_generate_runs_the_job_after_the_request(
    client_for, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post("/staff/reports/2021/generate/")
    assert AnnualReportJob.objects.get().status == S.DONE


def test_versions_list_downloads_and_failures(client_for, staff, done_job):
    AnnualReportJob.objects.create(year=2021, status=S.FAILED, error="磁盘已满", created_by=staff)
    client = client_for(staff)
    page = client.get(PAGE, {"year": 2021}).content.decode()
    assert f"/staff/reports/jobs/{done_job.pk}/pdf/" in page
    assert "磁盘已满" in page
    response = client.get(f"/staff/reports/jobs/{done_job.pk}/docx/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    assert client.get(f"/staff/reports/jobs/{done_job.pk}/exe/").status_code == 404


def test_staff_reruns_a_failed_job(client_for, staff):
    job = AnnualReportJob.objects.create(year=2021, status=S.FAILED, error="x")
    assert client_for(staff).post(f"/staff/reports/jobs/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert job.status == S.QUEUED


def test_report_page_query_count_is_fixed(client_for, staff, django_assert_max_num_queries):
    client = client_for(staff)
    for _ in range(5):
        AnnualReportJob.objects.create(year=2021, status=S.DONE, created_by=staff)
    # 12, one for the people indicators (all years in one), one for the user's roles, and one
    # more when the year has no data yet: the latest year that has.
    # +2: the site's texts (the group's name, the footer), read once per cache period; +1 for
    # the events' indicators
    with django_assert_max_num_queries(18):
        client.get(PAGE, {"year": 2021})


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_use_the_report_pages(client_for, request, user_fixture, done_job):
    client = client_for(request.getfixturevalue(user_fixture))
    assert client.get(PAGE).status_code == 403
    assert client.post("/staff/reports/2021/draft/", {"problems": "x"}).status_code == 403
    assert client.post("/staff/reports/2021/generate/").status_code == 403
    assert client.get(f"/staff/reports/jobs/{done_job.pk}/pdf/").status_code == 403
    assert not ReportDraft.objects.exists()
    assert AnnualReportJob.objects.count() == 1


def test_anonymous_is_sent_to_login(client, done_job):
    for response in (
        client.get(PAGE),
        client.get(f"/staff/reports/jobs/{done_job.pk}/pdf/"),
        client.post("/staff/reports/2021/generate/"),
    ):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_a_save_over_someone_elses_newer_save_is_refused_and_the_text_kept(client_for, staff):
    client = client_for(staff)
    form = client.get(PAGE, {"year": 2021}).context["form"]
    assert form.initial.get("version") is None  # nothing saved yet
    ReportDraft.objects.create(year=2021, problems="同事先保存的文字")  # a colleague saves
    response = client.post(
        "/staff/reports/2021/draft/", {"problems": "我写的文字", "version": ""}, follow=True
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "我写的文字" in page
    assert ReportDraft.objects.get(year=2021).problems == "同事先保存的文字"


def test_saving_again_from_the_latest_version_works(client_for, staff):
    client = client_for(staff)
    ReportDraft.objects.create(year=2021, problems="第一版")
    version = client.get(PAGE, {"year": 2021}).context["form"].initial["version"]
    data = {"problems": "第二版", "version": version}
    assert client.post("/staff/reports/2021/draft/", data).status_code == 302
    version = client.get(PAGE, {"year": 2021}).context["form"].initial["version"]
    data = {"problems": "第三版", "version": version}
    assert client.post("/staff/reports/2021/draft/", data).status_code == 302
    assert ReportDraft.objects.get(year=2021).problems == "第三版"


def test_pages_speak_english_on_request(client_for, staff, settings):
    client = client_for(staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    report = client.get(PAGE, {"year": 2021}).content.decode()
    assert "2021 annual work summary" in report
    assert "Generate the 2021 report" in report
    dashboard = client.get("/staff/").content.decode()
    assert "Members joined per year" in dashboard
