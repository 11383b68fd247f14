"""The public open-data page shows one year at a time, readable on a phone: the indicator, the
year's value and the change from the year before, with a switcher to every approved year."""

import re
from datetime import date

import pytest
from django.utils import timezone

from reports.services import year_freeze
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_years(staff):
    MemberFactory(joined_on=date(2018, 3, 1))
    for year in (2018, 2019):
        year_freeze(year=year, by=staff, reason="r")
    MemberFactory(joined_on=date(2020, 6, 1))
    MemberFactory(joined_on=date(2020, 7, 1))
    return year_freeze(year=2020, by=staff, reason="r")


def _table(page: str) -> str:
    return page.split('data-testid="open-data"')[1].split("</table>")[0]


def test_the_latest_year_is_shown_with_its_change_and_approval_date(client, three_years):
    page = client.get("/open-data/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    table = _table(page)
    assert len(re.findall(r"<th\b", table)) == 3  # indicator, 2020, change from 2019
    assert 'data-year="2020"' in table and "较 2019 年" in table
    members = table.split("年末成员单位总数")[1].split("</tr>")[0]
    assert ">3<" in members and "+2" in members  # 1 member in 2019, 3 at the end of 2020
    approved = timezone.localtime(three_years.created_at).date().isoformat()
    assert f"第 1 版，{approved} 审定" in page


def test_the_year_switcher_leads_to_each_approved_year(client, three_years):
    page = client.get("/open-data/").content.decode()
    years = page.split('data-testid="open-data-years"')[1].split("</ul>")[0]
    assert [int(y) for y in re.findall(r'data-year="(\d+)"', years)] == [2020, 2019, 2018]
    earlier = _table(client.get("/open-data/", {"year": 2018}).content.decode())
    assert 'data-year="2018"' in earlier
    assert len(re.findall(r"<th\b", earlier)) == 2  # no year before 2018 was approved


def test_an_unknown_year_shows_the_latest(client, three_years):
    for year in ("1999", "abc"):
        table = _table(client.get("/open-data/", {"year": year}).content.decode())
        assert 'data-year="2020"' in table
