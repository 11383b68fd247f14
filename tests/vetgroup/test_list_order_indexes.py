"""On PostgreSQL the lists that grow with the group read a page's ids from an index in the
list's order: a deep page walks index entries instead of sorting every matching row (issue 19;
benchmarks/scale.py measures the time)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import test_list_query_counts as lists
from tests.factories import StaffFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans of PostgreSQL"),
]

PAGES = [lists._showcase, lists._staff_members, lists._news, lists._staff_notices,
         lists._resources, lists._inbox]  # fmt: skip
API_LISTS = ["/api/v1/members/", "/api/v1/news/", "/api/v1/shared-resources/", "/api/v1/inbox/"]


def page_ids_queries(get, path: str) -> list[str]:
    """The `SELECT id … ORDER BY … LIMIT … OFFSET …` inside each paged query of page 2."""
    with CaptureQueriesContext(connection) as queries:
        response = get(f"{path}{'&' if '?' in path else '?'}page=2")
    assert response.status_code == 200, path
    found = []
    for query in queries:
        sql = query["sql"]
        start = sql.find("IN (SELECT")
        if start < 0 or "OFFSET" not in sql:
            continue
        depth, end = 0, start + 3
        for end in range(start + 3, len(sql)):
            depth += {"(": 1, ")": -1}.get(sql[end], 0)
            if depth == 0:
                break
        found.append(sql[start + 4 : end])
    assert found, (path, [q["sql"] for q in queries])
    return found


def sorts_in_plan(sql: str) -> str:
    with connection.cursor() as cursor:
        # a sort is only chosen when no index gives the order
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return plan if "Sort" in plan else ""


@pytest.mark.parametrize("build", PAGES, ids=lambda f: f.__name__.lstrip("_"))
def test_a_list_page_reads_its_ids_in_index_order(client, build):
    user, path, _size_parameter, _sizes = build()
    if user is not None:
        client.force_login(user)
    for sql in page_ids_queries(client.get, path):
        assert not sorts_in_plan(sql), sorts_in_plan(sql)


@pytest.mark.parametrize("path", API_LISTS)
def test_an_api_list_reads_its_ids_in_index_order(path):
    staff = StaffFactory()
    if lists.API_DATA[path] is None:
        lists.deliveries_to(staff)
    else:
        lists.API_DATA[path]()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=staff).key}")
    for sql in page_ids_queries(client.get, f"{path}?page_size=50"):
        assert not sorts_in_plan(sql), sorts_in_plan(sql)
