import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import pgettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from core import ratelimit
from core.pagination import Paginator
from core.permissions import check, permission_required
from core.privacy import mask_name
from core.redirects import redirect_to_next
from core.spreadsheets import xlsx_response
from core.uploads import download_response

from . import exports, letters, posters, questions, services
from .forms import (
    AnswersForm,
    ApplicationForm,
    DocumentForm,
    IntakeForm,
    QuestionForm,
    ReasonForm,
)
from .models import (
    AdmissionLetter,
    Answer,
    Application,
    ApplicationEvent,
    Document,
    DocumentKind,
    Intake,
    Notification,
    Question,
    holding_place,
    waiting,
)
from .permissions import (
    can_see_answer_file,
    can_see_document,
    reviewable_applications,
    reviewable_intakes,
)
from .selectors import (
    WAITLISTED,
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
    answers = AnswersForm(request.POST or None, request.FILES or None, intake=intake)
    if request.method == "POST" and all([form.is_valid(), answers.is_valid()]):
        try:
            with transaction.atomic():
                application = services.application_create(
                    applicant=request.user, intake=intake, **form.cleaned_data
                )
                questions.answers_save(
                    application=application, answers=answers.answers_by_question()
                )
        except services.EnrollmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your draft is saved. Now upload your documents."))
            return redirect("applicant_application", pk=application.pk)
    return render(
        request, "enrollment/application_form.html", _form_context(form, intake, answers=answers)
    )


@login_required
@sensitive_post_parameters("id_number", "phone")
def application_edit(request, pk: int):
    application = _own_application(request, pk)
    if not application.is_editable:
        messages.error(request, _("This application can no longer be changed."))
        return redirect("applicant_application", pk=pk)
    form = ApplicationForm(request.POST or None, instance=application)
    answers = AnswersForm(
        request.POST or None,
        request.FILES or None,
        intake=application.intake,
        application=application,
    )
    if request.method == "POST" and all([form.is_valid(), answers.is_valid()]):
        try:
            with transaction.atomic():
                services.application_update(
                    application=application, actor=request.user, **form.cleaned_data
                )
                questions.answers_save(
                    application=application, answers=answers.answers_by_question()
                )
        except services.EnrollmentError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("applicant_application", pk=pk)
    return render(
        request,
        "enrollment/application_form.html",
        _form_context(form, application.intake, application, answers=answers),
    )


def _form_context(
    form, intake: Intake, application: Application | None = None, *, answers: AnswersForm
) -> dict:
    labels = {
        "birth": _("Birth date"),
        "male": _("Male"),
        "female": _("Female"),
        "bad": _("This ID number is not valid: check it again."),
    }
    return {
        "form": form,
        "answers_form": answers,
        "multipart": any(q.kind == Question.Kind.FILE for q in answers.questions),
        "intake": intake,
        "application": application,
        "id_labels": labels,
    }


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
        "waitlist_actions": ApplicationEvent.WAITLIST_LABELS,
        "letter": AdmissionLetter.objects.filter(application=application).first(),
        "answers": application.answers.select_related("question"),
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
        done = {
            "submit": _("Your application is submitted."),
            "withdraw": _("Withdrawn."),
            "accept": _("You accepted the place: your application is approved."),
        }
        messages.success(request, done[action])
    return redirect("applicant_application", pk=pk)


@login_required
def application_letter(request, pk: int):
    """The applicant's own admission letter (PDF), once enrolled and while it is valid."""
    application = _own_application(request, pk)
    letter = AdmissionLetter.objects.filter(
        application=application, revoked_at__isnull=True
    ).first()
    if letter is None:
        raise Http404
    return _pdf_response(letters.letter_pdf(letter), letters.letter_filename(letter))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def letter_verify(request, token: str):
    """Public: is this admission letter genuine? Valid, revoked or unknown; a masked name only."""
    letter = (
        AdmissionLetter.objects.select_related("application__intake__school")
        .filter(token=token)
        .first()
    )
    context = {"letter": letter}
    if letter is not None:
        context["masked_name"] = mask_name(letter.application.full_name)
    return render(request, "enrollment/letter_verify.html", context, status=200 if letter else 404)


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
    "ethnicity": _lazy("Ethnic group"),
    "political_status": _lazy("Political status"),
    "household_region": _lazy("Household registration"),
    "previous_school": _lazy("Previous school"),
    "answers": _lazy("Questions of this intake"),
    "question": _lazy("Question"),
    "answer": _lazy("Answer"),
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
        services.intake_places_offer(intake=intake)  # a quota raised frees places
        messages.success(request, _("The intake is saved."))
        return redirect("staff_enrollment")
    return render(request, "enrollment/staff/intake_form.html", {"form": form, "intake": intake})


@permission_required("enrollment.manage")
@require_POST
def staff_intake_delete(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    # one with applications: 409, see core.middleware.RefusedDeleteMiddleware
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
    waiting = (WAITLISTED, _("On the waiting list"))
    for value, label in [(S.SUBMITTED, _("Awaiting a decision")), waiting, *later, ("", _("All"))]:
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
        waitlisted = [a for a in done if a.on_waitlist]
        if len(done) > len(waitlisted):
            n = len(done) - len(waitlisted)
            messages.success(request, _("%(n)d applications done.") % {"n": n})
        if waitlisted:
            messages.warning(
                request,
                _("The quota is full: %(n)d put on the waiting list, in this order.")
                % {"n": len(waitlisted)},
            )
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
        application = service(application=application, actor=request.user, **kwargs)
    except services.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        if application.on_waitlist:
            messages.warning(
                request,
                _("The quota is full: put on the waiting list at position %(n)d.")
                % {"n": application.waitlist_position},
            )
        else:
            messages.success(request, _("Done: the applicant is notified."))
    return redirect("staff_application", pk=pk)


@permission_required("enrollment.decide")
@require_POST
def staff_letter_revoke(request, pk: int):
    application = get_object_or_404(reviewable_applications(request.user), pk=pk)
    letter = get_object_or_404(AdmissionLetter, application=application)
    try:
        services.letter_revoke(letter=letter, actor=request.user, reason=request.POST.get("reason"))
    except services.EnrollmentError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The admission letter is revoked."))
    return redirect("staff_application", pk=pk)


@permission_required("enrollment.view")
def staff_waitlist(request, pk: int):
    intake = get_object_or_404(reviewable_intakes(request.user), pk=pk)
    queue = list(intake.applications.filter(waiting()).order_by("waitlist_rank", "pk"))
    offered = intake.applications.filter(
        status=S.SUBMITTED, offer_expires_at__isnull=False
    ).order_by("offer_expires_at", "pk")
    moves = (
        ApplicationEvent.objects.filter(application__intake=intake, action="waitlist_move")
        .select_related("application", "actor")
        .order_by("-created_at")[:20]
    )
    return render(
        request,
        "enrollment/staff/waitlist.html",
        {
            "intake": intake,
            "waiting": list(enumerate(queue, start=1)),
            "offered": offered,
            "moves": moves,
            "taken": intake.applications.filter(holding_place()).count(),
        },
    )


@permission_required("enrollment.decide")
@require_POST
def staff_waitlist_move(request, pk: int):
    intake = get_object_or_404(reviewable_intakes(request.user), pk=pk)
    chosen = request.POST.get("application", "")
    application = intake.applications.filter(pk=int(chosen) if chosen.isdigit() else 0).first()
    if application is None:
        messages.error(request, _("This application is not on the waiting list."))
        return redirect("staff_waitlist", pk=pk)
    position = request.POST.get("position", "")
    try:
        if not position.strip().isdigit():
            raise services.EnrollmentError(_("Give the new position as a whole number."))
        services.waitlist_move(
            application=application,
            actor=request.user,
            position=int(position),
            reason=request.POST.get("reason", ""),
        )
    except services.EnrollmentError as error:
        separator = pgettext("label separator", ": ")
        messages.error(request, f"{application.full_name}{separator}{error.message}")
    else:
        messages.success(
            request, _("The waiting list's order is changed (recorded with the reason).")
        )
    return redirect("staff_waitlist", pk=pk)


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


# The bulk print needs personal.export, as the roster does: it puts every enrolled applicant's
# name in one file that leaves the portal, and is recorded as an export.
@permission_required("enrollment.view", "personal.export")
def staff_intake_letters(request, pk: int):
    intake = get_object_or_404(reviewable_intakes(request.user), pk=pk)
    intake_letters = list(letters.intake_letters(intake))
    if not intake_letters:
        messages.error(request, _("No admission letter yet: nobody is enrolled in this intake."))
        return redirect("staff_enrollment")
    services.letters_export_record(user=request.user, letters=intake_letters)
    return _pdf_response(
        letters.letters_pdf(intake_letters), f"intake-{intake.pk}-admission-letters.pdf"
    )


@login_required
def answer_file(request, pk: int):
    """A file answering a question: for its owner, or a reviewer with the document permission
    (logged); a reviewer without it gets 403 naming the role, anyone else 404."""
    answer = get_object_or_404(Answer.objects.select_related("application").exclude(file=""), pk=pk)
    if not can_see_answer_file(request.user, answer):
        if reviewable_applications(request.user).filter(pk=answer.application_id).exists():
            check(request.user, "personal.documents")
        raise Http404
    if answer.application.applicant_id != request.user.pk:
        services.personal_data_access_record(
            user=request.user,
            application=answer.application,
            what=f"document:q{answer.question_id}",
        )
    response = download_response(
        answer.file, filename=answer.original_name, content_type=answer.content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Staff: the intake's own questions --------------------------------------------------------


@permission_required("enrollment.manage")
def staff_questions(request, pk: int):
    intake = get_object_or_404(Intake, pk=pk)
    last = intake.questions.order_by("-position").values_list("position", flat=True).first()
    new = Question(intake=intake, position=1 if last is None else last + 1)
    form = QuestionForm(request.POST or None, instance=new)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The question is added."))
        return redirect("staff_questions", pk=pk)
    rows = intake.questions.annotate(n_answers=Count("answers"))
    return render(
        request,
        "enrollment/staff/questions.html",
        {"intake": intake, "questions": rows, "form": form},
    )


@permission_required("enrollment.manage")
def staff_question_edit(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, intake_id=pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The question is saved."))
        return redirect("staff_questions", pk=pk)
    return render(
        request,
        "enrollment/staff/question_form.html",
        {"intake": question.intake, "question": question, "form": form},
    )


@permission_required("enrollment.manage")
@require_POST
def staff_question_delete(request, pk: int, question_pk: int):
    question = get_object_or_404(Question, pk=question_pk, intake_id=pk)
    if questions.question_delete(question=question):
        messages.success(request, _("The question is deleted."))
    else:
        messages.info(
            request,
            _(
                "Applicants have answered this question: it is no longer asked, and the "
                "answers are kept."
            ),
        )
    return redirect("staff_questions", pk=pk)
