import pytest

from website import demo
from website.models import Article

pytestmark = pytest.mark.django_db


def test_demo_news_loads_once_and_keeps_edits():
    assert demo.load() == "5 published news articles"
    article = Article.objects.get(title__startswith="学校携手端品")
    article.summary = "秘书处改过的摘要"
    article.save()
    demo.load()
    assert Article.objects.count() == 5
    article.refresh_from_db()
    assert article.summary == "秘书处改过的摘要"
