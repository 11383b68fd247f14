import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from website.models import Article


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"集团第{n}期校企合作新闻")
    summary = "端品模具研发及工程中心签约。"
    body = "<p>3月10日，学校与企业举行签约仪式。</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=1))
