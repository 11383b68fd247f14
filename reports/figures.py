"""The one door for a year's figures: frozen years from their latest snapshot, the others live.

The indicators' values (year_figures, figures_for), the indicators with the year before
(year_indicators: the report, the export and the dashboard) and the year's snapshot all come from
here; the detail rows come from reports.records.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef

from .indicators import (
    DEFINITIONS,
    AnnualIndicators,
    Indicator,
    Number,
    indicator_values,
    members_by_region,
)
from .models import YearSnapshot
from .records import YearRecords


def year_snapshot(year: int) -> YearSnapshot | None:
    """The year's latest frozen version, or None while the year is not frozen (one query)."""
    return (
        YearSnapshot.objects.filter(year=year)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )


def year_figures(year: int) -> dict[str, Number]:
    """The year's indicator values: from its latest snapshot once frozen (one query, whatever
    the data size), live from reports.indicators otherwise."""
    snapshot = year_snapshot(year)
    if snapshot is not None:
        return snapshot.figures()
    return indicator_values([year])[year]


def latest_versions():
    """The latest version of each frozen year (the approved figures)."""
    newer = YearSnapshot.objects.filter(year=OuterRef("year"), version__gt=OuterRef("version"))
    # The records (every detail row of the year) are read only by what shows them.
    return YearSnapshot.objects.filter(~Exists(newer)).defer("records")


def latest_snapshots(years: Iterable[int] | None = None) -> dict[int, YearSnapshot]:
    """The latest version of each frozen year, by year (one query)."""
    rows = latest_versions().select_related("created_by")
    if years is not None:
        rows = rows.filter(year__in=list(years))
    return {snapshot.year: snapshot for snapshot in rows}


def figures_for(
    years: Iterable[int], snapshots: dict[int, YearSnapshot], known: dict[int, dict] | None = None
) -> dict[int, dict]:
    """Each year's indicator values: frozen years from their snapshot (no query), the others
    live (three queries for all of them) unless `known` has them already."""
    years, known = set(years), known or {}
    live_years = [year for year in years if year not in snapshots and year not in known]
    figures = indicator_values(live_years) if live_years else {}
    figures.update({y: known[y] for y in years if y in known and y not in snapshots})
    figures.update({y: s.figures() for y, s in snapshots.items() if y in years})
    return figures


def year_indicators(
    year: int,
    snapshots: dict[int, YearSnapshot] | None = None,
    figures: dict[int, dict] | None = None,
) -> AnnualIndicators:
    """The year's indicators with the year before, as the report, the export and the dashboard
    show them: read from the latest snapshot of a frozen year, live otherwise. A page that
    also needs other years passes what it has read already."""
    if snapshots is None:
        snapshots = latest_snapshots([year, year - 1])
    if figures is None:
        figures = figures_for([year, year - 1], snapshots)
    indicators = [
        Indicator(d.code, d.name, figures[year].get(d.code, 0), figures[year - 1].get(d.code, 0))
        for d in DEFINITIONS
    ]
    snapshot = snapshots.get(year)
    return AnnualIndicators(year, indicators, _regions(year, snapshot), snapshot=snapshot)


def _regions(year: int, snapshot: YearSnapshot | None) -> list[tuple[str, int]]:
    """Members by region: from the frozen members' records, live in one grouped query."""
    if snapshot is not None and "members" in (snapshot.records or {}).get("records", {}):
        return YearRecords(year, snapshot).members_by_region()
    return members_by_region(year)
