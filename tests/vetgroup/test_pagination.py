"""The shared paginator reads a page's rows by their ids (a deferred join) and shows the same
rows, in the same order, as slicing the whole ordered list."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.pagination import Paginator
from members.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def twenty_members():
    # regions repeat, so the order by region alone has ties broken by name
    names = [f"单位{n:02d}" for n in range(20)]
    Member.objects.bulk_create(
        Member(name=name, kind=Member.Kind.ENTERPRISE, region=f"镇{n % 3}",
               joined_on=date(2015, 1, 1))
        for n, name in enumerate(names)
    )  # fmt: skip
    return [(f"镇{n % 3}", name) for n, name in enumerate(names)]


def test_every_page_holds_the_rows_of_the_ordered_list_in_order(twenty_members):
    expected = [name for _region, name in sorted(twenty_members, reverse=True)]
    paginator = Paginator(Member.objects.order_by("-region", "-name"), 6)
    shown = [m.name for n in paginator.page_range for m in paginator.page(n)]
    assert shown == expected
    assert [len(paginator.page(n)) for n in paginator.page_range] == [6, 6, 6, 2]


def test_a_page_is_one_query_reading_ids_then_rows(twenty_members):
    paginator = Paginator(Member.objects.order_by("name"), 6)
    paginator.count  # noqa: B018 (the count is its own query)
    with CaptureQueriesContext(connection) as queries:
        names = [m.name for m in paginator.page(3)]
    assert names == [f"单位{n:02d}" for n in range(12, 18)]
    [sql] = [q["sql"] for q in queries]
    assert "IN (SELECT" in sql and "OFFSET 12" in sql, sql


def test_a_list_that_is_not_a_queryset_is_sliced():
    page = Paginator(list(range(10)), 4).page(3)
    assert list(page) == [8, 9]
