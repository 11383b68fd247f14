"""A year in which nothing was recorded says so and offers the latest year that has data; the
trend chart keeps small series readable next to hundreds of applicants."""

from datetime import date

import pytest
from django.utils import timezone

from reports.selectors import trend_chart, year_trend
from tests.factories import MemberFactory

from .factories import ApplicationFactory, IntakeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["/staff/", "/staff/reports/"])
def test_a_year_without_data_says_so_and_links_the_latest_year_with_data(page, client_for, staff):
    MemberFactory(joined_on=date(2019, 5, 1))
    client = client_for(staff)
    empty = client.get(page, {"year": 2023}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="no-data"' in empty and "2023 年尚无记录" in empty
    assert f'href="{page}?year=2019"' in empty
    recorded = client.get(page, {"year": 2019}).content.decode()
    assert 'data-testid="no-data"' not in recorded


def test_a_year_with_only_registrations_has_data(client_for, staff):
    ApplicationFactory(
        intake=IntakeFactory(year=2022), status="submitted", submitted_at=timezone.now()
    )
    page = client_for(staff).get("/staff/", {"year": 2022}).content.decode()
    assert 'data-testid="no-data"' not in page


def test_applicants_are_drawn_against_their_own_axis():
    chart = trend_chart(year_trend(timezone.localdate().year))
    axes = {d["label"]: d["yAxisID"] for d in chart["datasets"]}
    assert sorted(axes.values()).count("y1") == 1
    assert set(chart["axes"]) == {"y", "y1"}
