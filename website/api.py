from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from .models import Article


class ArticleSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    cover_url = serializers.SerializerMethodField()
    member = serializers.StringRelatedField()

    class Meta:
        model = Article
        fields = ["id", "title", "summary", "category", "published_at", "member", "body"]
        fields += ["url", "cover_url"]

    def get_url(self, article: Article) -> str:
        return self.context["request"].build_absolute_uri(article.get_absolute_url())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_cover_url(self, article: Article) -> str | None:
        if not article.cover:
            return None
        path = reverse("news_cover", args=[article.pk])
        return self.context["request"].build_absolute_uri(path)


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """Published news of the public website (sanitised HTML in `body`); open to everyone."""

    serializer_class = ArticleSerializer
    permission_classes = [AllowAny]
    authentication_classes = []
    filterset_fields = ["category"]

    def get_queryset(self):
        return Article.objects.published().select_related("member")


router = SimpleRouter()
router.register("news", ArticleViewSet, basename="api-news")
urlpatterns = router.urls
