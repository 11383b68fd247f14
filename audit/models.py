from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Act(models.TextChoices):
    REVEAL = "reveal", _("Revealed a full ID number or phone")
    DOCUMENT = "document", _("Downloaded an application document")
    EXPORT = "export", _("Exported personal data")
    BULK_DECISION = "bulk_decision", _("Decided applications in bulk")
    DELETION = "deletion", _("Deleted a record")
    ROLE_CHANGE = "role_change", _("Changed a user's roles")
    MFA_CHANGE = "mfa_change", _("Changed two-factor login")
    TOKEN_CHANGE = "token_change", _("Created or revoked an API token")
    DATA_CALL_CLOSE = "data_call_close", _("Closed a data call")
    YEAR_CORRECTION = "year_correction", _("Corrected a frozen year")
    STAFF_LOGIN = "staff_login", _("Staff login")


# What a recorded detail key means, in words; filled by the apps that record (AppConfig.ready).
DETAIL_LABELS: dict[str, str] = {}


def register_detail_labels(labels: dict) -> None:
    DETAIL_LABELS.update(labels)


class AuditEntry(models.Model):
    """Who did what to which record, when and from where. Written once, never changed.

    Personal-data acts on an application (reveal, document, export) are its access log."""

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    user_name = models.CharField(_("user name"), max_length=150, blank=True)
    act = models.CharField(_("act"), max_length=20, choices=Act.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user_name} {self.get_act_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    @property
    def detail_display(self) -> str:
        return str(DETAIL_LABELS.get(self.detail, self.detail))

    @property
    def object_type_display(self) -> str:
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type
