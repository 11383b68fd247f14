"""The honours card on the staff dashboard: awards of the year by level, chain leaders by
tier, awards waiting for confirmation, in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from honours.models import Award, ChainLeader
from tests.factories import StaffFactory
from tests.honours.factories import AwardFactory, LeaderFactory, LinkFactory

pytestmark = pytest.mark.django_db


def _card(client, user, year):
    client.force_login(user)
    response = client.get("/staff/", {"year": year})
    cards = [c for c in response.context["cards"] if c["template"] == "honours/dashboard_card.html"]
    return response, (cards[0] if cards else None)


def test_card_counts_the_years_confirmed_awards_by_level_and_leaders_by_tier(client):
    year = timezone.localdate().year - 1
    day = datetime.date(year, 6, 1)
    AwardFactory(level=Award.Level.WORLD, awarded_on=day)
    AwardFactory.create_batch(2, level=Award.Level.NATIONAL, awarded_on=day)
    AwardFactory(level=Award.Level.CITY, awarded_on=datetime.date(year - 1, 6, 1))  # other year
    AwardFactory(level=Award.Level.CITY, awarded_on=day, status=Award.Status.PENDING, rank="三等奖")
    link = LinkFactory()
    LeaderFactory.create_batch(2, chain=link.chain)
    LeaderFactory.create_batch(3, chain=link.chain, tier=ChainLeader.Tier.SUB, link=link)
    LeaderFactory(chain=link.chain, ends_on=datetime.date(year, 6, 30))  # ended in the year
    response, card = _card(client, StaffFactory(), year)
    levels = dict(card["award_levels"])
    assert (levels["世界级"], levels["国家级"], levels["市级"]) == (1, 2, 0)
    assert card["awards_total"] == 3
    assert [n for _label, n in card["leader_tiers"]] == [2, 3]
    assert card["pending_total"] == 1 and card["pending_awards"][0].rank == "三等奖"
    assert 'data-testid="honours-card"' in response.content.decode()


def test_card_is_shown_to_who_reads_members_only(client):
    _response, card = _card(client, StaffFactory(roles=["projects"]), 2024)
    assert card is None
    _response, card = _card(client, StaffFactory(roles=["member_affairs"]), 2024)
    assert card is not None


def test_card_query_count_does_not_grow_with_the_awards(client, django_assert_num_queries):
    year = timezone.localdate().year - 1
    user = StaffFactory()
    _card(client, user, year)  # warm the session and the role cache
    from honours.dashboard import honours_card

    AwardFactory(awarded_on=datetime.date(year, 3, 1), status=Award.Status.PENDING)
    with django_assert_num_queries(3):
        honours_card(year)
    AwardFactory.create_batch(20, awarded_on=datetime.date(year, 3, 1))
    AwardFactory.create_batch(10, awarded_on=datetime.date(year, 3, 1), status="pending")
    LeaderFactory.create_batch(10)
    with django_assert_num_queries(3):
        card = honours_card(year)
    assert card["pending_total"] == 11 and len(card["pending_awards"]) == 5
