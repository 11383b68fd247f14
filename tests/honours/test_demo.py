import pytest
from django.urls import reverse

from honours import demo
from honours.indicators import award_counts, leader_counts
from honours.models import Accreditation, Award, Chain, ChainLeader
from members import demo as members_demo


@pytest.fixture
def loaded(db):
    members_demo.load()
    demo.load()


def test_demo_holds_seed_004s_15_chain_leaders_and_101_sub_chain_leaders(loaded):
    # Seed 004: "总链主达到15家,分链主共101家", on a mould and a digital-technology chain.
    assert leader_counts(2021) == {"chain_leaders_chief": 15, "chain_leaders_sub": 101}
    assert sorted(Chain.objects.values_list("name", flat=True)) == ["数字技术产业链", "模具产业链"]
    assert ChainLeader.objects.values("member").distinct().count() == 116


def test_demo_holds_seed_004s_competition_results(loaded):
    ranks = set(Award.objects.confirmed().values_list("rank", flat=True))
    assert "教师组冠军" in ranks
    assert "冠军选手单位" in ranks
    assert award_counts(2021)["awards_national"] == 2
    assert Award.objects.filter(level=Award.Level.WORLD).count() == 1


def test_loading_the_demo_twice_adds_nothing(loaded):
    demo.load()
    assert Award.objects.count() == 3
    assert ChainLeader.objects.count() == 116


def test_map_of_the_demo_shows_both_chains_with_their_leaders(loaded, client, staff):
    client.force_login(staff)
    body = client.get(reverse("chain_map")).content.decode()
    assert body.count('data-testid="chain"') == 2
    assert body.count('<li class="chain-member chain-member-sub">') == 101
    # Chain leaders are named above their chain and marked on the link they work in.
    assert body.count('<li class="chain-member chain-member-chief">') == 15


def test_demo_holds_seed_000s_accreditations(loaded):
    # Seed 000: provincial demonstration group in 2018, national candidate (培育单位) in 2021.
    rows = [
        (a.level, a.standing, a.awarded_on.year)
        for a in Accreditation.objects.order_by("awarded_on")
    ]
    assert rows == [("provincial", "awarded", 2018), ("national", "candidate", 2021)]


def test_demo_links_feed_on_the_demo_projects(db):
    from partnerships import demo as partnerships_demo

    members_demo.load()
    partnerships_demo.load()
    demo.load()
    design = Chain.objects.get(name="模具产业链").links.get(name="模具设计")
    assert sorted(design.projects.values_list("title", flat=True)) == [
        "端品模具研发及工程中心",
        "端品模具设计191班",
    ]
