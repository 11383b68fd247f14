import pytest
from django.urls import reverse

from notices.models import Delivery
from tests.factories import MemberFactory
from website.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db

ARTICLE = {
    "title": "集团召开2026年理事会",
    "summary": "理事会审议年度工作计划。",
    "category": "news",
    "body": "<p>会议在东莞市机电工程学校召开。</p>",
    "published_at": "2026-03-01T09:00",
    "status": "published",
}


def staff_urls(article):
    return [
        reverse("staff_news_list"),
        reverse("staff_news_create"),
        reverse("staff_news_edit", args=[article.pk]),
    ]


def test_staff_pages_open_for_staff(client_for, staff):
    article = ArticleFactory()
    for url in staff_urls(article):
        assert client_for(staff).get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["representative", "outsider"])
def test_staff_news_pages_are_forbidden_to_others(client_for, request, who):
    article = ArticleFactory(status="pending")
    client = client_for(request.getfixturevalue(who))
    for url in staff_urls(article):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("staff_news_approve", args=[article.pk])).status_code == 403
    article.refresh_from_db()
    assert article.status == "pending"


def test_staff_write_and_publish_an_article(client_for, staff, client):
    response = client_for(staff).post(reverse("staff_news_create"), ARTICLE)
    article = Article.objects.get()
    assert response.status_code == 302
    assert article.status == "published"
    client.logout()
    public = client.get(article.get_absolute_url())
    assert public.status_code == 200
    assert ARTICLE["title"] in public.content.decode()
    assert "会议在东莞市机电工程学校召开。" in public.content.decode()
    assert ARTICLE["title"] in client.get(reverse("news_list")).content.decode()


def test_staff_news_pages_show_the_articles(client_for, staff, member):
    pending = ArticleFactory(status="pending", member=member, title="成员单位投稿：新实训基地")
    published = ArticleFactory(title="集团召开校企合作推进会", body="<p>推进会共有80人参加。</p>")
    client = client_for(staff)
    listing = client.get(reverse("staff_news_list")).content.decode()
    assert pending.title in listing and published.title in listing
    edit = client.get(reverse("staff_news_edit", args=[published.pk])).content.decode()
    assert f'value="{published.title}"' in edit and "推进会共有80人参加。" in edit
    blank = client.get(reverse("staff_news_create")).content.decode()
    assert 'name="title"' in blank and published.title not in blank


def test_invalid_article_is_refused_whole_and_keeps_the_text(client_for, staff):
    data = {**ARTICLE, "title": "", "body": "<p>保留正文</p>"}
    response = client_for(staff).post(reverse("staff_news_create"), data)
    assert response.status_code == 200
    assert "title" in response.context["form"].errors
    assert "保留正文" in response.content.decode()
    assert not Article.objects.exists()


def test_representative_submits_news_that_shows_only_after_approval(
    client_for, representative, member, staff, client
):
    rep_client = client_for(representative)
    assert rep_client.get(reverse("member_news_create")).status_code == 200
    rep_client.post(
        reverse("member_news_create"),
        {"member": member.pk, "title": "我司与学校共建实训基地", "body": "<p>签约。</p>"},
    )
    article = Article.objects.get()
    assert article.status == "pending"
    assert article.member == member
    assert article.submitted_by == representative
    own = rep_client.get(reverse("member_news_list")).content.decode()
    assert "我司与学校共建实训基地" in own
    assert "我司与学校共建实训基地" not in client.get(reverse("news_list")).content.decode()
    staff_client = client_for(staff)
    staff_client.post(reverse("staff_news_approve", args=[article.pk]))
    article.refresh_from_db()
    assert article.status == "published"
    assert "我司与学校共建实训基地" in client.get(reverse("news_list")).content.decode()
    # The representative hears about it in the inbox.
    assert Delivery.objects.filter(user=representative).exists()


def test_staff_decline_with_a_reason(client_for, staff, representative, member):
    article = ArticleFactory(status="pending", member=member, submitted_by=representative)
    client = client_for(staff)
    client.post(reverse("staff_news_reject", args=[article.pk]), {"note": ""})
    article.refresh_from_db()
    assert article.status == "pending"
    client.post(reverse("staff_news_reject", args=[article.pk]), {"note": "请补充照片"})
    article.refresh_from_db()
    assert article.status == "rejected"
    assert article.review_note == "请补充照片"
    delivery = Delivery.objects.get(user=representative)
    assert "请补充照片" in delivery.notice.body


def test_representative_cannot_submit_for_another_member(client_for, representative):
    other = MemberFactory()
    client_for(representative).post(
        reverse("member_news_create"), {"member": other.pk, "title": "x", "body": "<p>x</p>"}
    )
    assert not Article.objects.exists()


def test_users_without_a_member_cannot_submit_news(client_for, outsider, staff):
    for user in (outsider, staff):
        assert client_for(user).get(reverse("member_news_create")).status_code == 404
        assert client_for(user).get(reverse("member_news_list")).status_code == 404


def test_staff_news_list_has_a_fixed_number_of_queries(
    client_for, staff, member, django_assert_max_num_queries
):
    for _ in range(12):
        ArticleFactory(member=member)
    client = client_for(staff)
    # and one for the staff user's roles, two for the site's texts (once per cache period)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("staff_news_list"))
    assert len(response.context["page"]) == 12
