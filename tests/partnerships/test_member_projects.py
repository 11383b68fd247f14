import pytest

from .factories import ParticipantFactory, ProjectFactory


@pytest.fixture
def own(member):
    project = ProjectFactory(title="我们的订单班")
    ParticipantFactory(project=project, member=member, role="school")
    ParticipantFactory(project=project, role="enterprise")
    return project


@pytest.fixture
def foreign(db):
    project = ProjectFactory(title="别人的项目")
    ParticipantFactory(project=project)
    return project


def test_representative_sees_its_members_projects(client_for, representative, own, foreign):
    body = client_for(representative).get("/member/projects/").content.decode()
    assert "我们的订单班" in body
    assert "别人的项目" not in body


def test_representative_opens_its_project_read_only(client_for, representative, own):
    response = client_for(representative).get(f"/member/projects/{own.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "我们的订单班" in body
    assert "/move/" not in body and "/edit/" not in body


def test_representative_gets_404_for_another_members_project(client_for, representative, foreign):
    assert client_for(representative).get(f"/member/projects/{foreign.pk}/").status_code == 404


def test_outsider_gets_404(client_for, outsider, own):
    client = client_for(outsider)
    assert client.get("/member/projects/").status_code == 404
    assert client.get(f"/member/projects/{own.pk}/").status_code == 404


def test_anonymous_is_sent_to_log_in(client, own):
    response = client.get("/member/projects/")
    assert response.status_code == 302


def test_member_project_list_query_count(
    client_for, representative, member, django_assert_max_num_queries
):
    for project in ProjectFactory.create_batch(30):
        ParticipantFactory(project=project, member=member)
        ParticipantFactory(project=project)
    client = client_for(representative)
    with django_assert_max_num_queries(12):
        response = client.get("/member/projects/")
    assert response.content.decode().count("/member/projects/") >= 30


def test_representative_downloads_its_projects_agreement(
    client_for, representative, own, foreign, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    for project in (own, foreign):
        project.agreement_document = SimpleUploadedFile("协议.pdf", b"%PDF-1.4 test")
        project.save()
    client = client_for(representative)
    response = client.get(f"/projects/{own.pk}/agreement.file")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(f"/projects/{foreign.pk}/agreement.file").status_code == 404
