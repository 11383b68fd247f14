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
        indexes = [models.Index(fields=["published_at", "id"], name="article_order_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news_detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at <= timezone.now()


class SiteProfile(models.Model):
    """The group's profile, one row, edited by staff: its name shows on every page (the
    GROUP_NAME setting until a name is saved here)."""

    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    guiding_body_zh = models.CharField(_("guiding body (Chinese)"), max_length=100, blank=True)
    guiding_body_en = models.CharField(_("guiding body (English)"), max_length=200, blank=True)
    lead_school_zh = models.CharField(_("lead school (Chinese)"), max_length=100, blank=True)
    lead_school_en = models.CharField(_("lead school (English)"), max_length=200, blank=True)
    accreditation_zh = models.TextField(
        _("accreditations (Chinese)"), blank=True, help_text=_("One per line.")
    )
    accreditation_en = models.TextField(
        _("accreditations (English)"), blank=True, help_text=_("One per line.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("group profile")
        verbose_name_plural = _("group profile")

    def __str__(self) -> str:
        return self.name_zh

    def _in_language(self, field: str, language: str) -> str:
        english = getattr(self, f"{field}_en") if language.startswith("en") else ""
        return english or getattr(self, f"{field}_zh")

    def localized(self, language: str) -> dict:
        lines = self._in_language("accreditation", language)
        return {
            "name": self._in_language("name", language),
            "founded_on": self.founded_on,
            "guiding_body": self._in_language("guiding_body", language),
            "lead_school": self._in_language("lead_school", language),
            "accreditations": [line.strip() for line in lines.splitlines() if line.strip()],
        }


class SiteText(models.Model):
    """A text of the public site in both languages, sanitised rich text."""

    class Key(models.TextChoices):
        HOME_INTRO = "home_intro", _("Home page introduction")
        ABOUT = "about", _("About page")
        CONTACT = "contact", _("Contact page")
        FOOTER = "footer", _("Footer")

    key = models.CharField(_("text"), max_length=16, choices=Key.choices, unique=True)
    body_zh = RichTextField(_("text (Chinese)"))
    body_en = RichTextField(_("text (English)"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("site text")
        verbose_name_plural = _("site texts")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.get_key_display()

    def body(self, language: str) -> str:
        return (self.body_en if language.startswith("en") else "") or self.body_zh
