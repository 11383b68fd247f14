import os
import uuid
from datetime import date

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from audit.models import Act
from audit.services import entries_for
from vetgroup.fields import NameField
from vetgroup.privacy import mask_id_number, mask_phone
from vetgroup.validators import (
    resident_id_birth_date,
    resident_id_sex,
    validate_mobile,
    validate_resident_id,
)

from .crypto import EncryptedCharField, lookup_hash


class DocumentKind(models.TextChoices):
    ID_FRONT = "id_front", _("ID card, front")
    ID_BACK = "id_back", _("ID card, back")
    DIPLOMA = "diploma", _("Last diploma")
    PHOTO = "photo", _("Photo")
    OTHER = "other", _("Other document")


class IntakeQuerySet(models.QuerySet):
    def open_at(self, moment):
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)

    def open_now(self):
        return self.open_at(timezone.now())

    def public(self):
        """Open now or opening later: what visitors may register for."""
        return self.filter(closes_at__gt=timezone.now()).order_by("opens_at", "programme")


class Intake(models.Model):
    """A registration round (招生批次) for one part-time programme (非全日制专业)."""

    programme = models.CharField(_("programme"), max_length=200)
    year = models.PositiveIntegerField(_("year"), db_index=True)
    quota = models.PositiveIntegerField(_("quota"), null=True, blank=True)
    opens_at = models.DateTimeField(_("registration opens"))
    closes_at = models.DateTimeField(_("registration closes"), db_index=True)
    description = models.TextField(_("description"), blank=True)
    documents_required = models.TextField(_("documents required"), blank=True)
    document_kinds = models.JSONField(
        _("required uploads"),
        default=list,
        blank=True,
        help_text=_("The documents an applicant must upload before submitting."),
    )
    online_courses = models.TextField(
        _("online courses"),
        blank=True,
        help_text=_("Links and instructions sent to applicants when they are enrolled."),
    )

    school = models.ForeignKey(
        "members.Member",
        verbose_name=_("school"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intakes",
        help_text=_("The member school running the intake; its teachers may review it."),
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewers"),
        blank=True,
        related_name="reviewed_intakes",
        help_text=_("Staff with the enrollment reviewer role who decide its applications."),
    )

    objects = IntakeQuerySet.as_manager()

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

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def required_documents_text(self) -> str:
        return pgettext("list separator", ", ").join(map(str, self.required_document_labels()))

    def required_document_labels(self) -> list[str]:
        labels = dict(DocumentKind.choices)
        return [labels[kind] for kind in self.document_kinds if kind in labels]


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

    class Education(models.TextChoices):
        # The stored values are the Chinese terms, as the form has always saved them.
        JUNIOR_SECONDARY = "初中", _("Junior secondary school")
        SENIOR_SECONDARY = "高中", _("Senior secondary school")
        SECONDARY_VOCATIONAL = "中专/职高/技校", _("Secondary vocational school")
        COLLEGE = "大专及以上", _("College or above")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # "Approved" in every count (quota, funnel, report): approved or already enrolled.
    COUNTING_FOR_QUOTA = (Status.APPROVED, Status.ENROLLED)

    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    full_name = NameField(_("full name"), max_length=50)
    # Personal data: encrypted at rest, with keyed hashes (and the last 4 characters, which
    # the masked form shows anyway) for uniqueness, duplicates and search.
    id_number = EncryptedCharField(
        _("resident ID number"), validators=[validate_resident_id], form_max_length=18
    )
    id_number_hash = models.CharField(max_length=64, editable=False, db_index=True)
    id_tail = models.CharField(max_length=4, editable=False, db_index=True)
    phone = EncryptedCharField(_("mobile phone"), validators=[validate_mobile], form_max_length=11)
    phone_hash = models.CharField(max_length=64, editable=False, db_index=True)
    phone_tail = models.CharField(max_length=4, editable=False, db_index=True)
    education = models.CharField(_("education"), max_length=50, choices=Education.choices)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
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
                fields=["intake", "id_number_hash"], name="one_application_per_id_per_intake"
            )
        ]
        # The staff review queue's order (enrollment.selectors.review_queue).
        indexes = [models.Index(fields=["-submitted_at", "-id"], name="application_queue_idx")]

    def __str__(self) -> str:
        return f"{self.full_name} → {self.intake}"

    def save(self, *args, **kwargs):
        # The lookup columns are a storage detail of the encrypted ones: kept in step here so
        # that no code path (form, API, admin, factory) can store one without the other.
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.set_lookups()
        elif {"id_number", "phone"} & set(update_fields):
            self.set_lookups()
            kwargs["update_fields"] = {
                *update_fields,
                "id_number_hash",
                "id_tail",
                "phone_hash",
                "phone_tail",
            }
        super().save(*args, **kwargs)

    @property
    def access_log(self):
        """Who saw this application's personal data (PIPL): its entries in the audit trail."""
        return entries_for(self).filter(act__in=[Act.REVEAL, Act.DOCUMENT, Act.EXPORT])

    def set_lookups(self) -> None:
        """Derive the hashes and tails from the clear values (bulk_create callers call this)."""
        self.id_number = (self.id_number or "").strip().upper()
        self.id_number_hash = lookup_hash(self.id_number)
        self.id_tail = self.id_number[-4:]
        self.phone_hash = lookup_hash(self.phone)
        self.phone_tail = (self.phone or "")[-4:]

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def birth_date(self) -> date | None:
        return resident_id_birth_date(self.id_number) if self.id_number else None

    @property
    def sex(self) -> str:
        return resident_id_sex(self.id_number) if len(self.id_number or "") == 18 else ""

    @cached_property
    def missing_document_kinds(self) -> list[str]:
        if not self.intake.document_kinds:
            return []  # nothing to upload: no query for the documents
        present = {d.kind for d in self.documents.all()}
        return [kind for kind in self.intake.document_kinds if kind not in present]

    def status_badge(self) -> str:
        return {
            "draft": "secondary",
            "submitted": "primary",
            "returned": "warning",
            "approved": "success",
            "rejected": "danger",
            "enrolled": "success",
            "withdrawn": "dark",
        }[self.status]


def application_approved() -> Q:
    return Q(status__in=Application.COUNTING_FOR_QUOTA)


def application_ever_submitted() -> Q:
    """Registered: not a draft, and not one withdrawn before its first submission (submitted_at
    is set on the first submission and never cleared)."""
    S = Application.Status
    return ~Q(status=S.DRAFT) & ~Q(status=S.WITHDRAWN, submitted_at__isnull=True)


def application_registered_for(year: int) -> Q:
    """Applications to the year's intakes that were ever submitted (`enrollment_registered`)."""
    return Q(intake__year=year) & application_ever_submitted()


class ApplicationEvent(models.Model):
    """One status change of an application: who, when, why (the review's audit trail)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16)
    from_status = models.CharField(_("from"), max_length=16, choices=Application.Status.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=Application.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("application event")
        verbose_name_plural = _("application events")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class PrivateStorage(FileSystemStorage):
    """Uploads live under DATA_DIR/private, which no URL maps to (read at each use)."""

    @property
    def base_location(self):
        return settings.DATA_DIR / "private"

    @property
    def location(self):
        return os.path.abspath(self.base_location)


_private_storage = PrivateStorage()


def private_storage() -> FileSystemStorage:
    return _private_storage


def document_path(instance: "Document", filename: str) -> str:
    # A random name: nothing guessable, and the original name is kept in the row only.
    return f"enrollment/{uuid.uuid4().hex}"


class Document(models.Model):
    """An uploaded document, kept outside MEDIA_ROOT and served only to its owner and staff."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=document_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_document_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.original_name})"

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Notification(models.Model):
    """The applicant's notice of one status change: shown in the area and sent by e-mail once."""

    class Delivery(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.OneToOneField(
        ApplicationEvent, on_delete=models.CASCADE, related_name="notification"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollment_notices"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    delivery = models.CharField(max_length=8, choices=Delivery.choices, default=Delivery.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The text message of a decision (returned, approved, rejected, enrolled), queued once with
    # the notification.
    sms = models.OneToOneField(
        "sms.SmsMessage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject
