import pytest

from tests.factories import MemberFactory

URL = "/staff/members/"


def names(response) -> list[str]:
    return [m.name for m in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


@pytest.mark.parametrize("who", ["representative", "outsider"])
def test_non_staff_are_refused(client_for, request, who):
    assert client_for(request.getfixturevalue(who)).get(URL).status_code == 403


def test_search_by_partial_chinese_name(client_for, staff):
    MemberFactory(name="东莞市端品精密科技有限公司")
    MemberFactory(name="东莞市艾尔玛科技有限公司")
    response = client_for(staff).get(URL, {"search": "端品"})
    assert response.status_code == 200
    assert names(response) == ["东莞市端品精密科技有限公司"]
    assert "东莞市端品精密科技有限公司" in response.content.decode()


def test_filters_by_kind_status_region_industry_and_role(client_for, staff):
    MemberFactory(name="甲", kind="university", region="广州市", industry="高等教育")
    MemberFactory(name="乙", status="suspended", group_role="vice_chair", industry="无人机")
    MemberFactory(name="丙", region="东莞市虎门镇")
    client = client_for(staff)
    assert names(client.get(URL, {"kind": "university"})) == ["甲"]
    assert names(client.get(URL, {"status": "suspended"})) == ["乙"]
    assert names(client.get(URL, {"group_role": "vice_chair"})) == ["乙"]
    assert names(client.get(URL, {"region": "虎门"})) == ["丙"]
    assert names(client.get(URL, {"industry": "无人机"})) == ["乙"]


def test_sorts_by_joining_date(client_for, staff):
    MemberFactory(name="早", joined_on="2013-10-18")
    MemberFactory(name="晚", joined_on="2021-11-10")
    client = client_for(staff)
    assert names(client.get(URL, {"sort": "-joined"})) == ["晚", "早"]
    assert names(client.get(URL, {"sort": "joined"})) == ["早", "晚"]


def test_counts_by_kind_are_shown(client_for, staff):
    MemberFactory.create_batch(3, kind="enterprise")
    MemberFactory(kind="government")
    counts = {k: n for k, _, n in client_for(staff).get(URL).context["counts"]}
    assert counts["enterprise"] == 3
    assert counts["government"] == 1
    assert counts["university"] == 0


def test_directory_runs_a_fixed_number_of_queries_at_any_page_size(
    client_for, staff, django_assert_max_num_queries
):
    MemberFactory.create_batch(420)
    client = client_for(staff)
    client.get(URL)  # the first staff request of a session writes its idle-timeout expiry
    for size in (25, 200):
        # session, user, counts by kind, pending applications, page count, page rows
        with django_assert_max_num_queries(8):
            response = client.get(URL, {"page_size": size, "page": 2})
        assert len(response.context["page"]) == size


def test_pages_through_the_list(client_for, staff):
    MemberFactory.create_batch(30)
    response = client_for(staff).get(URL, {"page_size": 25, "page": 2})
    assert len(response.context["page"]) == 5
