from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy


class TermQuerySet(models.QuerySet):
    def current(self, on: date | None = None) -> "TermQuerySet":
        """Terms running on the day (today by default): begun and not yet ended."""
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)

    def past(self, on: date | None = None) -> "TermQuerySet":
        return self.filter(ends_on__lt=on or timezone.localdate())


class Term(models.Model):
    """A member organisation holding a council position through its named delegate, from a
    date to a date (an open end: until replaced)."""

    class Position(models.TextChoices):
        CHAIR = "chair", pgettext_lazy("council position", "Chair")
        VICE_CHAIR = "vice_chair", pgettext_lazy("council position", "Vice-chair")
        SECRETARY_GENERAL = (
            "secretary_general",
            pgettext_lazy("council position", "Secretary-general"),
        )
        DEPUTY_SECRETARY_GENERAL = (
            "deputy_secretary_general",
            pgettext_lazy("council position", "Deputy secretary-general"),
        )
        STANDING_DIRECTOR = (
            "standing_director",
            pgettext_lazy("council position", "Standing director"),
        )
        DIRECTOR = "director", pgettext_lazy("council position", "Director")
        CHIEF_SUPERVISOR = "chief_supervisor", pgettext_lazy("council position", "Chief supervisor")
        SUPERVISOR = "supervisor", pgettext_lazy("council position", "Supervisor")

    # Positions one holder at a time: a second term overlapping another holder's is refused.
    SINGLE_HOLDER = frozenset(
        {Position.CHAIR, Position.SECRETARY_GENERAL, Position.CHIEF_SUPERVISOR}
    )

    position = models.CharField(_("position"), max_length=32, choices=Position.choices)
    member = models.ForeignKey(
        "members.Member",
        on_delete=models.PROTECT,
        related_name="council_terms",
        verbose_name=_("member organisation"),
    )
    delegate = models.CharField(_("delegate"), max_length=50)
    delegate_title = models.CharField(
        _("delegate's job title"), max_length=100, blank=True, help_text=_("e.g. 校长, 总经理")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Leave empty while the term runs on.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("council term")
        verbose_name_plural = _("council terms")
        ordering = ["-starts_on", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="council_term_ends_after_start",
            ),
            # On every database: one open-ended term per single-holder position. PostgreSQL
            # also refuses any overlap of dates (an exclusion constraint, migration 0002).
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(ends_on__isnull=True)
                & Q(position__in=["chair", "secretary_general", "chief_supervisor"]),
                name="council_single_holder_one_open_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.member} {self.delegate}"

    @property
    def is_single_holder(self) -> bool:
        return self.position in self.SINGLE_HOLDER

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def overlapping_holders(self) -> "TermQuerySet":
        """Other terms of this position whose dates meet this one's (both ends included)."""
        others = Term.objects.filter(position=self.position).exclude(pk=self.pk)
        others = others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))
        if self.ends_on is not None:
            others = others.filter(starts_on__lte=self.ends_on)
        return others

    def validate_constraints(self, exclude=None) -> None:
        # clean() names the other holder; the database constraint's own message would only
        # repeat it without the names.
        if self.is_single_holder and self.starts_on and self.overlapping_holders().exists():
            return
        super().validate_constraints(exclude=exclude)

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("The term cannot end before it begins.")}, code="term_dates"
            )
        if self.starts_on and self.is_single_holder:
            clash = self.overlapping_holders().select_related("member").first()
            if clash is not None:
                raise ValidationError(
                    _(
                        "Only one holder at a time: %(member)s (%(delegate)s) holds %(position)s "
                        "from %(start)s to %(end)s. End that term first."
                    )
                    % {
                        "member": clash.member.name,
                        "delegate": clash.delegate,
                        "position": clash.get_position_display(),
                        "start": clash.starts_on.isoformat(),
                        "end": clash.ends_on.isoformat()
                        if clash.ends_on
                        else pgettext("term end", "now"),
                    },
                    code="term_overlap",
                )
