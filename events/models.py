import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _ticket_code() -> str:
    return secrets.token_hex(8).upper()


def document_path(instance: "Event", filename: str) -> str:
    return f"events/{instance.pk}/{filename}"


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(published=True)

    def in_year(self, year: int) -> "EventQuerySet":
        return self.filter(starts_at__year=year)

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")


class Event(models.Model):
    """A council meeting, seminar, training, competition or open day (会议与活动)."""

    class Kind(models.TextChoices):
        COUNCIL_MEETING = "council_meeting", _("Council meeting")
        SEMINAR = "seminar", _("Seminar")
        TRAINING = "training", _("Training")
        COMPETITION = "competition", _("Competition")
        OPEN_DAY = "open_day", _("Open day")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # A notice audience (notices.selectors); empty: every logged-in user may register.
    audience = models.JSONField(_("audience"), default=dict, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)
    minutes = models.FileField(_("minutes"), upload_to=document_path, blank=True)
    resolutions = models.FileField(_("resolutions"), upload_to=document_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(online_url=""), name="event_has_place_or_link"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The event cannot end before it starts.")
        closes = self.registration_closes_at
        if closes and self.starts_at and closes > self.starts_at:
            errors["registration_closes_at"] = _("Registration must close before the event starts.")
        if not self.place and not self.online_url:
            errors["place"] = _("Give the place or the online link.")
        if errors:
            raise ValidationError(errors)

    @property
    def registration_open(self) -> bool:
        now = timezone.now()
        closes = self.registration_closes_at or self.starts_at
        return self.published and now < closes

    @property
    def where(self) -> str:
        return self.place or self.online_url


class RegistrationQuerySet(models.QuerySet):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.WAITING).order_by("pk")

    def of_user(self, user) -> "RegistrationQuerySet":
        return self.filter(Q(user=user) | Q(registered_by=user))


class Registration(models.Model):
    """One person coming to an event: themselves, or a delegate a member's representative named."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # The person attending when they registered themselves (no member).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("mobile"), max_length=20, blank=True)
    position = models.CharField(_("position"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    code = models.CharField(_("check-in code"), max_length=16, unique=True, default=_ticket_code)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("promoted at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(member__isnull=True) & ~Q(status="cancelled"),
                name="one_registration_per_person",
            ),
            models.UniqueConstraint(
                fields=["event", "member", "name"],
                condition=Q(member__isnull=False) & ~Q(status="cancelled"),
                name="one_registration_per_delegate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event}：{self.name}"


class CalendarFeed(models.Model):
    """A user's private iCal feed: the token in its address, renewed to shut out old copies."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    renewed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
