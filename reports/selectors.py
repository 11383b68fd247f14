"""Small reads for the dashboard and the report pages (the indicators live in indicators.py)."""

from datetime import date, timedelta

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import Member
from partnerships.models import Project

from .models import AnnualReportJob


def chart(labels: list, values: list) -> dict:
    """The shape static/js/charts.js draws."""
    return {"labels": [str(label) for label in labels], "values": values}


def members_by_kind_chart(indicators) -> dict:
    kinds = Member.Kind.choices
    return chart([label for kind, label in kinds], [indicators[f"members_{k}"] for k, lbl in kinds])


def members_joined_per_year(last_year: int, span: int = 10) -> dict:
    """Members joined in each of the last `span` years (one query)."""
    first_year = last_year - span + 1
    rows = dict(
        Member.objects.filter(joined_on__year__gte=first_year, joined_on__year__lte=last_year)
        .annotate(y=ExtractYear("joined_on"))
        .values_list("y")
        .annotate(n=Count("id"))
        .order_by()
    )
    years = list(range(first_year, last_year + 1))
    return chart(years, [rows.get(y, 0) for y in years])


def projects_by_kind_and_status() -> dict:
    """All projects by kind, one stacked series per status (one query)."""
    counts = {
        (kind, status): n
        for kind, status, n in Project.objects.values_list("kind", "status")
        .annotate(n=Count("id"))
        .order_by()
    }
    kinds = [k for k in Project.Kind.values if any(key[0] == k for key in counts)]
    labels = dict(Project.Kind.choices)
    return {
        "labels": [str(labels[k]) for k in kinds],
        "datasets": [
            {"label": str(label), "data": [counts.get((k, status), 0) for k in kinds]}
            for status, label in Project.Status.choices
        ],
    }


def enrollment_funnel_chart(indicators) -> dict:
    return chart(
        [_("Registered"), _("Approved"), _("Enrolled")],
        [
            indicators["enrollment_registered"],
            indicators["enrollment_approved"],
            indicators["enrollment_enrolled"],
        ],
    )


def expiring_agreements(days: int = 90, limit: int = 10) -> list[Project]:
    """Signed or running projects whose agreement ends within `days` (or ended unnoticed)."""
    today = timezone.localdate()
    return list(
        Project.objects.filter(
            status__in=[Project.Status.SIGNED, Project.Status.RUNNING],
            ends_on__isnull=False,
            ends_on__lte=today + timedelta(days=days),
        ).order_by("ends_on", "title")[:limit]
    )


def quiet_members(years: int = 2, limit: int = 10) -> list[Member]:
    """Current members with no project signed in the last `years` years, longest quiet first."""
    since = timezone.localdate() - timedelta(days=365 * years)
    return list(
        Member.objects.current()
        .annotate(
            last_project=Max("participations__project__signed_on"),
            recent=Count(
                "participations",
                filter=Q(participations__project__signed_on__gte=since),
            ),
        )
        .filter(recent=0, joined_on__lt=since)
        .order_by("last_project", "joined_on", "name")[:limit]
    )


def report_versions(year: int) -> list[AnnualReportJob]:
    return list(
        AnnualReportJob.objects.filter(year=year)
        .select_related("created_by")
        .order_by("-created_at", "-id")
    )


def default_report_year() -> int:
    """Last year: the summary is written early in the following year."""
    return date.today().year - 1
