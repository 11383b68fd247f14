import math

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vetgroup.phones import mask_mobile

# Vendors count a text in parts: 70 characters for one, 67 each once it is longer.
SINGLE_PART, MULTI_PART = 70, 67


def sms_parts(text: str) -> int:
    length = len(text)
    return 1 if length <= SINGLE_PART else math.ceil(length / MULTI_PART)


class SmsMessage(models.Model):
    """One text message, recorded before it leaves: what for, to whom, and what became of it."""

    class Purpose(models.TextChoices):
        CODE = "code", _("Verification code")
        ACCOUNT_EXISTS = "account_exists", _("Account already exists")
        NOTICE = "notice", _("Notice")
        ENROLLMENT = "enrollment", _("Application status")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BLOCKED = "blocked", _("Not sent: daily budget reached")

    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    phone = models.CharField(_("mobile phone"), max_length=11)
    text = models.TextField(_("text"))
    # The vendor's template variables (e.g. {"code": "123456"}).
    params = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    vendor_id = models.CharField(_("vendor's message id"), max_length=100, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("text message")
        verbose_name_plural = _("text messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.phone_masked}"

    @property
    def phone_masked(self) -> str:
        return mask_mobile(self.phone)

    @property
    def parts(self) -> int:
        return sms_parts(self.text)
