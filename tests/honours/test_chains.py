import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from honours import services
from honours.models import ChainLeader, ChainPlacement
from members.models import Member
from tests.factories import MemberFactory, RepresentativeFactory

from .factories import ChainFactory, LeaderFactory, LinkFactory, PlacementFactory

TERM = datetime.date(2021, 1, 1)
JOINED = datetime.date(2015, 5, 1)


@pytest.mark.django_db
def test_placement_on_a_link_of_another_chain_is_refused():
    mould, digital = ChainFactory(name="模具"), ChainFactory(name="数字技术")
    foreign_link = LinkFactory(chain=digital, name="软件")
    with pytest.raises(ValidationError) as caught:
        services.chain_place(chain=mould, link=foreign_link, member=MemberFactory())
    assert "link" in caught.value.message_dict
    assert ChainPlacement.objects.count() == 0


@pytest.mark.django_db
def test_leader_for_a_member_that_left_is_refused():
    chain = ChainFactory()
    gone = MemberFactory(
        status=Member.Status.LEFT, left_on=datetime.date(2020, 6, 30), joined_on=JOINED
    )
    with pytest.raises(ValidationError) as caught:
        services.chain_leader_appoint(
            chain=chain, member=gone, tier=ChainLeader.Tier.CHIEF, starts_on=TERM
        )
    assert "member" in caught.value.message_dict
    assert ChainLeader.objects.count() == 0


@pytest.mark.django_db
def test_leader_whose_leaving_date_has_passed_is_refused_even_if_still_marked_active():
    chain = ChainFactory()
    leaving = MemberFactory(
        status=Member.Status.ACTIVE, left_on=datetime.date(2020, 6, 30), joined_on=JOINED
    )
    with pytest.raises(ValidationError):
        services.chain_leader_appoint(
            chain=chain, member=leaving, tier=ChainLeader.Tier.CHIEF, starts_on=TERM
        )


@pytest.mark.django_db
def test_sub_chain_leader_needs_a_link_of_the_same_chain():
    chain, other = ChainFactory(), ChainFactory()
    member = MemberFactory()
    with pytest.raises(ValidationError) as caught:
        services.chain_leader_appoint(
            chain=chain, member=member, tier=ChainLeader.Tier.SUB, starts_on=TERM
        )
    assert "link" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.chain_leader_appoint(
            chain=chain,
            member=member,
            tier=ChainLeader.Tier.SUB,
            starts_on=TERM,
            link=LinkFactory(chain=other),
        )
    assert "link" in caught.value.message_dict
    leader = services.chain_leader_appoint(
        chain=chain,
        member=member,
        tier=ChainLeader.Tier.SUB,
        starts_on=TERM,
        link=LinkFactory(chain=chain),
    )
    assert leader.pk


@pytest.mark.django_db
def test_term_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as caught:
        services.chain_leader_appoint(
            chain=ChainFactory(),
            member=MemberFactory(),
            tier=ChainLeader.Tier.CHIEF,
            starts_on=TERM,
            ends_on=TERM - datetime.timedelta(days=1),
        )
    assert "ends_on" in caught.value.message_dict


@pytest.mark.django_db
def test_api_placement_on_another_chains_link_is_400_and_nothing_stored(api_client, staff):
    chain, other = ChainFactory(), ChainFactory()
    api_client.force_authenticate(staff)
    response = api_client.post(
        f"/api/v1/chains/{chain.pk}/placements/",
        {"link": LinkFactory(chain=other).pk, "member": MemberFactory().pk},
        format="json",
    )
    assert response.status_code == 400
    assert "link" in response.json()
    assert ChainPlacement.objects.count() == 0


@pytest.mark.django_db
def test_api_leader_for_a_member_that_left_is_400(api_client, staff):
    chain = ChainFactory()
    gone = MemberFactory(
        status=Member.Status.LEFT, left_on=datetime.date(2020, 6, 30), joined_on=JOINED
    )
    api_client.force_authenticate(staff)
    response = api_client.post(
        f"/api/v1/chains/{chain.pk}/leaders/",
        {"member": gone.pk, "tier": "chief", "starts_on": "2021-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "member" in response.json()
    assert ChainLeader.objects.count() == 0


@pytest.mark.django_db
def test_api_chain_lists_links_in_order_with_placements_and_leaders(api_client, representative):
    chain = ChainFactory(name="模具")
    downstream = LinkFactory(chain=chain, name="装配", position=3)
    upstream = LinkFactory(chain=chain, name="材料", position=1)
    placed = PlacementFactory(link=upstream)
    LeaderFactory(chain=chain, member=placed.member)
    api_client.force_authenticate(representative)
    body = api_client.get(f"/api/v1/chains/{chain.pk}/").json()
    assert [link["name"] for link in body["links"]] == ["材料", "装配"]
    assert body["links"][1]["id"] == downstream.pk
    assert body["placements"][0]["member"] == placed.member.pk
    assert body["leaders"][0]["tier"] == "chief"


@pytest.mark.django_db
def test_map_marks_leaders_and_gaps(client):
    chain = ChainFactory(name="模具")
    design = LinkFactory(chain=chain, name="模具设计", position=1, programmes="模具设计与制造")
    LinkFactory(chain=chain, name="检测服务", position=2)  # no member, no programme
    chief = PlacementFactory(link=design, member=MemberFactory(name="总链主企业"))
    sub = PlacementFactory(link=design, member=MemberFactory(name="分链主企业"))
    PlacementFactory(link=design, member=MemberFactory(name="普通成员企业"))
    LeaderFactory(chain=chain, member=chief.member)
    LeaderFactory(chain=chain, member=sub.member, tier=ChainLeader.Tier.SUB, link=design)
    client.force_login(RepresentativeFactory().user)
    response = client.get(reverse("chain_map"))
    body = response.content.decode()
    assert '<li class="chain-member chain-member-chief">总链主企业</li>' in body
    assert '<li class="chain-member chain-member-sub">分链主企业</li>' in body
    assert '<li class="chain-member">普通成员企业</li>' in body
    assert body.index("模具设计") < body.index("检测服务")
    assert body.count('class="chain-link chain-link-gap"') == 1
    assert "该环节尚无成员单位" in body
    assert "<script" not in body.split("<main", 1)[-1].split("</main>", 1)[0]
    assert ' style="' not in body


@pytest.mark.django_db
def test_map_of_a_hundred_members_takes_a_few_queries(client, django_assert_max_num_queries):
    chain = ChainFactory()
    links = [LinkFactory(chain=chain, position=n) for n in range(5)]
    for n in range(100):
        PlacementFactory(link=links[n % 5])
    client.force_login(RepresentativeFactory().user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("chain_map"))
    assert response.content.decode().count('<li class="chain-member') == 100


@pytest.mark.django_db
def test_map_lists_the_projects_that_feed_a_link(client, staff):
    from tests.partnerships.factories import ProjectFactory

    link = LinkFactory(name="模具设计", programmes="模具设计与制造")
    link.projects.add(ProjectFactory(title="端品模具设计191班"))
    client.force_login(staff)
    body = client.get(reverse("chain_map")).content.decode()
    assert '<p class="chain-programmes small" data-testid="link-projects">' in body
    assert "端品模具设计191班" in body
