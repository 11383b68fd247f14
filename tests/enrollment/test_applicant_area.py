import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enrollment.models import Application, DocumentKind, Notification
from enrollment.services import application_return, document_upload

from .conftest import PNG
from .factories import ApplicationFactory, IntakeFactory, submitted
from .test_api_applications import VALID_ID

pytestmark = pytest.mark.django_db
S = Application.Status


def form_data(**overrides):
    return {
        "full_name": "李明",
        "id_number": VALID_ID.lower(),
        "phone": "13800138000",
        "education": "高中",
        "ethnicity": "01",
        "political_status": "13",
        "household_region": "广东省东莞市长安镇",
        "previous_school": "东莞市长安中学",
        "employer": "",
        "address": "",
        **overrides,
    }


def test_public_intake_list_shows_open_intakes_to_anyone(client):
    intake = IntakeFactory(programme="电子商务")
    response = client.get(reverse("intake_list"))
    assert response.status_code == 200 and "电子商务" in response.content.decode()
    assert client.get(reverse("intake_detail", args=[intake.pk])).status_code == 200


def test_anonymous_is_sent_to_log_in_before_applying(client):
    intake = IntakeFactory()
    response = client.get(reverse("applicant_apply", args=[intake.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_applicant_saves_a_draft_and_sees_birth_date_and_sex(client_for, outsider):
    intake = IntakeFactory()
    client = client_for(outsider)
    response = client.post(reverse("applicant_apply", args=[intake.pk]), form_data())
    application = Application.objects.get(applicant=outsider)
    assert response.status_code == 302
    assert application.status == S.DRAFT and application.id_number == VALID_ID
    page = client.get(reverse("applicant_application", args=[application.pk])).content.decode()
    assert "1988-05-17" in page and VALID_ID not in page  # shown masked


def test_invalid_form_keeps_what_was_typed(client_for, outsider):
    intake = IntakeFactory()
    response = client_for(outsider).post(
        reverse("applicant_apply", args=[intake.pk]), form_data(phone="123")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "李明" in page and "invalid-feedback" in page
    assert not Application.objects.exists()


def test_duplicate_id_number_in_the_form_is_refused_with_a_message(client_for, outsider):
    intake = IntakeFactory()
    ApplicationFactory(intake=intake, id_number=VALID_ID)
    response = client_for(outsider).post(reverse("applicant_apply", args=[intake.pk]), form_data())
    assert response.status_code == 200 and "invalid-feedback" in response.content.decode()
    assert Application.objects.count() == 1


def test_upload_submit_return_fix_and_submit_again(client_for, outsider, staff):
    intake = IntakeFactory(document_kinds=[DocumentKind.PHOTO])
    application = ApplicationFactory(intake=intake, applicant=outsider)
    client = client_for(outsider)
    submit_url = reverse("applicant_application_action", args=[application.pk, "submit"])
    client.post(submit_url)
    application.refresh_from_db()
    assert application.status == S.DRAFT  # the photo is missing
    upload_url = reverse("applicant_document_upload", args=[application.pk])
    bad = client.post(upload_url, {"kind": "photo", "file": SimpleUploadedFile("a.png", b"GIF8")})
    assert bad.status_code == 400
    client.post(upload_url, {"kind": "photo", "file": SimpleUploadedFile("a.png", PNG)})
    client.post(submit_url)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    application_return(application=application, actor=staff, reason="请上传近期照片")
    page = client.get(reverse("applicant_application", args=[application.pk])).content.decode()
    assert "请上传近期照片" in page
    client.post(submit_url)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_area_shows_notices(client_for, outsider, staff, django_capture_on_commit_callbacks):
    application = submitted(applicant=outsider)
    with django_capture_on_commit_callbacks(execute=True):
        application_return(application=application, actor=staff, reason="补充学历证书")
    page = client_for(outsider).get(reverse("applicant_home")).content.decode()
    assert "补充学历证书" in page
    assert Notification.objects.filter(recipient=outsider).count() == 1


@pytest.mark.parametrize("who", ["other", "representative"])
def test_another_applicants_pages_and_documents_are_unreachable(
    client_for, outsider, representative, who
):
    application = ApplicationFactory(applicant=outsider)
    document = document_upload(
        application=application,
        actor=outsider,
        kind=DocumentKind.PHOTO,
        upload=SimpleUploadedFile("p.png", PNG),
    )
    from tests.factories import UserFactory

    intruder = UserFactory() if who == "other" else representative
    client = client_for(intruder)
    pk = application.pk
    for url in [
        reverse("applicant_application", args=[pk]),
        reverse("applicant_application_edit", args=[pk]),
        reverse("enrollment_document", args=[document.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        reverse("applicant_application_action", args=[pk, "withdraw"]),
        reverse("applicant_document_upload", args=[pk]),
    ]:
        assert client.post(url).status_code == 404, url
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_owner_and_staff_get_the_document_and_staff_access_is_logged(client_for, outsider, staff):
    application = ApplicationFactory(applicant=outsider)
    document = document_upload(
        application=application,
        actor=outsider,
        kind=DocumentKind.PHOTO,
        upload=SimpleUploadedFile("p.png", PNG),
    )
    url = reverse("enrollment_document", args=[document.pk])
    response = client_for(outsider).get(url)
    # Reading the whole stream lets the test client close the file (and not the connection).
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    response = client_for(staff).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert application.access_log.filter(user=staff).exists()


def test_anonymous_cannot_get_a_document(client, outsider):
    application = ApplicationFactory(applicant=outsider)
    document = document_upload(
        application=application,
        actor=outsider,
        kind=DocumentKind.PHOTO,
        upload=SimpleUploadedFile("p.png", PNG),
    )
    response = client.get(reverse("enrollment_document", args=[document.pk]))
    assert response.status_code == 302


def test_applicant_downloads_their_data(client_for, outsider):
    application = ApplicationFactory(applicant=outsider)
    ApplicationFactory()
    data = client_for(outsider).get(reverse("applicant_my_data")).json()
    assert [a["id_number"] for a in data["applications"]] == [application.id_number]


def test_the_data_download_says_in_chinese_what_each_key_is(client_for, outsider):
    ApplicationFactory(applicant=outsider, status=S.SUBMITTED)
    data = (
        client_for(outsider)
        .get(reverse("applicant_my_data"), HTTP_ACCEPT_LANGUAGE="zh-hans")
        .json()
    )
    application = data["applications"][0]
    assert data["labels"]["id_number"] == "身份证号码"
    assert application["status_display"] == "已提交"

    def keys(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield key
                yield from keys(inner)
        elif isinstance(value, list):
            for inner in value:
                yield from keys(inner)

    unlabelled = set(keys({k: v for k, v in data.items() if k != "labels"})) - set(data["labels"])
    assert not unlabelled
