from django import template

from ..models import Article

register = template.Library()


@register.inclusion_tag("website/includes/latest_news.html")
def latest_news(count: int = 3) -> dict:
    return {"articles": list(Article.objects.published()[:count])}
