import os
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from audit.models import Act
from audit.services import entries_for
from core.fields import NameField
from core.privacy import mask_id_number, mask_phone
from core.validators import (
    resident_id_birth_date,
    resident_id_sex,
    validate_mobile,
    validate_resident_id,
)

from .codes import ETHNICITY_CHOICES, POLITICAL_STATUS_CHOICES, validate_household_region
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
    starts_on = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Printed on the admission letters.")
    )
    report_place = models.CharField(
        _("where to report"),
        max_length=200,
        blank=True,
        help_text=_("Where the enrolled report on the first day; printed on the letters."),
    )
    offer_days = models.PositiveSmallIntegerField(
        _("days to accept an offered place"),
        null=True,
        blank=True,
        help_text=_("For the waiting list; empty: the portal's default."),
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

    def offer_period(self) -> timedelta:
        return timedelta(days=self.offer_days or settings.ENROLLMENT_OFFER_DAYS)

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
    # The student register's own fields (学籍), exported in its column order (enrollment.roster).
    ethnicity = models.CharField(
        _("ethnic group"), max_length=2, choices=ETHNICITY_CHOICES, blank=True
    )
    political_status = models.CharField(
        _("political status"), max_length=2, choices=POLITICAL_STATUS_CHOICES, blank=True
    )
    household_region = models.CharField(
        _("household registration"),
        max_length=100,
        blank=True,
        validators=[validate_household_region],
    )
    previous_school = models.CharField(_("previous school"), max_length=100, blank=True)
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
    # The waiting list (an approval beyond the quota): the status stays "submitted"; the rank
    # orders the list, the deadline marks a place offered and held until then.
    waitlisted_at = models.DateTimeField(_("put on the waiting list"), null=True, blank=True)
    waitlist_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
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
    def on_waitlist(self) -> bool:
        return self.status == self.Status.SUBMITTED and self.waitlist_rank is not None

    @property
    def has_offer(self) -> bool:
        return self.status == self.Status.SUBMITTED and self.offer_expires_at is not None

    @property
    def holds_place(self) -> bool:
        return self.status in self.COUNTING_FOR_QUOTA or self.has_offer

    @cached_property
    def waitlist_position(self) -> int | None:
        """1 for the first on the list (ranks may have gaps once people leave it)."""
        if not self.on_waitlist:
            return None
        ahead = Application.objects.filter(
            waiting(), intake_id=self.intake_id, waitlist_rank__lt=self.waitlist_rank
        )
        return ahead.count() + 1

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


def waiting() -> Q:
    """On the waiting list, without an offer yet."""
    return Q(status=Application.Status.SUBMITTED, waitlist_rank__isnull=False)


def holding_place() -> Q:
    """Counted against the quota: approved, enrolled, or offered a place not yet expired."""
    return Q(status__in=Application.COUNTING_FOR_QUOTA) | Q(
        status=Application.Status.SUBMITTED, offer_expires_at__isnull=False
    )


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

    # The waiting list's steps leave the status as it is (or withdraw, for an offer let lapse):
    # their action names them.
    WAITLIST_LABELS = {
        "waitlist": _("Put on the waiting list"),
        "offer": _("Offered a place"),
        "accept": _("Offer accepted"),
        "offer_expired": _("Offer expired"),
        "waitlist_move": _("Moved on the waiting list"),
        "letter_revoke": _("Admission letter revoked"),
    }

    # Staff bookkeeping the applicant is not sent a notice of.
    SILENT_ACTIONS = ("waitlist_move",)

    @property
    def label(self) -> str:
        label = self.WAITLIST_LABELS.get(self.action)
        return str(label) if label else self.get_to_status_display()


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
    """The applicant's notice of one status change: shown in the area, and e-mailed (and for a
    decision texted) once through the outbox."""

    event = models.OneToOneField(
        ApplicationEvent, on_delete=models.CASCADE, related_name="notification"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollment_notices"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The e-mail, and the text of a decision (returned, approved, rejected, enrolled), queued
    # in the outbox with the notification.
    message = models.OneToOneField(
        "outbox.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.OneToOneField(
        "outbox.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.subject


class AdmissionLetter(models.Model):
    """The admission letter (录取通知书) of an enrolled application, verified by its QR code."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="letter")
    number = models.CharField(_("letter number"), max_length=32, unique=True)
    token = models.CharField(max_length=32, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("admission letter")
        verbose_name_plural = _("admission letters")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class Question(models.Model):
    """A question of the intake's own, added by staff: asked on the form after the fixed fields.

    Once answered, its kind is locked and its choices can be renamed or added to but not
    removed (their keys are what answers store), so no answer ever changes meaning."""

    class Kind(models.TextChoices):
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
        YES_NO = "yes_no", _("Yes or no")
        FILE = "file", _("File upload")

    CHOICE_KINDS = (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE)
    FILTERABLE_KINDS = (*CHOICE_KINDS, Kind.YES_NO)

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("order of a question", "position"), default=0
    )
    kind = models.CharField(
        pgettext_lazy("type of a question", "type"), max_length=16, choices=Kind.choices
    )
    label_zh = models.CharField(_("question (Chinese)"), max_length=200)
    label_en = models.CharField(_("question (English)"), max_length=200, blank=True)
    help_zh = models.CharField(_("help text (Chinese)"), max_length=300, blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # [{"key": "1", "zh": "...", "en": "..."}]: the key is stored in answers, never reused.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    active = models.BooleanField(
        _("asked"), default=True, help_text=_("A question no longer asked keeps its answers.")
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["intake", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @staticmethod
    def _in_language(zh: str, en: str) -> str:
        from django.utils.translation import get_language

        return en if en and (get_language() or "").startswith("en") else zh

    @property
    def label(self) -> str:
        return self._in_language(self.label_zh, self.label_en)

    @property
    def help(self) -> str:
        return self._in_language(self.help_zh, self.help_en)

    def choice_items(self) -> list[tuple[str, str]]:
        """(key, label in the user's language) for a choice or yes/no question."""
        if self.kind == self.Kind.YES_NO:
            return [("yes", str(_("Yes"))), ("no", str(_("No")))]
        return [(c["key"], self._in_language(c["zh"], c.get("en", ""))) for c in self.choices]

    @property
    def is_answered(self) -> bool:
        return self.answers.exists()


def answer_file_path(instance: "Answer", filename: str) -> str:
    return f"enrollment/answers/{uuid.uuid4().hex}"


class Answer(models.Model):
    """An application's answer to one of its intake's questions.

    `value` holds text, a number or date as text, a choice key, a list of keys, or true/false;
    `keys` the chosen keys as |k1|k2| for the review queue's filter (any database)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    keys = models.CharField(max_length=400, blank=True, db_index=True)
    file = models.FileField(upload_to=answer_file_path, storage=private_storage, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=50, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["question__position", "question_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.display()}"

    def display(self) -> str:
        """The answer as text in the user's language (a file: its name)."""
        kind = self.question.kind
        if kind == Question.Kind.FILE:
            return self.original_name
        if kind in Question.FILTERABLE_KINDS:
            labels = dict(self.question.choice_items())
            chosen = self.value if isinstance(self.value, list) else [self.value]
            if kind == Question.Kind.YES_NO:
                chosen = ["yes" if self.value else "no"] if self.value is not None else []
            return pgettext("list separator", ", ").join(labels.get(k, k) for k in chosen)
        return "" if self.value is None else str(self.value)

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
