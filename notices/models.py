from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from partnerships.models import AGREEMENT_EXPIRY_NOTICE_DAYS

from .fields import RichTextField


class Kind(models.TextChoices):
    """What a notice is about; users switch e-mail on or off per kind."""

    ANNOUNCEMENT = "announcement", _("Announcement")
    EVENT = "event", _("Meeting or event")
    DATA_CALL = "data_call", _("Data call")
    REMINDER = "reminder", _("Reminder")


class Notice(models.Model):
    """A message from the secretariat to an audience (通知)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    class Response(models.TextChoices):
        NONE = "none", _("No response needed")
        RECEIPT = "receipt", _("Read receipt")
        REPLY = "reply", _("Reply form")

    title = models.CharField(_("title"), max_length=200)
    body = RichTextField(_("text"), help_text=_("Sanitised HTML."))
    kind = models.CharField(
        _("type"), max_length=16, choices=Kind.choices, default=Kind.ANNOUNCEMENT
    )
    audience = models.JSONField(_("audience"), default=dict, blank=True)
    response = models.CharField(
        _("response required"), max_length=8, choices=Response.choices, default=Response.NONE
    )
    reply_prompt = models.CharField(
        _("reply question"),
        max_length=200,
        blank=True,
        help_text=_('For a reply form, e.g. "Will you attend?"'),
    )
    # Channels staff chose; the in-portal inbox always gets the notice.
    by_email = models.BooleanField(_("by e-mail"), default=True)
    by_sms = models.BooleanField(_("by SMS"), default=False)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("all sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["created_at", "id"], name="notice_order_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.SCHEDULED)


class SavedAudience(models.Model):
    """An audience staff use again ("all enterprises in Chang'an", "order-class partners")."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    audience = models.JSONField(_("audience"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved audience")
        verbose_name_plural = _("saved audiences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"notices/{instance.notice_id}/{filename}"


class Attachment(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size"), default=0)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class DeliveryQuerySet(models.QuerySet):
    def for_inbox(self, user) -> "DeliveryQuerySet":
        """The user's notices, newest first: deliveries are created when their notice is
        released, so their ids follow the release order (and an index serves it)."""
        return self.filter(user=user).order_by("-pk")

    def in_state(self, status: str) -> "DeliveryQuerySet":
        if status == Delivery.Status.INBOX_ONLY:
            return self.filter(message__isnull=True)
        return self.filter(message__status=status)

    def unread(self) -> "DeliveryQuerySet":
        return self.filter(read_at__isnull=True)


class Delivery(models.Model):
    """One recipient of one notice: the inbox entry, with its e-mail (and text) in the outbox.

    Created for every recipient before anything is sent; the outbox claims each message with a
    conditional UPDATE (queued -> sending), so nobody gets a second copy.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        INBOX_ONLY = "inbox_only", _("Inbox only")

    class Reply(models.TextChoices):
        YES = "yes", _("Yes, confirmed")
        NO = "no", _("No, declined")

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    member = models.ForeignKey(
        "members.Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The e-mail and the text, in the outbox; no e-mail: the notice is in the inbox only.
    message = models.OneToOneField(
        "outbox.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.OneToOneField(
        "outbox.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    reply = models.CharField(_("reply"), max_length=8, choices=Reply.choices, blank=True)
    reply_text = models.TextField(_("comment"), blank=True)
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["user", "id"], name="delivery_inbox_idx"),
            # deliveries_claim looks the unclaimed ones up by address on every inbox visit
            models.Index(
                Upper("email"), condition=Q(user__isnull=True), name="delivery_unclaimed_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "user"],
                condition=Q(user__isnull=False),
                name="one_delivery_per_user",
            ),
            models.UniqueConstraint(
                fields=["notice", "email"],
                condition=~Q(email=""),
                name="one_delivery_per_email",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(email=""), name="delivery_has_a_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notice} → {self.name or self.email}"

    @property
    def status(self) -> str:
        """The e-mail's state: queued / sending / sent / failed, or inbox_only without one."""
        return self.message.status if self.message_id else self.Status.INBOX_ONLY

    def get_status_display(self) -> str:
        return self.Status(self.status).label

    @property
    def error(self) -> str:
        return self.message.error if self.message_id else ""

    @property
    def sent_at(self):
        return self.message.sent_at if self.message_id else None

    @property
    def state(self) -> str:
        """queued / sending / sent / failed / inbox_only, or read once the recipient opened it."""
        return "read" if self.read_at else self.status

    def mark_read(self) -> None:
        if self.read_at is None:
            Delivery.objects.filter(pk=self.pk, read_at__isnull=True).update(read_at=timezone.now())
            self.refresh_from_db(fields=["read_at"])


class Preference(models.Model):
    """Whether a user wants e-mail for one kind of notice (no row: yes). The inbox gets all."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    email = models.BooleanField(_("send e-mail"), default=True)
    # None: the default, SMS only for someone without an e-mail address.
    sms = models.BooleanField(_("send SMS"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind}={self.email}"


class ReminderType(models.TextChoices):
    PROFILE_STALE = "profile_stale", _("Member profile not updated for 12 months")
    AGREEMENT_EXPIRING = (
        "agreement_expiring",
        format_lazy(
            _("Cooperation agreement expiring within {days} days"),
            days=AGREEMENT_EXPIRY_NOTICE_DAYS,
        ),
    )
    DATA_CALL = "data_call", _("Yearly data call before the annual report")
    PLAN_TASK_LATE = "plan_task_late", _("Work-plan task past its deadline (to the lead member)")
    MEMBER_REVIEW = (
        "member_review",
        _("Yearly member review not confirmed, a week before its deadline"),
    )


class ReminderSetting(models.Model):
    """Switch for one automatic reminder type (no row: on)."""

    type = models.CharField(_("reminder"), max_length=32, choices=ReminderType.choices, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("reminder setting")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return self.get_type_display()

    @classmethod
    def is_enabled(cls, reminder_type: str) -> bool:
        row = cls.objects.filter(type=reminder_type).first()
        return row.enabled if row else True


class ReminderLog(models.Model):
    """One reminder that went out; the unique key keeps it from going out twice."""

    type = models.CharField(_("reminder"), max_length=32, choices=ReminderType.choices)
    key = models.CharField(_("key"), max_length=100)
    notice = models.ForeignKey(Notice, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["type", "key"], name="one_reminder_per_key")]

    def __str__(self) -> str:
        return f"{self.type} {self.key}"
