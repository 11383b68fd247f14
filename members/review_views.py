"""Pages of the yearly review (年检) and the membership certificates."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.pdfs import absolute_url, qr_svg_data_uri, render_pdf
from core.permissions import permission_required

from . import reviews
from .forms import RejectForm, ReviewDecideForm, ReviewOpenForm
from .models import Certificate, Review, ReviewEntry
from .permissions import get_member_for_editor
from .services import MemberError

SHOWS = ("all", "silent", "confirmed", "undecided")


# --- member area ---------------------------------------------------------------------------


@login_required
def member_review(request, pk: int):
    """The representative's task: confirm the profile and contacts for the open review."""
    member = get_member_for_editor(request.user, pk)
    entry = reviews.open_entries_for([member.pk]).first() or (
        member.review_entries.select_related("review").order_by("-review__year").first()
    )
    if request.method == "POST":
        if entry is None:
            raise Http404
        try:
            reviews.review_confirm(entry=entry, by=request.user)
        except MemberError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Thank you: your confirmation has been recorded."))
        return redirect("member_review", member.pk)
    return render(
        request,
        "members/member_review.html",
        {
            "member": member,
            "entry": entry,
            "contacts": member.contacts.all(),
            "standing": reviews.in_good_standing(member),
            "today": timezone.localdate(),
        },
    )


@login_required
def member_certificate(request, pk: int):
    member = get_member_for_editor(request.user, pk)
    try:
        certificate = reviews.certificate_issue(member=member)
    except MemberError as exc:
        messages.error(request, str(exc))
        return redirect("member_review", member.pk)
    return certificate_pdf_response(certificate)


def certificate_pdf_response(certificate: Certificate) -> HttpResponse:
    url = absolute_url(certificate_path(certificate))
    pdf = render_pdf(
        "members/certificate_pdf.html",
        {"certificate": certificate, "qr": qr_svg_data_uri(url), "verify_url": url},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.number}.pdf"'
    return response


def certificate_path(certificate: Certificate) -> str:
    return reverse("certificate_verify", args=[certificate.token])


def certificate_verify(request, token: str):
    """Public: what the QR code on a certificate says today."""
    verification = reviews.certificate_verify(token)
    status = 404 if verification.state == Certificate.State.UNKNOWN else 200
    return render(request, "members/certificate_verify.html", {"v": verification}, status=status)


# --- back office ---------------------------------------------------------------------------


@permission_required("members.view")
def staff_review_list(request):
    today = timezone.localdate()
    form = ReviewOpenForm(initial={"year": today.year - 1, "deadline": today + timedelta(days=30)})
    return render(
        request,
        "members/staff_review_list.html",
        {"reviews": _with_counts(Review.objects.all()), "form": form},
    )


def _with_counts(queryset):
    return queryset.annotate(
        n_entries=Count("entries"),
        n_confirmed=Count("entries", filter=Q(entries__confirmed_at__isnull=False)),
        n_passed=Count("entries", filter=Q(entries__result=ReviewEntry.Result.PASSED)),
        n_warned=Count("entries", filter=Q(entries__result=ReviewEntry.Result.WARNED)),
        n_asked=Count("entries", filter=Q(entries__result=ReviewEntry.Result.ASKED_TO_LEAVE)),
    )


@permission_required("members.change")
@require_POST
def staff_review_open(request):
    form = ReviewOpenForm(request.POST)
    if form.is_valid():
        try:
            review = reviews.review_open(by=request.user, **form.cleaned_data)
        except MemberError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("The review of %(year)s is open for %(n)s members.")
                % {"year": review.year, "n": review.entries.count()},
            )
            return redirect("staff_review_detail", review.pk)
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("staff_review_list")


@permission_required("members.view")
def staff_review_detail(request, pk: int):
    review = get_object_or_404(_with_counts(Review.objects.all()), pk=pk)
    show = request.GET.get("show") if request.GET.get("show") in SHOWS else "all"
    entries = review.entries.select_related("member", "decided_by", "confirmed_by")
    if show == "silent":
        entries = entries.filter(confirmed_at__isnull=True)
    elif show == "confirmed":
        entries = entries.filter(confirmed_at__isnull=False)
    elif show == "undecided":
        entries = entries.filter(result=ReviewEntry.Result.PENDING)
    certificates = {
        c.member_id: c for c in Certificate.objects.filter(review=review).only("member", "number")
    }
    rows = [(entry, certificates.get(entry.member_id)) for entry in entries]
    return render(
        request,
        "members/staff_review_detail.html",
        {
            "review": review,
            "rows": rows,
            "show": show,
            "shows": SHOWS,
            "decide_form": ReviewDecideForm(),
            "revoke_form": RejectForm(),
            "is_open": review.is_open(),
        },
    )


@permission_required("members.change")
@require_POST
def staff_review_decide(request, pk: int):
    entry = get_object_or_404(ReviewEntry.objects.select_related("member"), pk=pk)
    form = ReviewDecideForm(request.POST)
    if form.is_valid():
        try:
            reviews.review_decide(entry=entry, by=request.user, **form.cleaned_data)
        except MemberError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s: %(result)s.")
                % {"name": entry.member.name, "result": entry.get_result_display()},
            )
    else:
        messages.error(request, _("Choose passed, warned or asked to leave."))
    return redirect("staff_review_detail", entry.review_id)


@permission_required("members.change")
@require_POST
def staff_review_remind(request, pk: int):
    review = get_object_or_404(Review, pk=pk)
    try:
        sent = reviews.review_remind(review=review)
    except MemberError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Reminders sent to %(n)s members that have not confirmed.") % {"n": sent}
        )
    return redirect(f"{redirect('staff_review_detail', review.pk).url}?show=silent")


@permission_required("members.change")
@require_POST
def staff_certificate_revoke(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    try:
        reviews.certificate_revoke(
            certificate=certificate, reason=request.POST.get("reason", ""), by=request.user
        )
    except MemberError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Certificate %(number)s is revoked.") % {"number": certificate.number}
        )
    return redirect("staff_review_detail", certificate.review_id)
