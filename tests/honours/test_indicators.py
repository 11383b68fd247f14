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
def test_a_leader_whose_member_left_by_the_end_of_the_year_is_not_counted():
    from tests.factories import MemberFactory

    joined = datetime.date(2015, 1, 1)
    for left_on in (datetime.date(2021, 12, 31), datetime.date(2022, 1, 1), None):
        member = MemberFactory(joined_on=joined, left_on=left_on)
        LeaderFactory(member=member, starts_on=datetime.date(2020, 1, 1))
    assert leader_counts(2021)["chain_leaders_chief"] == 2


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


@pytest.mark.django_db
def test_annual_summary_states_the_honours_and_chain_figures():
    from django.utils import translation

    from honours.models import Chain
    from reports.summary import build_summary

    AwardFactory(level=Award.Level.NATIONAL, awarded_on=datetime.date(2021, 11, 30))
    AwardFactory(level=Award.Level.WORLD, rank="金牌", competition="世界技能大赛", event="",
                 awarded_on=datetime.date(2021, 8, 1))  # fmt: skip
    chain = Chain.objects.create(name="模具产业链")
    LeaderFactory(chain=chain, tier=ChainLeader.Tier.CHIEF)
    LeaderFactory.create_batch(2, chain=chain, tier=ChainLeader.Tier.SUB)
    with translation.override("en"):
        summary = build_summary(2021)
    texts = [b.text for s in summary.sections for b in s.blocks if b.kind == "paragraph"]
    honours = next(t for t in texts if "Awards and competition results" in t)
    assert (
        "in 2021: 2 (world level: 1, national: 1, provincial: 0, city: 0, industry: 0)" in honours
    )
    assert honours.index("世界技能大赛 金牌") < honours.index("第九届全国数控技能大赛")
    chains = next(t for t in texts if "chain-leader system" in t)
    assert "chain leaders (总链主): 1; sub-chain leaders (分链主): 2." in chains
    assert "模具产业链" in chains


@pytest.mark.django_db
def test_annual_summary_says_nothing_of_honours_without_any():
    from django.utils import translation

    from reports.summary import build_summary

    with translation.override("en"):
        summary = build_summary(2021)
    texts = " ".join(b.text for s in summary.sections for b in s.blocks)
    assert "chain-leader system" not in texts
    assert "Awards and competition results won" not in texts


@pytest.mark.django_db
def test_national_export_maps_honours_and_chain_leaders():
    import io
    import zipfile

    from openpyxl import load_workbook

    from honours.models import Chain
    from reports.national import render_national_zip
    from tests.factories import MemberFactory

    school = MemberFactory(name="东莞市机电工程学校")
    award = AwardFactory(rank="=教师组冠军", awarded_on=datetime.date(2021, 11, 30))
    award.members.add(school)
    LeaderFactory(chain=Chain.objects.create(name="模具产业链"), member=school)
    archive = zipfile.ZipFile(io.BytesIO(render_national_zip(2021)))

    def rows(name):
        book = load_workbook(io.BytesIO(archive.read(f"2021/{name}")))
        return list(book.worksheets[0].iter_rows(values_only=True))

    awards = rows("12_获奖与竞赛.xlsx")
    assert awards[1][3] == "'=教师组冠军"  # a formula-looking rank is neutralised
    assert awards[1][4:6] == ("2021-11-30", "东莞市机电工程学校")
    leaders = rows("13_链长制.xlsx")
    assert leaders[1][0] == "模具产业链"
    assert leaders[1][3] == "东莞市机电工程学校"
