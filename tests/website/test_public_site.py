import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from members.models import Member
from tests.factories import MemberFactory
from website.models import Article

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def png(name="cover.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (11, 93, 122)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_news_list_shows_published_articles_only(client):
    shown = ArticleFactory(title="已发布的新闻")
    ArticleFactory(title="草稿新闻", status=Article.Status.DRAFT)
    ArticleFactory(title="待审核新闻", status=Article.Status.PENDING)
    ArticleFactory(title="未来新闻", published_at=timezone.now() + timezone.timedelta(days=3))
    html = client.get(reverse("news_list")).content.decode()
    assert shown.title in html
    for hidden in ("草稿新闻", "待审核新闻", "未来新闻"):
        assert hidden not in html


def test_news_list_is_paged_newest_first(client, django_assert_max_num_queries):
    now = timezone.now()
    for i in range(23):
        ArticleFactory(title=f"新闻{i:02d}", published_at=now - timezone.timedelta(hours=i + 1))
    with django_assert_max_num_queries(4):
        first = client.get(reverse("news_list"))
    assert [a.title for a in first.context["page"]][:2] == ["新闻00", "新闻01"]
    assert len(first.context["page"]) == 10
    last = client.get(reverse("news_list"), {"page": 3})
    assert len(last.context["page"]) == 3


def test_article_page_has_title_description_and_open_graph_tags(client):
    article = ArticleFactory(title="端品模具设计191班开班", summary="25名学生入选。", cover=png())
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<title>端品模具设计191班开班 · " in html
    assert '<meta name="description" content="25名学生入选。">' in html
    assert '<meta property="og:title" content="端品模具设计191班开班">' in html
    assert '<meta property="og:type" content="article">' in html
    cover_url = f"http://testserver/news/{article.pk}/cover/"
    assert f'<meta property="og:image" content="{cover_url}">' in html


def test_cover_image_is_served(client):
    article = ArticleFactory(cover=png())
    response = client.get(reverse("news_cover", args=[article.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    response.close()


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_unpublished_articles_are_not_found_by_the_public(client_for, outsider, status):
    article = ArticleFactory(status=status, cover=png())
    for client in (client_for(outsider),):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(reverse("news_cover", args=[article.pk])).status_code == 404


def test_staff_preview_unpublished_articles(client_for, staff):
    article = ArticleFactory(
        status="draft", title="草稿：集团年会筹备", body="<p>年会定于12月举行。</p>"
    )
    published = ArticleFactory(title="已发布：校企签约仪式")
    response = client_for(staff).get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert article.title in page and "年会定于12月举行。" in page
    assert "预览：本文尚未公开。" in page  # "Preview: this article is not public."
    public = client_for(staff).get(published.get_absolute_url()).content.decode()
    assert published.title in public and "预览：本文尚未公开。" not in public


def test_about_showcase_and_contact_pages(client):
    MemberFactory(name="东莞市艾尔玛科技有限公司")
    MemberFactory(name="东莞职业技术学院", kind=Member.Kind.UNIVERSITY)
    MemberFactory(name="已退出公司", status="left", joined_on="2015-01-01", left_on="2019-01-01")
    assert "2013" in client.get(reverse("about")).content.decode()
    showcase = client.get(reverse("member_showcase")).content.decode()
    assert "东莞市艾尔玛科技有限公司" in showcase and "东莞职业技术学院" in showcase
    assert "已退出公司" not in showcase
    only_universities = client.get(
        reverse("member_showcase"), {"kind": "university"}
    ).content.decode()
    assert "东莞市艾尔玛科技有限公司" not in only_universities
    assert "secretariat@vetgroup.local" in client.get(reverse("contact")).content.decode()


def test_public_pages_speak_chinese_and_switch_to_english(client):
    ArticleFactory()
    html = client.get(reverse("news_list")).content.decode()
    assert "新闻动态" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/news/"})
    html = client.get(reverse("news_list")).content.decode()
    assert '<html lang="en">' in html
    assert ">News<" in html


def test_sitemap_lists_pages_and_published_articles(client):
    article = ArticleFactory()
    draft = ArticleFactory(status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"/news/{article.pk}/</loc>" in xml
    assert f"/news/{draft.pk}/</loc>" not in xml
    for path in ("/about/", "/members/", "/contact/", "/news/"):
        assert f"{path}</loc>" in xml


def test_home_page_shows_the_latest_news(client):
    ArticleFactory(title="最新的一条新闻")
    html = client.get("/").content.decode()
    assert "最新的一条新闻" in html
    assert 'data-testid="latest-news"' in html


def test_contact_page_lists_the_intakes_open_for_registration(client):
    from tests.notices.factories import IntakeFactory

    IntakeFactory(programme="模具制造技术")
    IntakeFactory(
        programme="已截止专业",
        opens_at=timezone.now() - timezone.timedelta(days=60),
        closes_at=timezone.now() - timezone.timedelta(days=30),
    )
    html = client.get(reverse("contact")).content.decode()
    assert "模具制造技术" in html
    assert "已截止专业" not in html


def test_news_pages_link_the_ends_and_the_neighbours_not_every_page(client):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(title=f"新闻{i:03d}", body="<p>正文</p>", status=Article.Status.PUBLISHED,
                published_at=now - timezone.timedelta(hours=i + 1))
        for i in range(200)
    )  # fmt: skip
    html = client.get(reverse("news_list"), {"page": 10}).content.decode()
    linked = {int(n) for n in re.findall(r'page=(\d+)">\d+</a>', html)}
    assert linked == {1, 8, 9, 10, 11, 12, 20}
    assert "…" in html
