"""The calendar's registry: what is coming for a user, gathered from the apps.

Each app registers a source in its AppConfig.ready(): `source(user, start, end)` returns the
entries of the dates from `start` to `end` (dates, both included) that concern the user (staff
by role, a member's representative its member's items, an applicant its intake). The calendar
page and the private iCal feed read `entries_for`; no app imports a higher one.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.functional import Promise


@dataclass(frozen=True)
class Entry:
    uid: str  # stable across feeds: "<app>-<what>-<pk>"
    title: str
    start: date | datetime
    end: date | datetime | None = None
    kind: str | Promise = ""
    url: str = ""  # a path in the portal
    location: str = ""

    @property
    def day(self) -> date:
        return (
            timezone.localtime(self.start).date()
            if isinstance(self.start, datetime)
            else self.start
        )

    @property
    def sort_key(self) -> datetime:
        if isinstance(self.start, datetime):
            return self.start
        return timezone.make_aware(datetime.combine(self.start, time.min))


Source = Callable[[object, date, date], Iterable[Entry]]
_SOURCES: dict[str, Source] = {}


def register_source(name: str, source: Source) -> None:
    """Register (or replace: ready() may run more than once) the source called `name`."""
    _SOURCES[name] = source


def entries_for(user, start: date, end: date) -> list[Entry]:
    if not (user and user.is_authenticated and user.is_active):
        return []
    found = [entry for source in _SOURCES.values() for entry in source(user, start, end)]
    return sorted((e for e in found if start <= e.day <= end), key=lambda e: (e.sort_key, e.uid))


def day_range(start: date, end: date) -> tuple[datetime, datetime]:
    """The aware datetimes bounding the days from start to end (for DateTimeField filters)."""
    first = timezone.make_aware(datetime.combine(start, time.min))
    return first, timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))


def ical(entries: Iterable[Entry], *, name: str, base_url: str) -> bytes:
    """An iCalendar (RFC 5545) file of the entries; links are made absolute with base_url."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//vetgroup//calendar//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    now = timezone.now()
    for entry in entries:
        event = Event()
        event.add("uid", f"{entry.uid}@vetgroup")
        event.add("dtstamp", now)
        event.add("summary", f"{entry.kind}：{entry.title}" if entry.kind else entry.title)
        event.add("dtstart", entry.start)
        end = entry.end
        if end is None and not isinstance(entry.start, datetime):
            end = entry.start + timedelta(days=1)  # an all-day entry ends the next day
        if end is not None:
            event.add("dtend", end)
        if entry.location:
            event.add("location", entry.location)
        if entry.url:
            event.add("url", base_url.rstrip("/") + entry.url)
        calendar.add_component(event)
    return calendar.to_ical()
