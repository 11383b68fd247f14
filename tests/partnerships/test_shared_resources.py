import pytest

from partnerships.models import SharedResource
from tests.factories import MemberFactory

RESOURCE = {
    "kind": "equipment",
    "name": "五轴加工中心",
    "location": "东莞市长安镇",
    "contact_name": "李工",
    "contact_phone": "13800138000",
    "is_available": "on",
}


@pytest.fixture
def resource(db):
    return SharedResource.objects.create(
        member=MemberFactory(), kind="training_base", name="模具实训基地", contact_name="王老师"
    )


@pytest.mark.parametrize("user_fixture", ["staff", "representative"])
def test_staff_and_representatives_search_resources(client_for, request, resource, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    assert "模具实训基地" in client.get("/resources/?search=实训").content.decode()
    assert "模具实训基地" not in client.get("/resources/?kind=equipment").content.decode()


def test_outsider_cannot_see_resources(client_for, outsider, resource):
    assert client_for(outsider).get("/resources/").status_code == 404
    assert client_for(outsider).get("/member/resources/new/").status_code == 404


def test_representative_offers_a_resource_for_its_member(client_for, representative, member):
    response = client_for(representative).post(
        "/member/resources/new/", {**RESOURCE, "member": member.pk}
    )
    assert response.status_code == 302
    assert SharedResource.objects.get().member == member


def test_representative_cannot_offer_for_another_member_or_edit_its_resources(
    client_for, representative, resource
):
    client = client_for(representative)
    response = client.post("/member/resources/new/", {**RESOURCE, "member": resource.member_id})
    assert response.status_code == 200
    assert SharedResource.objects.count() == 1
    assert client.get(f"/member/resources/{resource.pk}/edit/").status_code == 404


def test_resource_list_query_count(client_for, staff, db, django_assert_max_num_queries):
    member = MemberFactory()
    SharedResource.objects.bulk_create(
        SharedResource(member=member, kind="equipment", name=f"设备{i}", contact_name="王")
        for i in range(40)
    )
    client = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(11):  # and one for the user's roles
        assert client.get("/resources/").status_code == 200
