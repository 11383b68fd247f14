"""The events a user may attend or runs, for the calendar (core.calendar)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.calendar import Entry, day_range

from .models import Event
from .permissions import can_view_event, is_events_staff


def event_entry(event: Event, *, staff: bool = False) -> Entry:
    url = reverse("staff_event_detail" if staff else "event_detail", args=[event.pk])
    return Entry(
        uid=f"events-event-{event.pk}",
        title=event.title,
        start=event.starts_at,
        end=event.ends_at,
        kind=event.get_kind_display(),
        url=url,
        location=event.where,
    )


def event_entries(user, start, end) -> list[Entry]:
    first, last = day_range(start, end)
    staff = is_events_staff(user)
    events = Event.objects.filter(starts_at__gte=first, starts_at__lt=last)
    entries = [event_entry(e, staff=staff) for e in events if can_view_event(user, e)]
    closing = Event.objects.filter(
        registration_closes_at__gte=first, registration_closes_at__lt=last
    )
    entries += [
        Entry(
            uid=f"events-registration-{e.pk}",
            title=e.title,
            start=e.registration_closes_at,
            kind=_("Registration closes"),
            url=reverse("event_detail", args=[e.pk]),
        )
        for e in closing
        if can_view_event(user, e)
    ]
    return entries
