import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from vetgroup import ratelimit
from vetgroup.pagination import Paginator
from vetgroup.permissions import check, permission_required
from vetgroup.redirects import redirect_to_next
from vetgroup.spreadsheets import xlsx_response
from vetgroup.uploads import download_response

from . import exports, posters, services
from .forms import ApplicationForm, DocumentForm, IntakeForm, ReasonForm
from .models import Application, Document, DocumentKind, Intake, Notification
from .permissions import can_see_document, reviewable_applications, reviewable_intakes
from .selectors import (
    flag_duplicates,
    funnel_rows,
    intakes_with_funnel,
    personal_data_of,
    review_queue,
    with_duplicate_flag,
    with_own_application,
)

S = Application.Status
PAGE_SIZES = ("50", "100", "200")


# --- Public ---------------------------------------------------------------------------------


def intake_list(request):
    intakes = with_own_application(Intake.objects.public(), request.user)
    return render(request, "enrollment/intake_list.html", {"intakes": intakes})


def intake_detail(request, pk: int):
    intake = get_object_or_404(Intake.objects.public(), pk=pk)
    [intake] = with_own_application([intake], request.user)
    return render(request, "enrollment/intake_detail.html", {"intake": intake})


# --- Applicant ------------------------------------------------------------------------------


def _own_application(request, pk: int) -> Application:
    """The user's own application; 404 for anyone else's (staff use the review pages)."""
    return get_object_or_404(
        Application.objects.select_related("intake").prefetch_related("documents"),
        pk=pk,
        applicant=request.user,
    )


@login_required
def applicant_home(request):
    applications = request.user.applications.select_related("intake").order_by("-created_at")
    notices = Notification.objects.filter(recipient=request.user).select_related(
        "event__application__intake"
    )[:10]
    return render(
        request,
        "enrollment/applicant_home.html",
        {
            "applications": applications,
            "notices": notices,
            "open_intakes": with_own_application(
                Intake.objects.open_now().order_by("closes_at"), request.user
            ),
        },
    )


@login_required
@sensitive_post_parameters("id_number", "phone")
def application_start(request, intake_pk: int):
    intake = get_object_or_404(Intake, pk=intake_pk)
    [intake] = with_own_application([intake], request.user)
    if intake.mine:
        messages.info(request, services.ALREADY_REGISTERED)
        return redirect("applicant_application", pk=intake.mine.pk)
    if not intake.is_open():
        messages.error(request, _("Registration for this intake is not open."))
        return redirect("intake_list")
    if not ratelimit.allowed(request, "application_submit"):
        return ratelimit.too_many(request)
    # A number verified by SMS code at sign-up is the form's default phone.
    form = ApplicationForm(request.POST or None, initial={"phone": request.user.verified_mobile})
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                applicant=request.user, intake=intake, **form.cleaned_data
            )
        except services.EnrollmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your draft is saved. Now upload your documents."))
            return redirect("applicant_application", pk=application.pk)
    return render(request, "enrollment/application_form.html", _form_context(form, intake))


@login_required
@sensitive_post_parameters("id_number", "phone")
def application_edit(request, pk: int):
    application = _own_application(request, pk)
    if not application.is_editable:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("applicant_application", pk=pk)
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_update(
                application=application, actor=request.user, **form.cleaned_data
            )
        except services.EnrollmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("applicant_application", pk=pk)
    return render(
        request,
        "enrollment/application_form.html",
        _form_context(form, application.intake, application),
    )


def _form_context(form, intake: Intake, application: Application | None = None) -> dict:
    labels = {
        "birth": _("Birth date"),
        "male": _("Male"),
        "female": _("Female"),
        "bad": _("This ID number is not valid: check it again."),
    }
    return {"form": form, "intake": intake, "application": application, "id_labels": labels}


@login_required
def application_page(request, pk: int):
    application = _own_application(request, pk)
    Notification.objects.filter(
        recipient=request.user, event__application=application, read_at__isnull=True
    ).update(read_at=timezone.now())
    return render(
        request,
        "enrollment/application_page.html",
        _application_context(application, DocumentForm(initial=_next_kind(application))),
    )


def _next_kind(application: Application) -> dict:
    missing = application.missing_document_kinds
    return {"kind": missing[0]} if missing else {}


def _application_context(application: Application, document_form: DocumentForm) -> dict:
    kinds = dict(DocumentKind.choices)
    documents = {d.kind: d for d in application.documents.all()}
    checklist = [
        (kind, kinds.get(kind, kind), documents.get(kind))
        for kind in application.intake.document_kinds
    ]
    extra = [d for kind, d in documents.items() if kind not in application.intake.document_kinds]
    return {
        "application": application,
        "intake": application.intake,
        "checklist": checklist,
        "extra_documents": extra,
        "document_form": document_form,
        "events": application.events.select_related("actor"),
    }


@login_required
@require_POST
def document_upload(request, pk: int):
    application = _own_application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_upload(
                application=application,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except services.EnrollmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The document is uploaded."))
            return redirect("applicant_application", pk=pk)
    application = _own_application(request, pk)
    return render(
        request,
        "enrollment/application_page.html",
        _application_context(application, form),
        status=400,
    )


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    application = _own_application(request, pk)
    service = services.APPLICANT_ACTIONS.get(action)
    if service is None:
        raise Http404
    if action == "submit" and not ratelimit.allowed(request, "application_submit"):
        return ratelimit.too_many(request)
    try:
        service(application=application, actor=request.user)
    except services.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your application is submitted.") if action == "submit" else _("Withdrawn."),
        )
    return redirect("applicant_application", pk=pk)


@login_required
def document_file(request, pk: int):
    """A document for its owner or a reviewer with the document permission (logged); a reviewer
    without it gets 403 naming the role, anyone else 404."""
    document = get_object_or_404(Document.objects.select_related("application"), pk=pk)
    if not can_see_document(request.user, document):
        if reviewable_applications(request.user).filter(pk=document.application_id).exists():
            check(request.user, "personal.documents")
        raise Http404
    if document.application.applicant_id != request.user.pk:
        services.personal_data_access_record(
            user=request.user, application=document.application, what=f"document:{document.kind}"
        )
    response = download_response(
        document.file, filename=document.original_name, content_type=document.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# The download's keys stay the same in every language (programs read them); "labels" says in
# the user's language what each one is.
MY_DATA_LABELS = {
    "user": _lazy("Account"),
    "username": _lazy("User name"),
    "email": _lazy("E-mail"),
    "applications": _lazy("Applications"),
    "intake": _lazy("Intake"),
    "full_name": _lazy("Full name"),
    "id_number": _lazy("Resident ID number"),
    "phone": _lazy("Mobile phone"),
    "education": _lazy("Education"),
    "employer": _lazy("Employer"),
    "address": _lazy("Address"),
    "status": _lazy("Status (code)"),
    "status_display": _lazy("Status"),
    "status_reason": _lazy("Reason given"),
    "submitted_at": _lazy("Submitted at"),
    "created_at": _lazy("Started at"),
    "documents": _lazy("Documents"),
    "kind": _lazy("Document type (code)"),
    "kind_display": _lazy("Document type"),
    "file_name": _lazy("File name"),
    "size": _lazy("Size (bytes)"),
    "history": _lazy("History"),
    "at": _lazy("When"),
    "from": _lazy("From status"),
    "to": _lazy("To status"),
    "reason": _lazy("Reason"),
}


@login_required
def my_data(request):
    """Everything enrollment holds about the user, as JSON (PIPL right of access)."""
    data = {
        "labels": {key: str(label) for key, label in MY_DATA_LABELS.items()},
        **personal_data_of(request.user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="my-enrollment-data.json"'
    return response


# --- Staff ----------------------------------------------------------------------------------


@permission_required("enrollment.view")
def staff_enrollment(request):
    intakes = list(intakes_with_funnel(reviewable_intakes(request.user)))
    return render(
        request,
        "enrollment/staff/intakes.html",
        {"rows": [(intake, funnel_rows(intake)) for intake in intakes]},
    )


@permission_required("enrollment.manage")
def staff_intake_edit(request, pk: int | None = None):
    intake = get_object_or_404(Intake, pk=pk) if pk else None
    form = IntakeForm(request.POST or None, instance=intake)
    if request.method == "POST" and form.is_valid():
        intake = form.save()
        messages.success(request, _("The intake is saved."))
        return redirect("staff_enrollment")
    return render(request, "enrollment/staff/intake_form.html", {"form": form, "intake": intake})


@permission_required("enrollment.manage")
@require_POST
def staff_intake_delete(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    # one with applications: 409, see vetgroup.middleware.RefusedDeleteMiddleware
    services.intake_delete(intake=intake, by=request.user)
    messages.success(request, _("The intake is deleted."))
    return redirect("staff_enrollment")


@permission_required("enrollment.view")
def staff_queue(request):
    queue = review_queue(request.GET, reviewable_applications(request.user))
    per_page = request.GET.get("per_page", "50")
    per_page = int(per_page) if per_page in PAGE_SIZES else 50
    page = Paginator(queue.qs, per_page).get_page(request.GET.get("page"))
    flag_duplicates(page.object_list)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enrollment/staff/queue.html",
        {
            "status_tabs": _status_tabs(queue.data),
            "filter": queue,
            "page": page,
            "params": params.urlencode(),
            "per_page": per_page,
            "page_sizes": PAGE_SIZES,
        },
    )


def _status_tabs(params) -> list[tuple[str, str, bool]]:
    """Links to the queue of each status (and of all), keeping the other filters."""
    later = [(value, label) for value, label in S.choices if value not in (S.DRAFT, S.SUBMITTED)]
    tabs = []
    for value, label in [(S.SUBMITTED, _("Awaiting a decision")), *later, ("", _("All"))]:
        query = params.copy()
        query.pop("page", None)
        query["status"] = value
        tabs.append((label, "?" + query.urlencode(), params.get("status") == value))
    return tabs


@permission_required("enrollment.decide")
@require_POST
def staff_bulk(request):
    action = request.POST.get("action")
    if action not in ("approve", "reject"):
        raise Http404
    ids = [int(i) for i in request.POST.getlist("selected") if i.isdigit()]
    reason = request.POST.get("reason", "")
    if not ids:
        messages.error(request, _("Select at least one application."))
    elif action == "reject" and not reason.strip():
        messages.error(request, _("Give the applicants a reason for the rejection."))
    else:
        applications = list(
            reviewable_applications(request.user).filter(pk__in=ids).order_by("submitted_at", "pk")
        )
        done, failed = services.applications_bulk_decide(
            applications=applications, actor=request.user, action=action, reason=reason
        )
        if done:
            messages.success(request, _("%(n)d applications done.") % {"n": len(done)})
        for application, why in failed:
            messages.error(request, f"{application.full_name}: {why}")
    return redirect_to_next(request, "staff_queue")


@permission_required("enrollment.view")
def staff_application(request, pk: int):
    application = get_object_or_404(
        with_duplicate_flag(reviewable_applications(request.user).select_related("applicant")),
        pk=pk,
    )
    context = _application_context(application, DocumentForm())
    reveal = request.GET.get("reveal") == "1"
    if reveal:
        check(request.user, "personal.reveal")
        services.personal_data_access_record(
            user=request.user, application=application, what="id_number_and_phone"
        )
    duplicates = (
        reviewable_applications(request.user)
        .filter(Q(id_number_hash=application.id_number_hash) | Q(phone_hash=application.phone_hash))
        .exclude(pk=application.pk)
        .select_related("intake")
    )
    context.update(
        reveal=reveal,
        reason_form=ReasonForm(),
        duplicates=duplicates,
        access_log=application.access_log[:10],
    )
    return render(request, "enrollment/staff/application.html", context)


@permission_required("enrollment.decide")
@require_POST
def staff_application_action(request, pk: int, action: str):
    application = get_object_or_404(reviewable_applications(request.user), pk=pk)
    service = services.STAFF_ACTIONS.get(action)
    if service is None:
        raise Http404
    kwargs = {"reason": request.POST.get("reason", "")} if action in ("reject", "return") else {}
    try:
        service(application=application, actor=request.user, **kwargs)
    except services.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done: the applicant is notified."))
    return redirect("staff_application", pk=pk)


@permission_required("enrollment.view")
def staff_intake_qr(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    response = HttpResponse(posters.qr_png(intake), content_type="image/png")
    response["Content-Disposition"] = (
        f'attachment; filename="{posters.poster_filename(intake, "png")}"'
    )
    return response


@permission_required("enrollment.view")
def staff_intake_poster(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    response = HttpResponse(posters.poster_pdf(intake), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{posters.poster_filename(intake, "pdf")}"'
    )
    return response


@permission_required("enrollment.view", "personal.export")
def staff_roster(request, pk: int):
    intake = get_object_or_404(reviewable_intakes(request.user), pk=pk)
    filename, _content_type, content = exports.roster_xlsx(intake=intake, user=request.user)
    return xlsx_response(filename, content)
