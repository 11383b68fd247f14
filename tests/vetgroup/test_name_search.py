"""Partial-name search finds a term of any length anywhere in the name, and on PostgreSQL an
index serves it (trigrams from three characters, the name's characters and pairs below)."""

from datetime import date

import pytest
from django.db import connection

from core.search import name_contains
from members.models import Member

pytestmark = pytest.mark.django_db

NAMES = ["东莞市王小明模具厂", "小明科技有限公司", "Dongguan Mould Co", "长安镇职业技术学校"]


@pytest.fixture
def named_members():
    Member.objects.bulk_create(
        Member(name=name, kind=Member.Kind.ENTERPRISE, region="东莞市", joined_on=date(2015, 1, 1))
        for name in NAMES
    )  # fmt: skip


@pytest.mark.parametrize(
    "term, found",
    [
        ("明", {"东莞市王小明模具厂", "小明科技有限公司"}),
        ("小明", {"东莞市王小明模具厂", "小明科技有限公司"}),
        ("王小明", {"东莞市王小明模具厂"}),
        ("技术学", {"长安镇职业技术学校"}),
        ("mo", {"Dongguan Mould Co"}),
        ("MOULD", {"Dongguan Mould Co"}),
        ("%", set()),
        ("明x", set()),
    ],
)
def test_a_term_of_any_length_is_found_anywhere_in_the_name(named_members, term, found):
    names = Member.objects.filter(name_contains("name", term)).values_list("name", flat=True)
    assert set(names) == found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the indexes exist on PostgreSQL")
@pytest.mark.parametrize("term, index", [("小明", "members_member_name_grams"),
                                         ("明", "members_member_name_grams"),
                                         ("王小明", "members_member_name_trgm")])  # fmt: skip
def test_postgresql_serves_the_search_from_an_index(named_members, term, index):
    queryset = Member.objects.filter(name_contains("name", term)).values("pk")
    with connection.cursor() as cursor:
        # Four rows: the planner would scan the table, or walk the unique name index applying
        # the condition row by row (as it does once other tests have left statistics behind).
        # With both off, only an index that can answer the condition itself remains.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan, plan


def test_a_renamed_member_is_found_by_its_new_name_only(named_members):
    Member.objects.filter(name="小明科技有限公司").update(name="华为精工有限公司")
    assert list(
        Member.objects.filter(name_contains("name", "精工")).values_list("name", flat=True)
    ) == ["华为精工有限公司"]
    assert not Member.objects.filter(name_contains("name", "科技")).exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the stored grams exist on PostgreSQL"
)
def test_a_row_by_row_check_reads_the_stored_grams_instead_of_computing_them(named_members):
    # A common term may be checked row by row along the list's order; the check must then be a
    # comparison with the stored column, not the grams function run on every row.
    queryset = Member.objects.filter(name_contains("name", "小明")).order_by("name").values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "name_grams @>" in plan, plan
    assert "vetgroup_name_grams(" not in plan, plan
