import pytest
from django.urls import reverse

from website.models import Article

pytestmark = pytest.mark.django_db

PAYLOAD = (
    '<p>正文</p><script>alert("xss")</script><img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(2)">链接</a><iframe src="https://evil.example"></iframe>'
)


def assert_clean(html: str) -> None:
    lowered = html.lower()
    assert 'alert("xss")' not in html
    assert "onerror" not in lowered
    assert "javascript:alert" not in lowered
    assert "evil.example" not in lowered


def test_staff_article_with_script_is_sanitised(client_for, staff, client):
    client_for(staff).post(
        reverse("staff_news_create"),
        {"title": "<script>alert(3)</script>新闻", "body": PAYLOAD, "category": "news",
         "published_at": "2026-01-01T08:00", "status": "published"},
    )  # fmt: skip
    article = Article.objects.get()
    assert_clean(article.body)
    assert "<p>正文</p>" in article.body
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    body = page.split('data-testid="article-body">')[1].split("</div>")[0]
    assert_clean(body)
    assert "<script>alert(3)" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;新闻" in page


def test_member_submission_with_script_is_sanitised(client_for, representative, member):
    client_for(representative).post(
        reverse("member_news_create"),
        {"member": member.pk, "title": "合作新闻", "body": PAYLOAD},
    )
    assert_clean(Article.objects.get().body)
