import pytest

from tests.factories import MemberFactory


@pytest.mark.django_db
def test_home_page_speaks_chinese_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-hans">' in html
    assert "东莞市模具（国际）职业教育集团" in html
    assert "成员单位" in html


@pytest.mark.django_db
def test_home_page_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Member organisations" in html


@pytest.mark.django_db
def test_home_page_shows_live_member_figures(client):
    MemberFactory.create_batch(3)
    MemberFactory(left_on="2020-01-01", joined_on="2015-01-01", status="left")
    response = client.get("/")
    assert response.context["figures"]["members_total"] == 3
    assert response.context["figures"]["enterprises"] == 3


@pytest.mark.django_db
def test_static_assets_are_served_locally_not_from_a_cdn(client):
    html = client.get("/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "//cdn" not in html.lower()


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese_until_the_visitor_switches(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in html
