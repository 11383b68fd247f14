"""Chinese pages and messages use Chinese punctuation: lists with 、, sentences end with 。."""

import pytest
from django.urls import reverse
from django.utils import translation

from enrollment import services
from enrollment.models import DocumentKind

from .factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db
KINDS = [DocumentKind.ID_FRONT, DocumentKind.ID_BACK]


def test_the_documents_to_upload_are_listed_with_the_chinese_comma(client):
    intake = IntakeFactory(document_kinds=KINDS)
    page = client.get(reverse("intake_detail", args=[intake.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "身份证人像面、身份证国徽面" in page.content.decode()


def test_the_missing_documents_message_uses_the_chinese_comma(outsider):
    application = ApplicationFactory(applicant=outsider, intake=IntakeFactory(document_kinds=KINDS))
    with translation.override("zh-hans"), pytest.raises(services.EnrollmentError) as refused:
        services.application_submit(application=application, actor=outsider)
    assert "身份证人像面、身份证国徽面" in refused.value.message


def test_a_drafts_deadline_ends_the_sentence_in_chinese(client_for, outsider):
    ApplicationFactory(applicant=outsider)
    page = client_for(outsider).get(reverse("applicant_home"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    body = page.content.decode()
    assert "前完成并提交。" in body
    assert ":00." not in body


def test_the_upload_form_names_the_document_type_and_the_file_apart(client_for, outsider):
    application = ApplicationFactory(applicant=outsider)
    page = client_for(outsider).get(
        reverse("applicant_application", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "材料类型" in page.content.decode()
