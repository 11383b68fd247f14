"""Awards by level and chain leaders by tier as figures of a year, at the year's edges."""

import datetime

import pytest

from honours.indicators import award_counts, leader_counts
from honours.models import Award, ChainLeader
from reports.services import year_freeze
from tests.factories import StaffFactory

from .factories import AwardFactory, LeaderFactory


@pytest.mark.django_db
def test_awards_count_in_the_year_of_their_date_when_confirmed():
    AwardFactory(level=Award.Level.WORLD, awarded_on=datetime.date(2021, 1, 1))
    AwardFactory(level=Award.Level.NATIONAL, awarded_on=datetime.date(2021, 12, 31))
    AwardFactory(level=Award.Level.NATIONAL, awarded_on=datetime.date(2021, 6, 1))
    AwardFactory(level=Award.Level.NATIONAL, awarded_on=datetime.date(2020, 12, 31))
    AwardFactory(level=Award.Level.CITY, awarded_on=datetime.date(2022, 1, 1))
    AwardFactory(
        level=Award.Level.PROVINCIAL,
        awarded_on=datetime.date(2021, 5, 5),
        status=Award.Status.PENDING,
    )
    assert award_counts(2021) == {
        "awards_total": 3,
        "awards_world": 1,
        "awards_national": 2,
        "awards_provincial": 0,
        "awards_city": 0,
        "awards_industry": 0,
    }


@pytest.mark.django_db
def test_leaders_count_when_their_term_covers_the_last_day_of_the_year():
    chief, sub = ChainLeader.Tier.CHIEF, ChainLeader.Tier.SUB
    LeaderFactory(tier=chief, starts_on=datetime.date(2021, 12, 31))  # counts
    LeaderFactory(
        tier=chief, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2021, 12, 31)
    )
    LeaderFactory(
        tier=chief, starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2021, 12, 30)
    )
    LeaderFactory(tier=chief, starts_on=datetime.date(2022, 1, 1))
    LeaderFactory(tier=sub, starts_on=datetime.date(2019, 3, 1))  # counts
    assert leader_counts(2021) == {"chain_leaders_chief": 2, "chain_leaders_sub": 1}


@pytest.mark.django_db
def test_a_frozen_year_keeps_the_honours_and_chain_figures():
    AwardFactory(level=Award.Level.WORLD, awarded_on=datetime.date(2021, 3, 1))
    LeaderFactory(tier=ChainLeader.Tier.SUB, starts_on=datetime.date(2021, 1, 1))
    snapshot = year_freeze(year=2021, by=StaffFactory(), reason="test")
    totals = snapshot.section_totals()
    assert totals["honours"]["awards_world"] == 1
    assert totals["honours"]["awards_total"] == 1
    assert totals["chains"]["chain_leaders_sub"] == 1
    assert totals["chains"]["chain_leaders_chief"] == 0
