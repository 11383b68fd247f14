from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.phones import mask_mobile


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat")
    WECOM = "wecom", _("WeCom")


class MessageQuerySet(models.QuerySet):
    def due(self, now) -> "MessageQuerySet":
        return self.filter(status=Message.Status.QUEUED).filter(
            models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now)
        )


class Message(models.Model):
    """One message to one recipient on one channel, recorded before it leaves.

    A sender claims it with a conditional UPDATE (queued -> sending), so no one gets a second
    copy; a message left in "sending" by a dead worker is shown as failed, never resent blindly.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BLOCKED = "blocked", _("Not sent: daily budget reached")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    # What it is for (notice, enrollment, invitation, code...): the SMS vendor's template.
    purpose = models.CharField(_("purpose"), max_length=30, blank=True)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    body = models.TextField(_("text"))
    html = models.TextField(blank=True)
    # [{"name": shown name, "path": name in the default storage}]
    attachments = models.JSONField(default=list, blank=True)
    # The SMS vendor's template variables (e.g. {"code": "123456"}).
    params = models.JSONField(default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Same key, same message: whoever queues it twice gets the first one back.
    key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    # Messages sent together (e.g. "notice:12"); a finished batch is reported to its owner.
    batch = models.CharField(max_length=64, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    vendor_id = models.CharField(_("vendor's message id"), max_length=100, blank=True)
    error = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient_masked}"

    @property
    def recipient_masked(self) -> str:
        return mask_mobile(self.recipient) if self.channel == Channel.SMS else self.recipient
