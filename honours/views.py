from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pagination import page_of
from core.permissions import permission_required
from core.roles import has_permission
from core.uploads import download_response

from . import selectors, services
from .forms import AwardForm
from .models import Accreditation, Award
from .permissions import can_view_chains, represented_member_ids
from .readiness import TARGET, readiness


def honours(request):
    """The public honours page: confirmed awards, highest level first."""
    page = page_of(request, selectors.confirmed_highest_first())
    return render(
        request, "honours/public.html", {"levels": selectors.by_level(page), "page": page}
    )


def _record(request, *, member_ids, done: str, base_template: str = "base.html"):
    form = AwardForm(request.POST or None, request.FILES or None, member_ids=member_ids)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k not in ("members", "people")}
        try:
            services.award_record(
                by=request.user,
                fields=fields,
                members=list(form.cleaned_data["members"]),
                people=list(form.cleaned_data["people"]),
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The award was recorded."))
            return redirect(done)
    return render(
        request, "honours/award_form.html", {"form": form, "base_template": base_template}
    )


@login_required
def member_awards(request):
    member_ids = represented_member_ids(request.user)
    if not member_ids:
        raise Http404
    awards = selectors.awards_of_members(member_ids)
    return render(request, "honours/member_awards.html", {"awards": awards})


@login_required
def member_award_create(request):
    member_ids = represented_member_ids(request.user)
    if not member_ids:
        raise Http404
    return _record(request, member_ids=member_ids, done="member_awards")


@permission_required("members.view")
def staff_award_list(request):
    awards = Award.objects.select_related("trained_by", "recorded_by").prefetch_related(
        "members", "people"
    )
    pending = awards.filter(status=Award.Status.PENDING).order_by("created_at")
    return render(
        request,
        "honours/staff_awards.html",
        {
            "pending": page_of(request, pending, param="pending_page"),
            "confirmed": page_of(request, awards.confirmed()),
        },
    )


@permission_required("members.change")
def staff_award_create(request):
    return _record(
        request, member_ids=None, done="staff_award_list", base_template="layouts/staff.html"
    )


@permission_required("members.change")
@require_POST
def staff_award_confirm(request, pk: int):
    award = get_object_or_404(Award, pk=pk)
    try:
        services.award_confirm(award=award, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The award is confirmed and shown on the honours page."))
    return redirect("staff_award_list")


@login_required
def award_evidence(request, pk: int):
    """The evidence file: for staff and the representatives of the winning members."""
    award = get_object_or_404(Award, pk=pk)
    own = set(represented_member_ids(request.user))
    winners = {m.pk for m in award.members.all()}
    allowed = has_permission(request.user, "members.view") or own & winners
    if not allowed or not award.evidence:
        raise Http404
    return download_response(award.evidence, filename=award.evidence.name.rsplit("/", 1)[-1])


@login_required
def chain_map(request):
    if not can_view_chains(request.user):
        raise Http404
    base = "layouts/staff.html" if has_permission(request.user, "members.view") else "base.html"
    return render(
        request,
        "honours/chain_map.html",
        {"chains": selectors.chain_maps(), "base_template": base},
    )


@permission_required("reports.view")
def accreditation_readiness(request):
    """The next accreditation's conditions, green or red, with the figure and where to fix it."""
    results = readiness()
    return render(
        request,
        "honours/readiness.html",
        {
            "target": TARGET,
            "results": results,
            "missing": sum(1 for r in results if not r.met),
            "accreditations": Accreditation.objects.all(),
        },
    )
