"""Data-call deadlines for the calendar (core.calendar): staff who read reports see every
open call; a member's representative the calls its member returns figures to."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.calendar import Entry
from core.roles import has_permission

from .models import DataCall


def deadline_entries(user, start, end) -> list[Entry]:
    calls = DataCall.objects.filter(status=DataCall.Status.OPEN, deadline__range=(start, end))
    if has_permission(user, "reports.view"):
        url = "staff_datacall_detail"
    else:
        calls = calls.filter(returns__member__representatives__user=user).distinct()
        url = None
    return [
        Entry(
            uid=f"datacalls-deadline-{call.pk}",
            title=str(call),
            start=call.deadline,
            kind=_("Data call deadline"),
            url=reverse(url, args=[call.pk]) if url else reverse("member_returns"),
        )
        for call in calls
    ]
