from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article


class PagesSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self) -> list[str]:
        return ["public_home", "news_list", "about", "member_showcase", "contact"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Article.objects.published().order_by("-published_at")

    def lastmod(self, article: Article):
        return article.updated_at


SITEMAPS = {"pages": PagesSitemap, "news": ArticleSitemap}
