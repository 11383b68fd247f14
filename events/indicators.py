"""The events of a year and their attendance, as annual indicators (reports.indicators) and a
section of a frozen year (reports.snapshots), registered in EventsConfig.ready().

- `events_total`, `events_<kind>`: published events starting in the year.
- `events_attendance`: people checked in at those events.
"""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Event

LABELS = {
    "events_total": _("Meetings and events held"),
    **{
        f"events_{value}": format_lazy(_("Events: {kind}"), kind=label)
        for value, label in Event.Kind.choices
    },
    "events_attendance": _("Attendance at meetings and events (people checked in)"),
}
SECTION_LABELS = {**LABELS, "events": _("Meetings and events")}


def indicator_values(years: list[int]) -> dict[int, dict[str, int]]:
    """One query whatever the years: each event with the people checked in."""
    if not years:
        return {}
    rows = (
        Event.objects.published()
        .filter(starts_at__year__in=years)
        .annotate(came=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)))
        .values_list("starts_at", "kind", "came")
    )
    kinds = {year: dict.fromkeys(Event.Kind.values, 0) for year in years}
    came = dict.fromkeys(years, 0)
    for starts_at, kind, people in rows:
        year = timezone.localtime(starts_at).year
        kinds[year][kind] += 1
        came[year] += people
    return {
        year: {
            "events_total": sum(kinds[year].values()),
            **{f"events_{kind}": n for kind, n in kinds[year].items()},
            "events_attendance": came[year],
        }
        for year in years
    }


def collect_events(year: int) -> dict:
    events = (
        Event.objects.published()
        .in_year(year)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status="confirmed")),
            came=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )
    )
    records = [
        {
            "title": e.title,
            "kind": e.kind,
            "starts_at": e.starts_at.isoformat(),
            "place": e.where,
            "registered": e.registered,
            "checked_in": e.came,
        }
        for e in events.order_by("starts_at", "id")
    ]
    return {"totals": indicator_values([year])[year], "records": records}


def events_narrative(year: int, data: dict) -> list[str]:
    totals = data.get("totals") or {}
    if not totals.get("events_total"):
        return []
    return [
        gettext(
            "In %(year)s the group held %(total)s meetings and events (council meetings: "
            "%(council)s, seminars: %(seminars)s, trainings: %(trainings)s, competitions: "
            "%(competitions)s, open days: %(open_days)s); %(came)s people attended."
        )
        % {
            "year": year,
            "total": totals["events_total"],
            "council": totals.get("events_council_meeting", 0),
            "seminars": totals.get("events_seminar", 0),
            "trainings": totals.get("events_training", 0),
            "competitions": totals.get("events_competition", 0),
            "open_days": totals.get("events_open_day", 0),
            "came": totals.get("events_attendance", 0),
        }
    ]


def register() -> None:
    from reports.indicators import Definition, register_indicators
    from reports.snapshots import register_snapshot_section

    register_indicators(
        "events", [Definition(code, name) for code, name in LABELS.items()], indicator_values
    )
    register_snapshot_section("events", collect_events, SECTION_LABELS, events_narrative)
