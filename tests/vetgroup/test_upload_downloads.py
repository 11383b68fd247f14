"""Every uploaded file goes back as a download (attachment, nosniff, RFC 5987 name), only to
those allowed to see it, and every upload field has a size (and count) limit with a message."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from enrollment import services as enrollment_services
from enrollment.models import Document
from members.models import validate_logo_size
from notices import services as notice_services
from notices.forms import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NoticeForm
from partnerships.validators import MAX_DOCUMENT_BYTES, validate_agreement_document
from tests.enrollment.factories import ApplicationFactory
from tests.factories import MemberFactory, UserFactory
from tests.notices.factories import NoticeFactory
from tests.partnerships.factories import ProjectFactory
from tests.website.factories import ArticleFactory
from website.forms import MAX_COVER_BYTES, _check_cover

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 test"


@pytest.fixture(autouse=True)
def _files_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return buffer.getvalue()


def assert_download(response, name_fragment: str) -> None:
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert name_fragment in disposition
    assert response["X-Content-Type-Options"] == "nosniff"
    b"".join(response.streaming_content)


def test_enrollment_document_is_a_download_for_its_owner_and_staff_only(client_for, staff):
    application = ApplicationFactory()
    document = enrollment_services.document_upload(
        application=application,
        actor=application.applicant,
        kind="diploma",
        upload=SimpleUploadedFile("毕业证.pdf", PDF),
    )
    url = reverse("enrollment_document", args=[document.pk])
    # RFC 5987: the Chinese name percent-encoded in filename*.
    assert_download(client_for(application.applicant).get(url), "filename*=utf-8''%E6%AF%95")
    assert_download(client_for(staff).get(url), "filename*=utf-8''")
    assert client_for(UserFactory()).get(url).status_code == 404


def test_agreement_is_a_download_and_not_for_outsiders(client_for, staff, outsider):
    project = ProjectFactory()
    project.agreement_document.save("合作协议.pdf", ContentFile(PDF))
    url = reverse("project_document", args=[project.pk])
    assert_download(client_for(staff).get(url), "filename*=utf-8''")
    assert client_for(outsider).get(url).status_code in (403, 404)


def test_member_logo_and_news_cover_are_downloads_with_nosniff(client):
    member = MemberFactory(show_in_showcase=True)
    member.logo.save("logo.png", ContentFile(png_bytes()))
    assert_download(client.get(reverse("member_logo", args=[member.pk])), "logo")
    article = ArticleFactory()
    article.cover.save("cover.png", ContentFile(png_bytes()))
    assert_download(client.get(reverse("news_cover", args=[article.pk])), "cover")


def test_notice_attachment_is_a_download_for_staff(client_for, staff):
    notice = NoticeFactory()
    notice_services.notice_attach(notice=notice, files=[SimpleUploadedFile("议程.pdf", PDF)])
    attachment = notice.attachments.get()
    url = reverse("staff_notice_attachment", args=[notice.pk, attachment.pk])
    assert_download(client_for(staff).get(url), "filename*=utf-8''%E8%AE%AE")


def big(name: str, size: int, head: bytes = b"%PDF-") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, head + b"\0" * size)


def test_every_upload_field_refuses_a_file_over_its_limit():
    application = ApplicationFactory()
    with pytest.raises(enrollment_services.EnrollmentError, match="5 MB"):
        enrollment_services.document_upload(
            application=application,
            actor=application.applicant,
            kind="diploma",
            upload=big("d.pdf", enrollment_services.MAX_UPLOAD_BYTES),
        )
    assert not Document.objects.exists()
    with pytest.raises(ValidationError):
        validate_agreement_document(big("a.pdf", MAX_DOCUMENT_BYTES))
    with pytest.raises(ValidationError):
        validate_logo_size(big("logo.png", 1024 * 1024, png_bytes()))
    with pytest.raises(ValidationError):
        _check_cover(big("cover.png", MAX_COVER_BYTES, png_bytes()))


def test_notice_attachments_are_limited_in_number_and_total_size():
    form = NoticeForm()
    form.cleaned_data = {"attachments": [big(f"{n}.pdf", 1) for n in range(MAX_ATTACHMENTS + 1)]}
    with pytest.raises(ValidationError, match=str(MAX_ATTACHMENTS)):
        form.clean_attachments()
    form.cleaned_data = {"attachments": [big("a.pdf", MAX_ATTACHMENT_BYTES)]}
    with pytest.raises(ValidationError):
        form.clean_attachments()


def test_editing_a_notice_cannot_add_attachments_beyond_the_limit(client_for, staff):
    notice = NoticeFactory()
    notice_services.notice_attach(
        notice=notice, files=[big(f"{n}.pdf", 1) for n in range(MAX_ATTACHMENTS)]
    )
    form = NoticeForm(kept=notice_services.notice_attachments_kept(notice=notice, removed_ids=[]))
    form.cleaned_data = {"attachments": [big("one-more.pdf", 1)]}
    with pytest.raises(ValidationError):
        form.clean_attachments()
    first = str(notice.attachments.first().pk)
    kept = notice_services.notice_attachments_kept(notice=notice, removed_ids=[first])
    form = NoticeForm(kept=kept)
    form.cleaned_data = {"attachments": [big("one-more.pdf", 1)]}
    assert len(form.clean_attachments()) == 1


# --- Nothing under /media/ is served by a URL of its own ------------------------------------


@pytest.fixture
def debug_urls(settings):
    """The URLs as `dev.py start` builds them (DEBUG on), rebuilt again afterwards."""
    import importlib

    from django.urls import clear_url_caches

    import vetgroup.urls

    settings.DEBUG = True
    importlib.reload(vetgroup.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(vetgroup.urls)
    clear_url_caches()


def test_report_files_are_not_served_under_media_even_in_debug(client, client_for, debug_urls):
    from reports.models import AnnualReportJob

    job = AnnualReportJob.objects.create(year=2021, status=AnnualReportJob.Status.DONE)
    job.xlsx.save("report.xlsx", ContentFile(b"PK\x03\x04 figures"))
    media_url = "/media/" + job.xlsx.name
    assert client.get(media_url).status_code == 404
    assert client_for(UserFactory()).get(media_url).status_code == 404
    api_url = f"/api/v1/reports/annual/{job.pk}/files/xlsx/"
    assert client.get(api_url).status_code in (401, 403, 404)


def test_an_html_notice_attachment_is_refused_and_nothing_is_saved(client_for, staff):
    from notices.models import Notice

    form = {
        "title": "关于召开理事会的通知",
        "body": "<p>请准时参加。</p>",
        "kind": "announcement",
        "response": "receipt",
        "scope": "members",
    }
    for name, content in [
        ("agenda.html", b"<script>alert(document.cookie)</script>"),
        ("agenda.svg", b"<svg onload=alert(1)>"),
        ("agenda.pdf", b"<html><script>alert(1)</script>"),  # a PDF by name only
        ("议程.docx", b"<html>not a document</html>"),
    ]:
        upload = SimpleUploadedFile(name, content, content_type="text/html")
        response = client_for(staff).post(
            reverse("staff_notice_create"), {**form, "attachments": [upload]}
        )
        assert response.status_code == 200, name
        assert name in str(response.context["form"].errors["attachments"]), name
        assert not Notice.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("议程.pdf", PDF),
        ("报名表.docx", b"PK\x03\x04 word"),
        ("数据表.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 excel 97"),
        ("会场.png", png_bytes()),
    ],
)
def test_notice_attachments_of_the_usual_kinds_are_accepted(name, content):
    form = NoticeForm()
    form.cleaned_data = {"attachments": [SimpleUploadedFile(name, content)]}
    assert len(form.clean_attachments()) == 1


def test_the_admin_links_no_file_to_media(client_for):
    from reports.models import AnnualReportJob

    job = AnnualReportJob.objects.create(year=2021, status=AnnualReportJob.Status.DONE)
    job.xlsx.save("report.xlsx", ContentFile(b"PK\x03\x04 figures"))
    article = ArticleFactory(cover=SimpleUploadedFile("cover.png", png_bytes()))
    project = ProjectFactory(agreement_document=SimpleUploadedFile("协议.pdf", PDF))
    admin = UserFactory(is_staff=True, is_superuser=True)
    for url in [
        f"/admin/reports/annualreportjob/{job.pk}/change/",
        f"/admin/website/article/{article.pk}/change/",
        f"/admin/partnerships/project/{project.pk}/change/",
    ]:
        page = client_for(admin).get(url).content.decode()
        assert "/media/" not in page, url
        assert "report.xlsx" in page or "cover" in page or "agreements/" in page, url
