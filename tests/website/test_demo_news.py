import pytest

from website import demo
from website.models import Article, SiteProfile, SiteText

pytestmark = pytest.mark.django_db


def test_demo_news_loads_once_and_keeps_edits():
    # 5 articles; the home introduction, about, contact and footer texts
    assert demo.load() == "5 published news articles, 4 site texts"
    article = Article.objects.get(title__startswith="学校携手端品")
    article.summary = "秘书处改过的摘要"
    article.save()
    demo.load()
    assert Article.objects.count() == 5
    article.refresh_from_db()
    assert article.summary == "秘书处改过的摘要"


def test_demo_site_texts_come_from_seed_000_and_keep_edits():
    demo.load()
    profile = SiteProfile.objects.get()
    # seed 000: 成立于 2013 年 10 月, 在东莞市教育局的主导下, 由东莞市机电工程学校牵头
    assert (profile.founded_on.year, profile.founded_on.month) == (2013, 10)
    assert profile.guiding_body_zh == "东莞市教育局"
    assert profile.lead_school_zh == "东莞市机电工程学校"
    assert "全国示范性职业教育集团（联盟）培育单位" in profile.accreditation_zh
    footer = SiteText.objects.get(key="footer")
    footer.body_zh = "<p>秘书处改过的页脚</p>"
    footer.save()
    profile.name_zh = "改过的名称"
    profile.save()
    demo.load()
    assert SiteText.objects.get(key="footer").body_zh == "<p>秘书处改过的页脚</p>"
    assert SiteProfile.objects.get().name_zh == "改过的名称"
