from datetime import date

from core import datacache
from tests.factories import MemberFactory


def test_showcase_lists_active_members_that_chose_to_be_shown(client, db):
    MemberFactory(name="展示企业", description="精密模具企业")
    MemberFactory(name="不公开企业", show_in_showcase=False)
    MemberFactory(
        name="已退出企业", status="left", left_on=date(2022, 1, 1), joined_on=date(2015, 1, 1)
    )
    MemberFactory(name="申请中企业", status="applying", joined_on=None)
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school")
    response = client.get("/members/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "展示企业" in html and "精密模具企业" in html and "东莞市机电工程学校" in html
    for hidden in ["不公开企业", "已退出企业", "申请中企业"]:
        assert hidden not in html
    only_schools = client.get("/members/", {"kind": "vocational_school"}).content.decode()
    assert "东莞市机电工程学校" in only_schools and "展示企业" not in only_schools


def test_showcase_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    MemberFactory.create_batch(80)
    # 4, and two for the site's texts (the name and footer, read once per cache period)
    with django_assert_max_num_queries(6):
        assert client.get("/members/", {"page": 2}).status_code == 200


def test_showcase_counts_are_kept_until_a_member_changes(
    client, db, django_assert_num_queries, monkeypatch
):
    monkeypatch.setattr(datacache, "SETTLE", 0)  # the members were made a moment ago
    first = MemberFactory(name="展示企业甲")
    MemberFactory(name="东莞市机电工程学校", kind="vocational_school")
    client.get("/members/")  # counts kept, site texts read
    with django_assert_num_queries(1):  # the page alone: no counting of the whole table
        page = client.get("/members/", {"kind": "enterprise"}).context["page"]
    assert page.paginator.count == 1 and [m.name for m in page] == ["展示企业甲"]
    first.show_in_showcase = False
    first.save()
    response = client.get("/members/")
    assert response.context["total"] == 1
    assert dict((kind, n) for kind, _label, n in response.context["counts"])["enterprise"] == 0
