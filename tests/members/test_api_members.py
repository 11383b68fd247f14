import re

import pytest
from django.core import mail
from rest_framework.authtoken.models import Token
from rest_framework.serializers import BaseSerializer

from accounts.models import User
from members.api import MemberSerializer
from members.demo import demo_credit_code
from members.models import Member, Representative
from tests.factories import MemberFactory, UserFactory

from .factories import ParticipantFactory

URL = "/api/v1/members/"
STAFF_ONLY = {
    "status": "left",
    "group_role": "lead",
    "joined_on": "2000-01-01",
    "left_on": "2030-01-01",
}


@pytest.fixture
def as_user(api_client):
    def login(user):
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        return api_client

    return login


def valid_payload(**extra) -> dict:
    return {
        "name": "东莞市新成员模具有限公司",
        "kind": "enterprise",
        "credit_code": demo_credit_code("enterprise", 77_000_001),
        "region": "东莞市长安镇",
        "industry": "模具制造",
        "status": "active",
        "group_role": "member",
        "joined_on": "2021-09-15",
        "left_on": None,
        **extra,
    }


def test_anonymous_gets_401(api_client, member):
    assert api_client.get(URL).status_code == 401
    assert api_client.get(f"{URL}{member.pk}/").status_code == 401
    assert api_client.patch(f"{URL}{member.pk}/", {"region": "x"}).status_code == 401


def test_staff_lists_members_with_the_contract_fields(as_user, staff, member):
    response = as_user(staff).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    row = body["results"][0]
    for field in [
        "id",
        "name",
        "kind",
        "credit_code",
        "region",
        "industry",
        "status",
        "group_role",
        "joined_on",
        "left_on",
    ]:
        assert field in row
    assert row["joined_on"] == member.joined_on.isoformat()


def test_staff_filters_by_kind_status_and_partial_name(as_user, staff):
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school")
    MemberFactory(name="东莞市华宏模具有限公司", status="suspended")
    MemberFactory(name="长安电商协会", kind="association")
    client = as_user(staff)
    names = lambda query: [r["name"] for r in client.get(URL + query).json()["results"]]  # noqa: E731
    assert names("?kind=vocational_school") == ["东莞市机电工程学校"]
    assert names("?status=suspended") == ["东莞市华宏模具有限公司"]
    assert names("?search=电商") == ["长安电商协会"]
    assert client.get(URL + "?kind=nonsense").status_code == 400


def test_member_list_runs_a_fixed_number_of_queries(as_user, staff, django_assert_max_num_queries):
    MemberFactory.create_batch(120)
    client = as_user(staff)
    client.get(URL)  # the token's first use of the minute is recorded (two writes)
    for size in (10, 200):
        with django_assert_max_num_queries(5):  # 4, and one for the staff user's roles
            response = client.get(f"{URL}?page_size={size}")
        assert len(response.json()["results"]) == min(size, 120)


def test_representative_sees_only_its_own_member(as_user, representative, member):
    other = MemberFactory()
    client = as_user(representative)
    assert [r["id"] for r in client.get(URL).json()["results"]] == [member.pk]
    assert client.get(f"{URL}{member.pk}/").status_code == 200
    assert client.get(f"{URL}{other.pk}/").status_code == 403


def test_outsider_sees_no_member(as_user, outsider, member):
    client = as_user(outsider)
    assert client.get(URL).json()["count"] == 0
    assert client.get(f"{URL}{member.pk}/").status_code == 403
    assert client.patch(f"{URL}{member.pk}/", {"region": "x"}).status_code == 403


def test_staff_creates_a_member(as_user, staff):
    response = as_user(staff).post(URL, valid_payload(), format="json")
    assert response.status_code == 201, response.json()
    member = Member.objects.get(name="东莞市新成员模具有限公司")
    assert member.history.first().history_user == staff


def test_invalid_member_is_refused_whole_naming_each_field(as_user, staff):
    bad = valid_payload(
        credit_code="91441900MA4UXXXXX1",
        kind="bakery",
        left_on="2020-01-01",
    )
    response = as_user(staff).post(URL, bad, format="json")
    assert response.status_code == 400
    assert {"credit_code", "kind"} <= set(response.json())
    assert not Member.objects.exists()


def test_left_on_before_joined_on_is_refused(as_user, staff):
    response = as_user(staff).post(URL, valid_payload(left_on="2020-01-01"), format="json")
    assert response.status_code == 400
    assert "left_on" in response.json()
    assert not Member.objects.exists()


def test_duplicate_name_and_credit_code_are_refused(as_user, staff, member):
    payload = valid_payload(name=member.name, credit_code=member.credit_code.lower())
    response = as_user(staff).post(URL, payload, format="json")
    assert response.status_code == 400
    assert {"name", "credit_code"} <= set(response.json())
    assert Member.objects.count() == 1


def test_representative_patches_its_profile(as_user, representative, member):
    response = as_user(representative).patch(
        f"{URL}{member.pk}/", {"industry": "精密模具", "offers_internship_places": 12}
    )
    assert response.status_code == 200, response.json()
    member.refresh_from_db()
    assert member.industry == "精密模具"
    assert member.offers_internship_places == 12
    assert member.profile_updated_at is not None
    assert member.history.first().history_user == representative


@pytest.mark.parametrize("field", sorted(STAFF_ONLY))
def test_representative_cannot_change_membership_fields(as_user, representative, member, field):
    before = Member.objects.values().get(pk=member.pk)
    response = as_user(representative).patch(
        f"{URL}{member.pk}/", {field: STAFF_ONLY[field], "industry": "改了"}, format="json"
    )
    assert response.status_code == 403
    assert Member.objects.values().get(pk=member.pk) == before


def test_representative_cannot_patch_another_member(as_user, representative):
    other = MemberFactory(industry="模具制造")
    response = as_user(representative).patch(f"{URL}{other.pk}/", {"industry": "改了"})
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.industry == "模具制造"


def test_only_staff_create_and_delete(as_user, representative, member):
    client = as_user(representative)
    assert client.post(URL, valid_payload(), format="json").status_code == 403
    assert client.delete(f"{URL}{member.pk}/").status_code == 403
    assert Member.objects.filter(pk=member.pk).exists()


def test_staff_change_and_delete(as_user, staff, member):
    client = as_user(staff)
    response = client.patch(f"{URL}{member.pk}/", {"status": "suspended"})
    assert response.status_code == 200
    assert client.delete(f"{URL}{member.pk}/").status_code == 204
    assert not Member.objects.filter(pk=member.pk).exists()


def test_member_in_a_project_cannot_be_deleted(as_user, staff):
    participant = ParticipantFactory()
    response = as_user(staff).delete(f"{URL}{participant.member_id}/")
    assert response.status_code == 409
    assert "detail" in response.json()
    assert Member.objects.filter(pk=participant.member_id).exists()


def test_staff_invites_a_new_representative_who_sets_a_password_and_lands_on_the_member(
    as_user, staff, member, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(staff).post(
            f"{URL}{member.pk}/representatives/", {"email": "Zhang@Example.com"}, format="json"
        )
    assert response.status_code == 201, response.json()
    assert response.json()["user_created"] is True
    user = User.objects.get(email="zhang@example.com")
    assert Representative.objects.filter(member=member, user=user).exists()
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhang@example.com"]
    assert member.name in message.body
    path = re.search(r"https?://[^/]+(/member/invitation/\S+)", message.body).group(1)

    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path, {"new_password1": "Mould-2021-long", "new_password2": "Mould-2021-long"}
    )
    assert response.status_code == 302
    assert client.get(response.url).url == f"/member/{member.pk}/"
    user.refresh_from_db()
    assert user.check_password("Mould-2021-long")
    assert user.emailaddress_set.get().verified
    # The link works once.
    assert client.get(path).status_code == 400


def test_inviting_an_existing_user_links_them_without_a_new_account(
    as_user, staff, member, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="li@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(staff).post(
            f"{URL}{member.pk}/representatives/", {"email": "li@example.com"}, format="json"
        )
    assert response.status_code == 201
    assert response.json() == {
        "member": member.pk,
        "user": existing.pk,
        "email": "li@example.com",
        "user_created": False,
    }
    assert User.objects.filter(email="li@example.com").count() == 1
    assert "/accounts/login/" in mail.outbox[0].body


def test_invitation_is_for_staff_only_and_checks_the_email(
    as_user, api_client, staff, representative, member
):
    url = f"{URL}{member.pk}/representatives/"
    assert api_client.post(url, {"email": "a@example.com"}).status_code == 401
    assert as_user(representative).post(url, {"email": "a@example.com"}).status_code == 403
    response = as_user(staff).post(url, {"email": "not-an-address"})
    assert response.status_code == 400
    assert "email" in response.json()
    assert not User.objects.filter(email="a@example.com").exists()


def test_invitation_task_sends_once(member, staff, django_capture_on_commit_callbacks):
    from members import services
    from outbox import tasks

    with django_capture_on_commit_callbacks(execute=True):
        representative, _ = services.member_invite_representative(
            member=member, email="wang@example.com", invited_by=staff
        )
    assert tasks.send([representative.invitation_id]) == {"skipped": 1}
    assert len(mail.outbox) == 1
    representative.refresh_from_db()
    assert representative.invitation_sent_at is not None


def test_an_invitation_the_mail_server_refused_is_not_lost(
    member, staff, monkeypatch, django_capture_on_commit_callbacks
):
    """It used to be marked sent before it left; now it waits for the retry."""
    from members import services
    from outbox import tasks

    def refuse(self, messages):
        raise ConnectionRefusedError("SMTP server refused the connection")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            representative, _ = services.member_invite_representative(
                member=member, email="wang@example.com", invited_by=staff
            )
    representative.refresh_from_db()
    assert representative.invitation_sent_at is None
    assert representative.invitation.status == "queued"
    assert "refused" in representative.invitation.error
    type(representative.invitation).objects.update(next_attempt_at=None)
    tasks.send([representative.invitation_id])
    assert [m.to for m in mail.outbox] == [["wang@example.com"]]


def test_directory_rows_equal_the_detail_answer_field_for_field(as_user, staff):
    """The list's own row serializer (MemberListSerializer) answers as the detail does."""
    member = MemberFactory(credit_code=demo_credit_code("enterprise", 77_000_007),
                           pending_name="新名称有限公司")  # fmt: skip
    client = as_user(staff)
    row = client.get("/api/v1/members/").json()["results"][0]
    assert row == client.get(f"/api/v1/members/{member.pk}/").json()


def test_each_serializer_binds_its_own_flat_fields():
    # get_fields hands each serializer shallow copies of fields built once: safe only while
    # no field holds another field or serializer that binding would share between requests.
    first, second = MemberSerializer(), MemberSerializer()
    for name, field in first.fields.items():
        assert field is not second.fields[name] and field.parent is first, name
        assert not hasattr(field, "child") and not isinstance(field, BaseSerializer), name
