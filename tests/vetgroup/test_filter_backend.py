"""The API lists' filter backend builds django-filter's form only when a request names one of
the list's filters; asked or not, the answer is the one django-filter gives."""

from unittest import mock

import django_filters
import pytest
from rest_framework.test import APIRequestFactory

from core.filters import _names_a_filter
from members.filters import MemberFilter
from tests.factories import MemberFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_api(client):
    client.force_login(StaffFactory())
    return client


def names(response) -> set[str]:
    return {row["name"] for row in response.json()["results"]}


def test_a_list_without_filter_parameters_builds_no_filter_form(staff_api):
    MemberFactory(name="东莞市甲模具厂")
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school")
    with mock.patch.object(MemberFilter, "__init__", side_effect=AssertionError("built")):
        response = staff_api.get("/api/v1/members/", {"page_size": 50, "ordering": "name"})
    assert response.status_code == 200
    assert names(response) == {"东莞市甲模具厂", "东莞市机电工程学校"}


def test_a_named_filter_still_filters_and_refuses_a_bad_value(staff_api):
    MemberFactory(name="东莞市甲模具厂")
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school")
    assert names(staff_api.get("/api/v1/members/", {"kind": "vocational_school"})) == {
        "东莞市机电工程学校"
    }
    assert names(staff_api.get("/api/v1/members/", {"search": "模具"})) == {"东莞市甲模具厂"}
    assert staff_api.get("/api/v1/members/", {"kind": "spaceship"}).status_code == 400


class RangeFilter(django_filters.FilterSet):
    joined = django_filters.DateFromToRangeFilter(field_name="joined_on")


@pytest.mark.parametrize(
    "query, named",
    [({"joined_after": "2020-01-01"}, True), ({"joined_before": "2020-01-01"}, True),
     ({"page": "2", "page_size": "20"}, False), ({}, False)],
)  # fmt: skip
def test_a_range_filters_suffixed_parameters_count_as_naming_it(query, named):
    drf_request = mock.Mock(query_params=APIRequestFactory().get("/", query).GET)
    assert _names_a_filter(drf_request, RangeFilter) is named
