from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_MB = 30


class Access(models.TextChoices):
    PUBLIC = "public", pgettext_lazy("document access", "Public")
    MEMBERS = "members", pgettext_lazy("document access", "Members")
    STAFF = "staff", pgettext_lazy("document access", "Secretariat only")


class Folder(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("folder")
        verbose_name_plural = _("folders")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Document(models.Model):
    """A document of the library; its file is its latest version, the earlier ones kept."""

    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        RULES = "rules", _("Rules")
        MINUTES = "minutes", _("Minutes and resolutions")
        ACCREDITATION = "accreditation", _("Accreditation materials")
        TEMPLATE = "template", _("Templates and forms")
        OTHER = "other", pgettext_lazy("document kind", "Other")

    folder = models.ForeignKey(
        Folder, on_delete=models.PROTECT, related_name="documents", verbose_name=_("folder")
    )
    title = models.CharField(_("title"), max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER)
    access = models.CharField(
        _("who may read it"), max_length=16, choices=Access.choices, default=Access.MEMBERS
    )
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["folder__position", "folder__name", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("document_detail", args=[self.pk])

    @property
    def latest(self) -> "Version | None":
        versions = list(self.versions.all())  # prefetched where lists show it
        return max(versions, key=lambda v: v.number) if versions else None


class Version(models.Model):
    """One upload of a document's file: numbered 1, 2, 3 …; never replaced."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="documents/%Y/")
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("document_file", args=[self.document_id, self.number])
