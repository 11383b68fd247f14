from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vetgroup.validators import validate_mobile, validate_resident_id


class Intake(models.Model):
    """A registration round (招生批次) for one part-time programme (非全日制专业)."""

    programme = models.CharField(_("programme"), max_length=200)
    year = models.PositiveIntegerField(_("year"), db_index=True)
    quota = models.PositiveIntegerField(_("quota"), null=True, blank=True)
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(_("registration closes"))
    description = models.TextField(_("description"), blank=True)
    documents_required = models.TextField(_("documents required"), blank=True)
    online_courses = models.TextField(_("online courses"), blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-year", "programme"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="intake_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.programme}"


class Application(models.Model):
    """An applicant's registration (报名) for an intake."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for changes")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ENROLLED = "enrolled", _("Enrolled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    full_name = models.CharField(_("full name"), max_length=50)
    id_number = models.CharField(
        _("resident ID number"), max_length=18, validators=[validate_resident_id]
    )
    phone = models.CharField(_("mobile phone"), max_length=11, validators=[validate_mobile])
    education = models.CharField(_("education"), max_length=50)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason"), blank=True)
    # Set on the first submission and never cleared: "ever submitted" for the annual indicators.
    submitted_at = models.DateTimeField(_("first submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["intake", "id_number"], name="one_application_per_id_per_intake"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} → {self.intake}"
