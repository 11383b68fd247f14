"""One account registers its own holder once per intake: after registering, every way in shows
"您已报名" with a link to the application, and a second application is refused."""

import pytest
from django.urls import reverse

from enrollment import services
from enrollment.models import Application

from .factories import ApplicationFactory, IntakeFactory
from .test_api_applications import VALID_ID
from .test_applicant_area import form_data

pytestmark = pytest.mark.django_db
OTHER_ID = "11010519491231002X"  # GB 11643-1999's own example


@pytest.fixture
def registered(outsider):
    return ApplicationFactory(applicant=outsider, intake=IntakeFactory(), id_number=VALID_ID)


@pytest.mark.parametrize("page", ["intake_list", "intake_detail", "applicant_home"])
def test_the_intake_says_you_have_registered_and_links_the_application(
    page, registered, client_for, outsider
):
    client = client_for(outsider)
    args = [registered.intake.pk] if page == "intake_detail" else []
    body = client.get(reverse(page, args=args), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "您已报名" in body
    assert reverse("applicant_application", args=[registered.pk]) in body
    assert reverse("applicant_apply", args=[registered.intake.pk]) not in body


def test_someone_else_still_sees_the_register_button(registered, client_for):
    from tests.factories import UserFactory

    body = client_for(UserFactory()).get(reverse("intake_list")).content.decode()
    assert reverse("applicant_apply", args=[registered.intake.pk]) in body


def test_opening_the_form_again_leads_to_the_existing_application(registered, client_for, outsider):
    response = client_for(outsider).get(
        reverse("applicant_apply", args=[registered.intake.pk]), follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("applicant_application", args=[registered.pk])
    assert "您已报名此批次" in response.content.decode()


def test_a_second_application_for_someone_else_is_refused(registered, client_for, outsider):
    client_for(outsider).post(
        reverse("applicant_apply", args=[registered.intake.pk]),
        form_data(id_number=OTHER_ID, full_name="王芳"),
    )
    assert Application.objects.filter(intake=registered.intake).count() == 1


def test_the_service_and_the_api_refuse_a_second_application_by_the_same_account(
    registered, outsider, api_client
):
    fields = {k: v for k, v in form_data(id_number=OTHER_ID).items() if v}
    with pytest.raises(services.EnrollmentError) as refused:
        services.application_create(applicant=outsider, intake=registered.intake, **fields)
    assert refused.value.field == "intake"
    api_client.force_authenticate(outsider)
    response = api_client.post(
        "/api/v1/enrollment/applications/", {"intake": registered.intake.pk, **fields}
    )
    assert response.status_code == 400 and "intake" in response.json()
    assert Application.objects.filter(intake=registered.intake).count() == 1
