from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notices.fields import RichTextField


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What the public sees: published and due."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    """A news article or announcement on the public site (新闻 / 公告)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Awaiting approval")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not approved")

    class Category(models.TextChoices):
        NEWS = "news", _("Group news")
        MEMBER = "member", _("Member news")
        ANNOUNCEMENT = "announcement", _("Announcement")

    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences for the news list and search engines."),
    )
    category = models.CharField(
        _("category"), max_length=16, choices=Category.choices, default=Category.NEWS
    )
    cover = models.ImageField(_("cover image"), upload_to="news/%Y/", blank=True)
    body = RichTextField(_("text"), help_text=_("Sanitised HTML."))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publish date"), default=timezone.now, db_index=True)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news",
        verbose_name=_("member organisation"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()
