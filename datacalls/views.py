from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import Paginator
from core.permissions import permission_required
from core.roles import has_permission
from members.models import Member

from . import selectors, services
from .forms import CloseForm, DataCallForm, QualityForm, ReturnForm, SendBackForm, SettleForm
from .models import DataCall, MemberReturn, ProjectFigure
from .permissions import get_return_for_user

PAGE_SIZE = 50


# --- staff -----------------------------------------------------------------------------------


@permission_required("reports.view")
def call_list(request):
    calls = list(DataCall.objects.all())
    progress = selectors.calls_progress(calls)
    rows = [(call, progress[call.pk]) for call in calls]
    return render(request, "datacalls/staff_call_list.html", {"rows": rows})


@permission_required("reports.change")
def call_create(request):
    form = DataCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.data_call_open(by=request.user, **form.cleaned_data)
        except services.DataCallError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("The data call is open: %(count)s members were asked for their figures.")
                % {"count": call.returns.count()},
            )
            return redirect("staff_datacall_detail", call.pk)
    return render(request, "datacalls/staff_call_form.html", {"form": form})


@permission_required("reports.view")
def call_detail(request, pk: int):
    call = get_object_or_404(DataCall, pk=pk)
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    page = Paginator(selectors.call_returns(call, status, kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "datacalls/staff_call_detail.html",
        {
            "call": call,
            "progress": selectors.call_progress(call),
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": MemberReturn.Status.choices,
            "kinds": Member.Kind.choices,
            "late_ids": set(selectors.late_returns(call).values_list("pk", flat=True)),
            "disagreements": selectors.disagreements(call),
        },
    )


@permission_required("reports.change")
def call_close(request, pk: int):
    call = get_object_or_404(DataCall, pk=pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = services.data_call_close(
                call=call, by=request.user, confirm_missing=form.cleaned_data["confirm_missing"]
            )
        except services.ReturnsMissing as error:
            form.add_error("confirm_missing", error.message)
        except services.DataCallError as error:
            messages.error(request, error.message)
            return redirect("staff_datacall_detail", call.pk)
        else:
            messages.success(
                request,
                _("The data call is closed and %(year)s is frozen as version %(version)s.")
                % {"year": call.year, "version": call.snapshot_version},
            )
            return redirect("staff_datacall_detail", call.pk)
    return _close_page(request, call, form)


def _close_page(request, call: DataCall, form: CloseForm):
    progress = selectors.call_progress(call)
    unsettled = call.figures.unsettled().count()
    context = {"call": call, "form": form, "progress": progress, "unsettled": unsettled}
    return render(request, "datacalls/staff_call_close.html", context)


@permission_required("reports.view")
def return_detail(request, pk: int):
    member_return = get_object_or_404(
        MemberReturn.objects.select_related("call", "member", "submitted_by", "reviewed_by"), pk=pk
    )
    return render(
        request,
        "datacalls/staff_return_detail.html",
        {
            "r": member_return,
            "values": _values(member_return),
            "figures": services.figures_of(member_return),
            "send_back_form": SendBackForm(),
        },
    )


def _values(member_return: MemberReturn) -> list[tuple[str, object]]:
    return [(selectors.field_label(f), getattr(member_return, f), f) for f in member_return.fields]


@permission_required("reports.change")
@require_POST
def return_accept(request, pk: int):
    member_return = get_object_or_404(MemberReturn, pk=pk)
    try:
        services.return_accept(member_return=member_return, by=request.user)
    except services.DataCallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The return is accepted."))
    return redirect("staff_return_detail", pk)


@permission_required("reports.change")
@require_POST
def return_send_back(request, pk: int):
    member_return = get_object_or_404(MemberReturn, pk=pk)
    form = SendBackForm(request.POST)
    try:
        services.return_send_back(
            member_return=member_return,
            by=request.user,
            comments=form.data.get("comments", ""),
        )
    except services.DataCallError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The return was sent back to the member with your comments."))
    return redirect("staff_return_detail", pk)


@permission_required("reports.change")
def figure_settle(request, pk: int):
    figure = get_object_or_404(
        ProjectFigure.objects.select_related("call", "project", "school", "enterprise"), pk=pk
    )
    initial = {"value": figure.settled_value if figure.is_settled else figure.recorded_value}
    form = SettleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.figure_settle(figure=figure, by=request.user, **form.cleaned_data)
        except services.DataCallError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The figure is settled."))
            return redirect("staff_datacall_detail", figure.call_id)
    return render(request, "datacalls/staff_figure_settle.html", {"figure": figure, "form": form})


@permission_required("reports.view")
def data_quality(request, year: int):
    form = QualityForm(request.GET or None)
    threshold = selectors.JUMP_THRESHOLD
    if form.is_bound and form.is_valid() and form.cleaned_data["threshold"]:
        threshold = form.cleaned_data["threshold"]
    report = selectors.quality_report(year, threshold)
    if report["call"] is None:
        raise Http404
    return render(
        request,
        "datacalls/staff_quality.html",
        {"year": year, "form": form, "threshold": threshold, **report},
    )


# --- the member area -------------------------------------------------------------------------


@login_required
def member_returns(request):
    """The returns of the members the user represents (staff open them from the call page)."""
    if (
        not has_permission(request.user, "reports.view")
        and not request.user.representations.exists()
    ):
        raise Http404
    returns = (
        MemberReturn.objects.filter(member__representatives__user=request.user)
        .select_related("call", "member")
        .order_by("-call__year", "member__name")
    )
    return render(request, "datacalls/member_return_list.html", {"returns": returns})


@login_required
def member_return_edit(request, pk: int):
    member_return = get_return_for_user(request.user, pk)
    own = member_return.member.representatives.filter(user=request.user).exists()
    figures = list(services.figures_of(member_return))
    initial = selectors.suggestions(member_return) if member_return.status == "not_started" else {}
    form = ReturnForm(
        request.POST or None, instance=member_return, initial=initial, figures=figures
    )
    if not (own and member_return.is_editable):
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST":
        if not own or not member_return.is_editable:
            messages.error(request, _("This return can no longer be changed."))
            return redirect("member_return_edit", pk)
        if form.is_valid():
            done = _save_or_submit(request, member_return, form)
            if done:
                return redirect("member_return_edit", pk)
        else:
            messages.error(request, _("Please correct the marked fields: nothing was saved."))
    return render(
        request,
        "datacalls/member_return_form.html",
        {"r": member_return, "form": form, "own": own, "prefilled": bool(initial)},
    )


def _save_or_submit(request, member_return: MemberReturn, form: ReturnForm) -> bool:
    values, figure_values = form.values(), form.figure_values()
    try:
        if request.POST.get("action") == "submit":
            services.return_submit(
                member_return=member_return,
                by=request.user,
                values=values,
                figure_values=figure_values,
            )
            messages.success(request, _("Thank you: your return is submitted to the secretariat."))
        else:
            services.return_save(
                member_return=member_return,
                by=request.user,
                values=values,
                figure_values=figure_values,
            )
            messages.success(request, _("Saved as a draft."))
    except services.DataCallError as error:
        messages.error(request, error.message)
        return False
    return True
