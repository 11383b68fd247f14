"""Awards linked to the people registry, award lists in pages, and who may confirm."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from honours import services
from honours.models import Award
from people.models import Person
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

from .factories import AwardFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "level": Award.Level.NATIONAL,
    "competition": "第九届全国数控技能大赛",
    "event": "数字化设计与制造赛项",
    "rank": "教师组冠军",
    "awarded_on": "2021-11-20",
}


def _person(member, name="李明") -> Person:
    return Person.objects.create(member=member, full_name=name)


def test_a_representative_who_is_staff_cannot_confirm_its_own_members_award(member):
    staff_rep = StaffFactory(roles=["member_affairs"])
    RepresentativeFactory(member=member, user=staff_rep)
    award = AwardFactory(status=Award.Status.PENDING, recorded_by=StaffFactory())
    award.members.add(member)
    with pytest.raises(ValidationError, match="代表|represent"):
        services.award_confirm(award=award, by=staff_rep)
    award.refresh_from_db()
    assert award.status == Award.Status.PENDING
    services.award_confirm(award=award, by=StaffFactory(roles=["member_affairs"]))
    award.refresh_from_db()
    assert award.status == Award.Status.CONFIRMED


def test_staff_link_winners_to_the_people_registry_and_both_pages_show_it(client, member):
    teacher = _person(member, "李明")
    staff = StaffFactory()
    client.force_login(staff)
    response = client.post(
        reverse("staff_award_create"), {**FIELDS, "members": [member.pk], "people": [teacher.pk]}
    )
    assert response.status_code == 302, response.content.decode()
    award = Award.objects.get()
    assert list(award.people.all()) == [teacher]
    awards_page = client.get(reverse("staff_award_list")).content.decode()
    assert f'href="{reverse("person_detail", args=[teacher.pk])}"' in awards_page
    person_page = client.get(reverse("person_detail", args=[teacher.pk])).content.decode()
    assert 'data-testid="person-awards"' in person_page and "教师组冠军" in person_page
    assert "李明" in client.get(reverse("honours")).content.decode()


def test_a_representative_links_only_the_people_of_its_own_members(client, member):
    rep = RepresentativeFactory(member=member).user
    stranger = _person(MemberFactory(), "王外人")
    client.force_login(rep)
    page = client.get(reverse("member_award_create")).content.decode()
    assert "王外人" not in page  # not offered
    response = client.post(
        reverse("member_award_create"),
        {**FIELDS, "members": [member.pk], "people": [stranger.pk]},
    )
    assert response.status_code == 200 and not Award.objects.exists()
    with pytest.raises(ValidationError):
        services.award_record(
            by=rep,
            fields={**FIELDS, "awarded_on": datetime.date(2021, 11, 20)},
            members=[member],
            people=[stranger],
        )


def test_report_records_name_the_registry_winners_too(member):
    from honours.indicators import collect_honours

    award = AwardFactory(awarded_on=datetime.date(2021, 11, 20), winners="张三")
    award.people.add(_person(member, "李明"))
    assert collect_honours(2021)["records"][0]["people"] == ["李明", "张三"]


def _ranks(html: str) -> list[str]:
    return re.findall(r"第(\d+)名", html)


def test_public_award_list_comes_in_pages_highest_level_first(client):
    for n in range(30):
        AwardFactory(rank=f"第{n}名", level=Award.Level.CITY, awarded_on=datetime.date(2020, 1, 1))
    AwardFactory(rank="第99名", level=Award.Level.WORLD, awarded_on=datetime.date(2015, 8, 16))
    first = client.get(reverse("honours")).content.decode()
    second = client.get(reverse("honours"), {"page": 2}).content.decode()
    assert _ranks(first)[0] == "99"  # the world gold before the 30 city awards
    assert len(_ranks(first)) == 25 and len(_ranks(second)) == 6
    assert set(_ranks(first)).isdisjoint(_ranks(second))
    assert 'data-testid="pagination"' in first and "?page=2" in first


def test_staff_award_list_pages_confirmed_and_pending_apart(client):
    AwardFactory.create_batch(27, rank="已确认")
    AwardFactory.create_batch(3, rank="待确认", status=Award.Status.PENDING)
    client.force_login(StaffFactory())
    page = client.get(reverse("staff_award_list"), {"page": 2})
    assert len(page.context["confirmed"]) == 2 and page.context["confirmed"].number == 2
    assert len(page.context["pending"]) == 3
    assert "pending_page" not in page.content.decode()  # one page of pending: no links


def test_api_names_the_winners_linked_to_the_registry(api_client, member):
    award = AwardFactory(winners="张三")
    teacher = _person(member, "李明")
    award.people.add(teacher)
    row = api_client.get("/api/v1/awards/").json()["results"][0]
    assert row["people"] == ["张三"]
    assert row["people_in_registry"] == [{"id": teacher.pk, "name": "李明"}]
