from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.datacache import cached
from core.permissions import dashboard_required, permission_required
from partnerships.models import AGREEMENT_EXPIRY_NOTICE_DAYS
from partnerships.selectors import members_without_recent_signing, plan_progress

from . import selectors
from .api import report_file_response
from .dashboard import dashboard_cards
from .forms import ReportDraftForm, YearFreezeForm
from .models import FIRST_YEAR, AnnualReportJob, ReportDraft, YearSnapshot
from .services import (
    ReportError,
    annual_report_retry,
    annual_report_start,
    latest_year,
    report_draft_save,
    year_freeze,
)
from .snapshots import section_title

HEADLINE_CODES = (
    "members_total",
    "members_enterprise",
    "projects_total",
    "students_order_class",
    "students_internship",
    "enrollment_registered",
)


@dashboard_required
def dashboard(request):
    year = _year(request) if request.GET.get("year") else latest_year()
    # One read of the snapshots and one live count for the years shown, not one per widget.
    snapshots = selectors.latest_snapshots()
    # A year's figures read whole tables: cached until a record changes (core.datacache).
    indicators, trend = cached(
        "dashboard", lambda: _dashboard_figures(year, snapshots), year, latest_year(),
        *sorted(s.pk for s in snapshots.values()),
    )  # fmt: skip
    return render(
        request,
        "reports/dashboard.html",
        {
            "year": year,
            "latest_with_data": selectors.year_without_data(indicators),
            "indicators": indicators,
            "headline": [indicators.by_code[code] for code in HEADLINE_CODES],
            "investment": indicators.by_code["investment_cny"],
            **_dashboard_widgets(year, indicators, trend),
            "cards": dashboard_cards(year, request.user),
            "today": timezone.localdate(),
            "years": range(latest_year(), FIRST_YEAR - 1, -1),
        },
    )


def _dashboard_figures(year: int, snapshots: dict) -> tuple:
    figures = selectors.figures_for({year, year - 1, latest_year()}, snapshots)
    indicators = selectors.year_indicators(year, snapshots, figures)
    return indicators, selectors.year_trend(latest_year(), snapshots, figures)


def _dashboard_widgets(year: int, indicators, trend) -> dict:
    """The charts and short lists around the headline figures."""
    return {
        "members_by_kind": selectors.members_by_kind_chart(indicators),
        "members_joined": selectors.members_joined_per_year(year),
        "projects_chart": selectors.projects_by_kind_and_status(),
        "funnel": selectors.enrollment_funnel_chart(indicators),
        "trend_chart": selectors.trend_chart(trend),
        "expiring": selectors.expiring_agreements(),
        "expiring_days": AGREEMENT_EXPIRY_NOTICE_DAYS,
        "quiet": cached(
            "quiet-members",
            lambda: list(members_without_recent_signing(years=2)[:10]),
            timezone.localdate(),
        ),
        "plan": plan_progress(year),
    }


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return selectors.default_report_year()
    return min(max(year, FIRST_YEAR), latest_year())


def _page(request, year: int, form: ReportDraftForm | None = None):
    draft = ReportDraft.objects.filter(year=year).first() or ReportDraft(year=year)
    indicators = selectors.year_indicators(year)
    versions = selectors.report_versions(year)
    return render(
        request,
        "reports/report_page.html",
        {
            "year": year,
            "years": range(latest_year(), FIRST_YEAR - 1, -1),
            "latest_with_data": selectors.year_without_data(indicators),
            "draft": draft,
            "form": form or ReportDraftForm(instance=draft),
            "indicators": indicators,
            "figures": {i.code: i.value for i in indicators.indicators},
            "versions": versions,
            "active_job": next((job for job in versions if job.is_active), None),
        },
        status=400 if form is not None else 200,
    )


@permission_required("reports.view")
def report_page(request):
    return _page(request, _year(request))


def _back(year: int):
    return redirect(f"{reverse('staff_reports')}?year={year}")


@permission_required("reports.change")
@require_POST
def report_draft(request, year: int):
    form = ReportDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The texts were not saved: please correct the marked fields."))
        return _page(request, year, form)
    try:
        fields = {name: form.cleaned_data[name] for name in ReportDraftForm.Meta.fields}
        report_draft_save(
            year=year,
            user=request.user,
            fields=fields,
            seen_version=form.cleaned_data["version"],
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return _page(request, year, form)
    messages.success(request, _("The report texts for %(year)s were saved.") % {"year": year})
    return _back(year)


@permission_required("reports.change")
@require_POST
def report_generate(request, year: int):
    try:
        job, created = annual_report_start(
            year=year, user=request.user, language=request.LANGUAGE_CODE
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return _back(selectors.default_report_year())
    if created:
        messages.success(request, _("The %(year)s report is being generated.") % {"year": year})
    else:
        messages.info(
            request, _("The %(year)s report is already being generated.") % {"year": year}
        )
    return _back(year)


@permission_required("reports.change")
@require_POST
def report_retry(request, pk: int):
    job = get_object_or_404(AnnualReportJob, pk=pk)
    try:
        job = annual_report_retry(job=job)
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The report is being generated again."))
    return _back(job.year)


@permission_required("reports.view")
def report_file(request, pk: int, fmt: str):
    return report_file_response(get_object_or_404(AnnualReportJob, pk=pk), fmt)


@permission_required("reports.view")
def network(request):
    year = _year(request) if request.GET.get("year") else timezone.localdate().year
    return render(
        request,
        "reports/network.html",
        {
            "year": year,
            "years": range(latest_year(), FIRST_YEAR - 1, -1),
            "network": selectors.cooperation_network(year),
        },
    )


# --- frozen years (issue 9)


def _freeze_form_years() -> range:
    return range(latest_year(), FIRST_YEAR - 1, -1)


def _frozen_years_page(request, form: YearFreezeForm | None = None):
    years = selectors.frozen_years(latest_year())
    if form is None:
        unfrozen = next((y.year for y in years if not y.versions and y.year < latest_year()), None)
        form = YearFreezeForm(
            years=_freeze_form_years(),
            initial={"year": unfrozen or selectors.default_report_year()},
        )
    return render(
        request,
        "reports/frozen_years.html",
        {"years": years, "form": form},
        status=400 if form.is_bound else 200,
    )


@permission_required("reports.view")
def frozen_years(request):
    return _frozen_years_page(request)


@permission_required("reports.change")
@require_POST
def year_freeze_view(request):
    form = YearFreezeForm(request.POST, years=_freeze_form_years())
    if not form.is_valid():
        messages.error(request, _("The year was not frozen: please correct the marked fields."))
        return _frozen_years_page(request, form)
    try:
        snapshot = year_freeze(
            year=form.cleaned_data["year"], by=request.user, reason=form.cleaned_data["reason"]
        )
    except ReportError as exc:
        messages.error(request, str(exc))
        return _frozen_years_page(request, form)
    messages.success(
        request,
        _("%(year)s is frozen as version %(version)s.")
        % {"year": snapshot.year, "version": snapshot.version},
    )
    return redirect("staff_year_snapshot", year=snapshot.year, version=snapshot.version)


@permission_required("reports.view")
def year_snapshot(request, year: int, version: int):
    snapshot = get_object_or_404(
        YearSnapshot.objects.select_related("created_by"), year=year, version=version
    )
    previous = selectors.previous_version(snapshot)
    versions = YearSnapshot.objects.filter(year=year).defer("indicators", "sections")
    return render(
        request,
        "reports/year_snapshot.html",
        {
            "snapshot": snapshot,
            "previous": previous,
            "changes": selectors.snapshot_diff(snapshot, previous) if previous else None,
            "indicators": selectors.indicator_figures(snapshot),
            "sections": [
                (section_title(name), figures, len(snapshot.sections[name].get("records") or []))
                for name, figures in selectors.section_figures(snapshot).items()
            ],
            "versions": versions.order_by("-version"),
            "is_latest": not versions.filter(version__gt=version).exists(),
            "form": YearFreezeForm(years=_freeze_form_years(), initial={"year": year}),
        },
    )


@permission_required("reports.view")
def trends(request):
    trend = selectors.year_trend(latest_year())
    return render(
        request,
        "reports/trends.html",
        {
            "trend": trend,
            "trend_chart": selectors.trend_chart(trend),
            "rows": selectors.year_on_year(trend),
        },
    )


def open_data(request):
    """The group's approved figures, public: the latest version of each frozen year, one year
    at a time (readable on a phone), with the change from the year before."""
    snapshots = list(selectors.open_data_years())
    by_year = {s.year: s for s in snapshots}
    try:
        shown = by_year.get(int(request.GET.get("year", "")))
    except ValueError:
        shown = None
    shown = shown or (snapshots[0] if snapshots else None)
    previous = by_year.get(shown.year - 1) if shown else None
    rows = selectors.open_data_rows([s for s in (shown, previous) if s])
    return render(
        request,
        "reports/open_data.html",
        {
            "snapshots": snapshots,
            "shown": shown,
            "previous": previous,
            "rows": [
                (row, row.values[0], _change(row.values) if previous else None) for row in rows
            ],
        },
    )


def _change(values: list):
    shown, before = values
    return None if shown is None or before is None else shown - before
