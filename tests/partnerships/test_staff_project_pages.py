import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerships.models import Participant, Project, ProjectEvent
from tests.factories import MemberFactory

from .factories import ParticipantFactory, ProjectFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32

STAFF_PAGES = [
    "/staff/projects/",
    "/staff/projects/board/",
    "/staff/projects/new/",
    "/staff/projects/{pk}/",
    "/staff/projects/{pk}/edit/",
    "/staff/projects/{pk}/classes/new/",
    "/staff/plans/",
]


@pytest.fixture
def project(db):
    project = ProjectFactory(title="端品模具研发及工程中心", status="negotiating", signed_on=None)
    ParticipantFactory(project=project, role="enterprise")
    return project


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_opens_every_project_page(client_for, staff, project, url):
    response = client_for(staff).get(url.format(pk=project.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("url", STAFF_PAGES)
@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_are_refused_project_back_office(client_for, request, project, url, user_fixture):
    user = request.getfixturevalue(user_fixture)
    response = client_for(user).get(url.format(pk=project.pk))
    assert response.status_code == 403


def test_anonymous_is_sent_to_log_in(client, project):
    response = client.get("/staff/projects/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_list_filters_and_searches(client_for, staff, db):
    member = MemberFactory(name="东莞市艾尔玛科技有限公司")
    aierma = ProjectFactory(title="艾尔玛模具制造191班", kind="order_class")
    ParticipantFactory(project=aierma, member=member)
    ProjectFactory(title="创世纪顶岗实习", kind="internship")
    client = client_for(staff)
    body = client.get("/staff/projects/?search=艾尔玛").content.decode()
    assert "艾尔玛模具制造191班" in body and "创世纪顶岗实习" not in body
    body = client.get("/staff/projects/?kind=internship").content.decode()
    assert "创世纪顶岗实习" in body and "艾尔玛模具制造191班" not in body
    body = client.get(f"/staff/projects/?member={member.pk}&year=2021").content.decode()
    assert "艾尔玛模具制造191班" in body and "创世纪顶岗实习" not in body


def test_staff_project_pages_show_the_project_and_its_participants(client_for, staff, project):
    other = ProjectFactory(title="捷荣产业学院", status="running")
    member = project.participants.get().member
    client = client_for(staff)

    listing = client.get("/staff/projects/").content.decode()
    assert project.title in listing and other.title in listing
    assert member.name in listing
    running = client.get("/staff/projects/", {"status": "running"}).content.decode()
    assert other.title in running and project.title not in running

    board = client.get("/staff/projects/board/")
    assert project.title in board.content.decode() and other.title in board.content.decode()

    detail = client.get(f"/staff/projects/{project.pk}/").content.decode()
    assert project.title in detail and member.name in detail
    assert other.title not in detail

    edit = client.get(f"/staff/projects/{project.pk}/edit/").content.decode()
    assert f'value="{project.title}"' in edit
    new_class = client.get(f"/staff/projects/{project.pk}/classes/new/").content.decode()
    assert project.title in new_class
    blank = client.get("/staff/projects/new/").content.decode()
    assert 'name="title"' in blank and project.title not in blank


def test_list_query_count_is_fixed(client_for, staff, db, django_assert_max_num_queries):
    for project in ProjectFactory.create_batch(60):
        ParticipantFactory.create_batch(2, project=project)
    client = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(14):
        response = client.get("/staff/projects/")
    assert response.status_code == 200
    assert response.content.decode().count('href="/staff/projects/') >= 50


def test_board_query_count_is_fixed(client_for, staff, db, django_assert_max_num_queries):
    for status in Project.Status.values:
        for project in ProjectFactory.create_batch(5, status=status):
            ParticipantFactory(project=project)
    client = client_for(staff)
    with django_assert_max_num_queries(30):
        response = client.get("/staff/projects/board/")
    assert response.status_code == 200


def test_staff_enters_an_industry_college_with_three_participants(client_for, staff, db):
    enterprise, site, office = MemberFactory.create_batch(3)
    data = {
        "title": "捷荣产业学院",
        "kind": "industry_college",
        "status": "proposed",
        "students": "0",
        "investment_cny": "0",
        "participants-TOTAL_FORMS": "3",
        "participants-INITIAL_FORMS": "0",
        "participants-0-member": enterprise.pk,
        "participants-0-role": "enterprise",
        "participants-1-member": site.pk,
        "participants-1-role": "site_provider",
        "participants-2-member": office.pk,
        "participants-2-role": "coordinator",
    }
    response = client_for(staff).post("/staff/projects/new/", data)
    project = Project.objects.get(title="捷荣产业学院")
    assert response.status_code == 302
    assert response.url == f"/staff/projects/{project.pk}/"
    assert set(project.participants.values_list("role", flat=True)) == {
        "enterprise",
        "site_provider",
        "coordinator",
    }


def test_bad_project_form_keeps_what_was_entered(client_for, staff, db):
    member = MemberFactory()
    data = {
        "title": "半成品项目",
        "kind": "order_class",
        "status": "proposed",
        "students": "-3",
        "investment_cny": "0",
        "starts_on": "2022-09-01",
        "ends_on": "2022-01-01",
        "participants-TOTAL_FORMS": "3",
        "participants-INITIAL_FORMS": "0",
        "participants-0-member": member.pk,
        "participants-0-role": "school",
    }
    response = client_for(staff).post("/staff/projects/new/", data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "半成品项目" in body
    assert "invalid-feedback" in body
    assert not Project.objects.exists()
    assert not Participant.objects.exists()


def test_duplicate_participants_are_refused_in_the_form(client_for, staff, db):
    member = MemberFactory()
    data = {
        "title": "重复",
        "kind": "order_class",
        "status": "proposed",
        "students": "0",
        "investment_cny": "0",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "0",
        "participants-0-member": member.pk,
        "participants-0-role": "school",
        "participants-1-member": member.pk,
        "participants-1-role": "school",
    }
    response = client_for(staff).post("/staff/projects/new/", data)
    assert response.status_code == 200
    assert not Project.objects.exists()


def test_edit_removes_a_participant(client_for, staff, project):
    participant = project.participants.get()
    other = MemberFactory()
    data = {
        "title": project.title,
        "kind": project.kind,
        "students": "5",
        "investment_cny": "100",
        "participants-TOTAL_FORMS": "2",
        "participants-INITIAL_FORMS": "1",
        "participants-0-id": participant.pk,
        "participants-0-project": project.pk,
        "participants-0-member": participant.member_id,
        "participants-0-role": "enterprise",
        "participants-0-DELETE": "on",
        "participants-1-member": other.pk,
        "participants-1-role": "school",
    }
    response = client_for(staff).post(f"/staff/projects/{project.pk}/edit/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.students == 5
    assert list(project.participants.values_list("member_id", "role")) == [(other.pk, "school")]


def test_staff_moves_a_project_along_the_pipeline(client_for, staff, project):
    client = client_for(staff)
    response = client.post(f"/staff/projects/{project.pk}/move/", {"status": "signed"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "signed"
    assert project.signed_on is not None
    assert project.events.filter(kind=ProjectEvent.Kind.STATUS).count() == 1


def test_a_move_the_pipeline_forbids_is_refused_with_a_message(client_for, staff, project):
    client = client_for(staff)
    response = client.post(
        f"/staff/projects/{project.pk}/move/", {"status": "finished"}, follow=True
    )
    project.refresh_from_db()
    assert project.status == "negotiating"
    assert "alert-danger" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_move_projects(client_for, request, project, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    response = client.post(f"/staff/projects/{project.pk}/move/", {"status": "signed"})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == "negotiating"


def test_staff_uploads_an_agreement_pdf(client_for, staff, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = SimpleUploadedFile("协议.pdf", PDF, content_type="application/pdf")
    response = client_for(staff).post(
        f"/staff/projects/{project.pk}/agreement/",
        {"signed_on": "2021-03-10", "expires_on": "2026-03-09", "document": document},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.signed_on == datetime.date(2021, 3, 10)
    assert project.agreement_document.name.endswith(".pdf")
    download = client_for(staff).get(f"/projects/{project.pk}/agreement.file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    "name, content",
    [
        ("协议.exe", PDF),  # wrong type
        ("协议.pdf", PNG),  # content is not what the name says
        ("协议.png", b"GIF89a" + b"\0" * 20),
        ("协议.pdf", b"%PDF-" + b"\0" * (10 * 1024 * 1024)),  # too large
    ],
)
def test_bad_agreement_documents_are_refused(
    client_for, staff, project, settings, tmp_path, name, content
):
    settings.MEDIA_ROOT = tmp_path
    document = SimpleUploadedFile(name, content)
    response = client_for(staff).post(
        f"/staff/projects/{project.pk}/agreement/",
        {"signed_on": "2021-03-10", "document": document},
    )
    assert response.status_code == 400
    project.refresh_from_db()
    assert not project.agreement_document
    assert project.signed_on is None
    assert list(tmp_path.rglob("*.*")) == []


def test_agreement_expiring_before_signing_is_refused(client_for, staff, project):
    response = client_for(staff).post(
        f"/staff/projects/{project.pk}/agreement/",
        {"signed_on": "2021-03-10", "expires_on": "2020-03-10"},
    )
    assert response.status_code == 400
    assert response.context["agreement_form"].errors["expires_on"]  # Project.clean()'s rule
    project.refresh_from_db()
    assert project.signed_on is None


def test_outsiders_cannot_download_the_agreement(client_for, outsider, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project.agreement_document = SimpleUploadedFile("a.pdf", PDF)
    project.save()
    assert client_for(outsider).get(f"/projects/{project.pk}/agreement.file").status_code == 404


def test_staff_adds_the_signing_ceremony(client_for, staff, project):
    response = client_for(staff).post(
        f"/staff/projects/{project.pk}/events/",
        {"kind": "milestone", "happened_on": "2021-03-10", "title": "项目合作协议签约仪式"},
    )
    assert response.status_code == 302
    event = project.events.get()
    assert (event.kind, event.happened_on) == ("milestone", datetime.date(2021, 3, 10))
    page = client_for(staff).get(f"/staff/projects/{project.pk}/").content.decode()
    assert "项目合作协议签约仪式" in page


def test_staff_records_a_class_with_outcomes(client_for, staff, project):
    data = {
        "name": "艾尔玛模具制造191班",
        "intake_year": "2019",
        "selected": "35",
        "enrolled": "31",
        "graduated": "0",
        "origin_region": "云南巧家",
        "from_origin_region": "25",
        "employed_at_partner": "0",
        "employed_elsewhere": "0",
        "further_study": "0",
        "salary_band": "",
    }
    response = client_for(staff).post(f"/staff/projects/{project.pk}/classes/new/", data)
    assert response.status_code == 302
    page = client_for(staff).get(f"/staff/projects/{project.pk}/").content.decode()
    assert "25 名来自云南巧家" in page or "25 of 31 from 云南巧家" in page


def test_class_outcomes_cannot_exceed_graduates(client_for, staff, project):
    data = {
        "name": "班",
        "selected": "30",
        "enrolled": "30",
        "graduated": "10",
        "from_origin_region": "0",
        "employed_at_partner": "8",
        "employed_elsewhere": "5",
        "further_study": "0",
    }
    response = client_for(staff).post(f"/staff/projects/{project.pk}/classes/new/", data)
    assert response.status_code == 200
    assert not project.classes.exists()


def test_list_shows_agreements_expiring_soon(client_for, staff, db):
    from django.utils import timezone

    today = timezone.localdate()
    ProjectFactory(title="快到期的协议", expires_on=today + datetime.timedelta(days=30))
    ProjectFactory(title="远期协议", expires_on=today + datetime.timedelta(days=300))
    body = client_for(staff).get("/staff/projects/").content.decode()
    box = body[body.index('data-testid="expiring-agreements"') :]
    box = box[: box.index("</div>")]
    assert "快到期的协议" in box and "远期协议" not in box
    assert "60 天内到期的合作协议" in box


@pytest.mark.parametrize(
    "url, chinese, english",
    [
        ("/staff/projects/board/", "状态看板", "Status board"),
        ("/staff/projects/{pk}/", "合作协议", "Agreement"),
        ("/staff/plans/", "已逾期的任务", "Tasks past their deadline"),
    ],
)
def test_pages_speak_chinese_and_english_on_request(
    client_for, staff, project, settings, url, chinese, english
):
    client = client_for(staff)
    assert chinese in client.get(url.format(pk=project.pk)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(url.format(pk=project.pk)).content.decode()
    assert english in body and chinese not in body


@pytest.mark.parametrize(
    "url, data",
    [
        ("/staff/projects/{pk}/agreement/", {"signed_on": "2021-03-10"}),
        (
            "/staff/projects/{pk}/events/",
            {"kind": "event", "happened_on": "2021-03-10", "title": "x"},
        ),
        ("/staff/projects/{pk}/edit/", {"title": "改名", "kind": "other"}),
    ],
)
@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_change_projects(client_for, request, project, url, data, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    assert client.post(url.format(pk=project.pk), data).status_code == 403
    project.refresh_from_db()
    assert project.signed_on is None and project.title != "改名"
    assert not project.events.exists()


def test_member_filter_offers_members_of_running_projects_and_still_filters_by_any(
    client_for, staff, db
):
    busy = MemberFactory(name="运行项目企业")
    ParticipantFactory(project=ProjectFactory(title="运行中的项目", status="running"), member=busy)
    idle = MemberFactory(name="已结束项目企业")
    ended = ProjectFactory(title="已结束的项目", status="finished")
    ParticipantFactory(project=ended, member=idle)
    MemberFactory(name="无项目企业")
    client = client_for(staff)
    select = client.get("/staff/projects/").content.decode().split('name="member"')[1]
    select = select.split("</select>")[0]
    assert "运行项目企业" in select
    assert "已结束项目企业" not in select and "无项目企业" not in select
    body = client.get(f"/staff/projects/?member={idle.pk}").content.decode()
    assert "已结束的项目" in body and "运行中的项目" not in body
    chosen = body.split('name="member"')[1].split("</select>")[0]
    assert "已结束项目企业" in chosen
