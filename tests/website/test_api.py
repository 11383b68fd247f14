import pytest

from .factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_news_api_lists_published_articles_to_anyone(api_client):
    shown = ArticleFactory()
    ArticleFactory(status="draft")
    body = api_client.get("/api/v1/news/").json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["title"] == shown.title
    assert item["url"] == f"http://testserver/news/{shown.pk}/"
    assert item["cover_url"] is None


def test_news_api_hides_drafts(api_client):
    draft = ArticleFactory(status="draft")
    assert api_client.get(f"/api/v1/news/{draft.pk}/").status_code == 404
