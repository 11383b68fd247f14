"""Intake windows for the calendar (core.calendar): staff who review applications see
every intake; an applicant sees the intakes applied to."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.calendar import Entry, day_range
from core.roles import has_permission

from .models import Intake


def intake_entries(user, start, end) -> list[Entry]:
    first, last = day_range(start, end)
    staff = has_permission(user, "enrollment.view")
    intakes = Intake.objects.all() if staff else Intake.objects.filter(applications__applicant=user)
    entries = []
    for moment, what, kind in (
        ("opens_at", "opens", _("Intake opens")),
        ("closes_at", "closes", _("Intake closes")),
    ):
        found = intakes.filter(**{f"{moment}__gte": first, f"{moment}__lt": last}).distinct()
        entries += [
            Entry(
                uid=f"enrollment-intake-{what}-{intake.pk}",
                title=intake.programme,
                start=getattr(intake, moment),
                kind=kind,
                url=reverse("intake_detail", args=[intake.pk]),
            )
            for intake in found
        ]
    return entries
