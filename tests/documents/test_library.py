import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from documents import services
from documents.models import Access, Document, Version
from tests.documents.factories import make_document, pdf
from tests.factories import RepresentativeFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

# Who reads which level, written from the issue: public for all, members for representatives,
# staff for the governance readers (secretary-general, auditor). Other staff roles: public only.
READS = {
    "anonymous": {"public"},
    "applicant": {"public"},
    "representative": {"public", "members"},
    "projects_staff": {"public"},
    "auditor": {"public", "members", "staff"},
    "secretary_general": {"public", "members", "staff"},
}


def _user(name):
    return {
        "anonymous": lambda: None,
        "applicant": UserFactory,
        "representative": lambda: RepresentativeFactory().user,
        "projects_staff": lambda: StaffFactory(roles=["projects"]),
        "auditor": lambda: StaffFactory(roles=["auditor"]),
        "secretary_general": StaffFactory,
    }[name]()


@pytest.fixture
def levels():
    return {
        level: make_document(title=f"文档-{level}", access=level, content=level)
        for level in Access.values
    }


@pytest.mark.parametrize("who", sorted(READS))
def test_each_reader_reaches_the_levels_it_may_and_404_for_the_others(who, levels, client):
    user = _user(who)
    if user is not None:
        client.force_login(user)
    listed = client.get("/library/").content.decode()
    api = {row["access"] for row in client.get("/api/v1/documents/").json()["results"]}
    assert api == READS[who]
    for level, document in levels.items():
        may = level in READS[who]
        assert (document.title in listed) is may
        assert client.get(f"/library/{document.pk}/").status_code == (200 if may else 404)
        file = client.get(f"/library/{document.pk}/v1/file")
        assert file.status_code == (200 if may else 404)
        if may:
            assert b"".join(file.streaming_content) == b"%PDF-1.4 " + level.encode()
        assert client.get(f"/api/v1/documents/{document.pk}/").status_code == (200 if may else 404)


def test_a_new_version_keeps_the_old_one(client):
    staff = StaffFactory()
    document = make_document(content="first", by=staff)
    services.version_add(document=document, file=pdf("second"), by=staff, note="修订第五条")
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    client.force_login(staff)
    assert b"".join(client.get(f"/library/{document.pk}/v1/file").streaming_content).endswith(
        b"first"
    )
    assert b"".join(client.get(f"/library/{document.pk}/v2/file").streaming_content).endswith(
        b"second"
    )
    page = client.get(f"/library/{document.pk}/").content.decode()
    assert "修订第五条" in page and staff.username in page
    assert document.latest.number == 2


def test_the_upload_page_adds_a_version_by_its_uploader(client, tmp_path):
    staff = StaffFactory()
    document = make_document()
    client.force_login(staff)
    response = client.post(
        f"/staff/library/{document.pk}/upload/",
        {"file": pdf("revised"), "note": "2021 年修订"},
    )
    assert response.status_code == 302
    version = document.versions.get(number=2)
    assert version.uploaded_by == staff and version.note == "2021 年修订"


def test_a_page_named_pdf_is_refused_whole():
    document = make_document()
    fake = ContentFile(b"<html><script>alert(1)</script></html>", name="章程.pdf")
    with pytest.raises(ValidationError):
        services.version_add(document=document, file=fake, by=None)
    assert Version.objects.count() == 1


def test_a_refused_file_on_the_new_document_page_saves_nothing_and_keeps_the_title(client):
    client.force_login(StaffFactory())
    from documents.models import Folder

    folder = Folder.objects.create(name="会议纪要")
    response = client.post(
        "/staff/library/new/",
        {
            "folder": folder.pk,
            "title": "理事会纪要",
            "kind": "minutes",
            "access": "members",
            "file": ContentFile(b"MZ not a pdf", name="纪要.exe"),
        },
    )
    assert response.status_code == 200
    assert "理事会纪要" in response.content.decode()
    assert not Document.objects.exists()


def test_search_by_part_of_the_title(client):
    make_document(title="东莞市模具（国际）职业教育集团章程")
    make_document(title="2021 年度工作总结")
    rows = client.get("/api/v1/documents/?search=章程").json()["results"]
    assert [row["title"] for row in rows] == ["东莞市模具（国际）职业教育集团章程"]
    page = client.get("/library/?q=工作总结").content.decode()
    assert "2021 年度工作总结" in page and "集团章程" not in page


def test_the_council_page_links_the_charters_latest_version(client):
    document = make_document(title="集团章程", kind=Document.Kind.CHARTER)
    services.version_add(document=document, file=pdf("v2"), by=None)
    page = client.get("/council/").content.decode()
    assert f"/library/{document.pk}/v2/file" in page


def test_a_members_only_charter_is_not_linked_for_visitors(client):
    make_document(title="内部章程草案", kind=Document.Kind.CHARTER, access=Access.STAFF)
    page = client.get("/council/").content.decode()
    assert "内部章程草案" not in page


def test_the_api_names_the_uploader_to_the_secretariat_only(client):
    staff = StaffFactory()
    make_document(title="集团章程", by=staff)
    client.force_login(staff)
    row = client.get("/api/v1/documents/").json()["results"][0]
    assert row["versions"][0]["uploaded_by"] == staff.username
    client.force_login(RepresentativeFactory().user)
    row = client.get("/api/v1/documents/").json()["results"][0]
    assert row["versions"][0]["uploaded_by"] is None


def test_the_accreditation_page_links_the_accreditation_materials(client):
    make_document(title="广东省示范职教集团认定文件", kind=Document.Kind.ACCREDITATION)
    make_document(title="集团章程", kind=Document.Kind.CHARTER)
    client.force_login(StaffFactory())
    page = client.get("/staff/accreditation/").content.decode()
    assert "/library/?kind=accreditation" in page
    listed = client.get("/library/?kind=accreditation").content.decode()
    assert "广东省示范职教集团认定文件" in listed and "集团章程" not in listed
