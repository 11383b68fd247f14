import datetime

import pytest

from members.models import Member
from partnerships.models import InternshipOffer, Placement
from tests.factories import MemberFactory, RepresentativeFactory

from .factories import OfferFactory, ProjectFactory

OFFER = {
    "position": "注塑技术员",
    "places": "12",
    "programmes": "模具制造技术",
    "location": "东莞市长安镇",
    "starts_on": "2026-03-01",
    "ends_on": "2026-08-31",
    "supervisor": "王工",
    "allowance_cny": "3500",
    "is_open": "on",
}


@pytest.fixture
def school_rep(db):
    school = MemberFactory(name="东莞市机电工程学校", kind=Member.Kind.VOCATIONAL_SCHOOL)
    return RepresentativeFactory(member=school, user__username="school").user


def test_representative_offers_places_for_its_own_enterprise(client_for, representative, member):
    response = client_for(representative).post(
        "/member/internships/new/", {**OFFER, "member": member.pk}
    )
    assert response.status_code == 302
    offer = InternshipOffer.objects.get()
    assert offer.member == member and offer.places == 12


def test_representative_cannot_offer_for_another_member(client_for, representative, db):
    other = MemberFactory()
    response = client_for(representative).post(
        "/member/internships/new/", {**OFFER, "member": other.pk}
    )
    assert response.status_code == 200
    assert not InternshipOffer.objects.exists()


def test_representative_cannot_edit_another_members_offer(client_for, representative, db):
    offer = OfferFactory()
    response = client_for(representative).get(f"/member/internships/{offer.pk}/edit/")
    assert response.status_code == 404


def test_offer_ending_before_it_starts_is_refused(client_for, representative, member):
    data = {**OFFER, "member": member.pk, "ends_on": "2026-01-01"}
    response = client_for(representative).post("/member/internships/new/", data)
    assert response.status_code == 200
    assert "注塑技术员" in response.content.decode()
    assert not InternshipOffer.objects.exists()


def test_outsider_cannot_see_the_pool(client_for, outsider, db):
    OfferFactory()
    client = client_for(outsider)
    assert client.get("/internships/").status_code == 404
    assert client.get("/member/internships/new/").status_code == 404


def test_school_finds_offers_by_programme_region_period_and_places(client_for, school_rep, db):
    OfferFactory(position="模具岗位", programmes="模具制造技术", places=5)
    OfferFactory(position="电商岗位", programmes="跨境电子商务", places=5, location="东莞市虎门镇")
    OfferFactory(
        position="去年的岗位",
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2024, 6, 30),
    )
    client = client_for(school_rep)
    body = client.get("/internships/?programme=模具").content.decode()
    assert "模具岗位" in body and "电商岗位" not in body
    body = client.get("/internships/?region=虎门").content.decode()
    assert "电商岗位" in body and "模具岗位" not in body
    body = client.get("/internships/?available_from=2026-04-01").content.decode()
    assert "去年的岗位" not in body and "模具岗位" in body
    body = client.get("/internships/?min_free=6").content.decode()
    assert "模具岗位" not in body


def test_school_records_a_placement_and_places_free_drops(client_for, school_rep, db):
    offer = OfferFactory(places=10)
    school = Member.objects.get(name="东莞市机电工程学校")
    project = ProjectFactory(kind="internship", students=0)
    client = client_for(school_rep)
    response = client.post(
        f"/internships/{offer.pk}/place/",
        {
            "school": school.pk,
            "students": "7",
            "placed_on": "2026-03-02",
            "project": project.pk,
            "rating_supervision": "5",
            "rating_safety": "4",
            "rating_learning": "4",
        },
    )
    assert response.status_code == 302
    placement = Placement.objects.get()
    assert (placement.students, placement.rating_safety) == (7, 4)
    assert InternshipOffer.objects.with_places_free().get().places_free == 3
    project.refresh_from_db()
    assert project.students == 7
    page = client.get(f"/internships/{offer.pk}/").content.decode()
    assert "4.3 / 5" in page or "4.0 / 5" in page


def test_placement_beyond_free_places_is_refused(client_for, school_rep, db):
    offer = OfferFactory(places=5)
    school = Member.objects.get(name="东莞市机电工程学校")
    response = client_for(school_rep).post(
        f"/internships/{offer.pk}/place/",
        {"school": school.pk, "students": "6", "placed_on": "2026-03-02"},
    )
    assert response.status_code == 200
    assert "5" in response.content.decode()
    assert not Placement.objects.exists()


def test_enterprise_representative_cannot_record_placements(client_for, representative, db):
    offer = OfferFactory()
    assert client_for(representative).get(f"/internships/{offer.pk}/place/").status_code == 404


def test_staff_sees_the_pool_and_all_offers(client_for, staff, db):
    OfferFactory(position="岗位甲")
    client = client_for(staff)
    assert "岗位甲" in client.get("/internships/").content.decode()
    assert client.get("/member/internships/").status_code == 200


def test_pool_query_count_is_fixed(client_for, school_rep, db, django_assert_max_num_queries):
    OfferFactory.create_batch(40)
    client = client_for(school_rep)
    with django_assert_max_num_queries(10):
        assert client.get("/internships/").status_code == 200


def test_offers_api_for_representatives(api_client, representative, member, outsider):
    api_client.force_authenticate(representative)
    response = api_client.post(
        "/api/v1/internship-offers/", {**OFFER, "member": member.pk, "is_open": True}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["places_free"] == 12
    other = MemberFactory()
    refused = api_client.post(
        "/api/v1/internship-offers/", {**OFFER, "member": other.pk}, format="json"
    )
    assert refused.status_code == 400 and "member" in refused.json()
    foreign = OfferFactory()
    assert (
        api_client.patch(
            f"/api/v1/internship-offers/{foreign.pk}/", {"places": 1}, format="json"
        ).status_code
        == 403
    )
    api_client.force_authenticate(outsider)
    assert api_client.get("/api/v1/internship-offers/").status_code == 403


def test_only_enterprises_and_staff_are_offered_the_offer_button(
    client_for, school_rep, representative
):
    assert (
        "/member/internships/new/"
        not in client_for(school_rep).get("/internships/").content.decode()
    )
    body = client_for(representative).get("/internships/").content.decode()
    assert "/member/internships/new/" in body


def test_school_sees_where_to_find_places_instead_of_offers(client_for, school_rep):
    response = client_for(school_rep).get("/member/internships/")
    assert response.status_code == 200
    assert "/member/internships/new/" not in response.content.decode()
    assert client_for(school_rep).get("/member/internships/new/").status_code == 404


def test_the_pool_shows_each_offers_rating_on_the_page(client_for, school_rep, db):
    school = Member.objects.get(name="东莞市机电工程学校")
    rated, unrated = OfferFactory(places=10), OfferFactory(places=10)
    for supervision, safety, learning in [(5, 4, 4), (3, 3, 3)]:
        Placement.objects.create(offer=rated, school=school, students=1,
                                 placed_on=datetime.date(2026, 3, 2),
                                 rating_supervision=supervision, rating_safety=safety,
                                 rating_learning=learning)  # fmt: skip
    page = client_for(school_rep).get("/internships/").context["page"]
    ratings = {offer.pk: offer.rating for offer in page}
    # the mean of each criterion over the two placements, added: 4 + 3.5 + 3.5
    assert ratings == {rated.pk: 11, unrated.pk: None}
