"""One validation path for names and choices: the form, the API and the import refuse alike."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.validators import normalize_name, validate_name
from enrollment.models import Application
from members.models import Member
from tests.enrollment.factories import IntakeFactory
from tests.enrollment.test_api_applications import payload

pytestmark = pytest.mark.django_db

APPLICATIONS = "/api/v1/enrollment/applications/"

BAD_NAMES = {
    "zero-width only": "\u200b\u200b\u200b",
    "right-to-left override": "\u202e张三",
    "control character": "张\x07三",
    "left-to-right mark inside": "李\u200e明",
    "Hangul filler (looks blank)": "\u3164",
    "no letter": "123 ---",
    "BOM": "\ufeff王五",
}


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_the_name_rule_refuses_invisible_characters_and_names_without_letters(name):
    with pytest.raises(ValidationError):
        validate_name(name)


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("  李明  ", "李明"),
        ("ＬＩ Ｍｉｎｇ", "LI Ming"),  # full-width letters, as a Chinese IME types them
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("O'Brien", "O'Brien"),
    ],
)
def test_good_names_are_kept_normalised(raw, stored):
    validate_name(raw)
    assert normalize_name(raw) == stored


@pytest.mark.parametrize("name", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_the_api_refuses_a_bad_full_name(api_client, outsider, name):
    api_client.force_authenticate(outsider)
    response = api_client.post(
        APPLICATIONS, payload(IntakeFactory(), full_name=name), format="json"
    )
    assert response.status_code == 400
    assert "full_name" in response.json()
    assert not Application.objects.exists()


def test_the_api_stores_the_full_name_normalised(api_client, outsider):
    api_client.force_authenticate(outsider)
    response = api_client.post(
        APPLICATIONS, payload(IntakeFactory(), full_name=" ＬＩ Ｍｉｎｇ "), format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["full_name"] == "LI Ming"
    assert Application.objects.get().full_name == "LI Ming"


def test_the_api_refuses_an_education_the_form_does_not_offer(api_client, outsider):
    api_client.force_authenticate(outsider)
    response = api_client.post(
        APPLICATIONS, payload(IntakeFactory(), education="博士后 <b>"), format="json"
    )
    assert response.status_code == 400
    assert "education" in response.json()
    assert not Application.objects.exists()


def test_the_applicant_form_refuses_a_bad_full_name(client_for, outsider):
    intake = IntakeFactory()
    data = payload(intake, full_name="\u202e张三")
    data.pop("intake")
    response = client_for(outsider).post(reverse("applicant_apply", args=[intake.pk]), data)
    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert not Application.objects.exists()


def test_the_member_api_refuses_an_invisible_name_and_normalises_a_good_one(api_client, staff):
    from tests.members.test_api_members import valid_payload

    api_client.force_authenticate(staff)
    bad = api_client.post("/api/v1/members/", valid_payload(name="\u200b\u200b"), format="json")
    assert bad.status_code == 400 and "name" in bad.json()
    good = api_client.post(
        "/api/v1/members/", valid_payload(name=" 东莞市ＡＢＣ模具有限公司 "), format="json"
    )
    assert good.status_code == 201, good.json()
    assert Member.objects.get().name == "东莞市ABC模具有限公司"


def test_a_full_width_twin_of_an_existing_member_name_is_refused_as_a_duplicate(api_client, staff):
    from tests.members.test_api_members import valid_payload

    Member.objects.create(name="东莞市ABC模具有限公司", kind="enterprise")
    api_client.force_authenticate(staff)
    twin = api_client.post(
        "/api/v1/members/",
        valid_payload(name="东莞市ＡＢＣ模具有限公司"),
        format="json",
    )
    assert twin.status_code == 400 and "name" in twin.json()


def test_the_member_import_refuses_an_invisible_name_and_normalises_a_good_one():
    from members.importing import Sheet, build_preview

    preview = build_preview(
        Sheet(
            rows=[
                (2, {"name": "\u202e司公限有", "kind": "企业"}),
                (3, {"name": " 东莞市ＸＹＺ模具有限公司 ", "kind": "企业"}),
            ]
        )
    )
    bad, good = preview.rows
    assert bad.errors and not good.errors
    assert good.member.name == "东莞市XYZ模具有限公司"
